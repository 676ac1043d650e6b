"""The one helper for long operations: trigger disabled while running, progress after a
moment, Cancel that stops it, and every failure as a readable message in the window."""

from __future__ import annotations

import asyncio
import sys
from typing import Any

import pytest
import shiboken6
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from opiq_admin.services.errors import ConnectionFailed
from opiq_admin.ui.common.async_ops import Op, OperationHost, ProgressIndicator
from opiq_admin.ui.common.widgets import ErrorBanner
from opiq_admin.ui.main import ErrorRouter


@pytest.fixture
def host(qtbot: Any, qloop: asyncio.AbstractEventLoop) -> tuple[OperationHost, QWidget]:
    window = QWidget()
    layout = QVBoxLayout(window)
    window.banner = ErrorBanner(window)
    window.progress = ProgressIndicator(window)
    window.button = QPushButton("Go", window)
    for widget in (window.banner, window.progress, window.button):
        layout.addWidget(widget)
    qtbot.addWidget(window)
    window.show()
    return OperationHost(window.progress, window.banner.show_message, window), window


def test_success_runs_the_callback_and_restores_the_trigger(qtbot: Any, host: Any) -> None:
    ops, window = host
    gate = asyncio.Event()
    seen: list[int] = []

    async def work() -> int:
        await gate.wait()
        return 42

    op = Op(ops, work, label="Counting", trigger=window.button).success(seen.append)
    op.run_in_background()
    qtbot.waitUntil(lambda: not window.button.isEnabled())
    assert ops.busy
    gate.set()
    qtbot.waitUntil(lambda: not ops.busy)
    assert seen == [42]
    assert window.button.isEnabled()
    assert not window.banner.isVisible()


def test_a_failure_is_a_readable_message_and_the_window_stays_usable(qtbot: Any,
                                                                    host: Any) -> None:
    ops, window = host

    async def work() -> None:
        raise ConnectionFailed("GET /api/schools", None, "", "connection refused")

    with qtbot.waitSignal(ops.failed, timeout=5000) as signal:
        Op(ops, work, label="Loading the overview", trigger=window.button).run_in_background()
    message = signal.args[0]
    assert message.startswith("Loading the overview failed: GET /api/schools")
    assert "could not reach the server" in message
    assert "Traceback" not in message
    assert window.banner.isVisible() and "connection refused" in window.banner.text()
    assert window.button.isEnabled()


def test_an_unexpected_error_is_reported_too(qtbot: Any, host: Any) -> None:
    ops, _ = host

    async def work() -> None:
        raise KeyError("journal")

    with qtbot.waitSignal(ops.failed, timeout=5000) as signal:
        Op(ops, work, label="Reading").run_in_background()
    assert "KeyError" in signal.args[0] and "log" in signal.args[0]


def test_an_operation_outliving_its_window_leaves_no_host_busy(
        qtbot: Any, qloop: asyncio.AbstractEventLoop) -> None:
    window = QWidget()  # not handed to qtbot, which would close it after it is gone
    button = QPushButton("Go", window)
    ops = OperationHost(ProgressIndicator(window), lambda message: None, window)
    gate = asyncio.Event()

    async def work() -> None:
        await gate.wait()

    task = Op(ops, work, label="Reading", trigger=button).run_in_background()
    qtbot.waitUntil(lambda: ops.busy)
    window.deleteLater()  # the host is the window's child: it goes too
    qtbot.waitUntil(lambda: not shiboken6.isValid(ops))
    gate.set()
    qtbot.waitUntil(task.done)
    assert not ops.busy  # so whoever waits for the host to be idle is not kept waiting


def test_cancel_stops_a_slow_operation(qtbot: Any, host: Any) -> None:
    ops, window = host
    never = asyncio.Event()

    async def work() -> None:
        await never.wait()

    op = Op(ops, work, label="Waiting for the browser", trigger=window.button)
    op.run_in_background()
    qtbot.waitUntil(window.progress.isVisible, timeout=5000)
    assert "Waiting for the browser" in window.progress.label.text()
    window.progress.cancel_button.click()
    qtbot.waitUntil(lambda: not ops.busy, timeout=5000)
    assert not window.progress.isVisible()
    assert window.button.isEnabled()
    assert not window.banner.isVisible()


def test_an_exception_escaping_a_slot_is_shown_not_lost(qtbot: Any, host: Any,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    _, window = host
    router = ErrorRouter()
    router.window = window  # anything with an error_banner
    window.error_banner = window.banner
    monkeypatch.setattr(sys, "excepthook", router.excepthook)
    try:
        raise ValueError("the EHIS code 12 is too short")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    assert window.banner.isVisible()
    assert "the EHIS code 12 is too short" in window.banner.text()
