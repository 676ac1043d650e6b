"""Starting the window: Qt application, asyncio on the Qt loop (qasync), the window's
frame painted first, then the context and the sign-in, and an orderly close that lets the
context finish before the loop stops.

What the first paint needs is imported here; the store, the HTTP clients and the pages are
imported only after it, off the event loop (`python -X importtime` and `make bench` keep
watch), and the practice emulator runs as a process of its own (`sandbox/shared.py`).
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import json
import logging
import os
import sys
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

os.environ.setdefault("QT_API", "pyside6")

from PySide6.QtCore import (
    QCoreApplication,
    QLockFile,
    QMessageLogContext,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from opiq_admin import diagnostics
from opiq_admin.services.config.paths import AppPaths
from opiq_admin.services.config.settings import Settings, SettingsError
from opiq_admin.services.i18n import DEFAULT_LANGUAGE, LANGUAGES
from opiq_admin.ui.common.app_parts import one_per_application
from opiq_admin.ui.common.collector import MainThreadCollector
from opiq_admin.ui.common.i18n import Languages
from opiq_admin.ui.shell.startup import StartupShell

if TYPE_CHECKING:
    from opiq_admin.app import AppContext
    from opiq_admin.sandbox.shared import SharedEmulator
    from opiq_admin.ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)
# The first paint is waited for at most this long before the program goes on regardless.
PAINT_WAIT_SECONDS = 2.0


def setup_logging(paths: AppPaths, level: str | None = None,
                  settings: Settings | SettingsError | None = None) -> Path | None:
    """The shared log (`opiq_admin.diagnostics`), at `level`, else the setting log_level
    (of `settings` when already read)."""
    if level is None:
        loaded = settings if settings is not None else _load_settings(paths)
        # A broken settings file: the start-up says what is wrong with it.
        level = loaded.get("log_level") if isinstance(loaded, Settings) else None
    return diagnostics.setup_logging(paths, level)


def _load_settings(paths: AppPaths) -> Settings | SettingsError:
    """The settings, or what is wrong with the file: read once at start, used by the log,
    the first language and the window, and said (in that language) if it is broken."""
    try:
        return Settings.load(paths.settings_file)
    except SettingsError as exc:
        return exc


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
        self.show(_describe(exc))

    def loop_handler(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        exc = context.get("exception")
        if exc is None:
            log.error("event loop: %s", context.get("message"))
            return
        self.excepthook(type(exc), exc, exc.__traceback__)


def _describe(exc: BaseException) -> str:
    from opiq_admin.ui.common.async_ops import describe

    return describe(exc)


async def _first_paint(shell: StartupShell) -> None:
    """Until the shell's contents were painted once (or a moment passed, if a platform
    paints nothing, as a hidden offscreen one may not)."""
    if shell.was_painted:
        return
    painted = asyncio.Event()
    shell.painted.connect(painted.set)
    # A Qt timer of the frame's, stopped here: an event loop's timer could outlive the loop.
    timer = QTimer(shell)
    timer.setSingleShot(True)
    timer.timeout.connect(painted.set)
    timer.start(int(PAINT_WAIT_SECONDS * 1000))
    try:
        await painted.wait()
    finally:
        timer.stop()
        shell.painted.disconnect(painted.set)
    if not shell.was_painted:
        log.info("the start-up window was not painted within %s s", PAINT_WAIT_SECONDS)


def attach_emulator(paths: AppPaths, practice_dir: Path | None,
                    settings: Settings) -> asyncio.Future[SharedEmulator] | None:
    """In practice mode, the folder's emulator, attached in a worker thread: when none runs
    yet, its process starts while this one imports."""
    if practice_dir is None and settings.active_profile() is not None:
        return None
    from opiq_admin.sandbox.shared import attach, sandbox_options

    folder = paths.practice_folder(settings.get("practice_dir"), practice_dir)
    return asyncio.ensure_future(asyncio.to_thread(
        attach, folder / "emulator", sandbox_options(settings.get("practice_server"))))


async def start(paths: AppPaths, practice_dir: Path | None,
                attaching: asyncio.Future[SharedEmulator] | None, languages: Languages
                ) -> tuple[AppContext, asyncio.Future[Any]]:
    """The program's parts, made off the event loop: the modules of the store and the
    clients are imported in a worker thread, then the context is made while the window's
    modules are imported (answered as a future, so the sign-in need not wait for them)."""
    try:
        app = await asyncio.to_thread(importlib.import_module, "opiq_admin.app")
        window_module = asyncio.ensure_future(
            asyncio.to_thread(importlib.import_module, "opiq_admin.ui.shell.main_window"))
        try:
            ctx: AppContext = await app.build_context(
                paths, practice_dir=practice_dir, force_practice=practice_dir is not None,
                attaching=attaching)
        except BaseException:
            with contextlib.suppress(BaseException):
                await window_module
            raise
        if attaching is not None and ctx.emulator is not attaching.result():
            attaching.result().stop()  # a profile came into use after all
    except BaseException:
        if attaching is not None:  # given back, whether the context took it or not
            with contextlib.suppress(BaseException):
                (await attaching).stop()
        raise
    languages.apply(ctx.settings.get("language"))
    return ctx, window_module


async def sign_in(ctx: AppContext) -> None:
    """Practice: both sides as the practice administrator; else the stored sign-ins."""
    if ctx.practice:
        await ctx.sign_in_practice()
        await ctx.log("sign_in", "ok", target="Opiq, eKool", detail="practice")
    else:
        await ctx.restore_sessions()


async def run_window(paths: AppPaths, practice_dir: Path | None, router: ErrorRouter,
                     languages: Languages, settings: Settings | SettingsError) -> int:
    if isinstance(settings, SettingsError):
        # A bad file is said before any window; read again (only then) so that it is said
        # in the language chosen since.
        settings = Settings.load(paths.settings_file)
    languages.apply(settings.get("language"))
    practice = practice_dir is not None or settings.active_profile() is None
    shell = StartupShell(practice, settings.get("window_geometry"))
    shell.show()
    try:
        await _first_paint(shell)
        if _startup_probe("shown"):
            shell.close()
            return 0
        # Only now: a process starting beside this one would slow the first paint down.
        attaching = attach_emulator(paths, practice_dir, settings)
        ctx, window_module = await start(paths, practice_dir, attaching, languages)
    except BaseException:
        shell.close()
        raise
    # Signing in starts now; the window's modules are still being imported meanwhile.
    signing_in = asyncio.ensure_future(sign_in(ctx))
    closed = asyncio.Event()
    try:
        await window_module
        from opiq_admin.ui.common.async_ops import Op
        from opiq_admin.ui.remediation.resume import offer_resume
        from opiq_admin.ui.shell.main_window import MainWindow

        window = MainWindow(ctx, languages)
        router.window = window
        if ctx.store.store.notice:  # a damaged store was moved aside: say where it went
            router.show(ctx.store.store.notice)
        window.closed.connect(closed.set)
        if not settings.get("window_geometry"):  # where the frame is, if it was moved
            window.setGeometry(shell.geometry())
        window.show()
        shell.close()
        log.info("window open (language %s%s)", languages.current,
                 ", practice mode" if ctx.practice else "")

        async def signed_in_now() -> None:
            await asyncio.shield(signing_in)

        def signed_in(_: object) -> None:
            window.connections_changed()
            for system in ("opiq", "ekool"):
                trouble = getattr(ctx.connection(system), "trouble", None)
                if trouble is not None:  # the server was unreachable; the sign-in is kept
                    router.show(str(trouble))
            # A remedy run cut short last time (killed, power lost) is offered to finish.
            offer_resume(window, ctx, window.host)
            if _startup_probe("signed_in"):
                window.close()

        label = QCoreApplication.translate("Startup", "Signing in")
        Op(window.host, signed_in_now, label=label).success(signed_in).run_in_background()
        await closed.wait()
        await window.host.wait_idle()
    finally:
        router.window = None
        shell.close()
        if not signing_in.done():
            signing_in.cancel()
        with contextlib.suppress(BaseException):
            await signing_in
        await ctx.aclose()
    return 0


def run_gui(practice_dir: Path | None = None, paths: AppPaths | None = None,
            log_level: str | None = None) -> int:
    """Open the window; returns the exit status once it is closed."""
    if practice_dir is not None and paths is None:
        paths = AppPaths.under(practice_dir)
    paths = paths or AppPaths.default()
    settings = _load_settings(paths)
    setup_logging(paths, log_level, settings)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    one_per_application(app, MainThreadCollector)  # before a worker thread runs Python code
    app.setApplicationName("opiq-admin")
    app.setOrganizationName("opiq-admin")
    icon = resources.files("opiq_admin") / "resources" / "icon.png"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    languages = one_per_application(app, Languages)
    # Before anything can fail: the start-up dialogs and the services' errors (a bad
    # settings file, an unusable store) speak the language the window would.
    languages.apply(_first_language(paths, settings))
    free, lock = single_instance(paths)
    if not free:
        log.info("another window is open on %s; this one ends", paths.data_dir)
        status = _already_open()
        languages.apply("en")
        return status
    app.setQuitOnLastWindowClosed(False)
    router = ErrorRouter()
    previous_hook = sys.excepthook
    sys.excepthook = router.excepthook
    # Imported only now, after PySide6, so qasync binds to PySide6 and no other Qt binding.
    import qasync

    loop = qasync.QEventLoop(app)
    loop.set_exception_handler(router.loop_handler)
    asyncio.set_event_loop(loop)
    previous_qt_handler = qInstallMessageHandler(_qt_message)
    try:
        return loop.run_until_complete(run_window(paths, practice_dir, router, languages,
                                                  settings))
    except Exception as exc:
        store = sys.modules.get("opiq_admin.services.store")  # imported if it was opened
        if isinstance(exc, SettingsError) or (store is not None
                                              and isinstance(exc, store.StoreError)):
            log.error("the program could not start: %s", exc)
            return _fatal(str(exc))
        log.exception("the program could not start")
        return _fatal(_describe(exc))
    finally:
        sys.excepthook = previous_hook
        qInstallMessageHandler(previous_qt_handler)
        loop.close()
        asyncio.set_event_loop(None)
        # The application can outlive the window (tests): the translators go with it.
        languages.apply("en")
        if lock is not None:
            lock.unlock()


def _first_language(paths: AppPaths, settings: Settings | SettingsError) -> str:
    """The settings' language; of a settings file that cannot be used, its "language" if
    it names one (the file is then said to be broken in the language it chose); else
    Estonian, the settings' default."""
    if isinstance(settings, Settings):
        return str(settings.get("language"))
    with contextlib.suppress(OSError, ValueError, RecursionError):
        data = json.loads(paths.settings_file.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("language") in LANGUAGES:
            return str(data["language"])
    return DEFAULT_LANGUAGE


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



def _startup_probe(moment: str) -> bool:
    """For the start-up benchmark (`python -m opiq_admin.bench startup`): when
    `OPIQ_ADMIN_STARTUP_PROBE` names this moment ("shown" or "signed_in"), print the wall
    clock and answer True: the caller then closes the window."""
    if os.environ.get("OPIQ_ADMIN_STARTUP_PROBE") != moment:
        return False
    import time

    print(f"{moment} {time.time():.6f}", flush=True)
    return True
