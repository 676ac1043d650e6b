"""Compile the translation sources (`resources/i18n/*.ts`) into the `.qm` files the program
loads (`opiq_admin/resources/i18n/`): `python -m opiq_admin.ui.i18n_build`.

The `.ts` files are the committed sources; the `.qm` files are build output and ignored by
git, so the Makefile runs this before starting or testing the program.

`python -m opiq_admin.ui.i18n_build --update` (`make lupdate`) gathers the window's strings
anew into the `.ts` files with `pyside6-lupdate`: new strings come in unfinished for a
translator, strings no longer in the code are dropped. Locations are left out on purpose:
a line number in every message would change the `.ts` files with every edit of the code.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
SOURCE_DIR = PACKAGE.parent / "resources" / "i18n"
OUTPUT_DIR = PACKAGE / "resources" / "i18n"


# Which part of the window each translation file holds (folders and files under ui/).
TS_SOURCES: dict[str, tuple[str, ...]] = {
    "opiq_admin": ("shell", "common", "overview/page.py", "overview/__init__.py", "activity",
                   "main.py"),
    "integration": ("integration",),
    "journals": ("journals",),
    "duplicates": ("duplicates", "overview/charts.py"),
    "remediation": ("remediation",),
}
LANGUAGES = ("et",)


def qt_tool(tool: str) -> str:
    """`pyside6-<tool>` of this interpreter's environment, else the one on PATH."""
    bindir = Path(sys.executable).parent
    for name in (f"pyside6-{tool}", f"pyside6-{tool}.exe", tool):
        candidate = bindir / name
        if candidate.exists():
            return str(candidate)
    found = shutil.which(f"pyside6-{tool}") or shutil.which(tool)
    if found is None:
        raise FileNotFoundError(f"pyside6-{tool} was not found; install PySide6 in this "
                                "environment")
    return found


def lrelease() -> str:
    return qt_tool("lrelease")


def sources_of(name: str) -> list[Path]:
    """The Python files whose strings go into the translation file `name`."""
    ui = PACKAGE / "ui"
    files: list[Path] = []
    for part in TS_SOURCES[name]:
        path = ui / part
        files.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return files


def update(source_dir: Path = SOURCE_DIR, *, drop_obsolete: bool = True) -> list[Path]:
    """Gather the window's strings into the `.ts` files in `source_dir` (lupdate); with
    `drop_obsolete` false, strings gone from the code stay, marked vanished."""
    tool = qt_tool("lupdate")
    written = []
    for name in TS_SOURCES:
        for language in LANGUAGES:
            ts = source_dir / f"{name}_{language}.ts"
            drop = ["-no-obsolete"] if drop_obsolete else []
            subprocess.run([tool, "-silent", *drop, "-locations", "none",  # noqa: S603
                            *map(str, sources_of(name)), "-ts", str(ts)], check=True)
            written.append(ts)
    return written


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
    if "--update" in sys.argv[1:]:
        for ts in update():
            print(f"updated {ts}")
        return 0
    for qm in build():
        print(f"wrote {qm}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
