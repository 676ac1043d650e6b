"""The window's start: a broken settings file, an unusable store or data folder is said in
the start-up dialog in one sentence, and the program ends with status 1."""

from __future__ import annotations

import json

import pytest

from opiq_admin.ui import main as ui_main


@pytest.fixture
def fatal(monkeypatch):
    said: list[str] = []

    def capture(message: str) -> int:
        said.append(message)
        return 1

    monkeypatch.setattr(ui_main, "_fatal", capture)
    return said


def test_a_broken_settings_file_is_said_at_start(tmp_path, fatal):
    settings = tmp_path / "config" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"schema_version": 2, "concurrency": 0}), encoding="utf-8")
    assert ui_main.run_gui(practice_dir=tmp_path) == 1
    assert fatal == [f"Settings file {settings}: Setting 'concurrency' must be from 1 to 32, "
                     f"not 0"]


def test_a_data_folder_that_cannot_be_written_is_said_at_start(tmp_path, fatal):
    (tmp_path / "data").write_text("a file where the data folder should be")
    assert ui_main.run_gui(practice_dir=tmp_path) == 1
    assert fatal == [f"the data folder {tmp_path / 'data'} cannot be written: it is a file, "
                     f"not a folder"]
