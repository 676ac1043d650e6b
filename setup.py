"""One build step beyond pyproject.toml: the translations, compiled into the package.

The `.ts` (window) and `.po` (services, command line) sources in `resources/i18n/` are
committed; the `.qm` and `.mo` files the program loads are build output. Compiling them
here, into the wheel's copy of `opiq_admin/resources/`, means a wheel (and so a plain
`pip install`) carries them and the program speaks Estonian. pyside6-lrelease and Babel
come from the build requirements in pyproject.toml.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


def _i18n_build():  # type: ignore[no-untyped-def]
    # Loaded by file: importing the package would need its dependencies installed.
    spec = importlib.util.spec_from_file_location(
        "_opiq_i18n_build", HERE / "opiq_admin" / "ui" / "i18n_build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class BuildWithTranslations(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install loads (and compiles) them from the source tree
        target = Path(self.build_lib) / "opiq_admin" / "resources" / "i18n"
        written = _i18n_build().build(HERE / "resources" / "i18n", target)
        if not written:
            raise SystemExit("no translation sources in resources/i18n")
        self._compile_messages(Path(self.build_lib) / "opiq_admin" / "resources" / "locale")

    @staticmethod
    def _compile_messages(locale_dir: Path) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        sources = sorted((HERE / "resources" / "i18n").glob("opiq_admin_*.po"))
        if not sources:
            raise SystemExit("no message catalogues (opiq_admin_*.po) in resources/i18n")
        for po in sources:
            mo = locale_dir / po.stem.removeprefix("opiq_admin_") / "LC_MESSAGES" / "opiq_admin.mo"
            mo.parent.mkdir(parents=True, exist_ok=True)
            with po.open("rb") as source, mo.open("wb") as target:
                write_mo(target, read_po(source), use_fuzzy=False)


setup(cmdclass={"build_py": BuildWithTranslations})
