"""Starting the window: Qt application, asyncio on the Qt loop (qasync), the context, the
sign-in, and an orderly close that lets the context finish before the loop stops."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any

os.environ.setdefault("QT_API", "pyside6")

from PySide6.QtCore import (
    QCoreApplication,
    QLockFile,
    QMessageLogContext,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from opiq_admin import diagnostics
from opiq_admin.app import AppContext, build_context
from opiq_admin.services.config.paths import AppPaths
from opiq_admin.services.config.settings import Settings, SettingsError
from opiq_admin.services.store import StoreError
from opiq_admin.ui.common.async_ops import Op, describe
from opiq_admin.ui.common.i18n import Languages
from opiq_admin.ui.remediation.resume import offer_resume
from opiq_admin.ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)



def setup_logging(paths: AppPaths, level: str | None = None) -> Path | None:
    """The shared log (`opiq_admin.diagnostics`), at `level`, else the setting log_level."""
    if level is None:
        try:
            level = Settings.load(paths.settings_file).get("log_level")
        except (SettingsError, OSError):
            level = None  # the start-up says what is wrong with the settings file
    return diagnostics.setup_logging(paths, level)


_QT_LEVELS = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
              QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
              QtMsgType.QtFatalMsg: logging.CRITICAL}


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's messages (a missing plug-in, a bad style sheet) into the log, not a console
    the windowed program does not have."""
    logging.getLogger("qt").log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)


def single_instance(paths: AppPaths) -> tuple[bool, QLockFile | None]:
    """Whether this window may open, and the lock it then holds while open: two windows
    on one store would each take their review decisions and runs for the only ones. A
    lock left by a crashed window is taken over (QLockFile checks whether its process
    still runs)."""
    try:
        paths.data_dir.mkdir(parents=True, exist_ok=True)
    except OSError:
        return True, None  # opening the store says what is wrong with the folder
    lock = QLockFile(str(paths.data_dir / "window.lock"))
    return lock.tryLock(100), lock


class ErrorRouter:
    """The last line: an exception that escapes a slot or a task is logged and shown in
    the window's error banner (or a message box before the window exists), never lost."""

    def __init__(self) -> None:
        self.window: MainWindow | None = None
        self.boxes: list[QMessageBox] = []

    def show(self, message: str) -> None:
        if self.window is not None:
            self.window.error_banner.show_message(message)
            return
        box = QMessageBox(QMessageBox.Icon.Critical, "opiq-admin", message)
        box.finished.connect(lambda _=0, b=box: self.boxes.remove(b))
        self.boxes.append(box)
        box.open()

    def excepthook(self, kind: type[BaseException], exc: BaseException,
                   tb: TracebackType | None) -> None:
        log.error("unhandled error", exc_info=(kind, exc, tb))
        if isinstance(exc, KeyboardInterrupt):
            QApplication.quit()
            return
        self.show(describe(exc))

    def loop_handler(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        exc = context.get("exception")
        if exc is None:
            log.error("event loop: %s", context.get("message"))
            return
        self.excepthook(type(exc), exc, exc.__traceback__)


async def start(paths: AppPaths, practice_dir: Path | None,
                languages: Languages) -> AppContext:
    ctx = await build_context(paths, practice_dir=practice_dir,
                              force_practice=practice_dir is not None)
    languages.apply(ctx.settings.get("language"))
    return ctx


async def run_window(paths: AppPaths, practice_dir: Path | None, router: ErrorRouter,
                     languages: Languages) -> int:
    ctx = await start(paths, practice_dir, languages)
    closed = asyncio.Event()
    try:
        window = MainWindow(ctx, languages)
        router.window = window
        if ctx.store.store.notice:  # a damaged store was moved aside: say where it went
            router.show(ctx.store.store.notice)
        window.closed.connect(closed.set)
        window.show()
        log.info("window open (language %s%s)", languages.current,
                 ", practice mode" if ctx.practice else "")

        async def sign_in() -> None:
            if ctx.practice:
                await ctx.sign_in_practice()
                await ctx.log("sign_in", "ok", target="Opiq, eKool", detail="practice")
            else:
                await ctx.restore_sessions()

        def signed_in(_: object) -> None:
            window.connections_changed()
            for system in ("opiq", "ekool"):
                trouble = getattr(ctx.connection(system), "trouble", None)
                if trouble is not None:  # the server was unreachable; the sign-in is kept
                    router.show(str(trouble))
            # A remedy run cut short last time (killed, power lost) is offered to finish.
            offer_resume(window, ctx, window.host)

        label = QCoreApplication.translate("Startup", "Signing in")
        Op(window.host, sign_in, label=label).success(signed_in).run_in_background()
        await closed.wait()
        await window.host.wait_idle()
    finally:
        router.window = None
        await ctx.aclose()
    return 0


def run_gui(practice_dir: Path | None = None, paths: AppPaths | None = None,
            log_level: str | None = None) -> int:
    """Open the window; returns the exit status once it is closed."""
    if practice_dir is not None and paths is None:
        paths = AppPaths.under(practice_dir)
    paths = paths or AppPaths.default()
    setup_logging(paths, log_level)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("opiq-admin")
    app.setOrganizationName("opiq-admin")
    icon = resources.files("opiq_admin") / "resources" / "icon.png"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    free, lock = single_instance(paths)
    if not free:
        log.info("another window is open on %s; this one ends", paths.data_dir)
        return _already_open()
    app.setQuitOnLastWindowClosed(False)
    router = ErrorRouter()
    previous_hook = sys.excepthook
    sys.excepthook = router.excepthook
    languages = Languages(app)
    # Imported only now, after PySide6, so qasync binds to PySide6 and no other Qt binding.
    import qasync

    loop = qasync.QEventLoop(app)
    loop.set_exception_handler(router.loop_handler)
    asyncio.set_event_loop(loop)
    previous_qt_handler = qInstallMessageHandler(_qt_message)
    try:
        return loop.run_until_complete(run_window(paths, practice_dir, router, languages))
    except (StoreError, SettingsError) as exc:
        log.error("the program could not start: %s", exc)
        return _fatal(str(exc))
    except Exception as exc:
        log.exception("the program could not start")
        return _fatal(describe(exc))
    finally:
        sys.excepthook = previous_hook
        qInstallMessageHandler(previous_qt_handler)
        loop.close()
        asyncio.set_event_loop(None)
        if lock is not None:
            lock.unlock()


def _already_open() -> int:
    box = QMessageBox(QMessageBox.Icon.Information, "opiq-admin", QCoreApplication.translate(
        "Startup", "opiq-admin is already open on this computer: use that window."))
    box.exec()
    return 1


def _fatal(message: str) -> int:
    text = QCoreApplication.translate("Startup", "opiq-admin could not start: {reason}")
    box = QMessageBox(QMessageBox.Icon.Critical, "opiq-admin", text.format(reason=message))
    # No event loop runs any more, so a blocking dialog is the only way to be seen.
    box.exec()
    return 1

