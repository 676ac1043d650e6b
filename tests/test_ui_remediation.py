"""The remedy window on practice data: the preview changes nothing; a run confirmed by a
person holds the invariants; a stopped run is offered at start and finished; the report is
written safe for spreadsheets."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from test_remediation import ground_truth_scan, invariants
from test_ui_fixtures import languages, practice_ctx, qloop, run  # noqa: F401 - fixtures

from opiq_admin.services import remediation
from opiq_admin.services.accounts import list_accounts
from opiq_admin.services.csvsafe import csv_document as report_csv
from opiq_admin.ui.async_ops import OperationHost, ProgressIndicator
from opiq_admin.ui.remediation_dialog import RemediationDialog, offer_resume, open_remediation
from opiq_admin.ui.remediation_resume import ResumeOffer

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


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
        qtbot: Any, practice_ctx: Any, languages: Any, tmp_path: Path) -> None:  # noqa: F811
    ctx = practice_ctx
    languages.apply("et")
    host = Host(qtbot)
    scan = run(qtbot, ground_truth_scan(ctx))
    before = run(qtbot, list_accounts(ctx))
    dialog = open_remediation(host.window, ctx, host.host, scan["pairs"])
    planned(qtbot, dialog)
    assert dialog.isVisible() and not dialog.isModal()
    assert dialog.run_button.text() == "Käivita"
    assert "Eelvaade" in dialog.pairs_group.title()
    assert dialog.pair_model.rowCount() == len(scan["pairs"])
    teachers = [r for r in dialog.rows if r.pair.kind == "teacher"]
    assert teachers and all(r.status == "skipped" for r in teachers)
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
    assert {r.status for r in dialog.rows} <= {"done", "skipped"}
    invariants(before, run(qtbot, list_accounts(ctx)), scan["pairs"])
    qtbot.waitUntil(lambda: not dialog.host.busy, timeout=10_000)
    assert "Tehtud" in dialog.progress_text.text() or "tehtud" in dialog.progress_text.text()
    assert not dialog.run_button.isEnabled() and dialog.report_button.isEnabled()

    target = tmp_path / "aruanne.csv"
    op = dialog.save_report(target)
    qtbot.waitUntil(lambda: op.task is not None and op.task.done(), timeout=10_000)
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    with target.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) == len(scan["pairs"]) + 1
    names = {a["id"]: f"{a['first_name']} {a['last_name']}" for a in before["accounts"]}
    by_old = {row[4]: row for row in rows[1:]}
    for pair in scan["pairs"]:
        assert by_old[pair["old"]][5] == names[pair["old"]]  # õ, ä, ö, ü, š round-trip
        assert by_old[pair["old"]][6] == pair["new"]
    assert not host.failures


def test_a_stopped_run_is_offered_at_start_and_finished(
        qtbot: Any, practice_ctx: Any) -> None:  # noqa: F811
    ctx = practice_ctx
    host = Host(qtbot)
    scan = run(qtbot, ground_truth_scan(ctx))
    before = run(qtbot, list_accounts(ctx))
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
    assert {r.status for r in resumed.rows} <= {"done", "skipped"}
    invariants(before, run(qtbot, list_accounts(ctx)), scan["pairs"])
    assert run(qtbot, remediation.unfinished_plans(ctx)) == []
    assert not host.failures


def test_the_report_neutralises_formulas() -> None:
    text = report_csv(["Nimi", "Tulemus"], [["=HYPERLINK(\"x\")", "tehtud"],
                                           ["Õie Šmidt-Žukova", "+1"]])
    rows = list(csv.reader(text.splitlines()))
    assert rows[1][0] == "'=HYPERLINK(\"x\")" and rows[2][1] == "'+1"
    assert rows[2][0] == "Õie Šmidt-Žukova"
