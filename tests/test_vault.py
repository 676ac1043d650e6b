"""Refresh tokens and client secrets go to the keyring; without one they stay in memory and
we say so."""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from keyring.backends import fail

from opiq_admin.services.config.profile_file import SecretTooLong
from opiq_admin.services.signin.vault import SERVICE, MemoryKeyring, TokenVault


async def test_tokens_go_to_the_keyring_backend():
    backend = MemoryKeyring()
    vault = TokenVault(backend)
    assert vault.persistent
    await vault.put("Tallinn", "opiq", "rt-1")
    assert backend.secrets[(SERVICE, "Tallinn:opiq")] == "rt-1"
    assert await vault.get("Tallinn", "opiq") == "rt-1"
    await vault.forget("Tallinn", "opiq")
    assert await vault.get("Tallinn", "opiq") is None
    await vault.forget("Tallinn", "opiq")  # forgetting twice is fine


async def test_no_keyring_keeps_tokens_in_memory_and_says_so():
    vault = TokenVault(fail.Keyring())
    assert not vault.persistent
    await vault.put("p", "ekool", "rt-2")
    assert await vault.get("p", "ekool") == "rt-2"


class _Hanging(MemoryKeyring):
    """A keyring that never answers (a locked desktop keyring waiting on a hidden prompt)."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()

    def get_password(self, service: str, username: str) -> str | None:
        self.release.wait()
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        self.release.wait()


class _Raising(MemoryKeyring):
    """A keyring whose platform layer fails with an error type keyring does not wrap."""

    def get_password(self, service: str, username: str) -> str | None:
        raise RuntimeError("the credential store is not available")

    set_password = get_password  # type: ignore[assignment]
    delete_password = get_password  # type: ignore[assignment]


async def test_a_hanging_keyring_gives_up_in_time_and_falls_back_to_memory(caplog):
    backend = _Hanging()
    vault = TokenVault(backend, timeout=0.2)
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="opiq_admin.services.signin.vault"):
        assert await vault.get("p", "opiq") is None
        await vault.put("p", "opiq", "rt-3")  # memory now: no second wait
        assert await vault.get("p", "opiq") == "rt-3"
    backend.release.set()
    assert time.monotonic() - started < 1.5
    assert not vault.persistent
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "no answer in 0.2 s" in warnings[0].getMessage()


async def test_keyring_errors_of_any_type_fall_back_with_one_warning(caplog):
    vault = TokenVault(_Raising())
    assert vault.persistent
    with caplog.at_level(logging.WARNING, logger="opiq_admin.services.signin.vault"):
        assert await vault.get("p", "opiq") is None
        await vault.put("p", "opiq", "rt-4")
        assert await vault.get("p", "opiq") == "rt-4"
        await vault.forget("p", "opiq")
        assert await vault.get("p", "opiq") is None
    assert not vault.persistent
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "RuntimeError" in warnings[0].getMessage()
    assert not any(r.exc_info for r in caplog.records)


def test_a_keyring_that_never_returns_does_not_hold_the_program_at_exit(tmp_path):
    # The hung keyring call is left behind in a thread that must not keep the interpreter
    # from exiting (the default executor's threads are joined at exit, forever).
    script = tmp_path / "hang.py"
    script.write_text(textwrap.dedent("""
        import asyncio, threading
        from keyring.backend import KeyringBackend
        from opiq_admin.services.signin.vault import TokenVault

        class Hanging(KeyringBackend):
            priority = 1
            def get_password(self, service, username):
                threading.Event().wait()
            def set_password(self, service, username, password):
                threading.Event().wait()
            def delete_password(self, service, username):
                threading.Event().wait()

        async def main():
            vault = TokenVault(Hanging(), timeout=0.2)
            print(await vault.get("p", "opiq"), vault.persistent, flush=True)

        asyncio.run(main())
    """), encoding="utf-8")
    started = time.monotonic()
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=20, cwd=Path(__file__).resolve().parent.parent)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["None", "False"]
    assert "Traceback" not in done.stderr
    assert time.monotonic() - started < 10


async def test_a_keyring_failing_later_leaves_the_newest_token_this_session_knew():
    backend = MemoryKeyring()
    backend.secrets[(SERVICE, "p:opiq")] = "rt-5"
    vault = TokenVault(backend)
    assert await vault.get("p", "opiq") == "rt-5"
    await vault.put("p", "opiq", "rt-6")

    def broken(*args: object) -> None:
        raise OSError("the keyring daemon went away")

    backend.get_password = broken  # type: ignore[method-assign]
    assert await vault.get("p", "opiq") == "rt-6"
    assert not vault.persistent


async def test_client_secrets_have_their_own_keyring_entries():
    backend = MemoryKeyring()
    vault = TokenVault(backend)
    await vault.put("Tallinn", "opiq", "rt-7")
    assert await vault.put_secret("Tallinn", "opiq", "s3cret") is True
    assert backend.secrets[(SERVICE, "Tallinn:opiq:client_secret")] == "s3cret"
    assert backend.secrets[(SERVICE, "Tallinn:opiq")] == "rt-7"
    assert await vault.get_secret("Tallinn", "opiq") == "s3cret"
    assert await vault.get_secret("Tallinn", "ekool") is None
    await vault.forget("Tallinn", "opiq")  # signing out leaves the client's secret
    assert await vault.get_secret("Tallinn", "opiq") == "s3cret"
    await vault.forget_secret("Tallinn", "opiq")
    await vault.forget_secret("Tallinn", "opiq")  # forgetting twice is fine
    assert await vault.get_secret("Tallinn", "opiq") is None
    await vault.put_secret("Tallinn", "ekool", "x")
    await vault.put_secret("Tallinn", "ekool", "")  # an empty secret forgets
    assert (SERVICE, "Tallinn:ekool:client_secret") not in backend.secrets


async def test_a_secret_windows_could_not_keep_is_refused_before_the_keyring():
    backend = MemoryKeyring()
    vault = TokenVault(backend)
    await vault.put_secret("p", "opiq", "a" * 1280)  # 2,560 bytes in UTF-16: the limit
    with pytest.raises(SecretTooLong, match=r"2,562 bytes.*at most 2,560"):
        await vault.put_secret("p", "opiq", "a" * 1281)
    with pytest.raises(SecretTooLong):
        await vault.put_secret("p", "ekool", "õ" * 1281)
    assert backend.secrets[(SERVICE, "p:opiq:client_secret")] == "a" * 1280
    assert (SERVICE, "p:ekool:client_secret") not in backend.secrets
    assert vault.persistent


async def test_without_a_keyring_a_secret_lasts_for_this_run_only_and_says_so():
    vault = TokenVault(fail.Keyring())
    assert await vault.put_secret("p", "opiq", "s3cret") is False
    assert await vault.get_secret("p", "opiq") == "s3cret"
    assert await TokenVault(fail.Keyring()).get_secret("p", "opiq") is None


async def test_a_failing_keyring_keeps_the_secret_in_memory_with_one_warning(caplog):
    vault = TokenVault(_Raising())
    with caplog.at_level(logging.WARNING, logger="opiq_admin.services.signin.vault"):
        assert await vault.put_secret("p", "opiq", "s3cret") is False
        assert await vault.get_secret("p", "opiq") == "s3cret"
        await vault.forget_secret("p", "opiq")
        assert await vault.get_secret("p", "opiq") is None
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "client secrets" in warnings[0].getMessage()


async def test_a_hanging_keyring_gives_up_on_a_secret_in_time():
    backend = _Hanging()
    vault = TokenVault(backend, timeout=0.2)
    started = time.monotonic()
    assert await vault.get_secret("p", "opiq") is None
    assert await vault.put_secret("p", "opiq", "s3cret") is False
    assert await vault.get_secret("p", "opiq") == "s3cret"
    backend.release.set()
    assert time.monotonic() - started < 1.5


class _RefusingLong(MemoryKeyring):
    """Windows Credential Manager's way with a long value: an error type of its own."""

    def set_password(self, service: str, username: str, password: str) -> None:
        if len(password.encode("utf-16-le")) > 2560:
            raise OSError(1783, "CredWrite", "The stub received bad data.")
        super().set_password(service, username, password)


async def test_a_token_over_the_windows_limit_is_kept_in_memory_and_the_limit_said(caplog):
    vault = TokenVault(_RefusingLong())
    long_token = "rt-" + "x" * 1400  # 2,806 bytes in UTF-16
    with caplog.at_level(logging.WARNING, logger="opiq_admin.services.signin.vault"):
        await vault.put("p", "opiq", long_token)
    assert await vault.get("p", "opiq") == long_token and not vault.persistent
    [warning] = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert "2,806 bytes" in warning and "at most 2,560" in warning
    assert long_token not in warning
