"""The one-folder bundle (`make bundle` → dist/opiq-admin/) on a machine without Python:
started with an empty environment, it says its version, runs a practice command, scans a
file for duplicate accounts, and opens its window.

Building the bundle takes about two minutes, so `make test` does not; these tests are
skipped until it is built, and `make bundle-test` (which CI runs after `make bundle`)
fails instead of skipping.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from opiq_admin import __version__

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "dist" / "opiq-admin"
EXE = ".exe" if sys.platform == "win32" else ""
CLI = FOLDER / f"opiq-admin{EXE}"
WINDOW = FOLDER / f"opiq-admin-window{EXE}"

if not CLI.exists() and not os.environ.get("OPIQ_BUNDLE_REQUIRED"):
    pytest.skip("no bundle in dist/opiq-admin: `make bundle` builds it (about two minutes), "
                "`make bundle-test` runs these tests on it", allow_module_level=True)

pytestmark = pytest.mark.slow


def bare(**extra: str) -> dict[str, str]:
    """An empty environment (`env -i`): no PATH, no HOME, no virtual environment; on
    Windows only what a process cannot start without."""
    keep = ("SYSTEMROOT", "WINDIR") if sys.platform == "win32" else ()
    return {**{k: os.environ[k] for k in keep if k in os.environ}, **extra}


def test_the_bundle_is_there() -> None:
    assert CLI.is_file() and WINDOW.is_file(), f"run `make bundle` first ({FOLDER})"


def test_version_with_an_empty_environment() -> None:
    done = subprocess.run([str(CLI), "--version"], env=bare(), capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"opiq-admin {__version__}"


def test_a_practice_command_with_an_empty_environment(tmp_path: Path) -> None:
    """The emulator, the sign-in, the store and its migrations, all from inside the bundle."""
    done = subprocess.run([str(CLI), "--practice", str(tmp_path), "status", "--json"],
                          env=bare(), capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    status = json.loads(done.stdout.decode("utf-8"))
    for side in ("opiq", "ekool"):
        assert status[side]["signed_in"] is True and status[side]["user"] == "Mari Maasikas"
    assert "Põhikool" in status["ekool"]["school"]  # UTF-8 with no locale in the environment
    assert (tmp_path / "data" / "store.sqlite3").is_file()


def test_a_duplicate_scan_of_a_file_with_an_empty_environment(tmp_path: Path) -> None:
    """The scan's own libraries (numpy, rapidfuzz, msgspec) come with the bundle."""
    lines = [{"id": "old-1", "first_name": "Tõnis", "last_name": "Mägi", "school": "11111",
              "roles": ["student"], "email": "tonis.magi@kool.ee"},
             {"id": "new-1", "first_name": "Tonis", "last_name": "Magi", "school": "11111",
              "roles": ["student"], "ekool_id": "e1", "birth_date": "2012-07-04"}]
    accounts = tmp_path / "accounts.jsonl"
    accounts.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines),
                        encoding="utf-8")
    done = subprocess.run([str(CLI), "--lang", "en", "duplicates", "scan", "--accounts",
                           str(accounts), "--json"], env=bare(), capture_output=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    found = json.loads(done.stdout.decode("utf-8"))
    assert [(c["old"], c["new"]) for c in found["pairs"] + found["ambiguous"]] == [
        ("old-1", "new-1")]


def test_the_window_opens_in_estonian(tmp_path: Path) -> None:
    """The windowed executable, offscreen: it stays open until it is killed."""
    log_file = tmp_path / "data" / "logs" / "opiq-admin.log"
    process = subprocess.Popen([str(WINDOW), "--practice", str(tmp_path)],
                               env=bare(QT_QPA_PLATFORM="offscreen"),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 90
        text = ""
        while time.monotonic() < deadline and process.poll() is None:
            text = log_file.read_text(encoding="utf-8") if log_file.exists() else ""
            if "window open" in text:
                break
            time.sleep(0.5)
        assert process.poll() is None, process.stderr.read().decode("utf-8", "replace") \
            if process.stderr else ""
        assert "window open (language et, practice mode)" in text, text
        assert "no translation for" not in text and "Traceback" not in text, text
    finally:
        process.kill()
        process.wait(timeout=30)
