"""Compile the translation sources (`resources/i18n/*.ts`) into the `.qm` files the program
loads (`opiq_admin/resources/i18n/`): `python -m opiq_admin.ui.i18n_build`.

The `.ts` files are the committed sources; the `.qm` files are build output and ignored by
git, so the Makefile runs this before starting or testing the program.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
SOURCE_DIR = PACKAGE.parent / "resources" / "i18n"
OUTPUT_DIR = PACKAGE / "resources" / "i18n"


def lrelease() -> str:
    """The `pyside6-lrelease` of this interpreter's environment, else the one on PATH."""
    bindir = Path(sys.executable).parent
    for name in ("pyside6-lrelease", "pyside6-lrelease.exe", "lrelease"):
        candidate = bindir / name
        if candidate.exists():
            return str(candidate)
    found = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    if found is None:
        raise FileNotFoundError("pyside6-lrelease was not found; install PySide6 in this "
                                "environment")
    return found


def build(source_dir: Path = SOURCE_DIR, output_dir: Path = OUTPUT_DIR) -> list[Path]:
    """Compile every `.ts` in `source_dir`; return the `.qm` files written."""
    output_dir.mkdir(parents=True, exist_ok=True)
    tool = lrelease()
    written = []
    for ts in sorted(source_dir.glob("*.ts")):
        qm = output_dir / ts.with_suffix(".qm").name
        subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=True)  # noqa: S603
        written.append(qm)
    return written


def main() -> int:
    for qm in build():
        print(f"wrote {qm}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
