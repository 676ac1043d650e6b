"""`make run`'s first step on Linux: Qt's missing X11 libraries named as Debian packages,
and installed where it may, instead of Qt's abort."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "packaging" / "linux_qt_libs.py"

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")


@pytest.fixture
def libs():
    spec = importlib.util.spec_from_file_location("linux_qt_libs", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_what_ldd_and_ldconfig_report_is_a_list_of_sonames(libs) -> None:
    found = libs.missing()  # the real Qt of this environment
    assert all(name.startswith("lib") and ".so" in name for name in found)


def test_missing_libraries_are_named_as_packages_to_install(libs, monkeypatch, capsys) -> None:
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setattr(libs, "missing", lambda: ["libxcb-cursor.so.0", "libxcb-icccm.so.4",
                                                  "libunknown.so.7"])
    assert libs.main(["--check"]) == 1
    err = capsys.readouterr().err
    assert "apt-get install -y --no-install-recommends libxcb-cursor0 libxcb-icccm4" in err
    assert "libunknown.so.7" in err


def test_nothing_to_do_offscreen_or_when_nothing_is_missing(libs, monkeypatch) -> None:
    monkeypatch.setattr(libs, "missing", lambda: ["libxcb-cursor.so.0"])
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert libs.main([]) == 0
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.setattr(libs, "missing", lambda: [])
    assert libs.main([]) == 0
