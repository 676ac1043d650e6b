"""The settings registry: types checked, defaults, migrations from versions 1 and 2, server
profiles of a system profile each, atomic save."""

from __future__ import annotations

import json

import pytest

from opiq_admin.services.config.settings import (
    SCHEMA_VERSION,
    ServerProfile,
    Settings,
    SettingsError,
    SystemProfile,
)

TALLINN = ServerProfile("Tallinn", SystemProfile("https://opiq.example"),
                        SystemProfile("https://ekool.example"))


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
    settings.save_profile(TALLINN)
    settings.set("profile", "Tallinn")
    settings.save()
    again = Settings.load(path)
    assert again.get("language") == "en"
    assert again.active_profile() == TALLINN
    assert json.loads(path.read_text())["schema_version"] == SCHEMA_VERSION


def test_version_1_file_is_migrated(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"language": "et", "server": {
        "opiq_url": "https://opiq.example", "ekool_url": "https://ekool.example"}}))
    settings = Settings.load(path)
    profile = settings.active_profile()
    assert profile is not None and profile.name == "default"
    assert profile.opiq == SystemProfile("https://opiq.example")
    assert profile.ekool.api_url == "https://ekool.example"


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
    (b'{"profiles": [{"name": "x", "opiq_url": "https://o"}]}', "1.ekool lacks its api_url"),
    (b'{"server": {"opiq_url": "https://o"}}', "1.ekool lacks its api_url"),
    (b'{"schema_version": 3, "profiles": [{"name": "x", "opiq": {"api_url": "https://o"}}]}',
     "server profile 1 lacks its ekool part"),
    (b'{"schema_version": 3, "profiles": [{"name": "x", "opiq": {"api_url": "https://o", '
     b'"scopes": "openid", "secret": "s"}, "ekool": {"api_url": "https://e"}}]}',
     "server profile 1.opiq has unknown keys: secret"),
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


def test_version_2_file_is_migrated_to_a_system_profile_each(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"schema_version": 2, "language": "en", "profile": "Tartu",
                                "profiles": [{"name": "Tartu", "opiq_url": "https://opiq.ee",
                                              "ekool_url": "https://ekool.ee",
                                              "ehis_url": "https://ehis.ee",
                                              "opiq_client_id": "tartu-opiq",
                                              "ekool_client_id": "tartu-ekool"}]}))
    settings = Settings.load(path)
    assert settings.active_profile() == ServerProfile(
        "Tartu", SystemProfile("https://opiq.ee", client_id="tartu-opiq"),
        SystemProfile("https://ekool.ee", client_id="tartu-ekool"), ehis_url="https://ehis.ee")
    # The sign-in of a version-2 profile lived under its base URL: the issuer defaults to it.
    assert settings.active_profile().ekool.sign_in_issuer == "https://ekool.ee"
    settings.save()
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["schema_version"] == 3
    assert saved["profiles"] == [{
        "name": "Tartu", "ehis_url": "https://ehis.ee",
        "opiq": {"api_url": "https://opiq.ee", "client_id": "tartu-opiq"},
        "ekool": {"api_url": "https://ekool.ee", "client_id": "tartu-ekool"}}]
    assert Settings.load(path).active_profile() == settings.active_profile()


def test_a_full_system_profile_round_trips_and_never_keeps_a_secret(tmp_path):
    data = {"name": " Harju ", "ehis_url": "https://ehis.example",
            "opiq": {"api_url": "https://api.opiq.ee", "issuer": "https://login.opiq.ee/",
                     "authorization_endpoint": "https://login.opiq.ee/authorize",
                     "token_endpoint": "https://login.opiq.ee/token",
                     "revocation_endpoint": "https://login.opiq.ee/revoke",
                     "userinfo_endpoint": "https://login.opiq.ee/userinfo",
                     "client_id": "harju", "scopes": ["openid", "opiq.admin"],
                     "auth_params": {"prompt": "consent", "ui_locales": "et"},
                     "client_secret": "never-on-disk"},
            "ekool": {"api_url": "https://api.ekool.eu", "scopes": "openid roster.readonly"}}
    profile = ServerProfile.from_dict(data)
    assert profile.name == "Harju"
    assert profile.opiq.sign_in_issuer == "https://login.opiq.ee"
    assert profile.opiq.auth_params == (("prompt", "consent"), ("ui_locales", "et"))
    assert profile.ekool.scopes == ("openid", "roster.readonly")
    assert ServerProfile.from_dict(profile.to_dict()) == profile
    path = tmp_path / "settings.json"
    settings = Settings.load(path)
    settings.save_profile(profile)
    settings.save()
    assert b"never-on-disk" not in path.read_bytes()
    assert Settings.load(path).profiles() == [profile]


@pytest.mark.parametrize(("change", "words"), [
    ({"scopes": "bad scope"}, None),
    ({"scopes": ["two words"]}, "opiq.scopes must be a list of scope names"),
    ({"scopes": {"openid": 1}}, "opiq.scopes must be a list of scope names"),
    ({"auth_params": {"prompt": 1}}, "opiq.auth_params must map names to text"),
    ({"auth_params": "prompt=consent"}, "opiq.auth_params must map names to text"),
    ({"auth_params": ["prompt"]}, "opiq.auth_params must map names to text"),
    ({"auth_params": [["prompt", "consent", "x"]]}, "opiq.auth_params must map names to text"),
    ({"issuer": 7}, "opiq.issuer must be text"),
    ({"api_url": ""}, "opiq lacks its api_url"),
    ({"clientid": "x"}, "opiq has unknown keys: clientid"),
])
def test_a_system_profile_names_the_key_that_is_wrong(change, words):
    data = {"name": "x", "opiq": {"api_url": "https://o", **change},
            "ekool": {"api_url": "https://e"}}
    if words is None:  # a space-separated string is read as the list it spells
        assert ServerProfile.from_dict(data).opiq.scopes == ("bad", "scope")
        return
    with pytest.raises(SettingsError) as info:
        ServerProfile.from_dict(data, "profile")
    assert str(info.value) == f"profile.{words}"


def test_two_profiles_of_one_name_are_refused(tmp_path):
    settings = Settings.load(tmp_path / "settings.json")
    with pytest.raises(SettingsError, match="taken by another profile"):
        settings.set("profiles", [TALLINN.to_dict(), TALLINN.to_dict()])


@pytest.mark.parametrize("value, named", [
    ({"page_cap": 5}, "no key 'page_cap'"),
    ({"roster_page_cap": "37"}, "roster_page_cap must be int"),
    ({"roster_page_cap": 0}, "from 1 to"),
    ({"total_count_header": 0}, "total_count_header must be bool"),
    ({"error_rate": 1.5}, "error_rate must be from 0 to 1"),
])
def test_practice_server_is_checked(value: dict, named: str) -> None:
    with pytest.raises(SettingsError, match=named):
        Settings().set("practice_server", value)
    Settings().set("practice_server", {"roster_page_cap": 37, "total_count_header": False,
                                       "latency_ms": 300, "error_rate": 0})
