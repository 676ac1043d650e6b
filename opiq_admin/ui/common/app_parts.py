"""Parts of the program that belong to the application itself, one each.

A part made as the application's child lives as long as it does; the window may be started
more than once in one process (tests, the screenshots), and each start finds the part the
first one made instead of making a second.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject

P = TypeVar("P", bound=QObject)


def one_per_application(app: QObject, kind: type[P]) -> P:
    """The application's `kind`, made (as its child) the first time it is asked for."""
    found = app.findChild(kind)
    return found if isinstance(found, kind) else kind(app)
