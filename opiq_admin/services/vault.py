"""Refresh tokens in the OS keyring, and nowhere else.

Where the machine has no usable keyring (a headless Linux box), tokens stay in this
process's memory for the session and `persistent` says so, so the window can tell the user
they will have to sign in again next time.
"""

from __future__ import annotations

import asyncio
import logging

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError

log = logging.getLogger(__name__)

SERVICE = "opiq-admin"


class TokenVault:
    """`get`/`put`/`forget` refresh tokens under "<profile>:<system>" with a timeout."""

    def __init__(self, backend: KeyringBackend | None = None, *, timeout: float = 10.0,
                 persistent: bool | None = None) -> None:
        self.backend = backend if backend is not None else keyring.get_keyring()
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

    async def _run(self, fn, *args):  # type: ignore[no-untyped-def]
        return await asyncio.wait_for(asyncio.to_thread(fn, *args), self.timeout)

    async def get(self, profile: str, system: str) -> str | None:
        key = self.name(profile, system)
        if not self.persistent:
            return self._memory.get(key)
        try:
            return await self._run(self.backend.get_password, SERVICE, key)
        except (KeyringError, TimeoutError, OSError) as exc:
            log.warning("keyring read failed (%s); using this session's memory", type(exc).__name__)
            self.persistent = False
            return self._memory.get(key)

    async def put(self, profile: str, system: str, token: str) -> None:
        key = self.name(profile, system)
        if not self.persistent:
            self._memory[key] = token
            return
        try:
            await self._run(self.backend.set_password, SERVICE, key, token)
        except (KeyringError, TimeoutError, OSError) as exc:
            log.warning("keyring write failed (%s); keeping the token in memory only",
                        type(exc).__name__)
            self.persistent = False
            self._memory[key] = token

    async def forget(self, profile: str, system: str) -> None:
        key = self.name(profile, system)
        self._memory.pop(key, None)
        if not self.persistent:
            return
        try:
            await self._run(self.backend.delete_password, SERVICE, key)
        except keyring.errors.PasswordDeleteError:
            pass
        except (KeyringError, TimeoutError, OSError) as exc:
            log.warning("keyring delete failed (%s)", type(exc).__name__)


class MemoryKeyring(KeyringBackend):
    """A keyring that lives in this process: the session-only fallback and the test backend."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.secrets:
            raise keyring.errors.PasswordDeleteError(username)
        del self.secrets[(service, username)]
