"""The errors the store, the clients and the sign-in raise reach a person in the language of
the run: `--lang et` says them in Estonian, `--lang en` in English, one line each.

One error from each of those folders, through the command line as a user starts it: a
store that cannot be reached (services/store), a bad EHIS code and a journal the emulator
does not have (services/clients, services/errors), a sign-in endpoint the profile names in
plain http (services/signin).
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from test_cli_language import opiq_admin

from opiq_admin.cli import main
from opiq_admin.services.config.paths import AppPaths
from opiq_admin.services.config.settings import ServerProfile, Settings, SystemProfile
from opiq_admin.services.i18n import current_language


def in_both(*argv: str, home: Path) -> dict[str, subprocess.CompletedProcess[str]]:
    return {language: opiq_admin("--lang", language, *argv, home=home)
            for language in ("et", "en")}


def practice_with(tmp_path: Path, **settings: str) -> Path:
    practice = tmp_path / "harjutus"
    file = practice / "config" / "settings.json"
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(json.dumps(settings), encoding="utf-8")
    return practice


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then let go)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_store_server_that_cannot_be_reached_is_said_in_the_runs_language(tmp_path: Path
                                                                             ) -> None:
    pytest.importorskip("psycopg")
    url = f"postgresql+psycopg://mari@127.0.0.1:{closed_port()}/opiq"
    practice = practice_with(tmp_path, store_url=url)
    said = in_both("--practice", str(practice), "journals", "list", home=tmp_path)
    for run in said.values():
        assert run.returncode == 1 and run.stdout == "" and "Traceback" not in run.stderr
        assert len(run.stderr.splitlines()) == 1, run.stderr
    assert said["et"].stderr.startswith(f"opiq-admin: andmehoidlaga {url} ei saa ühendust: ")
    assert said["en"].stderr.startswith(f"opiq-admin: the store {url} cannot be reached: ")


def test_a_store_folder_that_is_a_file_is_said_in_the_runs_language(tmp_path: Path) -> None:
    blocker = tmp_path / "fail"
    blocker.write_text("", encoding="utf-8")
    practice = practice_with(tmp_path, store_url=f"sqlite:///{blocker / 'store.db'}")
    said = in_both("--practice", str(practice), "journals", "list", home=tmp_path)
    assert said["et"].stderr == (f"opiq-admin: andmehoidla kausta {blocker} ei saa kirjutada: "
                                 "see on fail, mitte kaust\n")
    assert said["en"].stderr == (f"opiq-admin: the store's folder {blocker} cannot be written: "
                                 "it is a file, not a folder\n")
    assert {run.returncode for run in said.values()} == {1}


def test_a_bad_ehis_code_is_said_in_the_runs_language(tmp_path: Path) -> None:
    practice = tmp_path / "harjutus"
    said = in_both("--practice", str(practice), "integration", "enable", "--school", "12a",
                   home=tmp_path)
    assert said["et"].stderr == ("opiq-admin: EHISe kood '12a' ei sobi: see peab olema "
                                 "positiivne täisarv (ainult numbrid, nt 12345)\n")
    assert said["en"].stderr == ("opiq-admin: EHIS code '12a' is not valid: it must be a "
                                 "positive whole number (digits only, e.g. 12345)\n")
    assert {run.returncode for run in said.values()} == {2}


def test_a_journal_the_emulator_lacks_is_said_in_the_runs_language(tmp_path: Path) -> None:
    practice = tmp_path / "harjutus"
    said = in_both("--practice", str(practice), "journals", "delete", "opq-jnl-puudub",
                   "--yes", home=tmp_path)
    call = "DELETE /opiq/api/journals/opq-jnl-puudub"
    assert {run.returncode for run in said.values()} == {1}
    [et] = said["et"].stdout.splitlines()
    [en] = said["en"].stdout.splitlines()
    # The server's own words stay as it wrote them; the program's are translated.
    assert et.startswith("opq-jnl-puudub: ebaõnnestus ") and "ei leitud (HTTP 404" in et
    assert en.startswith("opq-jnl-puudub: failed ") and "not found (HTTP 404" in en
    assert call.split()[1] in et and call.split()[1] in en


@pytest.mark.skipif(sys.platform != "linux",
                    reason="the program's folders are pointed elsewhere through XDG variables")
def test_a_sign_in_endpoint_in_plain_http_is_said_in_the_runs_language(
        emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    settings = Settings.load(AppPaths.default().settings_file)
    # No discovery document at this issuer, and the profile's token endpoint travels in clear.
    opiq = SystemProfile(f"{emulator.url}/opiq", issuer=f"{emulator.url}/puudub",
                         authorization_endpoint=f"{emulator.url}/opiq/oauth/authorize",
                         token_endpoint="http://example.org/token")
    settings.save_profile(ServerProfile("Tartu", opiq, SystemProfile(f"{emulator.url}/ekool"),
                                        f"{emulator.url}/ehis"))
    settings.set("profile", "Tartu")
    settings.save()
    before = current_language()
    said = {}
    for language in ("et", "en"):
        assert main(["--lang", language, "login", "opiq"]) == 1
        err = capsys.readouterr().err
        assert "Traceback" not in err
        said[language] = err.strip().splitlines()[-1]
    assert current_language() == before  # the run's language ends with the run
    assert "token_endpoint (profiil) ei saa kasutada: krüpteerimata http-ühendust aadressile " \
           "'example.org' ei looda" in said["et"], said["et"]
    assert "token_endpoint in the profile cannot be used: refusing plain http to " \
           "'example.org'" in said["en"], said["en"]
