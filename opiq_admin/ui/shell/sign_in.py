"""The Sign-in menu's work: signing in and out of each side, and rehearsing the browser
sign-in against the practice emulator."""

from __future__ import annotations

import webbrowser
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from opiq_admin.app import PRACTICE_PASSWORD, PRACTICE_USER, AppContext
from opiq_admin.ui.common.async_ops import Op, OperationHost
from opiq_admin.ui.common.widgets import SYSTEM_NAMES
from opiq_admin.ui.shell.dialogs import BrowserUrlDialog

Opener = Callable[[str], bool]


class SignIn(QObject):
    """Signs in and out through the operation host; `changed` fires after each attempt."""

    changed = Signal()

    def __init__(self, ctx: AppContext, host: OperationHost, window: QWidget,
                 opener: Opener = webbrowser.open) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.host = host
        self.window = window
        self.opener = opener
        self.url_dialog: BrowserUrlDialog | None = None

    def sign_in(self, system: str, trigger: Any = None, *, browser: bool = False) -> Op[None]:
        """Practice mode signs in without a browser unless `browser` asks to rehearse."""
        connection = self.ctx.connection(system)
        name = SYSTEM_NAMES[system]

        async def work() -> None:
            if self.ctx.practice and not browser:
                await connection.sign_in_with_password(PRACTICE_USER, PRACTICE_PASSWORD)
                detail = "practice"
            else:
                await connection.sign_in_browser(self.opener, lambda url: self.show_url(
                    name, url))
                detail = "browser"
            await self.ctx.log("sign_in", "ok", target=name, detail=detail)

        label = (self.tr("Waiting for the {system} sign-in in the browser") if browser
                 or not self.ctx.practice else self.tr("Signing in to {system}"))
        return self._run(work, label.format(system=name), trigger)

    def sign_out(self, system: str, trigger: Any = None) -> Op[None]:
        connection = self.ctx.connection(system)
        name = SYSTEM_NAMES[system]

        async def work() -> None:
            actor = self.ctx.actor()
            await connection.sign_out()
            await self.ctx.store.log(actor, "sign_out", "ok", target=name)

        return self._run(work, self.tr("Signing out of {system}").format(system=name), trigger)

    def show_url(self, system: str, url: str) -> None:
        self.close_url_dialog()
        self.url_dialog = BrowserUrlDialog(system, url, self.window)
        self.url_dialog.open()

    def close_url_dialog(self) -> None:
        if self.url_dialog is not None:
            self.url_dialog.close()
            self.url_dialog.deleteLater()
            self.url_dialog = None

    def _run(self, work: Callable[[], Any], label: str, trigger: Any) -> Op[None]:
        async def guarded() -> None:
            try:
                await work()
            finally:
                self.close_url_dialog()
                self.changed.emit()

        op: Op[None] = Op(self.host, guarded, label=label, trigger=trigger)
        op.run_in_background()
        return op
