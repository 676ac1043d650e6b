"""The Duplicate accounts page in practice mode: the seeded pairs, bulk review by keyboard,
decisions surviving a restart, one approved pair per account, the prevention report, and
the Overview chart."""

from __future__ import annotations

import asyncio
import csv
import io
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from test_ui_fixtures import run

from opiq_admin.app import build_context
from opiq_admin.services.config.paths import AppPaths
from opiq_admin.services.duplicates import review
from opiq_admin.services.duplicates.review import AMBIGUOUS, APPROVED, PROPOSED, REJECTED
from opiq_admin.services.journals import sync
from opiq_admin.ui.common.async_ops import OperationHost, ProgressIndicator
from opiq_admin.ui.duplicates.page import DuplicatesPage
from opiq_admin.ui.duplicates.review_model import ReviewModel
from opiq_admin.ui.overview.page import OverviewPage

SEEDED_PAIRS = 39
# Namesakes planted in the practice world: an old account with two about equal matches.
SEEDED_AMBIGUOUS = 2


def make_host(qtbot: Any) -> tuple[OperationHost, list[str]]:
    failures: list[str] = []
    progress = ProgressIndicator()
    qtbot.addWidget(progress)
    return OperationHost(progress, failures.append), failures


def open_page(qtbot: Any, ctx: Any) -> tuple[DuplicatesPage, list[str]]:
    host, failures = make_host(qtbot)
    page = DuplicatesPage(ctx, host)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    run(qtbot, page.reload())
    page.show()
    return page, failures


def wait_idle(qtbot: Any, page: DuplicatesPage) -> None:
    qtbot.waitUntil(lambda: not page.host.busy, timeout=10_000)


def statuses(page: DuplicatesPage) -> dict[tuple[str, str], str]:
    return {i.key: i.status for i in page.review.items}


def test_bulk_review_by_keyboard_survives_a_restart(qtbot: Any, qloop: Any,
                                                    tmp_path: Path) -> None:
    ctx = run(qtbot, build_context(AppPaths.under(tmp_path), force_practice=True))
    try:
        run(qtbot, ctx.sign_in_practice())
        page, failures = open_page(qtbot, ctx)
        panel = page.review
        assert len(panel.items) == SEEDED_PAIRS + SEEDED_AMBIGUOUS
        assert {i.status for i in panel.items} == {PROPOSED, AMBIGUOUS}
        assert panel.model.rowCount() == SEEDED_PAIRS + SEEDED_AMBIGUOUS
        # The first pair is shown at once, with what its old account leaves behind.
        qtbot.waitUntil(lambda: "Materials added" in panel.detail.toPlainText(),
                        timeout=10_000)
        assert "Stays behind in the old account" in panel.detail.toPlainText()

        approve = [panel.model.row_at(r).key for r in range(5)]
        panel.select_rows(list(range(5)))
        panel.table.setFocus()
        qtbot.keyClick(panel.table, Qt.Key.Key_A)
        qtbot.waitUntil(lambda: sum(s == APPROVED for s in statuses(page).values()) == 5,
                        timeout=10_000)
        wait_idle(qtbot, page)
        reject = [panel.model.row_at(r).key for r in (5, 6)]
        panel.select_rows([5, 6])
        qtbot.keyClick(panel.table, Qt.Key.Key_R)
        qtbot.waitUntil(lambda: sum(s == REJECTED for s in statuses(page).values()) == 2,
                        timeout=10_000)
        wait_idle(qtbot, page)
        panel.select_rows([5])
        qtbot.keyClick(panel.table, Qt.Key.Key_N)
        assert panel.note_dialog is not None
        panel.note_dialog.setTextValue("Õde, mitte sama õpilane")
        panel.note_dialog.accept()
        qtbot.waitUntil(lambda: any(i.note for i in panel.items), timeout=10_000)
        wait_idle(qtbot, page)
        assert not failures

        logged = run(qtbot, ctx.store.activity())
        assert sum(e.action == "review_approve" for e in logged) == 5
        assert sum(e.action == "review_reject" for e in logged) == 2
        assert [e.detail for e in logged if e.action == "review_note"] == [
            "Õde, mitte sama õpilane"]
    finally:
        run(qtbot, ctx.aclose())

    again = run(qtbot, build_context(AppPaths.under(tmp_path), force_practice=True))
    try:
        run(qtbot, again.sign_in_practice())
        page, _ = open_page(qtbot, again)
        after = statuses(page)
        assert {k for k, s in after.items() if s == APPROVED} == set(approve)
        assert {k for k, s in after.items() if s == REJECTED} == set(reject)
        noted = {i.key: i.note for i in page.review.items if i.note}
        assert noted == {reject[0]: "Õde, mitte sama õpilane"}
        # Filtering to what is left to review hides the decided pairs.
        box = page.review.status_box
        box.setCurrentIndex(box.findData("to_review"))
        assert page.review.model.rowCount() == SEEDED_PAIRS + SEEDED_AMBIGUOUS - 7
    finally:
        run(qtbot, again.aclose())


def test_an_account_is_in_one_approved_pair_only(qtbot: Any,
                                                practice_ctx: Any) -> None:
    page, _ = open_page(qtbot, practice_ctx)
    panel = page.review
    first, second = [i for i in panel.items if i.kind == "student"][:2]
    # A namesake candidate: the first pair's old account with the second pair's new one.
    rival = replace(first, new=second.new, found=AMBIGUOUS, score=0.62,
                    reasons=(*first.reasons, "another account fits about as well"))
    panel.show_review([*panel.items, rival])
    box = panel.status_box
    box.setCurrentIndex(box.findData(AMBIGUOUS))
    assert panel.model.rowCount() == 1 + SEEDED_AMBIGUOUS
    box.setCurrentIndex(0)

    def select(*keys: tuple[str, str]) -> None:
        panel.select_rows([n for n, i in enumerate(panel.model.visible_rows())
                           if i.key in keys])

    select(first.key)
    panel.approve_button.click()
    qtbot.waitUntil(lambda: statuses(page)[first.key] == APPROVED, timeout=10_000)
    wait_idle(qtbot, page)
    panel.notice.hide()
    select(rival.key, second.key)
    panel.approve_button.click()
    qtbot.waitUntil(lambda: statuses(page)[second.key] == APPROVED, timeout=10_000)
    wait_idle(qtbot, page)
    assert statuses(page)[rival.key] == AMBIGUOUS
    assert panel.notice.isVisible()
    assert "already in the approved pair" in panel.notice.text()
    assert first.old_name in panel.notice.text()
    saved = run(qtbot, practice_ctx.store.decisions())
    assert rival.key not in saved
    # Rejecting the pair that holds the account lets the rival be approved.
    select(first.key, second.key)
    panel.reject_button.click()
    qtbot.waitUntil(lambda: statuses(page)[second.key] == REJECTED, timeout=10_000)
    wait_idle(qtbot, page)
    select(rival.key)
    panel.approve_button.click()
    qtbot.waitUntil(lambda: statuses(page)[rival.key] == APPROVED, timeout=10_000)
    assert [p["old"] for p in panel.approved_student_pairs()] == [rival.old.id]


def test_filters_and_formula_safe_export(qtbot: Any, practice_ctx: Any,
                                         tmp_path: Path) -> None:
    page, _ = open_page(qtbot, practice_ctx)
    panel = page.review
    teachers = [i for i in panel.items if i.kind == "teacher"]
    assert teachers
    panel.kind_box.setCurrentIndex(panel.kind_box.findData("teacher"))
    assert panel.model.rowCount() == len(teachers)
    panel.select_rows([0])
    panel.decide(panel.selected(), None, '=HYPERLINK("http://x")')
    qtbot.waitUntil(lambda: any(i.note for i in panel.items), timeout=10_000)
    wait_idle(qtbot, page)
    school = panel.items[0].school
    panel.school_box.setCurrentIndex(panel.school_box.findData(school))
    panel.min_score.setValue(0.99)
    shown = panel.model.visible_rows()
    assert all(i.kind == "teacher" and i.school == school and round(i.score, 2) >= 0.99
               for i in shown)
    target = tmp_path / "pairs.csv"
    op = panel.export(target)
    qtbot.waitUntil(lambda: op.task is not None and op.task.done(), timeout=10_000)
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig")),
                               delimiter=";"))
    assert [r["old_id"] for r in rows] == [i.old.id for i in shown]
    noted = [r for r in rows if r["note"]]
    assert noted and all(r["note"].startswith("'=") for r in noted)


def test_prevention_report_lists_journals_not_yet_transferred(
        qtbot: Any, practice_ctx: Any) -> None:
    page, failures = open_page(qtbot, practice_ctx)
    untransferred = {j.title for j in run(qtbot, sync(practice_ctx)).untransferred}
    page.tabs.setCurrentIndex(1)
    prevention = page.prevention
    qtbot.waitUntil(lambda: prevention.loaded, timeout=20_000)
    assert not failures
    assert prevention.items
    assert {i.journal for i in prevention.items} <= untransferred
    schools = {r.school for r in prevention.school_model.rows()}
    assert schools == {i.school for i in prevention.items}
    assert sum(r.people for r in prevention.school_model.rows()) >= len(
        {i.account_id for i in prevention.items})
    text = prevention.copy_letters()
    assert QGuiApplication.clipboard().text() == text
    assert "Lisa liidestus" in text
    assert prevention.items[0].person in text
    prevention.school_table.selectRow(0)
    first_school = prevention.school_model.row_at(0).school
    assert {i.school for i in prevention.model.visible_rows()} == {first_school}


def test_overview_chart_has_bars_per_school_and_counts_the_remedied(
        qtbot: Any, practice_ctx: Any) -> None:
    host, failures = make_host(qtbot)
    overview = OverviewPage(practice_ctx, host)
    qtbot.addWidget(overview)
    run(qtbot, overview.reload())
    chart = overview.chart
    schools = [c.school for c in chart.counts]
    assert chart.categories() == schools
    assert sorted(schools) == sorted(r.name for r in overview.model.rows())
    assert all(bar.count() == len(schools) for bar in chart.sets.values())
    before = {c.school: c for c in chart.counts}
    assert sum(c.in_pairs for c in before.values()) == 2 * SEEDED_PAIRS
    # Approve one student pair and take the old account's student role away: remedied.
    loaded = run(qtbot, review.load(practice_ctx))
    pair = next(i for i in loaded.items if i.kind == "student")
    run(qtbot, review.record(practice_ctx, [pair], APPROVED))
    run(qtbot, practice_ctx.opiq.client.remove_role(pair.school_id, pair.old.id, "student"))
    run(qtbot, overview.reload())
    after = {c.school: c for c in chart.counts}
    assert after[pair.school].remedied == 1
    assert after[pair.school].in_pairs == before[pair.school].in_pairs - 2
    assert not failures


def test_review_model_passes_the_model_tester(qtbot: Any, qtmodeltester: Any,
                                              practice_ctx: Any) -> None:
    loaded = run(qtbot, review.load(practice_ctx))
    model = ReviewModel()
    model.set_rows(loaded.items)
    qtmodeltester.check(model)
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole) is not None


def test_remedy_button_opens_the_dialog_with_approved_student_pairs(
        qtbot: Any, practice_ctx: Any) -> None:
    pytest.importorskip("opiq_admin.ui.remediation.dialog")
    page, _ = open_page(qtbot, practice_ctx)
    panel = page.review
    panel.open_remedy()
    assert "no approved student pairs" in panel.notice.text()
    students = [n for n, i in enumerate(panel.model.visible_rows()) if i.kind == "student"]
    panel.select_rows(students[:2])
    panel.approve_selected()
    qtbot.waitUntil(lambda: len(panel.approved_student_pairs()) == 2, timeout=10_000)
    wait_idle(qtbot, page)
    dialog = panel.open_remedy()
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: not page.host.busy, timeout=20_000)
    dialog.close()
    run(qtbot, asyncio.sleep(0))
