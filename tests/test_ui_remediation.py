"""The remedy window on practice data: the preview changes nothing; a run confirmed by a
person holds the invariants; a stopped run is offered at start and finished; the report is
written safe for spreadsheets."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from test_remediation import approve, ground_truth_scan, invariants
from test_ui_fixtures import run

from opiq_admin.services.accounts import list_accounts
from opiq_admin.services.csvsafe import csv_document as report_csv
from opiq_admin.services.remediation import engine as remediation
from opiq_admin.ui.common.async_ops import OperationHost, ProgressIndicator
from opiq_admin.ui.remediation.dialog import RemediationDialog, open_remediation
from opiq_admin.ui.remediation.resume import ResumeOffer, offer_resume


class Host:
    """A bare window with an operation host: what the main window hands the dialog."""

    def __init__(self, qtbot: Any) -> None:
        self.window = QWidget()
        qtbot.addWidget(self.window)
        self.failures: list[str] = []
        self.host = OperationHost(ProgressIndicator(self.window), self.failures.append,
                                  self.window)


def planned(qtbot: Any, dialog: RemediationDialog) -> None:
    qtbot.waitUntil(lambda: dialog.plan is not None and not dialog.host.busy, timeout=20_000)


def confirm_guard_and_run(qtbot: Any, dialog: RemediationDialog) -> QMessageBox:
    assert dialog.plan is not None and dialog.plan.guard(), "practice data trips the guard"
    assert dialog.guard_box.isVisible()
    assert not dialog.run_button.isEnabled(), "over the guard, Run waits for the checkbox"
    dialog.guard_check.setChecked(True)
    qtbot.waitUntil(dialog.run_button.isEnabled, timeout=10_000)
    dialog.run_button.click()
    box = dialog.confirm_box
    assert box is not None and box.isVisible()
    return box


def accept(box: QMessageBox) -> None:
    [yes] = [b for b in box.buttons()
             if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole]
    yes.click()


def test_preview_changes_nothing_and_a_confirmed_run_holds_the_invariants(
        qtbot: Any, practice_ctx: Any, languages: Any, tmp_path: Path) -> None:
    ctx = practice_ctx
    languages.apply("et")
    host = Host(qtbot)
    scan = run(qtbot, ground_truth_scan(ctx))
    before = run(qtbot, list_accounts(ctx))
    run(qtbot, approve(ctx, scan["pairs"]))
    dialog = open_remediation(host.window, ctx, host.host, scan["pairs"])
    planned(qtbot, dialog)
    assert dialog.isVisible() and not dialog.isModal()
    assert dialog.run_button.text() == "Käivita"
    assert "Eelvaade" in dialog.pairs_group.title()
    assert dialog.pair_model.rowCount() == len(scan["pairs"])
    teachers = [r for r in dialog.rows if r.pair.kind == "teacher"]
    assert teachers and all(r.status == "advice" for r in teachers)
    assert dialog.teacher_box.isVisible() and "eKool" in dialog.teacher_text.text()
    assert dialog.pool_model.rowCount() == len(dialog.plan.pools_before)
    assert run(qtbot, list_accounts(ctx)) == before, "the preview changes nothing"

    box = confirm_guard_and_run(qtbot, dialog)
    guard_log = run(qtbot, ctx.store.activity(action="remediate_guard"))
    assert any("remedy window" in e.detail for e in guard_log), "the confirmation is logged"
    removals = dialog.pending_removals()
    assert removals > 0 and str(removals) in box.text()
    accept(box)
    with qtbot.waitSignal(dialog.run_ended, timeout=30_000) as ended:
        pass
    results = ended.args[0]
    assert {r["status"] for r in results} <= {"done", "skipped"}
    assert {r.status for r in dialog.rows} <= {"done", "advice"}
    invariants(before, run(qtbot, list_accounts(ctx)), scan["pairs"])
    qtbot.waitUntil(lambda: not dialog.host.busy, timeout=10_000)
    assert "Tehtud" in dialog.progress_text.text() or "tehtud" in dialog.progress_text.text()
    assert not dialog.run_button.isEnabled() and dialog.report_button.isEnabled()

    target = tmp_path / "aruanne.csv"
    op = dialog.save_report(target)
    qtbot.waitUntil(lambda: op.task is not None and op.task.done(), timeout=10_000)
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    with target.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    assert len(rows) == len(scan["pairs"]) + 1
    names = {a["id"]: f"{a['first_name']} {a['last_name']}" for a in before["accounts"]}
    by_old = {row[4]: row for row in rows[1:]}
    for pair in scan["pairs"]:
        assert by_old[pair["old"]][5] == names[pair["old"]]  # õ, ä, ö, ü, š round-trip
        assert by_old[pair["old"]][6] == pair["new"]
    assert not host.failures


def test_a_stopped_run_is_offered_at_start_and_finished(
        qtbot: Any, practice_ctx: Any) -> None:
    ctx = practice_ctx
    host = Host(qtbot)
    scan = run(qtbot, ground_truth_scan(ctx))
    before = run(qtbot, list_accounts(ctx))
    run(qtbot, approve(ctx, scan["pairs"]))
    dialog = open_remediation(host.window, ctx, host.host, scan["pairs"])
    planned(qtbot, dialog)
    box = confirm_guard_and_run(qtbot, dialog)
    # Stop as soon as the first student pair is done, from inside the progress callback.
    dialog.result_arrived.connect(
        lambda result: dialog.stop() if result["status"] == "done" else None)
    accept(box)
    qtbot.waitUntil(lambda: dialog.ran and not dialog.running, timeout=30_000)
    assert any(r.detail.startswith("cancelled before") for r in dialog.rows)
    assert "Stopped" in dialog.progress_text.text()
    middle = {a["id"]: a for a in run(qtbot, list_accounts(ctx))["accounts"]}
    assert any("student" in middle[p["old"]]["roles"] for p in scan["pairs"]
               if p["kind"] == "student"), "the stop left work to finish"
    [stored] = run(qtbot, remediation.unfinished_plans(ctx))
    assert stored.id == dialog.plan.id
    qtbot.waitUntil(lambda: not host.host.busy, timeout=10_000)
    dialog.close()

    offer_resume(host.window, ctx, host.host)
    qtbot.waitUntil(lambda: host.window.findChild(ResumeOffer) is not None, timeout=10_000)
    offer = host.window.findChild(ResumeOffer)
    assert offer.isVisible() and offer.windowModality() == Qt.WindowModality.NonModal
    offer.finish_button.click()
    resumed = offer.dialog
    assert resumed is not None and resumed is not dialog
    planned(qtbot, resumed)
    assert resumed.plan.id == stored.id
    assert any(r.status == "done" for r in resumed.rows), "steps already done are shown"
    left = [p for p in scan["pairs"]
            if p["kind"] == "student" and "student" in middle[p["old"]]["roles"]]
    assert resumed.pending_removals() == len(left)
    accept(confirm_guard_and_run(qtbot, resumed))
    qtbot.waitUntil(lambda: resumed.ran and not resumed.running, timeout=30_000)
    assert {r.status for r in resumed.rows} <= {"done", "advice"}
    invariants(before, run(qtbot, list_accounts(ctx)), scan["pairs"])
    assert run(qtbot, remediation.unfinished_plans(ctx)) == []
    assert not host.failures


def test_the_report_neutralises_formulas() -> None:
    text = report_csv(["Nimi", "Tulemus"], [["=HYPERLINK(\"x\")", "tehtud"],
                                           ["Õie Šmidt-Žukova", "+1"]])
    rows = list(csv.reader(text.splitlines(), delimiter=";"))
    assert rows[1][0] == "'=HYPERLINK(\"x\")" and rows[2][1] == "'+1"
    assert rows[2][0] == "Õie Šmidt-Žukova"


def test_the_window_remedies_only_approved_pairs_and_shows_them_fixed(
        qtbot: Any, practice_ctx: Any) -> None:
    """The issue's rehearsal in the window: approve two pairs and a teacher pair, reject a
    third; the second goes stale after planning; only the first is changed, it is shown as
    fixed and leaves the queue without a manual refresh, the teacher pair is advice only."""
    from test_ui_duplicates import open_page, statuses, wait_idle

    from opiq_admin.services.clients.practice import PracticeClient
    from opiq_admin.services.duplicates.review import APPROVED, FIXED, REJECTED

    ctx = practice_ctx
    page, failures = open_page(qtbot, ctx)
    panel = page.review
    students = [n for n, i in enumerate(panel.model.visible_rows()) if i.kind == "student"]
    teacher = next(n for n, i in enumerate(panel.model.visible_rows()) if i.kind == "teacher")
    first, second, third = (panel.model.row_at(n) for n in students[:3])
    panel.select_rows([students[0], students[1], teacher])
    panel.approve_selected()
    qtbot.waitUntil(lambda: sum(s == APPROVED for s in statuses(page).values()) == 3,
                    timeout=10_000)
    wait_idle(qtbot, page)
    panel.select_rows([n for n, i in enumerate(panel.model.visible_rows())
                       if i.key == third.key])
    panel.reject_selected()
    qtbot.waitUntil(lambda: statuses(page)[third.key] == REJECTED, timeout=10_000)
    wait_idle(qtbot, page)

    dialog = panel.open_remedy()
    planned(qtbot, dialog)
    rows = {r.key: r for r in dialog.rows}
    assert set(rows) == {first.key, second.key} | {
        i.key for i in panel.items if i.kind == "teacher" and i.status == APPROVED}
    assert third.key not in rows, "a rejected pair is never offered"
    assert [r.status for r in dialog.rows if r.pair.kind == "teacher"] == ["advice"]

    practice = PracticeClient(ctx.emulator.url, http=ctx.http)
    run(qtbot, practice.change_account(second.old.id, ekool_id="ek-usr-7777"))
    dialog.run_button.click()
    accept(dialog.confirm_box)
    with qtbot.waitSignal(dialog.run_ended, timeout=30_000):
        pass
    rows = {r.key: r for r in dialog.rows}
    assert rows[first.key].status == "done"
    assert rows[second.key].status == "skipped"
    assert "eKool" in rows[second.key].detail

    # The page reads the pairs again by itself: the fixed pair leaves the queue.
    qtbot.waitUntil(lambda: statuses(page).get(first.key) == FIXED, timeout=20_000)
    wait_idle(qtbot, page)
    shown = {i.key for i in panel.model.visible_rows()}
    assert first.key not in shown and second.key in shown
    assert "1 fixed" in panel.count.text()
    box = panel.status_box
    box.setCurrentIndex(box.findData(FIXED))
    assert [i.key for i in panel.model.visible_rows()] == [first.key]
    assert not failures
    qtbot.waitUntil(lambda: not dialog.host.busy, timeout=10_000)
    dialog.close()
