"""Compile the translation sources (`resources/i18n/*.ts`) into the `.qm` files the program
loads (`opiq_admin/resources/i18n/`): `python -m opiq_admin.ui.i18n_build`.

The `.ts` files are the committed sources; the `.qm` files are build output and ignored by
git, so the Makefile runs this before starting or testing the program.

`python -m opiq_admin.ui.i18n_build --update` (`make lupdate`) gathers the window's strings
anew into the `.ts` files with `pyside6-lupdate`: new strings come in unfinished for a
translator, strings no longer in the code are dropped. Locations are left out on purpose:
a line number in every message would change the `.ts` files with every edit of the code.

The services and the command line speak through gettext (`opiq_admin.services.i18n`): the
same two steps gather their strings with Babel into `resources/i18n/opiq_admin.pot` and
`opiq_admin_<lang>.po`, and compile each `.po` to a `.mo` under
`opiq_admin/resources/locale/`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
SOURCE_DIR = PACKAGE.parent / "resources" / "i18n"
OUTPUT_DIR = PACKAGE / "resources" / "i18n"
# gettext: where the services' and the command line's strings are, and the catalogue name.
MESSAGE_SOURCES = ("services", "commands", "cli.py")
DOMAIN = "opiq_admin"
LOCALE_DIR = PACKAGE / "resources" / "locale"


# Which part of the window each translation file holds (folders and files under ui/).
TS_SOURCES: dict[str, tuple[str, ...]] = {
    "opiq_admin": ("shell", "common", "overview/page.py", "overview/__init__.py", "activity",
                   "main.py"),
    "integration": ("integration",),
    "journals": ("journals",),
    "duplicates": ("duplicates", "overview/charts.py"),
    "remediation": ("remediation",),
}
# Estonian is every string; English, the source language, only the plural forms ("%n
# pair(s)" said "1 pair", "2 pairs").
LANGUAGES = ("et", "en")


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
            plural = ["-pluralonly"] if language == "en" else []
            subprocess.run([tool, "-silent", *drop, *plural, "-locations", "none",  # noqa: S603
                            "-target-language", language, *map(str, sources_of(name)),
                            "-ts", str(ts)], check=True)
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


def extract_messages(source_dir: Path = SOURCE_DIR, *, drop_obsolete: bool = True
                     ) -> list[Path]:
    """Gather the gettext strings into `DOMAIN.pot` and update each language's `.po`
    (Babel): new strings come in untranslated, and with `drop_obsolete` gone ones go."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_file
    from babel.messages.pofile import read_po, write_po

    template = Catalog(project="opiq-admin", domain=DOMAIN, fuzzy=False)
    for part in MESSAGE_SOURCES:
        path = PACKAGE / part
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            for _line, message, comments, context in extract_from_file(
                    "python", str(file), comment_tags=("Translators:",)):
                template.add(message, auto_comments=comments, context=context)
    pot = source_dir / f"{DOMAIN}.pot"
    with pot.open("wb") as out:
        write_po(out, template, omit_header=True, no_location=True, width=100)
    written = [pot]
    for language in LANGUAGES:
        if language == "en":
            continue  # gettext's English is the source; ngettext knows its two forms
        po = source_dir / f"{DOMAIN}_{language}.po"
        if po.exists():
            with po.open("rb") as existing:
                catalog = read_po(existing, locale=language)
        else:
            catalog = Catalog(locale=language, project="opiq-admin", domain=DOMAIN,
                              fuzzy=False)
        created = catalog.creation_date
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        # The date of the first gathering stays: a new date on every run is a change to merge.
        catalog.creation_date = created
        catalog.header_comment = (f"# The {language} messages of opiq-admin's services and "
                                  "command line (make lupdate).")
        if drop_obsolete:
            catalog.obsolete.clear()
        with po.open("wb") as out:
            write_po(out, catalog, no_location=True, width=100, include_previous=False,
                     ignore_obsolete=False)
        written.append(po)
    return written


def compile_messages(source_dir: Path = SOURCE_DIR, locale_dir: Path = LOCALE_DIR
                     ) -> list[Path]:
    from opiq_admin.services.i18n import compile_po

    written = []
    for po in sorted(source_dir.glob(f"{DOMAIN}_*.po")):
        language = po.stem.removeprefix(f"{DOMAIN}_")
        mo = locale_dir / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
        compile_po(po, mo)
        written.append(mo)
    return written


def main() -> int:
    if "--update" in sys.argv[1:]:
        for ts in [*update(), *extract_messages()]:
            print(f"updated {ts}")
        return 0
    for qm in [*build(), *compile_messages()]:
        print(f"wrote {qm}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
