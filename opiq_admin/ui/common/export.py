"""Saving a table or text to a file the user chooses: one way for every page.

The save dialog opens non-modally (`open()`), the file is written off the event loop, and
every export goes to the activity log, so what left the program is on record.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog, QWidget

from opiq_admin.ui.common.async_ops import Op, OperationHost

if TYPE_CHECKING:
    from opiq_admin.app import AppContext


def choose_save_file(parent: QWidget, title: str, default_name: str, file_filter: str,
                     on_chosen: Callable[[Path], Any]) -> QFileDialog:
    """Ask where to save; `on_chosen` gets the path. Keep the returned dialog referenced."""
    suffix = Path(default_name).suffix.lstrip(".")
    dialog = QFileDialog(parent, title, str(Path.home() / default_name), file_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    if suffix:
        dialog.setDefaultSuffix(suffix)
    dialog.fileSelected.connect(lambda name: on_chosen(Path(name)))
    dialog.open()
    return dialog


def save_text(host: OperationHost, ctx: AppContext, path: Path, text: str, *, action: str,
              detail: str, label: str, trigger: Any = None) -> Op[None]:
    """Write `text` (already complete: a CSV document carries its own BOM) and log it."""

    async def write() -> None:
        await asyncio.to_thread(path.write_text, text, encoding="utf-8", newline="")
        await ctx.log(action, "ok", target=path.name, detail=detail)

    return Op(host, write, label=label, trigger=trigger)
