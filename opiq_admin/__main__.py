"""`python -m opiq_admin` and the `opiq-admin` console script."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from opiq_admin.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
