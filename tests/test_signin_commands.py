"""Commands that need a sign-in, run without one, or with one the server cannot renew now:
one line saying what to do, exit 1, no traceback; a stored sign-in is never lost to it."""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import keyring.core
import pytest
from conftest import sign_in

from opiq_admin.cli import main
from opiq_admin.services.config.paths import AppPaths
from opiq_admin.services.config.settings import ServerProfile, Settings, SystemProfile
from opiq_admin.services.signin.vault import SERVICE, MemoryKeyring

PROFILE = "Tartu"
linux_only = pytest.mark.skipif(
    sys.platform != "linux",
    reason="the program's folders are pointed elsewhere through XDG variables")


def _use_profile(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, url: str) -> AppPaths:
    """The program's own folders under `tmp_path`, with one profile whose servers are at
    `url`, chosen as the active one."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    paths = AppPaths.default()
    assert tmp_path in paths.config_dir.parents
    settings = Settings.load(paths.settings_file)
    settings.save_profile(ServerProfile(PROFILE, SystemProfile(f"{url}/opiq"),
                                        SystemProfile(f"{url}/ekool"), f"{url}/ehis"))
    settings.set("profile", PROFILE)
    settings.save()
    return paths


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", *argv])  # the messages asserted are the English ones
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def scan_file(tmp_path: Path) -> Path:
    path = tmp_path / "scan.json"
    path.write_text(json.dumps({"pairs": [{"old": "opq-usr-2", "new": "opq-usr-9",
                                           "score": 0.9}], "ambiguous": []}),
                    encoding="utf-8")
    return path


@linux_only
@pytest.mark.parametrize("argv", [
    ("accounts", "list", "--json"),
    ("journals", "list", "--json"),
    ("duplicates", "scan", "--json"),
    ("duplicates", "prevention", "--json"),
    ("remediate", "plan", "--pairs", "{scan}", "--out", "{out}"),
])
def test_a_command_without_a_sign_in_says_to_sign_in_first(
        argv, emulator, tmp_path, monkeypatch, capsys, scan_file):
    # The test keyring is empty (conftest: none at all), so nothing can be restored.
    _use_profile(monkeypatch, tmp_path, emulator.url)
    argv = tuple(a.format(scan=scan_file, out=tmp_path / "plan.json") for a in argv)
    code, out, err = _run(capsys, *argv)
    assert code == 1
    assert out == ""
    assert err.strip().splitlines()[-1].endswith("sign in first: opiq-admin login opiq")
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    assert not (tmp_path / "plan.json").exists()


@linux_only
def test_signed_in_to_opiq_alone_what_needs_ekool_names_it(
        emulator, tmp_path, monkeypatch, capsys):
    backend = MemoryKeyring()
    with httpx.Client(base_url=emulator.url, timeout=30) as client:
        backend.secrets[(SERVICE, f"{PROFILE}:opiq")] = sign_in(client, "opiq")["refresh_token"]
    monkeypatch.setattr(keyring.core, "_keyring_backend", backend)
    _use_profile(monkeypatch, tmp_path, emulator.url)

    code, _, err = _run(capsys, "duplicates", "prevention", "--json")
    assert code == 1
    assert err.strip().splitlines() == ["opiq-admin: sign in first: opiq-admin login ekool"]
    # What reads Opiq alone goes on without eKool.
    code, out, err = _run(capsys, "journals", "list", "--json")
    assert code == 0, err
    assert json.loads(out)["journals"]


class _Down(BaseHTTPRequestHandler):
    """A server in trouble: every call is answered 503, to be repeated at once."""

    def do_POST(self) -> None:
        body = b'{"error": {"code": "unavailable", "message": "down for maintenance"}}'
        self.send_response(503)
        self.send_header("Content-Type", "application/json")
        self.send_header("Retry-After", "0")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server_in_trouble() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Down)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@linux_only
def test_a_server_in_trouble_keeps_the_sign_in_and_says_so(
        server_in_trouble, tmp_path, monkeypatch, capsys):
    backend = MemoryKeyring()
    for system in ("opiq", "ekool"):
        backend.secrets[(SERVICE, f"{PROFILE}:{system}")] = f"rt-{system}"
    monkeypatch.setattr(keyring.core, "_keyring_backend", backend)
    _use_profile(monkeypatch, tmp_path, server_in_trouble)

    code, out, err = _run(capsys, "status", "--json")
    assert code == 1
    document = json.loads(out)
    assert document["opiq"]["signed_in"] is False and document["ekool"]["signed_in"] is False
    assert err.strip().splitlines() == [
        f"opiq-admin: the {system} server cannot be reached; your sign-in is kept (HTTP 503)"
        for system in ("opiq", "ekool")]

    code, out, err = _run(capsys, "accounts", "list", "--json")
    assert code == 1 and out == ""
    assert err.strip().splitlines() == [
        "opiq-admin: the opiq server cannot be reached; your sign-in is kept (HTTP 503)"]

    # Neither run lost the stored sign-in.
    assert backend.secrets == {(SERVICE, f"{PROFILE}:opiq"): "rt-opiq",
                               (SERVICE, f"{PROFILE}:ekool"): "rt-ekool"}
