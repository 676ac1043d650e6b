"""Every long operation of the window goes through `Op`, in the manner of:

    Op(host, lambda: ctx.opiq.sign_out(), label=tr("Signing out of Opiq"), trigger=action)
        .success(on_done).run_in_background()

It disables the trigger while running, shows progress in the status bar once it has taken
longer than a moment, keeps a strong reference to its task, lets Cancel stop it, restores
the trigger whatever happens, and sends any failure to one place: the error banner of the
window, as a readable sentence. No operation fails silently or shows a traceback.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from opiq_admin.diagnostics import current_log_file
from opiq_admin.services.errors import ApiError, InsecureUrl, InvalidEhisCode
from opiq_admin.services.store import StoreError
from opiq_admin.ui.common.widgets import Retranslating, announce

log = logging.getLogger(__name__)
T = TypeVar("T")
PROGRESS_DELAY_MS = 300



def describe(exc: BaseException) -> str:
    """A sentence an administrator can act on; the traceback goes to the log only."""
    if isinstance(exc, ApiError | InsecureUrl | InvalidEhisCode | StoreError):
        return str(exc)
    if isinstance(exc, TimeoutError):
        return QCoreApplication.translate("Operations", "It took too long and was stopped.")
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        return f"{exc.strerror or exc}{where}"
    text = QCoreApplication.translate(
        "Operations", "Unexpected error: {error}. Details are in the log file.")
    text = text.format(error=f"{type(exc).__name__}: {exc}")
    log_file = current_log_file()
    # The file named, so whoever reads the banner knows what to send to support.
    return f"{text}\n{log_file}" if log_file is not None else text


class ProgressIndicator(Retranslating, QWidget):
    """The status bar's "working…" strip: a label, a busy bar and Cancel."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)
        self.bar.setMaximumWidth(120)
        self.bar.setMaximumHeight(14)
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self.cancel_requested)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.cancel_button.setText(QCoreApplication.translate("Operations", "Cancel"))


class OperationHost(QObject):
    """Runs the operations of one window, shows their progress and reports their failures.

    `report` is where every failure message goes (the window's error banner).
    """

    failed = Signal(str)
    finished = Signal()

    def __init__(self, progress: ProgressIndicator, report: Callable[[str], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.progress = progress
        self.report = report
        self.running: list[Op[Any]] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show_progress)
        progress.cancel_requested.connect(self.cancel_all)

    @property
    def busy(self) -> bool:
        return bool(self.running)

    def started(self, op: Op[Any]) -> None:
        self.running.append(op)
        if not self.progress.isVisible() and not self._timer.isActive():
            self._timer.start(PROGRESS_DELAY_MS)
        self._update_label()

    def ended(self, op: Op[Any]) -> None:
        """Called whatever became of the window: an operation that outlives it must still
        leave `running`, or the host stays busy and whoever waits for it waits for ever."""
        if op in self.running:
            self.running.remove(op)
        if not shiboken6.isValid(self):
            return  # the window went first: nothing left to show
        if not self.running:
            self._timer.stop()
            if shiboken6.isValid(self.progress):
                if self.progress.isVisible():
                    # Long enough to have shown its progress: say that it is over.
                    announce(self.progress, QCoreApplication.translate(
                        "Operations", "Done: {what}").format(what=op.label))
                self.progress.hide()
            self.finished.emit()
        self._update_label()

    def fail(self, message: str) -> None:
        self.report(message)
        self.failed.emit(message)

    def cancel_all(self) -> None:
        for op in list(self.running):
            if op.cancellable:
                op.cancel()

    async def wait_idle(self) -> None:
        """Wait until nothing is running (screenshots and shutdown)."""
        while self.running:
            await asyncio.gather(*(op.task for op in self.running if op.task),
                                 return_exceptions=True)

    def _show_progress(self) -> None:
        if self.running and shiboken6.isValid(self.progress):
            self._update_label()
            self.progress.show()

    def _update_label(self) -> None:
        if not self.running or not shiboken6.isValid(self.progress):
            return
        newest = self.running[-1]
        more = len(self.running) - 1
        text = newest.label + (f" (+{more})" if more else "") + "…"
        self.progress.label.setText(text)
        self.progress.cancel_button.setEnabled(any(op.cancellable for op in self.running))


Trigger = QAction | QWidget


class Op(Generic[T]):
    """One long operation: build it, say what to do after, then `run_in_background()`."""

    def __init__(self, host: OperationHost, work: Callable[[], Awaitable[T]], *, label: str,
                 trigger: Trigger | Iterable[Trigger] | None = None,
                 cancellable: bool = True) -> None:
        self.host = host
        self.work = work
        self.label = label
        self.cancellable = cancellable
        if trigger is None:
            self.triggers: list[Trigger] = []
        elif isinstance(trigger, QAction | QWidget):
            self.triggers = [trigger]
        else:
            self.triggers = list(trigger)
        self._on_success: Callable[[T], Any] | None = None
        self._on_failure: Callable[[BaseException], bool | None] | None = None
        self.task: asyncio.Task[None] | None = None

    def success(self, callback: Callable[[T], Any]) -> Op[T]:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], bool | None]) -> Op[T]:
        """`callback` sees the error first; returning True means it was handled."""
        self._on_failure = callback
        return self

    def run_in_background(self) -> asyncio.Task[None]:
        self.task = asyncio.ensure_future(self._run())
        return self.task

    def cancel(self) -> None:
        if self.task is not None and not self.task.done():
            self.task.cancel()

    async def _run(self) -> None:
        enabled = [(t, t.isEnabled()) for t in self.triggers]
        for trigger in self.triggers:
            trigger.setEnabled(False)
        self.host.started(self)
        try:
            result = await self.work()
        except asyncio.CancelledError:
            log.info("%s: cancelled", self.label)
        except Exception as exc:
            self._failed(exc)
        else:
            if self._on_success is not None:
                try:
                    self._on_success(result)
                except Exception as exc:
                    self._failed(exc)
        finally:
            for trigger, was_enabled in enabled:
                if shiboken6.isValid(trigger):
                    trigger.setEnabled(was_enabled)
            self.host.ended(self)

    def _failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self.host):
            # The window closed under a running operation: nobody is left to tell.
            log.info("%s ended after its window closed: %s", self.label, exc)
            return
        if isinstance(exc, ApiError | InsecureUrl | InvalidEhisCode | OSError | TimeoutError):
            log.warning("%s failed: %s", self.label, exc)
        else:
            log.error("%s failed", self.label, exc_info=exc)
        if self._on_failure is not None and self._on_failure(exc):
            return
        text = QCoreApplication.translate("Operations", "{what} failed: {why}")
        self.host.fail(text.format(what=self.label, why=describe(exc)))
