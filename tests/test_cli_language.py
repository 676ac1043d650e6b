"""The command line speaks one language throughout: `--lang et|en`, else the settings'
language, else Estonian; the same mistake is said in either, in one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def opiq_admin(*argv: str, home: Path) -> subprocess.CompletedProcess[str]:
    """The program as a user starts it: its own process, its own settings folder."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "HOME": str(home),
           "XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data"),
           "APPDATA": str(home / "appdata"), "LOCALAPPDATA": str(home / "localappdata")}
    return subprocess.run([sys.executable, "-m", "opiq_admin", *argv], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=180, check=False)


@pytest.fixture
def accounts(tmp_path: Path) -> Path:
    path = tmp_path / "accounts.jsonl"
    path.write_text('{"id": "a1"}\n', encoding="utf-8")
    return path


def test_the_same_mistake_in_two_languages(tmp_path: Path, accounts: Path) -> None:
    said = {}
    for language in ("et", "en"):
        run = opiq_admin("--lang", language, "duplicates", "scan", "--accounts", str(accounts),
                         home=tmp_path)
        assert run.returncode == 2 and run.stdout == ""
        [said[language]] = run.stderr.splitlines()
    assert said["et"] == f"opiq-admin: {accounts}:1: väli 'first_name' on kohustuslik"
    assert said["en"] == f"opiq-admin: {accounts}:1: field 'first_name' is required"


def test_a_missing_file_and_a_bad_decision_in_two_languages(tmp_path: Path) -> None:
    missing = tmp_path / "puudub.jsonl"
    et = opiq_admin("--lang", "et", "duplicates", "scan", "--accounts", str(missing),
                    home=tmp_path)
    en = opiq_admin("--lang", "en", "duplicates", "scan", "--accounts", str(missing),
                    home=tmp_path)
    assert et.stderr.startswith(f"opiq-admin: {missing}: faili ei saa lugeda (")
    assert en.stderr.startswith(f"opiq-admin: {missing}: cannot read the file (")
    practice = str(tmp_path / "harjutus")
    et = opiq_admin("--lang", "et", "--practice", practice, "duplicates", "decide", "a", "b",
                    "frob", home=tmp_path)
    en = opiq_admin("--practice", practice, "--lang", "en", "duplicates", "decide", "a", "b",
                    "frob", home=tmp_path)
    assert (et.returncode, en.returncode) == (2, 2)
    assert "otsus 'frob' ei ole approve, reject ega clear" in et.stderr
    assert "decision 'frob' is not approve, reject or clear" in en.stderr


def test_without_lang_the_settings_choose_and_estonian_when_unset(tmp_path: Path,
                                                                   accounts: Path) -> None:
    practice = tmp_path / "harjutus"
    unset = opiq_admin("--practice", str(practice), "profile", "list", home=tmp_path)
    assert unset.returncode == 0
    assert unset.stderr.startswith("Serveriprofiile pole: harjutusrežiim.")
    settings = practice / "config" / "settings.json"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(json.dumps({"language": "en"}), encoding="utf-8")
    english = opiq_admin("--practice", str(practice), "profile", "list", home=tmp_path)
    assert english.stderr.startswith("No server profiles: practice mode.")
    # --lang wins over the settings.
    estonian = opiq_admin("--lang", "et", "--practice", str(practice), "profile", "list",
                          home=tmp_path)
    assert estonian.stderr.startswith("Serveriprofiile pole")


def test_counts_on_the_command_line_take_the_plural(tmp_path: Path) -> None:
    record = {"id": "opq-usr-1", "first_name": "Tõnis", "last_name": "Kõiv",
              "email": "tonis@hot.ee", "id_code": None, "birth_date": "2012-03-04",
              "ekool_id": None, "roles": ["student"], "created_at": "2023-02-01T08:00:00Z",
              "has_license": True, "school": "11111", "journals": []}
    accounts = tmp_path / "kontod.jsonl"
    accounts.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    et = opiq_admin("--lang", "et", "duplicates", "scan", "--accounts", str(accounts),
                    home=tmp_path)
    en = opiq_admin("--lang", "en", "duplicates", "scan", "--accounts", str(accounts),
                    home=tmp_path)
    assert (et.returncode, en.returncode) == (0, 0), et.stderr
    assert et.stderr.strip() == "0 paari, 0 mitmetähenduslikku"
    assert en.stderr.strip() == "0 pairs, 0 ambiguous"


def test_a_bad_lang_is_one_usage_line(tmp_path: Path) -> None:
    from opiq_admin.cli import main

    assert main(["--lang", "fi", "profile", "list"]) == 2
    assert main(["--practice"]) == 2
    run = opiq_admin("--lang", "fi", "profile", "list", home=tmp_path)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "invalid choice: 'fi'" in run.stderr
