"""The window's side of diagnostics: Help → Open log folder, the error banner naming the
log file, one window per data folder, Qt's messages in the log."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl, qWarning
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialogButtonBox

from opiq_admin.diagnostics import setup_logging
from opiq_admin.services.config.paths import AppPaths
from opiq_admin.ui import main as ui_main
from opiq_admin.ui.common.async_ops import describe
from opiq_admin.ui.shell.main_window import MainWindow


@pytest.fixture
def log_file(tmp_path: Path):
    root = logging.getLogger()
    level = root.level
    file = setup_logging(AppPaths.under(tmp_path / "logs-of-test"), "INFO")
    yield file
    root.setLevel(level)
    for handler in [h for h in root.handlers if type(h).__name__ == "LogFileHandler"]:
        root.removeHandler(handler)
        handler.close()


def test_help_opens_the_log_folder(qtbot: Any, window: MainWindow,
                                   log_file: Path, monkeypatch) -> None:
    overview = window.pages["overview"]
    qtbot.waitUntil(lambda: overview.model.rowCount() > 0 and not window.host.busy,
                    timeout=20_000)
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    assert window.log_folder_action in window.help_menu.actions()
    assert window.log_folder_action.text() == "Ava &logikaust"
    assert window.open_log_folder() == log_file.parent
    assert [Path(u.toLocalFile()) for u in opened] == [log_file.parent]


def test_an_unexpected_error_names_the_log_file(log_file: Path) -> None:
    text = describe(KeyError("x"))
    assert text.endswith(f"\n{log_file}") and "KeyError" in text


def test_a_second_window_on_the_same_data_folder_is_refused(tmp_path: Path) -> None:
    paths = AppPaths.under(tmp_path)
    free, lock = ui_main.single_instance(paths)
    assert free and lock is not None
    try:
        again, _other = ui_main.single_instance(paths)
        assert not again
    finally:
        lock.unlock()
    free, lock = ui_main.single_instance(paths)
    assert free
    lock.unlock()


def test_qt_messages_go_to_the_log(log_file: Path, qapp: Any) -> None:
    from PySide6.QtCore import qInstallMessageHandler

    previous = qInstallMessageHandler(ui_main._qt_message)
    try:
        qWarning("a Qt warning for the log")
    finally:
        qInstallMessageHandler(previous)
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "WARNING" in log_file.read_text(encoding="utf-8")
    assert "a Qt warning for the log" in log_file.read_text(encoding="utf-8")


def test_the_log_level_is_a_setting_of_the_window(qtbot: Any, window: MainWindow,
                                                 log_file: Path) -> None:
    overview = window.pages["overview"]
    qtbot.waitUntil(lambda: overview.model.rowCount() > 0 and not window.host.busy,
                    timeout=20_000)
    dialog = window.open_settings()
    assert dialog.log_level_label.text() == "Logitase"
    assert dialog.log_level.currentText() == "INFO"
    dialog.log_level.setCurrentText("DEBUG")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: window.ctx.settings.get("log_level") == "DEBUG", timeout=5000)
    saved = json.loads(window.ctx.paths.settings_file.read_text(encoding="utf-8"))
    assert saved["log_level"] == "DEBUG"
    assert logging.getLogger().level == logging.DEBUG
