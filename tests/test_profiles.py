"""Server profiles an IT department hands out: `profile import|list|use|export` on the
settings file and the keyring, with the client secret in the keyring and in no file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from opiq_admin.cli import main
from opiq_admin.services.config.settings import SCHEMA_VERSION, ServerProfile
from opiq_admin.services.signin.vault import SERVICE, MemoryKeyring

SECRET = "tõeliselt-salajane-7f3a"  # a made-up client secret

PROFILE = {
    "name": "Harjumaa koolid",
    "ehis_url": "https://enda.ehis.ee",
    "opiq": {"api_url": "https://api.opiq.ee", "issuer": "https://login.opiq.ee",
             "token_endpoint": "https://login.opiq.ee/oauth2/token",
             "client_id": "harju-opiq-admin", "scopes": ["openid", "opiq.admin"],
             "auth_params": {"prompt": "consent"}, "client_secret": SECRET},
    "ekool": {"api_url": "https://api.ekool.eu", "issuer": "https://login.ekool.eu",
              "client_id": "harju", "scopes": ["openid", "roster.readonly"],
              "auth_params": {}},
}


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """The keyring the commands build their vault over, for this test only."""
    backend, previous = MemoryKeyring(), keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def run(capsys, home: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", "--practice", str(home), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def write(path: Path, data: object, bom: bool = False) -> Path:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


def files_holding(folder: Path, secret: str) -> list[Path]:
    wanted = [secret.encode(enc) for enc in ("utf-8", "utf-16-le", "unicode_escape")]
    return [p for p in folder.rglob("*") if p.is_file()
            and any(w in p.read_bytes() for w in wanted)]


def test_import_list_use_export_round_trip(capsys, tmp_path, memory_keyring):
    home, handed = tmp_path / "home", tmp_path / "handed-out"
    handed.mkdir()
    source = write(handed / "harju.json", PROFILE, bom=True)

    code, out, err = run(capsys, home, "profile", "import", str(source))
    assert code == 0, err
    assert f'Imported the server profile "Harjumaa koolid" from {source}.' in err
    assert "The Opiq client secret is in this computer's keyring." in err
    assert 'opiq-admin profile use "Harjumaa koolid"' in err
    assert out == ""

    code, out, _ = run(capsys, home, "profile", "list", "--json")
    assert code == 0
    listed = json.loads(out)["profiles"]
    expected = ServerProfile.from_dict(PROFILE)
    assert listed == [{"name": "Harjumaa koolid", "active": False,
                       "opiq": expected.opiq.to_dict(), "ekool": expected.ekool.to_dict(),
                       "ehis_url": "https://enda.ehis.ee",
                       "secrets": {"opiq": True, "ekool": False}}]

    code, _, err = run(capsys, home, "profile", "use", "Harjumaa koolid")
    assert code == 0 and '"Harjumaa koolid" is in use' in err
    code, out, _ = run(capsys, home, "profile", "list", "--json")
    assert json.loads(out)["profiles"][0]["active"] is True
    settings = json.loads((home / "config" / "settings.json").read_text(encoding="utf-8"))
    assert settings["profile"] == "Harjumaa koolid"
    assert settings["schema_version"] == SCHEMA_VERSION

    exported = tmp_path / "export.json"
    code, _, err = run(capsys, home, "profile", "export", "Harjumaa koolid", "--out",
                       str(exported))
    assert code == 0 and "without client secrets" in err
    again = json.loads(exported.read_text(encoding="utf-8"))
    assert ServerProfile.from_dict(again) == expected
    assert "client_secret" not in exported.read_text(encoding="utf-8")
    code, out, _ = run(capsys, home, "profile", "export", "Harjumaa koolid")
    assert code == 0 and json.loads(out) == again

    # The exported file imports again, replacing the profile and keeping the stored secret.
    code, _, err = run(capsys, home, "profile", "import", str(exported))
    assert code == 0
    assert "Replaced the server profile" in err and "It is the profile in use." in err
    assert "The Opiq client secret stored earlier is kept (the file names none)." in err
    assert memory_keyring.secrets[(SERVICE, "Harjumaa koolid:opiq:client_secret")] == SECRET
    code, out, _ = run(capsys, home, "profile", "list", "--json")
    assert [p["name"] for p in json.loads(out)["profiles"]] == ["Harjumaa koolid"]

    code, _, err = run(capsys, home, "profile", "use", "")
    assert code == 0 and "Practice mode" in err
    code, out, _ = run(capsys, home, "profile", "list", "--json")
    assert json.loads(out)["profiles"][0]["active"] is False


def test_the_secret_lands_in_the_keyring_and_in_no_file(capsys, tmp_path, memory_keyring):
    home = tmp_path / "home"
    source = write(tmp_path / "harju.json", PROFILE)
    assert run(capsys, home, "profile", "import", str(source))[0] == 0
    assert memory_keyring.secrets == {(SERVICE, "Harjumaa koolid:opiq:client_secret"): SECRET}
    for argv in (("profile", "list"), ("profile", "list", "--json"),
                 ("profile", "use", "Harjumaa koolid"),
                 ("profile", "export", "Harjumaa koolid"),
                 ("profile", "export", "Harjumaa koolid", "--out", str(home / "out.json"))):
        code, out, err = run(capsys, home, *argv)
        assert code == 0, err
        assert SECRET not in out and SECRET not in err
    assert (home / "config" / "settings.json").exists()
    assert files_holding(home, SECRET) == []
    assert files_holding(tmp_path, SECRET) == [source]


def test_an_empty_secret_in_the_file_forgets_the_stored_one(capsys, tmp_path, memory_keyring):
    home = tmp_path / "home"
    assert run(capsys, home, "profile", "import", str(write(tmp_path / "a.json", PROFILE)))[0] == 0
    public = {**PROFILE, "opiq": {**PROFILE["opiq"], "client_secret": ""}}
    code, _, err = run(capsys, home, "profile", "import", str(write(tmp_path / "b.json", public)))
    assert code == 0 and "Opiq: a public client; no client secret is kept." in err
    assert memory_keyring.secrets == {}
    code, out, _ = run(capsys, home, "profile", "list", "--json")
    assert json.loads(out)["profiles"][0]["secrets"] == {"opiq": False, "ekool": False}


def test_without_a_keyring_the_secret_is_not_kept_and_the_command_says_so(capsys, tmp_path,
                                                                          no_keyring):
    home = tmp_path / "home"
    source = write(tmp_path / "harju.json", PROFILE)
    code, _, err = run(capsys, home, "profile", "import", str(source))
    assert code == 1
    last = err.strip().splitlines()[-1]
    assert last == ("opiq-admin: this computer has no keyring, so the Opiq client secret "
                    "cannot be kept: it was written nowhere, and has to be imported again in "
                    "the next run that needs it")
    assert files_holding(home, SECRET) == []
    code, out, _ = run(capsys, home, "profile", "list", "--json")
    assert json.loads(out)["profiles"][0]["secrets"]["opiq"] is False


def _with(system: str, **change: object) -> dict:
    return {**PROFILE, system: {**PROFILE[system], **change}}


@pytest.mark.parametrize(("content", "words"), [
    (b"{not json", "not valid JSON: Expecting property name enclosed in double quotes at "
                   "line 1, column 2"),
    (b"\xff\xfe{}", "not UTF-8 text (byte 0)"),
    (b"[]", "does not hold a server profile (a JSON object)"),
    (json.dumps({k: v for k, v in PROFILE.items() if k != "opiq"}).encode(),
     "profile lacks its opiq part"),
    (json.dumps({**PROFILE, "colour": "blue"}).encode(), "profile has unknown keys: colour"),
    (json.dumps(_with("ekool", clientid="x")).encode(),
     "profile.ekool has unknown keys: clientid"),
    (json.dumps(_with("opiq", scopes={"openid": True})).encode(),
     "profile.opiq.scopes must be a list of scope names"),
    (json.dumps(_with("ekool", auth_params=["prompt"])).encode(),
     "profile.ekool.auth_params must map names to text"),
    (json.dumps(_with("opiq", client_secret=42)).encode(),
     "profile.opiq.client_secret must be text"),
    (json.dumps(_with("ekool", client_secret="x" * 1281)).encode(),
     "profile.ekool.client_secret is 2,562 bytes as the keyring stores it (UTF-16); Windows "
     "Credential Manager keeps at most 2,560 bytes (1,280 plain characters)"),
])
def test_a_bad_file_is_one_line_naming_the_file_and_the_key(capsys, tmp_path, memory_keyring,
                                                            content, words):
    home, source = tmp_path / "home", tmp_path / "bad.json"
    source.write_bytes(content)
    code, out, err = run(capsys, home, "profile", "import", str(source))
    assert code == 2 and out == ""
    assert err == f"opiq-admin: {source}: {words}\n"
    assert not (home / "config" / "settings.json").exists()
    assert memory_keyring.secrets == {}


def test_a_secret_windows_can_keep_is_imported(capsys, tmp_path, memory_keyring):
    source = write(tmp_path / "long.json", _with("ekool", client_secret="x" * 1280))
    code, _, err = run(capsys, tmp_path / "home", "profile", "import", str(source))
    assert code == 0, err
    assert memory_keyring.secrets[(SERVICE, "Harjumaa koolid:ekool:client_secret")] == "x" * 1280


def test_a_missing_file_and_unknown_names_are_usage_errors(capsys, tmp_path, memory_keyring):
    home = tmp_path / "home"
    code, _, err = run(capsys, home, "profile", "import", str(tmp_path / "none.json"))
    assert code == 2 and err.startswith(f"opiq-admin: {tmp_path / 'none.json'}: cannot be read")
    for argv in (("use", "Tartu"), ("export", "Tartu")):
        code, out, err = run(capsys, home, "profile", *argv)
        assert code == 2 and out == ""
        assert err == "opiq-admin: there is no server profile named 'Tartu' (known: none yet)\n"


def test_profile_list_json_shape_for_several_profiles(capsys, tmp_path, memory_keyring):
    home = tmp_path / "home"
    code, out, err = run(capsys, home, "profile", "list", "--json")
    assert code == 0 and json.loads(out) == {"profiles": []}
    code, _, err = run(capsys, home, "profile", "list")
    assert "No server profiles: practice mode" in err
    for name in ("Tartu", "Pärnu"):
        data = {"name": name, "opiq": {"api_url": f"https://opiq.{name}.ee"},
                "ekool": {"api_url": f"https://ekool.{name}.ee"}}
        assert run(capsys, home, "profile", "import",
                   str(write(tmp_path / f"{name}.json", data)))[0] == 0
    run(capsys, home, "profile", "use", "Pärnu")
    code, out, _ = run(capsys, home, "profile", "list", "--json")
    document = json.loads(out)
    assert list(document) == ["profiles"]
    for entry in document["profiles"]:
        assert list(entry) == ["name", "active", "opiq", "ekool", "ehis_url", "secrets"]
        assert entry["secrets"] == {"opiq": False, "ekool": False}
        assert entry["opiq"] == {"api_url": f"https://opiq.{entry['name']}.ee",
                                 "client_id": "opiq-admin", "scopes": [], "auth_params": {}}
    assert [(e["name"], e["active"]) for e in document["profiles"]] == [("Tartu", False),
                                                                        ("Pärnu", True)]
    code, _, err = run(capsys, home, "profile", "list")
    assert "* Pärnu" in err and "  Tartu" in err and "no client secret" in err


def test_a_version_2_settings_file_is_migrated_by_the_profile_commands(capsys, tmp_path,
                                                                       memory_keyring):
    home = tmp_path / "home"
    settings_file = home / "config" / "settings.json"
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text(json.dumps({
        "schema_version": 2, "profile": "Tartu", "profiles": [{
            "name": "Tartu", "opiq_url": "https://opiq.ee", "ekool_url": "https://ekool.ee",
            "ehis_url": "", "opiq_client_id": "tartu", "ekool_client_id": "tartu-ek"}]}),
        encoding="utf-8")
    code, out, _ = run(capsys, home, "profile", "list", "--json")
    assert code == 0
    assert json.loads(out)["profiles"] == [{
        "name": "Tartu", "active": True, "ehis_url": "",
        "opiq": {"api_url": "https://opiq.ee", "client_id": "tartu", "scopes": [],
                 "auth_params": {}},
        "ekool": {"api_url": "https://ekool.ee", "client_id": "tartu-ek", "scopes": [],
                  "auth_params": {}},
        "secrets": {"opiq": False, "ekool": False}}]
    assert run(capsys, home, "profile", "use", "Tartu")[0] == 0
    saved = json.loads(settings_file.read_text(encoding="utf-8"))
    assert saved["schema_version"] == 3
    assert saved["profiles"][0]["opiq"] == {"api_url": "https://opiq.ee", "client_id": "tartu"}

