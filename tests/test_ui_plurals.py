"""Counts in the window take Qt's plural forms, in good Estonian ("1 paar", "7 paari",
"ebaõnnestunud"); the review goes on to the next pair after a decision, its notice counts
every approval, and Tab leaves a table."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication
from test_ui_duplicates import open_page, statuses, wait_idle

from opiq_admin.services.duplicates.review import APPROVED, REJECTED
from opiq_admin.ui.common.i18n import Languages


def settle(qtbot: Any, page: Any) -> None:
    """Let the reads a selection starts begin and end before the page goes."""
    qtbot.wait(50)
    wait_idle(qtbot, page)

ESTONIAN = [
    ("ReviewPanel", "%n pair(s) approved.", 1, "Kinnitatud 1 paar."),
    ("ReviewPanel", "%n pair(s) approved.", 7, "Kinnitatud 7 paari."),
    ("JournalDetail", "%n journal(s) selected.", 2, "Valitud 2 päevikut."),
    ("JournalActions", "Delete %n journal(s) in Opiq?", 1, "Kas kustutada 1 päevik Opiqus?"),
    ("RemediationDialog", "%n old account(s) lose the student role", 1,
     "1 vanalt kontolt eemaldatakse õpilase roll"),
    ("RemediationDialog", "%n new account(s) get a licence", 1, "1 uus konto saab litsentsi"),
    ("RemediationDialog", "%n new account(s) get a licence", 3, "3 uut kontot saavad litsentsi"),
    ("JournalsPage", "{shown} shown of %n journal(s) not transferred", 69,
     "Näidatud {shown} / 69 toomata päevikust"),
]
ENGLISH = [
    ("ReviewPanel", "%n pair(s) approved.", 1, "1 pair approved."),
    ("ReviewPanel", "%n pair(s) approved.", 7, "7 pairs approved."),
    ("RemediationDialog", "%n old account(s) lose the student role", 1,
     "1 old account loses the student role"),
    ("PreventionPanel", "Letters to %n person(s) copied to the clipboard.", 2,
     "Letters to 2 people copied to the clipboard."),
]


def test_plural_forms_in_estonian_and_english(qapp: QApplication,
                                              languages: Languages) -> None:
    for language, cases in (("et", ESTONIAN), ("en", ENGLISH)):
        assert languages.apply(language)
        for context, source, n, expected in cases:
            assert QCoreApplication.translate(context, source, "", n) == expected
    languages.apply("et")
    finished = QCoreApplication.translate("RemediationDialog",
                                          "{skipped} not changed, {failed} failed.")
    assert finished.format(skipped=0, failed=0) == "0 muutmata, 0 ebaõnnestunud."


def test_the_review_notice_counts_every_approval_and_the_selection_moves_on(
        qtbot: Any, practice_ctx: Any, languages: Languages) -> None:
    languages.apply("et")
    page, _ = open_page(qtbot, practice_ctx)
    panel = page.review
    panel.table.setFocus()
    first = panel.model.row_at(0)
    panel.select_rows([0])
    qtbot.keyClick(panel.table, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: statuses(page)[first.key] == APPROVED, timeout=10_000)
    wait_idle(qtbot, page)
    assert panel.notice.text() == "Kinnitatud 1 paar."
    # On to the next pair: the reviewer presses A, A, … down the list.
    [now] = panel.selected()
    assert now.key != first.key
    approved = [first.key]
    for _ in range(6):
        [current] = panel.selected()
        qtbot.keyClick(panel.table, Qt.Key.Key_A)
        qtbot.waitUntil(lambda c=current: statuses(page)[c.key] == APPROVED, timeout=10_000)
        wait_idle(qtbot, page)
        approved.append(current.key)
    assert len(set(approved)) == 7
    assert panel.notice.text() == "Kinnitatud 7 paari."
    [current] = panel.selected()
    qtbot.keyClick(panel.table, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: statuses(page)[current.key] == REJECTED, timeout=10_000)
    wait_idle(qtbot, page)
    [after] = panel.selected()
    assert after.key != current.key
    assert panel.notice.text() == "Kinnitatud 7 paari."
    settle(qtbot, page)


def test_tab_leaves_a_table(qtbot: Any, practice_ctx: Any) -> None:
    page, _ = open_page(qtbot, practice_ctx)
    table = page.review.table
    table.setFocus()
    table.selectRow(0)
    qtbot.waitUntil(table.hasFocus, timeout=2000)
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert not table.hasFocus()
    settle(qtbot, page)


def test_qts_own_dialogs_speak_estonian(qtbot: Any, languages: Languages) -> None:
    """Qt ships no Estonian of its own dialogs; the program's resources/i18n/qt_et.ts does."""
    from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QInputDialog, QLabel, QMessageBox

    languages.apply("et")
    box = QMessageBox(QMessageBox.Icon.Question, "?", "?",
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert {b.text() for b in box.buttons()} == {"Olgu", "Loobu"}
    note = QInputDialog()
    qtbot.addWidget(note)
    note.show()
    [buttons] = note.findChildren(QDialogButtonBox)
    assert {b.text() for b in buttons.buttons()} == {"Olgu", "Loobu"}
    files = QFileDialog(None, "Salvesta")
    qtbot.addWidget(files)
    files.setOption(QFileDialog.Option.DontUseNativeDialog)
    files.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    files.show()
    labels = {label.text() for label in files.findChildren(QLabel)}
    assert {"&Otsi kohast:", "Faili &nimi:"} <= labels
    assert "&Salvesta" in {b.text() for b in files.findChildren(QAbstractButton)}
    languages.apply("en")
    english = QMessageBox(QMessageBox.Icon.Question, "?", "?",
                          QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(english)
    assert {b.text() for b in english.buttons()} == {"OK", "Cancel"}
