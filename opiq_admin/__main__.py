"""`python -m opiq_admin`, the `opiq-admin` console script and the `opiq-admin-window`
GUI script."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    from opiq_admin.cli import main as cli_main

    return cli_main(argv)


def gui(argv: list[str] | None = None) -> int:
    """The window, started without a console (pythonw, a windowed bundle): there stdout and
    stderr are None, and anything printed would fail, so they go nowhere instead; what
    matters is in the log file."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))
    return main(argv)


if __name__ == "__main__":
    sys.exit(main())
