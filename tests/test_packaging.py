"""The wheel of a clean checkout is complete: compiled translations, migrations, both
entry points; and the window it installs is Estonian."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from opiq_admin import __version__

ROOT = Path(__file__).resolve().parent.parent


def _clean_checkout(target: Path) -> Path:
    """The files a fresh clone has (tracked, and new ones not ignored): no built .qm."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: a clean clone cannot be taken from it")
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    assert not list(target.rglob("*.qm"))
    return target


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    checkout = _clean_checkout(tmp_path_factory.mktemp("clone"))
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(out), str(checkout)], check=True, capture_output=True)
    [built] = out.glob("opiq_admin-*.whl")
    return built


@pytest.mark.slow
def test_the_wheel_carries_translations_migrations_and_both_entry_points(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = archive.read(next(n for n in names if n.endswith("entry_points.txt")))
    sources = sorted(p.stem for p in (ROOT / "resources" / "i18n").glob("*.ts"))
    assert sources
    for stem in sources:
        assert f"opiq_admin/resources/i18n/{stem}.qm" in names
    catalogues = sorted(p.stem.removeprefix("opiq_admin_")
                        for p in (ROOT / "resources" / "i18n").glob("opiq_admin_*.po"))
    assert catalogues
    for language in catalogues:
        assert f"opiq_admin/resources/locale/{language}/LC_MESSAGES/opiq_admin.mo" in names
    versions = sorted(p.name for p in
                      (ROOT / "opiq_admin/services/store/migrations/versions").glob("*.py"))
    for name in ("env.py", "script.py.mako", *(f"versions/{v}" for v in versions)):
        assert f"opiq_admin/services/store/migrations/{name}" in names
    assert "opiq_admin/resources/icon.png" in names
    assert b"[gui_scripts]\nopiq-admin-window = opiq_admin.__main__:gui" in entry_points
    assert b"opiq-admin = opiq_admin.__main__:main" in entry_points
    assert wheel.name.startswith(f"opiq_admin-{__version__}-")


@pytest.mark.slow
def test_the_window_of_the_wheel_speaks_estonian(wheel: Path, tmp_path: Path) -> None:
    """Unpacked on its own (no source tree beside it to compile from), the package finds
    its translations through importlib.resources and the window's menus are Estonian."""
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    probe = (
        "import opiq_admin, sys\n"
        "from pathlib import Path\n"
        f"assert Path(opiq_admin.__file__).is_relative_to({str(site)!r}), opiq_admin.__file__\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from opiq_admin.ui.common.i18n import Languages, qm_folder\n"
        "app = QApplication([])\n"
        "languages = Languages(app)\n"
        "assert languages.apply('et')\n"
        "print(qm_folder())\n"
        "print(QCoreApplication.translate('MainWindow', '&File'))\n"
        "from opiq_admin.services import i18n\n"
        "i18n.use_language('et')\n"
        "print(i18n._('no account records'))\n")
    env = {**os.environ, "PYTHONPATH": str(site), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", probe], env=env, cwd=tmp_path,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    folder, file_menu, message = done.stdout.splitlines()
    assert Path(folder).is_relative_to(site)
    assert file_menu == "&Fail"
    assert message == "kontokirjeid pole"  # the services' catalogue came in the wheel too
