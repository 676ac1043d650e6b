"""The settings registry: types checked, defaults, migration from version 1, atomic save."""

from __future__ import annotations

import json

import pytest

from opiq_admin.services.settings import SCHEMA_VERSION, ServerProfile, Settings, SettingsError


def test_defaults_and_type_checks(tmp_path):
    settings = Settings.load(tmp_path / "settings.json")
    assert settings.get("language") == "et"
    assert settings.active_profile() is None
    with pytest.raises(SettingsError, match="must be int"):
        settings.set("concurrency", "6")
    with pytest.raises(SettingsError, match="Language"):
        settings.set("language", "fi")
    with pytest.raises(SettingsError, match="Unknown setting"):
        settings.set("nope", 1)


def test_save_and_load_round_trip(tmp_path):
    path = tmp_path / "cfg" / "settings.json"
    settings = Settings.load(path)
    settings.set("language", "en")
    settings.save_profile(ServerProfile("Tallinn", "https://opiq.example", "https://ekool.example"))
    settings.set("profile", "Tallinn")
    settings.save()
    again = Settings.load(path)
    assert again.get("language") == "en"
    assert again.active_profile() == ServerProfile("Tallinn", "https://opiq.example",
                                                   "https://ekool.example")
    assert json.loads(path.read_text())["schema_version"] == SCHEMA_VERSION


def test_version_1_file_is_migrated(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"language": "et", "server": {
        "opiq_url": "https://opiq.example", "ekool_url": "https://ekool.example"}}))
    settings = Settings.load(path)
    profile = settings.active_profile()
    assert profile is not None and profile.opiq_url == "https://opiq.example"


def test_broken_file_is_reported_with_its_path(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text("{not json")
    with pytest.raises(SettingsError, match=r"settings\.json"):
        Settings.load(path)
