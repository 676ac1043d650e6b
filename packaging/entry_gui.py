"""The windowed executable of the bundle: `opiq-admin-window` (no console window behind it)."""

import multiprocessing
import sys

from opiq_admin.__main__ import gui

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(gui())
