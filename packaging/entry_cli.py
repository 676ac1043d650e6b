"""The console executable of the bundle: `opiq-admin` (commands; without one, the window)."""

import multiprocessing
import sys

from opiq_admin.__main__ import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
