"""The settings registry: types checked, defaults, migration from version 1, atomic save."""

from __future__ import annotations

import json

import pytest

from opiq_admin.services.config.settings import (
    SCHEMA_VERSION,
    ServerProfile,
    Settings,
    SettingsError,
)


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


def test_broken_json_names_the_file_and_the_place(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text('{\n  "language": "et",\n  "concurrency": 6,,\n}\n', encoding="utf-8")
    with pytest.raises(SettingsError) as info:
        Settings.load(path)
    assert str(info.value) == (f"Settings file {path} is not valid JSON: Expecting property "
                               f"name enclosed in double quotes at line 3, column 20")


@pytest.mark.parametrize(("content", "words"), [
    (b"\xff\xfe{}", "not UTF-8 text"),
    (b"[" * 100_000, "nested too deeply"),
    (b'{"concurrency": ' + b"9" * 5000 + b"}", "number too long"),
    (b'["language"]', "does not hold a JSON object"),
    (b'{"schema_version": "two"}', "schema_version"),
    (b'{"schema_version": 0}', "schema_version"),
    (b'{"profiles": [1]}', "server profile 1 must be an object"),
    (b'{"profiles": [{"name": "x", "opiq_url": "https://o"}]}', "'ekool_url'"),
    (b'{"server": {"opiq_url": "https://o"}}', "'ekool_url'"),
])
def test_every_broken_file_is_one_settings_error(tmp_path, content, words):
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    with pytest.raises(SettingsError) as info:
        Settings.load(path)
    assert words in str(info.value) and str(path) in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("value", [0, -1, 33, 10**6])
def test_concurrency_outside_1_to_32_is_refused(tmp_path, value):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"schema_version": SCHEMA_VERSION, "concurrency": value}))
    with pytest.raises(SettingsError) as info:
        Settings.load(path)
    assert str(info.value) == (f"Settings file {path}: Setting 'concurrency' must be from 1 "
                               f"to 32, not {value}")
    settings = Settings.load(tmp_path / "none.json")
    with pytest.raises(SettingsError, match="from 1 to 32"):
        settings.set("concurrency", value)
    with pytest.raises(SettingsError, match="from 1 to 32"):
        Settings(values={"concurrency": value})
    for good in (1, 32):
        settings.set("concurrency", good)
        assert settings.get("concurrency") == good
