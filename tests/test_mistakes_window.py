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


@pytest.mark.parametrize(("language", "said"), [
    ("en", "Settings file {settings}: Setting 'concurrency' must be from 1 to 32, not 0"),
    (None, "Seadete fail {settings}: Seade 'concurrency' peab olema vahemikus 1 kuni 32, "
           "mitte 0"),
])
def test_a_broken_settings_file_is_said_at_start(tmp_path, fatal, language, said):
    settings = tmp_path / "config" / "settings.json"
    settings.parent.mkdir(parents=True)
    # The file's own language, though the file cannot be used; Estonian when it names none.
    chosen = {"language": language} if language else {}
    settings.write_text(json.dumps({"schema_version": 2, "concurrency": 0, **chosen}),
                        encoding="utf-8")
    assert ui_main.run_gui(practice_dir=tmp_path) == 1
    assert fatal == [said.format(settings=settings)]


@pytest.mark.parametrize(("language", "said"), [
    ("en", "the data folder {data} cannot be written: it is a file, not a folder"),
    ("et", "andmekausta {data} ei saa kirjutada: see on fail, mitte kaust"),
])
def test_a_data_folder_that_cannot_be_written_is_said_at_start(tmp_path, fatal, language, said):
    settings = tmp_path / "config" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"language": language}), encoding="utf-8")
    (tmp_path / "data").write_text("a file where the data folder should be")
    assert ui_main.run_gui(practice_dir=tmp_path) == 1
    assert fatal == [said.format(data=tmp_path / "data")]


@pytest.mark.parametrize(("language", "said"), [
    ("en", "opiq-admin could not start: the store {store} cannot be opened: "),
    ("et", "opiq-admin ei käivitunud: andmehoidlat {store} ei saa avada: "),
])
def test_the_start_up_dialog_speaks_the_settings_language(tmp_path, monkeypatch, language,
                                                          said):
    """The dialog itself, not only its message: Qt's words and the service's in one
    language."""
    from PySide6.QtWidgets import QMessageBox

    store = tmp_path / "data" / "opiq-admin.db"
    store.mkdir(parents=True)  # a folder where the store's file should be
    settings = tmp_path / "config" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"language": language, "store_url": f"sqlite:///{store}"}),
                        encoding="utf-8")
    shown: list[str] = []

    def exec_(box: QMessageBox) -> int:
        shown.append(box.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    assert ui_main.run_gui(practice_dir=tmp_path) == 1
    assert len(shown) == 1 and shown[0].startswith(said.format(store=store)), shown
