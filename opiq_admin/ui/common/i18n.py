"""The program's languages, through Qt's own translation system.

Source strings are English; Estonian (the default) comes from `opiq_admin_et.qm`. Switching
installs another translator, and Qt then sends every widget a LanguageChange event, which
each widget answers with its `retranslate()`.
"""

from __future__ import annotations

import logging
import subprocess
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

from opiq_admin.services.i18n import use_language
from opiq_admin.ui import i18n_build

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "et"
LANGUAGE_NAMES = {"et": "Eesti", "en": "English"}


class Languages(QObject):
    """Owns the installed translators of one application, and lives as long as it.

    A translator still installed when it is deleted takes itself out, and Qt then tells every
    window the language changed: a Languages dropped while the application goes on would
    make the windows open at that moment retranslate at whatever time the garbage
    collector frees it. As the application's child (`one_per_application`) it is not dropped."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.app = app
        self.current = "en"
        self._translators: list[QTranslator] = []

    def apply(self, language: str) -> bool:
        """Switch to `language` ("et" or "en"); False if its translation could not load."""
        for translator in self._translators:
            self.app.removeTranslator(translator)
        self._translators = []
        self.current = language
        use_language(language)
        QLocale.setDefault(QLocale(language))
        # English is the source text; its translation holds only the plural forms.
        translators = _program_translators(language)
        ok = bool(translators)
        for translator in translators:
            self._install(translator)
        if language == "en":
            return ok
        qt = QTranslator()
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load(f"qtbase_{language}", folder):
            self._install(qt)
        return ok

    def _install(self, translator: QTranslator | None) -> bool:
        if translator is None:
            return False
        self.app.installTranslator(translator)
        self._translators.append(translator)
        return True


def _program_translators(language: str) -> list[QTranslator]:
    """One translator per `.ts` source (`opiq_admin_et.ts`, `journals_et.ts`, …), so each
    part of the window keeps its own translation file."""
    sources = sorted(i18n_build.SOURCE_DIR.glob(f"*_{language}.ts"))
    stale = any(not (i18n_build.OUTPUT_DIR / ts.with_suffix(".qm").name).exists() or
                (i18n_build.OUTPUT_DIR / ts.with_suffix(".qm").name).stat().st_mtime
                < ts.stat().st_mtime for ts in sources)
    if stale:
        # A source checkout where `make translations` has not run yet: compile now.
        try:
            i18n_build.build()
        except (OSError, subprocess.CalledProcessError) as exc:
            log.warning("could not compile translations: %s", exc)
    translators = []
    for qm in sorted(qm_folder().glob(f"*_{language}.qm")):
        translator = QTranslator()
        if translator.load(str(qm)):
            translators.append(translator)
        else:
            log.warning("could not load the translation %s", qm)
    if not translators:
        log.warning("no translation for %s in %s", language, qm_folder())
    return translators


def qm_folder() -> Path:
    """Where the compiled translations are: in the package, found through
    importlib.resources, so an installed wheel and a frozen bundle find theirs."""
    return Path(str(resources.files("opiq_admin") / "resources" / "i18n"))
