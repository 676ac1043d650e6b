"""Start opiq-admin from a source checkout: `python main.py` (the same as `opiq-admin`)."""

import sys

from opiq_admin.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
