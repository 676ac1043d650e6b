"""The application's translators live as long as it: a window is told the language changed
when somebody changes it, never when the garbage collector frees an object that held them
(the window would then retranslate at random, and drop a notice it had just shown)."""

from __future__ import annotations

import gc
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QLabel

from opiq_admin.ui.common.app_parts import one_per_application
from opiq_admin.ui.common.i18n import Languages


class Counting(QLabel):
    def __init__(self) -> None:
        super().__init__()
        self.changes = 0

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.changes += 1
        super().changeEvent(event)


def test_the_languages_outlive_whoever_asked_for_them(qtbot: Any, qapp: QApplication) -> None:
    window = Counting()
    qtbot.addWidget(window)
    window.show()
    asked = one_per_application(qapp, Languages)
    assert asked.apply("et")
    qtbot.waitUntil(lambda: window.changes > 0, timeout=5_000)
    window.changes = 0
    del asked
    gc.collect()
    qapp.processEvents()
    assert window.changes == 0
    again = one_per_application(qapp, Languages)
    assert again.current == "et"
    assert again.apply("en")
    qtbot.waitUntil(lambda: window.changes > 0, timeout=5_000)
