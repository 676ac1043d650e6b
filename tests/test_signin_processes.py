"""Two runs of the program at once, as real processes, sharing one keyring: each renews the
same rotating refresh token, and neither signs the other out.

The emulator answers every call 300 ms late, so the two `status` commands overlap for
certain; without the sign-in lock one of them spends the token the other is renewing, is
answered invalid_grant, and forgets the sign-in for both.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from opiq_admin.sandbox.server import EmbeddedServer
from opiq_admin.services.clients.ekool import EkoolClient
from opiq_admin.services.clients.http import make_http_client
from opiq_admin.services.clients.opiq import OpiqClient
from opiq_admin.services.config.paths import AppPaths
from opiq_admin.services.config.settings import ServerProfile, Settings, SystemProfile
from opiq_admin.services.signin.connections import Connection, SignInLock, sign_in_lock_file
from opiq_admin.services.signin.vault import SERVICE, TokenVault
from opiq_admin.services.store import Store

TESTS = Path(__file__).resolve().parent
PROFILE = "Tartu"


class FileKeyring(KeyringBackend):
    """A keyring of one file per secret in the folder `OPIQ_TEST_KEYRING_DIR`, shared by
    every process that selects it with `PYTHON_KEYRING_BACKEND`. Each write replaces its
    file whole, so a reader sees the old secret or the new one, never half of one."""

    priority = 1  # type: ignore[assignment]

    def __init__(self, folder: Path | None = None) -> None:
        super().__init__()
        self.folder = Path(folder or os.environ["OPIQ_TEST_KEYRING_DIR"])

    def _path(self, service: str, username: str) -> Path:
        return self.folder / hashlib.sha256(f"{service}\0{username}".encode()).hexdigest()

    def get_password(self, service: str, username: str) -> str | None:
        try:
            return self._path(service, username).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None

    def set_password(self, service: str, username: str, password: str) -> None:
        path = self._path(service, username)
        part = path.with_name(f"{path.name}.{os.getpid()}.part")
        part.write_text(password, encoding="utf-8")
        os.replace(part, path)

    def delete_password(self, service: str, username: str) -> None:
        try:
            self._path(service, username).unlink()
        except FileNotFoundError:
            raise PasswordDeleteError(username) from None


def _status(env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "opiq_admin", "status", "--json"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finish(process: subprocess.Popen[str]) -> dict:
    out, err = process.communicate(timeout=30)
    assert "Traceback" not in err, err
    assert process.returncode == 0, err
    return json.loads(out)


@pytest.mark.skipif(sys.platform != "linux", reason="the data and config folders are "
                    "pointed elsewhere through XDG variables, which only Linux reads")
async def test_two_commands_at_once_do_not_sign_each_other_out(tmp_path, monkeypatch):
    keyring_dir = tmp_path / "keyring"
    keyring_dir.mkdir()
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    paths = AppPaths.default()
    assert tmp_path in paths.config_dir.parents and tmp_path in paths.data_dir.parents

    with EmbeddedServer(tmp_path / "emulator", schools=1, students=12,
                        latency_ms=300) as emulator:
        settings = Settings.load(paths.settings_file)
        settings.save_profile(ServerProfile(PROFILE, SystemProfile(f"{emulator.url}/opiq"),
                                            SystemProfile(f"{emulator.url}/ekool"),
                                            f"{emulator.url}/ehis"))
        settings.set("profile", PROFILE)
        settings.save()
        paths.data_dir.mkdir(parents=True, exist_ok=True)
        store = Store(f"sqlite:///{paths.store_file}")
        store.migrate()  # made once here, so the two runs below only read its version
        store.close()

        # Signed in once, the way `login` does it, into the shared keyring.
        backend = FileKeyring(keyring_dir)
        async with make_http_client() as http:
            await asyncio.gather(*(
                Connection(system, f"{emulator.url}/{system}", "opiq-admin", http=http,
                           vault=TokenVault(backend), profile=PROFILE,
                           client_type=client_type,
                           lock=SignInLock(sign_in_lock_file(paths.data_dir, PROFILE, system))
                           ).sign_in_with_password("mari.maasikas", "harjutus")
                for system, client_type in (("opiq", OpiqClient), ("ekool", EkoolClient))))
        first = {s: backend.get_password(SERVICE, f"{PROFILE}:{s}") for s in ("opiq", "ekool")}
        assert all(first.values())

        env = {**os.environ, "PYTHON_KEYRING_BACKEND": f"{__name__}.FileKeyring",
               "OPIQ_TEST_KEYRING_DIR": str(keyring_dir),
               "PYTHONPATH": os.pathsep.join(
                   p for p in (str(TESTS), os.environ.get("PYTHONPATH", "")) if p)}
        runs = [_status(env), _status(env)]
        documents = [_finish(run) for run in runs]
        for document in documents:
            for system in ("opiq", "ekool"):
                assert document[system]["signed_in"] is True, documents
                assert document[system]["user"] == "Mari Maasikas"

        # Both renewed, one after the other; the keyring holds the newest tokens.
        now = {s: backend.get_password(SERVICE, f"{PROFILE}:{s}") for s in ("opiq", "ekool")}
        assert all(now.values()) and all(now[s] != first[s] for s in now)
        third = _finish(_status(env))
        assert third["opiq"]["signed_in"] and third["ekool"]["signed_in"]
