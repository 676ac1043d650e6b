"""Refresh tokens and confidential clients' secrets in the OS keyring, and nowhere else.

Where the machine has no usable keyring (a headless Linux box), tokens stay in this
process's memory for the session and `persistent` says so, so the window can tell the user
they will have to sign in again next time. A keyring that fails later - one that raises
anything at all, or hangs past `timeout` - is treated the same way from then on, with one
warning in the log. A client secret is never written anywhere else either: without a
keyring it lasts for this run only, and has to be imported or typed in again next time.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from typing import Any, TypeVar

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from opiq_admin.services.config.profile_file import SECRET_LIMIT, check_secret, secret_size

log = logging.getLogger(__name__)

SERVICE = "opiq-admin"
T = TypeVar("T")


async def call_in_daemon_thread(fn: Callable[..., T], *args: Any,
                                timeout: float) -> T:  # noqa: ASYNC109
    """`fn(*args)` in a thread of its own, waited for at most `timeout` seconds.

    Not the default executor: a keyring call that never returns (a locked desktop keyring
    waiting for a prompt nobody sees) would keep one of its threads forever, and the
    interpreter joins those at exit. A daemon thread left behind ends with the process.
    """
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(outcome: BaseException | None, value: Any) -> None:
        if future.done():
            return
        if outcome is None:
            future.set_result(value)
        else:
            future.set_exception(outcome)

    def run() -> None:
        try:
            value: Any = fn(*args)
        except BaseException as exc:  # handed to the waiting coroutine, never lost
            outcome: BaseException | None = exc
            value = None
        else:
            outcome = None
        try:
            loop.call_soon_threadsafe(settle, outcome, value)
        except RuntimeError:  # the loop closed while the call hung; nobody is waiting
            pass

    threading.Thread(target=run, name="opiq-keyring", daemon=True).start()
    return await asyncio.wait_for(future, timeout)


def _system_keyring() -> KeyringBackend:
    """The OS keyring; a broken keyring configuration (an unloadable backend named in
    keyringrc.cfg or PYTHON_KEYRING_BACKEND) is a keyring that fails, not a crash."""
    try:
        return keyring.get_keyring()
    except Exception as exc:
        log.warning("the keyring could not be loaded (%s); sign-ins are kept in this "
                    "session's memory only", type(exc).__name__)
        from keyring.backends.fail import Keyring as NoKeyring

        return NoKeyring()  # type: ignore[no-untyped-call]  # keyring leaves it unannotated


class TokenVault:
    """`get`/`put`/`forget` refresh tokens under "<profile>:<system>", and
    `get_secret`/`put_secret`/`forget_secret` a confidential client's secret under
    "<profile>:<system>:client_secret", each with a timeout."""

    def __init__(self, backend: KeyringBackend | None = None, *, timeout: float = 10.0,
                 persistent: bool | None = None) -> None:
        self.backend = backend if backend is not None else _system_keyring()
        self.timeout = timeout
        self._memory: dict[str, str] = {}
        module = type(self.backend).__module__
        self.persistent = persistent if persistent is not None else not (
            module.startswith("keyring.backends.fail") or module.startswith(
                "keyring.backends.null") or self._empty_chain())

    def _empty_chain(self) -> bool:
        backends = getattr(self.backend, "backends", None)
        return backends is not None and len(backends) == 0

    @staticmethod
    def name(profile: str, system: str) -> str:
        return f"{profile}:{system}"

    @staticmethod
    def secret_name(profile: str, system: str) -> str:
        return f"{profile}:{system}:client_secret"

    async def _run(self, fn: Callable[..., T], *args: Any) -> T:
        return await call_in_daemon_thread(fn, *args, timeout=self.timeout)

    def _fall_back(self, what: str, exc: BaseException, value: str = "") -> None:
        """From now on this session's memory only; said once, whatever the keyring raised
        (keyring's own errors, OSError, a platform error type such as pywin32's, a hang)."""
        if not self.persistent:
            return
        self.persistent = False
        reason = f"no answer in {self.timeout:g} s" if isinstance(exc, TimeoutError) \
            else type(exc).__name__
        if secret_size(value) > SECRET_LIMIT:
            # Windows Credential Manager refuses such a value with a pywin32 error type
            # (win32ctypes' "The stub received bad data"), which says nothing of the size.
            reason += (f"; the value is {secret_size(value):,} bytes as the keyring stores "
                       f"it, and Windows Credential Manager keeps at most {SECRET_LIMIT:,}")
        log.warning("keyring %s failed (%s); sign-ins and client secrets are kept in this "
                    "session's memory only", what, reason)

    def _remember(self, key: str, token: str | None) -> None:
        """What the keyring last said, so a keyring that fails later leaves this session
        with the newest token it knew rather than none."""
        if token:
            self._memory[key] = token
        else:
            self._memory.pop(key, None)

    async def get(self, profile: str, system: str) -> str | None:
        return await self._read(self.name(profile, system))

    async def put(self, profile: str, system: str, token: str) -> None:
        await self._write(self.name(profile, system), token)

    async def forget(self, profile: str, system: str) -> None:
        await self._delete(self.name(profile, system))

    async def get_secret(self, profile: str, system: str) -> str | None:
        """The client secret of `system` in `profile`, or None for a public client."""
        return await self._read(self.secret_name(profile, system))

    async def put_secret(self, profile: str, system: str, secret: str) -> bool:
        """Keep a client secret; True when it is in the keyring, False when it lasts only
        for this run (no keyring, or one that failed). An empty secret forgets the stored
        one. A secret larger than Windows Credential Manager keeps is refused with
        `SecretTooLong` on every platform, so a profile works wherever it is handed out."""
        if not secret:
            await self.forget_secret(profile, system)
            return self.persistent
        check_secret(secret)
        await self._write(self.secret_name(profile, system), secret)
        return self.persistent

    async def forget_secret(self, profile: str, system: str) -> None:
        await self._delete(self.secret_name(profile, system))

    async def _read(self, key: str) -> str | None:
        if not self.persistent:
            return self._memory.get(key)
        try:
            value = await self._run(self.backend.get_password, SERVICE, key)
        except Exception as exc:
            self._fall_back("read", exc)
            return self._memory.get(key)
        self._remember(key, value)
        return value

    async def _write(self, key: str, value: str) -> None:
        self._memory[key] = value
        if not self.persistent:
            return
        try:
            await self._run(self.backend.set_password, SERVICE, key, value)
        except Exception as exc:
            self._fall_back("write", exc, value)

    async def _delete(self, key: str) -> None:
        self._memory.pop(key, None)
        if not self.persistent:
            return
        try:
            await self._run(self.backend.delete_password, SERVICE, key)
        except PasswordDeleteError:
            pass
        except Exception as exc:
            self._fall_back("delete", exc)


class MemoryKeyring(KeyringBackend):
    """A keyring that lives in this process: the session-only fallback and the test backend."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # keyring leaves it unannotated
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.secrets:
            raise PasswordDeleteError(username)
        del self.secrets[(service, username)]
