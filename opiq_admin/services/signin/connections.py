"""Being signed in to one system: its OAuth flow, its token session and its API client.

The refresh token goes to the vault (the OS keyring) the moment it arrives or rotates, and
nowhere else; the access token lives only in memory. A sign-in server that gives no refresh
token (HarID, for one) leaves only the access token: that one is kept in the keyring, with
its expiry, under `<system>:access`, and used until it expires; then the person signs in
again.

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
import json
import logging
import re
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Generic, TypeVar

import filelock
import httpx

from opiq_admin.services.clients.ekool import EkoolClient
from opiq_admin.services.clients.opiq import OpiqClient
from opiq_admin.services.config.settings import SystemProfile
from opiq_admin.services.errors import (
    ApiError,
    ConnectionFailed,
    MalformedResponse,
    NotFound,
    NotSignedIn,
    RateLimited,
    ServerError,
    SignInKept,
    SignInLockBusy,
    SignInServerUnusable,
)
from opiq_admin.services.i18n import _
from opiq_admin.services.signin.discovery import DiscoveryCache
from opiq_admin.services.signin.oauth import (
    InvalidGrant,
    OAuthFlow,
    Session,
    Tokens,
    browser_sign_in,
    practice_sign_in,
    revoke_all,
)
from opiq_admin.services.signin.vault import TokenVault

log = logging.getLogger(__name__)

C = TypeVar("C", OpiqClient, EkoolClient)

SYSTEMS = ("opiq", "ekool")
EXPIRY_MARGIN = 30.0  # seconds: a kept access token nearer its end than this is not used


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
            raise self._busy(_("waited {seconds:g} s for {path}").format(
                seconds=self.timeout, path=self.path)) from exc
        except OSError as exc:
            raise self._busy(_("{path} cannot be used ({reason})").format(
                path=self.path, reason=exc.strerror or exc)) from exc
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
    """What the status bar and `status --json` say about one system.

    `expires_at` (when the access token runs out) and `renewable` (whether the program can
    renew it without the person) change with every renewal, so they take no part in
    comparing two statuses: the window reads its pages again only when someone else is in.
    """

    system: str
    server: str
    signed_in: bool
    user: str | None  # the person's name
    user_id: str | None
    school: str | None  # the schools they act for, comma-separated names
    expires_at: float | None = field(default=None, compare=False)
    renewable: bool | None = field(default=None, compare=False)

    def to_json(self) -> dict[str, Any]:
        expires = None if self.expires_at is None else datetime.fromtimestamp(
            self.expires_at, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
        return {"signed_in": self.signed_in, "user": self.user, "user_id": self.user_id,
                "school": self.school, "server": self.server, "renewable": self.renewable,
                "expires_at": expires}


@dataclass(frozen=True)
class Identity:
    """Who is signed in: from the API's `/me` where it has one, else from the sign-in
    server (the ID token's claims, or its userinfo endpoint)."""

    name: str | None
    user_id: str | None
    source: str  # "api", "id_token" or "userinfo"

    @classmethod
    def from_claims(cls, claims: Mapping[str, Any], source: str) -> Identity:
        def text(key: str) -> str:
            value = claims.get(key)
            return value.strip() if isinstance(value, str) else ""

        full = " ".join(p for p in (text("given_name"), text("family_name")) if p)
        name = (text("name") or full or text("preferred_username") or text("email")
                or text("sub"))
        return cls(name or None, text("sub") or None, source)


# The API's answer to `/me` that says it has no such route, or cannot be reached: who is
# signed in is then asked of the sign-in server.
_UNREACHABLE = (ConnectionFailed, ServerError, RateLimited)
_NO_ME = (NotFound, MalformedResponse, *_UNREACHABLE)
NAME_CLAIMS = ("name", "given_name", "family_name")
ACCESS_SUFFIX = ":access"  # the vault entry of an access token kept for want of a refresh token


class Connection(Generic[C]):
    """One system signed in: its sign-in flow, its token session, its API client, and who.

    `target` is the system's `SystemProfile` (or, as before profiles had one, the API's
    address with `client_id`, the sign-in server being the API's own address).
    `client_secret` makes the program a confidential client of that sign-in server.
    """

    def __init__(self, system: str, target: SystemProfile | str, client_id: str | None = None,
                 *, http: httpx.AsyncClient, vault: TokenVault, profile: str,
                 client_type: type[C], remember: bool = True, lock: SignInLock | None = None,
                 client_secret: str | None = None,
                 discovery: DiscoveryCache | None = None) -> None:
        if isinstance(target, str):
            target = SystemProfile(api_url=target, client_id=client_id or "opiq-admin")
        self.system = system
        self.system_profile = target
        self.base_url = target.api_url.rstrip("/")
        self.vault = vault
        self.profile = profile
        self.remember = remember
        self.lock = lock  # shared with other processes; None where nothing is kept
        self.trouble: SignInKept | None = None  # why the last restore left a kept sign-in
        self.flow = OAuthFlow.for_system(target, http, client_secret=client_secret,
                                         discovery=discovery)
        self.session: Session | None = None
        self.client: C = client_type(self.base_url, http=http, token=None)
        self.user: Any = None  # the API's own account record, where it has `/me`
        self.identity: Identity | None = None
        self.schools: list[Any] = []

    @property
    def signed_in(self) -> bool:
        return self.session is not None and self.session.signed_in

    @property
    def cache_scope(self) -> str:
        """Whose view a cached list read through this sign-in is: the server profile, the
        system and the person. eKool shows each person only their own schools, so one
        person's sync never stands in for another's."""
        person = self.identity.user_id if self.identity is not None else None
        return f"{self.profile}/{self.system}/{person or ''}"

    @property
    def access_key(self) -> str:
        return self.system + ACCESS_SUFFIX

    async def _store_refresh_token(self, token: str | None) -> None:
        if self.remember and token:
            await self.vault.put(self.profile, self.system, token)

    async def _keep(self, tokens: Tokens) -> None:
        """Into the keyring: the refresh token, or, where the server gave none, the access
        token with its expiry (used until then; nothing is kept anywhere else)."""
        if not self.remember:
            return
        if tokens.renewable:
            await self._store_refresh_token(tokens.refresh_token)
            await self.vault.forget(self.profile, self.access_key)
            return
        kept = {"access_token": tokens.access_token, "expires_at": tokens.expires_at,
                "scope": tokens.scope, "expiry_known": tokens.expiry_known}
        await self.vault.put(self.profile, self.access_key, json.dumps(kept))
        await self.vault.forget(self.profile, self.system)

    async def _kept_access(self) -> Tokens | None:
        text = await self.vault.get(self.profile, self.access_key)
        if not text:
            return None
        try:
            kept = json.loads(text)
            return Tokens(kept["access_token"], None, float(kept["expires_at"]),
                          str(kept.get("scope", "")),
                          expiry_known=bool(kept.get("expiry_known", True)))
        except (ValueError, KeyError, TypeError):
            log.warning("the kept %s sign-in cannot be read; forgotten", self.system)
            await self.vault.forget(self.profile, self.access_key)
            return None

    async def _adopt(self, tokens: Tokens, *, stored: bool = False) -> None:
        self.trouble = None
        self.session = Session(self.flow, tokens, renew=self._renew_session)
        self.client.token = self.session
        if not stored:
            await self._keep(tokens)
        await self.load_identity()

    def _drop(self) -> None:
        self.session = None
        self.client.token = None
        self.user = None
        self.identity = None
        self.schools = []

    @asynccontextmanager
    async def _serialized(self) -> AsyncIterator[None]:
        if self.lock is None or not self.remember:
            yield
            return
        async with self.lock:
            yield

    def _subject(self) -> str | None:
        tokens = self.session.tokens if self.session is not None else None
        claims = tokens.claims if tokens is not None else None
        sub = claims.get("sub") if claims else None
        return sub if isinstance(sub, str) else None

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
                                   _("the sign-in was ended by another run of the program"))
            else:
                if stored != held:
                    log.info("the %s sign-in was renewed by another run; using its token",
                             self.system)
                token = stored
            try:
                tokens = await self.flow.refresh(token, subject=self._subject())
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
        """Who is signed in, and the schools they act for: the API's `/me` and schools;
        where the API has no `/me` (a plain OpenID provider) or cannot be reached, the
        verified ID token's claims, else the sign-in server's userinfo endpoint."""
        me, schools = await asyncio.gather(self.client.me(), self.client.schools(),
                                           return_exceptions=True)
        for outcome in (me, schools):
            if isinstance(outcome, BaseException) and not isinstance(outcome, Exception):
                raise outcome
        if not isinstance(me, BaseException):
            if isinstance(schools, BaseException):
                raise schools
            self.user, self.schools = me, list(schools)
            self.identity = self._identity_of(me)
            return
        if not isinstance(me, _NO_ME):
            raise me
        self.user = None
        self.schools = [] if isinstance(schools, BaseException) else list(schools)
        self.identity = await self._identity_from_sign_in(me)
        if isinstance(me, _UNREACHABLE):
            # Signed in, and who is known; what needs the API says why it cannot go on.
            self.trouble = SignInKept(self.system, me)

    def _identity_of(self, user: Any) -> Identity:
        if self.system == "opiq":
            return Identity(f"{user.first_name} {user.last_name}", user.id, "api")
        return Identity(f"{user.given_name} {user.family_name}", user.sourced_id, "api")

    async def _identity_from_sign_in(self, why: ApiError) -> Identity:
        """The ID token's claims when they name the person; else userinfo (a provider may
        put only `sub` into the ID token and the rest behind userinfo, OIDC Core §5.4);
        else the ID token's `sub` alone."""
        tokens = self.session.tokens if self.session is not None else None
        if tokens is None:
            raise why
        if tokens.claims and any(tokens.claims.get(k) for k in NAME_CLAIMS):
            return Identity.from_claims(tokens.claims, "id_token")
        claims = await self.flow.userinfo(tokens.access_token)
        if claims is None and tokens.claims:
            return Identity.from_claims(tokens.claims, "id_token")
        if claims is None:
            raise SignInServerUnusable(
                f"{self.system} sign-in", None, "no_identity",
                _("cannot tell who signed in: {call} answered {summary}, and the "
                  "sign-in server at {issuer} gave neither an ID token nor a "
                  "userinfo endpoint").format(call=why.call, summary=_(why.summary),
                                              issuer=self.flow.issuer)) from why
        subject = self._subject()
        if subject is not None and claims.get("sub") != subject:
            raise SignInServerUnusable(f"{self.system} sign-in", None, "subject_changed",
                                       _("userinfo names another person than the ID "
                                         "token"))
        return Identity.from_claims(claims, "userinfo")

    async def sign_in_with_password(self, username: str, password: str) -> None:
        """Practice mode: the program plays the browser on the sign-in server's own forms."""
        await self._adopt(await practice_sign_in(self.flow, username, password))

    async def sign_in_browser(self, opener: Callable[[str], bool],
                              show_url: Callable[[str], None] | None = None,
                              timeout: float = 300.0) -> None:  # noqa: ASYNC109
        """The real sign-in: the system browser, a one-shot listener on 127.0.0.1."""
        await self._adopt(await browser_sign_in(self.flow, opener=opener, show_url=show_url,
                                                timeout=timeout))

    async def restore(self) -> Restored:
        """Sign in again from what the keyring keeps: the refresh token, if there is one
        that works; else an access token kept for want of one, until it expires.

        Only the server refusing it (`invalid_grant`, or a 401 for a kept access token)
        forgets it, and so does a kept access token's expiry. Any other failure - no
        answer, a server error, asked to slow down, the lock busy - keeps it, leaves this
        run not signed in, and says why in `trouble`.
        """
        self.trouble = None
        if not await self.vault.get(self.profile, self.system):
            return await self._restore_access()
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

    async def _restore_access(self) -> Restored:
        tokens = await self._kept_access()
        if tokens is None:
            return Restored.NOTHING_STORED
        if tokens.expires_within(EXPIRY_MARGIN):
            log.info("the kept %s sign-in has expired; sign in again", self.system)
            await self.vault.forget(self.profile, self.access_key)
            return Restored.FORGOTTEN
        try:
            await self._adopt(tokens, stored=True)
        except NotSignedIn as exc:
            log.info("the kept %s sign-in is no longer accepted: %s", self.system, exc)
            self._drop()
            await self.vault.forget(self.profile, self.access_key)
            return Restored.FORGOTTEN
        except ApiError as exc:
            self._drop()
            self.trouble = SignInKept(self.system, exc)
            log.warning("%s", self.trouble)
            return Restored.KEPT
        return Restored.SIGNED_IN

    async def sign_out(self) -> None:
        """Revoke at the server (best effort: each token, where the server has a revocation
        endpoint) and forget here, whatever the server said. Signed in or not, what the
        keyring keeps is revoked and forgotten as well."""
        self.trouble = None
        session = self.session
        tokens = session.tokens if session is not None else None
        self._drop()
        refresh: str | None
        access: str | None
        try:
            if tokens is not None:
                refresh, access = tokens.refresh_token, tokens.access_token
            else:
                kept = await self._kept_access()
                refresh = await self.vault.get(self.profile, self.system)
                access = kept.access_token if kept is not None else None
            await revoke_all(self.flow, refresh, access)
        finally:
            await self.vault.forget(self.profile, self.system)
            await self.vault.forget(self.profile, self.access_key)

    def status(self) -> SideStatus:
        session = self.session
        tokens = session.tokens if session is not None else None
        identity = self.identity
        if tokens is None or identity is None:
            return SideStatus(self.system, self.base_url, False, None, None, None)
        schools = ", ".join(s.name for s in self.schools) or None
        return SideStatus(self.system, self.base_url, True, identity.name, identity.user_id,
                          schools, expires_at=tokens.expires_at, renewable=tokens.renewable)
