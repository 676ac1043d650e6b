"""Fixtures for the window's tests: asyncio on the Qt loop (qasync) inside pytest-qt.

The qasync loop is created as "already running": Qt's event processing is the loop, so
`qtbot.waitUntil` and `qtbot.waitSignal` drive tasks and network I/O while they wait, and
test code stays synchronous. `run(qtbot, coro)` runs one coroutine to its end that way.

`tests/conftest.py` registers this module as a plugin, so every test module has these
fixtures. The application collects garbage on its own thread, as the program's does
(`ui/common/collector.py`): the practice emulator runs in a thread of the test process.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest
import qasync
from PySide6.QtWidgets import QApplication

from opiq_admin.app import AppContext, build_context
from opiq_admin.services.config.paths import AppPaths
from opiq_admin.ui.common.app_parts import one_per_application
from opiq_admin.ui.common.collector import MainThreadCollector
from opiq_admin.ui.common.i18n import Languages
from opiq_admin.ui.shell.main_window import MainWindow

T = TypeVar("T")


class CollectingApplication(QApplication):
    """The tests' QApplication: cyclic garbage collected on its thread only (a test that
    starts the program in-process first gets the program's own collector instead)."""

    def __init__(self, args: list[str]) -> None:
        super().__init__(args)
        one_per_application(self, MainThreadCollector)


@pytest.fixture(scope="session")
def qapp_cls() -> type[QApplication]:
    return CollectingApplication


def run(qtbot: Any, coro: Coroutine[Any, Any, T], timeout: int = 20_000) -> T:
    """Run `coro` on the Qt-driven loop until it is done, and return its result."""
    task = asyncio.ensure_future(coro)
    qtbot.waitUntil(task.done, timeout=timeout)
    return task.result()


_shared: dict[str, Any] = {}


def shared_loop(qapp: QApplication) -> asyncio.AbstractEventLoop:
    """One qasync loop for the whole test session, never closed.

    Closing a qasync loop and making another under the same QApplication left Qt timers
    pointing at freed objects, which crashed a later test; and qasync's `stop()` calls
    QApplication.exit(), which stops every later test's timers.
    """
    if "loop" not in _shared:
        loop = qasync.QEventLoop(qapp, already_running=True)
        loop.set_default_executor(ThreadPoolExecutor(max_workers=4,
                                                     thread_name_prefix="ui-test"))
        _shared["loop"] = loop
    return _shared["loop"]


@pytest.fixture
def qloop(qapp: QApplication) -> Iterator[asyncio.AbstractEventLoop]:
    """The Qt-driven asyncio loop, running for this test; its leftover tasks are cancelled."""
    loop = shared_loop(qapp)
    asyncio.events._set_running_loop(loop)
    asyncio.set_event_loop(loop)
    try:
        yield loop
    finally:
        pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
        for task in pending:
            task.cancel()
        deadline = loop.time() + 5
        while any(not t.done() for t in pending) and loop.time() < deadline:
            qapp.processEvents()
        # Tests without this fixture, and pytest-asyncio's own loops, see no running loop.
        asyncio.events._set_running_loop(None)
        asyncio.set_event_loop(None)


@pytest.fixture
def languages(qapp: QApplication) -> Iterator[Languages]:
    langs = one_per_application(qapp, Languages)
    yield langs
    langs.apply("en")


@pytest.fixture
def practice_ctx(qloop: asyncio.AbstractEventLoop, qtbot: Any,
                 tmp_path: Path) -> Iterator[AppContext]:
    """A practice-mode context over tmp_path, signed in to both sides."""
    ctx = run(qtbot, build_context(AppPaths.under(tmp_path), force_practice=True,
                                   share_emulator=False))
    try:
        run(qtbot, ctx.sign_in_practice())
        yield ctx
    finally:
        run(qtbot, ctx.aclose())


def open_window(qtbot: Any, ctx: AppContext, languages: Languages,
                **kwargs: Any) -> MainWindow:
    languages.apply(ctx.settings.get("language"))
    window = MainWindow(ctx, languages, **kwargs)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.host.busy, timeout=20_000)
    return window


def close_window(qtbot: Any, window: MainWindow) -> None:
    if window.isVisible():
        window.close()
    qtbot.waitUntil(lambda: not window.host.busy, timeout=10_000)


@pytest.fixture
def window(qtbot: Any, practice_ctx: AppContext, languages: Languages) -> Iterator[MainWindow]:
    win = open_window(qtbot, practice_ctx, languages)
    yield win
    close_window(qtbot, win)
