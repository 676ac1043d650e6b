"""The words of the services and the command line in the user's language, with gettext.

Source strings are English and marked `_("…")` (said now), `N_("…")` (a class attribute,
said later through `_`) or `ngettext(one, many, n)`. Babel gathers them into
`resources/i18n/opiq_admin.pot` and the Estonian `opiq_admin_et.po` (`make lupdate`), and
compiles that to `opiq_admin/resources/locale/et/LC_MESSAGES/opiq_admin.mo`
(`make translations`). The window's own strings are Qt's (`.ts`); these are the ones a
service or a command says: errors, advice, activity-log details, CSV headers.

The language is the process's, as the locale is (Qt's default locale, gettext's own
domain): the command line sets it for one run from `--lang` or the settings, the window on
every switch. Text is translated when said, so an exception says itself in the language of
the moment it is shown.
"""

from __future__ import annotations

import functools
import gettext
import logging
from pathlib import Path

log = logging.getLogger(__name__)

DOMAIN = "opiq_admin"
LANGUAGES = ("et", "en")
# What the command line speaks when neither --lang nor the settings say.
DEFAULT_LANGUAGE = "et"
PACKAGE = Path(__file__).resolve().parent.parent
LOCALE_DIR = PACKAGE / "resources" / "locale"
SOURCE_DIR = PACKAGE.parent / "resources" / "i18n"

# English, the source language, until someone chooses: a library caller gets the strings as
# written.
_chosen = {"language": "en"}


def use_language(language: str) -> None:
    """Speak `language` ("et" or "en") from now on."""
    _chosen["language"] = language if language in LANGUAGES else DEFAULT_LANGUAGE


def current_language() -> str:
    return _chosen["language"]


def _(message: str) -> str:
    return _catalogue(_chosen["language"]).gettext(message)


def N_(message: str) -> str:
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _catalogue(_chosen["language"]).ngettext(singular, plural, n)


def in_language(language: str, message: str) -> str:
    """`message` in `language`, whatever the current one (a letter in the reader's
    language)."""
    return _catalogue(language).gettext(message)


@functools.cache
def _catalogue(language: str) -> gettext.NullTranslations:
    if language == "en":
        return gettext.NullTranslations()
    mo = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    po = SOURCE_DIR / f"{DOMAIN}_{language}.po"
    if po.exists() and (not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime):
        # A source checkout where `make translations` has not run since the .po changed.
        try:
            compile_po(po, mo)
        except (OSError, ImportError) as exc:
            log.warning("could not compile %s: %s", po, exc)
    try:
        with mo.open("rb") as file:
            return gettext.GNUTranslations(file)
    except OSError:
        log.warning("no translation of the messages for %s in %s", language, mo)
        return gettext.NullTranslations()


def compile_po(po: Path, mo: Path) -> None:
    """Compile one `.po` to its `.mo` (Babel), with its plural forms."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as source:
        catalog = read_po(source)
    mo.parent.mkdir(parents=True, exist_ok=True)
    with mo.open("wb") as target:
        write_mo(target, catalog, use_fuzzy=False)
