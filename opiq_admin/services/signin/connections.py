"""Being signed in to one system: its OAuth flow, its token session and its API client.

The refresh token goes to the vault (the OS keyring) the moment it arrives or rotates, and
nowhere else; the access token lives only in memory.

Refresh tokens rotate: each one works once. Several runs of the program share the keyring
(the window and a command, or two commands), so renewing a stored sign-in happens under a
lock file beside the store, and under it the keyring is read again: a newer token there
means another run has just renewed, and that one is used instead of the spent one. Only
the server refusing the token (`invalid_grant`) forgets it; no answer, a server error or
being asked to slow down keep it for next time.
"""

from __future__ import annotations

import asyncio
import enum
import hashlib
import logging
import re
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Generic, TypeVar

import filelock
import httpx

from opiq_admin.services.clients.ekool import EkoolClient
from opiq_admin.services.clients.opiq import OpiqClient
from opiq_admin.services.errors import ApiError, SignInKept, SignInLockBusy
from opiq_admin.services.signin.oauth import (
    InvalidGrant,
    OAuthFlow,
    Session,
    Tokens,
    browser_sign_in,
    practice_sign_in,
)
from opiq_admin.services.signin.vault import TokenVault

log = logging.getLogger(__name__)

C = TypeVar("C", OpiqClient, EkoolClient)

SYSTEMS = ("opiq", "ekool")


def sign_in_lock_file(data_dir: Path, profile: str, system: str) -> Path:
    """`signin-<profile>-<system>.lock` in the data folder, whatever the profile is called:
    its name made safe for any file system, with a short digest so names stay distinct."""
    slug = re.sub(r"[^A-Za-z0-9_-]+", "_", profile).strip("_")[:40]
    digest = hashlib.sha256(profile.encode("utf-8")).hexdigest()[:8]
    return Path(data_dir) / f"signin-{slug + '-' if slug else ''}{digest}-{system}.lock"


class SignInLock:
    """One sign-in renewed by one process at a time (and one task at a time within it).

    A lock file (`filelock`: works the same on Windows, macOS and Linux) taken in a worker
    thread, waited for at most `timeout` seconds; a lock not had in time raises
    `SignInLockBusy`. The lock is let go when the holder leaves, or dies.
    """

    def __init__(self, path: Path, *, timeout: float = 30.0) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self._in_process = asyncio.Lock()
        self._held: filelock.FileLock | None = None

    def __repr__(self) -> str:
        return f"SignInLock({str(self.path)!r})"

    def _busy(self, message: str) -> SignInLockBusy:
        return SignInLockBusy(f"sign-in lock {self.path.name}", None, "lock_busy", message)

    async def _take_file(self) -> filelock.FileLock:
        lock = filelock.FileLock(str(self.path), thread_local=False)

        def take() -> None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            lock.acquire(timeout=self.timeout)

        attempt = asyncio.ensure_future(asyncio.to_thread(take))
        try:
            await asyncio.shield(attempt)
        except filelock.Timeout as exc:
            raise self._busy(f"waited {self.timeout:g} s for {self.path}") from exc
        except OSError as exc:
            raise self._busy(f"{self.path} cannot be used ({exc.strerror or exc})") from exc
        except asyncio.CancelledError:
            # The thread goes on waiting; whatever it gets is let go at once.
            def let_go(done: asyncio.Future[None]) -> None:
                if not done.cancelled() and done.exception() is None:
                    lock.release()
            attempt.add_done_callback(let_go)
            raise
        return lock

    async def __aenter__(self) -> SignInLock:
        await self._in_process.acquire()
        try:
            self._held = await self._take_file()
        except BaseException:
            self._in_process.release()
            raise
        return self

    async def __aexit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        held, self._held = self._held, None
        try:
            if held is not None:
                held.release()
        finally:
            self._in_process.release()


class Restored(enum.Enum):
    """What `Connection.restore` found; true only when it signed in."""

    SIGNED_IN = "signed_in"
    NOTHING_STORED = "nothing_stored"
    FORGOTTEN = "forgotten"  # the server refused the stored token: forgotten here as well
    KEPT = "kept"  # not renewed now (see `Connection.trouble`); kept for next time

    def __bool__(self) -> bool:
        return self is Restored.SIGNED_IN


@dataclass(frozen=True)
class SideStatus:
    """What the status bar and `status --json` say about one system."""

    system: str
    server: str
    signed_in: bool
    user: str | None  # the person's name
    user_id: str | None
    school: str | None  # the schools they act for, comma-separated names

    def to_json(self) -> dict[str, Any]:
        return {"signed_in": self.signed_in, "user": self.user, "user_id": self.user_id,
                "school": self.school, "server": self.server}


class Connection(Generic[C]):
    def __init__(self, system: str, base_url: str, client_id: str, *, http: httpx.AsyncClient,
                 vault: TokenVault, profile: str, client_type: type[C],
                 remember: bool = True, lock: SignInLock | None = None) -> None:
        self.system = system
        self.base_url = base_url.rstrip("/")
        self.vault = vault
        self.profile = profile
        self.remember = remember
        self.lock = lock  # shared with other processes; None where nothing is kept
        self.trouble: SignInKept | None = None  # why the last restore left a kept sign-in
        self.flow = OAuthFlow(self.base_url, client_id, http)
        self.session: Session | None = None
        self.client: C = client_type(self.base_url, http=http, token=None)
        self.user: Any = None
        self.schools: list[Any] = []

    @property
    def signed_in(self) -> bool:
        return self.session is not None

    async def _store_refresh_token(self, token: str) -> None:
        if self.remember:
            await self.vault.put(self.profile, self.system, token)

    async def _adopt(self, tokens: Tokens, *, stored: bool = False) -> None:
        self.trouble = None
        self.session = Session(self.flow, tokens, renew=self._renew_session)
        self.client.token = self.session
        if not stored:
            await self._store_refresh_token(tokens.refresh_token)
        await self.load_identity()

    @asynccontextmanager
    async def _serialized(self) -> AsyncIterator[None]:
        if self.lock is None or not self.remember:
            yield
            return
        async with self.lock:
            yield

    async def _refresh_kept(self, held: str | None) -> Tokens | None:
        """Renew under the sign-in lock, with the refresh token the keyring holds now.

        `held` is the token this run holds (None: restoring, take the keyring's, and answer
        None when it holds none). A different token in the keyring was left by another run
        that renewed first: `held` is spent, and that one is used. The new token is kept
        before the lock is let go, so the next run finds it.
        """
        async with self._serialized():
            stored = await self.vault.get(self.profile, self.system)
            if held is None:
                if not stored:
                    return None
                token = stored
            elif not self.remember:
                token = held
            elif not stored:
                raise InvalidGrant(f"{self.system} sign-in", None, "signed_out",
                                   "the sign-in was ended by another run of the program")
            else:
                if stored != held:
                    log.info("the %s sign-in was renewed by another run; using its token",
                             self.system)
                token = stored
            try:
                tokens = await self.flow.refresh(token)
            except InvalidGrant:
                if stored == token:  # what the keyring holds is refused: forget it
                    await self.vault.forget(self.profile, self.system)
                raise
            await self._store_refresh_token(tokens.refresh_token)
            return tokens

    async def _renew_session(self, held: str) -> Tokens:
        tokens = await self._refresh_kept(held)
        assert tokens is not None  # a held token is always tried
        return tokens

    async def load_identity(self) -> None:
        self.user, self.schools = await asyncio.gather(self.client.me(),
                                                       self.client.schools())

    async def sign_in_with_password(self, username: str, password: str) -> None:
        """Practice mode: the program plays the browser on the emulator's own sign-in form."""
        await self._adopt(await practice_sign_in(self.flow, username, password))

    async def sign_in_browser(self, opener: Callable[[str], bool],
                              show_url: Callable[[str], None] | None = None,
                              timeout: float = 300.0) -> None:  # noqa: ASYNC109
        """The real sign-in: the system browser, a one-shot listener on 127.0.0.1."""
        await self._adopt(await browser_sign_in(self.flow, opener=opener, show_url=show_url,
                                                timeout=timeout))

    async def restore(self) -> Restored:
        """Sign in again from the refresh token in the keyring, if there is one that works.

        Only the server refusing it (`invalid_grant`) forgets it. Any other failure - no
        answer, a server error, asked to slow down, the lock busy - keeps it, leaves this
        run not signed in, and says why in `trouble`.
        """
        self.trouble = None
        if not await self.vault.get(self.profile, self.system):
            return Restored.NOTHING_STORED
        try:
            tokens = await self._refresh_kept(None)
        except InvalidGrant as exc:
            log.info("stored %s sign-in no longer works: %s", self.system, exc)
            return Restored.FORGOTTEN
        except ApiError as exc:
            self.trouble = SignInKept(self.system, exc)
            log.warning("%s", self.trouble)
            return Restored.KEPT
        if tokens is None:  # forgotten by another run meanwhile
            return Restored.NOTHING_STORED
        await self._adopt(tokens, stored=True)
        return Restored.SIGNED_IN

    async def sign_out(self) -> None:
        """Revoke at the server and forget here; forgetting happens even if revoking fails."""
        self.trouble = None
        session, self.session = self.session, None
        self.client.token = None
        self.user = None
        self.schools = []
        try:
            if session is not None and session.tokens is not None:
                await self.flow.revoke(session.tokens.refresh_token)
                await self.flow.revoke(session.tokens.access_token)
        finally:
            await self.vault.forget(self.profile, self.system)

    def status(self) -> SideStatus:
        if self.user is None:
            return SideStatus(self.system, self.base_url, False, None, None, None)
        if self.system == "opiq":
            name = f"{self.user.first_name} {self.user.last_name}"
            user_id = self.user.id
        else:
            name = f"{self.user.given_name} {self.user.family_name}"
            user_id = self.user.sourced_id
        schools = ", ".join(s.name for s in self.schools) or None
        return SideStatus(self.system, self.base_url, True, name, user_id, schools)
