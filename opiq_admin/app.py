"""The composition root: builds the settings, store, keyring wrapper, HTTP client, practice
emulator and connections, and hands them to whoever runs the program (window or CLI).

Nothing else in the program creates these; everything receives them, so tests build a
context over a temporary folder and need no monkeypatching.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

from opiq_admin.services.clients.ekool import EkoolClient
from opiq_admin.services.clients.http import make_http_client
from opiq_admin.services.clients.opiq import OpiqClient
from opiq_admin.services.clients.roster_access import SCOPE_CORE, ClientCredentials
from opiq_admin.services.clients.roster_access import SECRET_SYSTEM as ROSTER_SECRET
from opiq_admin.services.config.paths import AppPaths
from opiq_admin.services.config.settings import SYSTEMS, ServerProfile, Settings, SystemProfile
from opiq_admin.services.signin.connections import Connection, SignInLock, sign_in_lock_file
from opiq_admin.services.signin.discovery import DiscoveryCache
from opiq_admin.services.signin.vault import MemoryKeyring, TokenVault
from opiq_admin.services.store import AsyncStore, open_store

if TYPE_CHECKING:
    from opiq_admin.sandbox.server import EmbeddedServer
    from opiq_admin.sandbox.shared import SharedEmulator

log = logging.getLogger(__name__)

PRACTICE_USER = "mari.maasikas"
PRACTICE_PASSWORD = "harjutus"  # noqa: S105 - the emulator's published practice password


@dataclass
class AppContext:
    """Everything the program runs on. A service asks only for the part it needs, as a
    Protocol of `services/context.py` (`OpiqSide`, `Recorder`, …), which this satisfies."""

    paths: AppPaths
    settings: Settings
    store: AsyncStore
    vault: TokenVault
    http: httpx.AsyncClient
    profile: ServerProfile
    opiq: Connection[OpiqClient]
    ekool: Connection[EkoolClient]
    # In practice mode: the folder's emulator shared with other runs, or one of this run's.
    emulator: SharedEmulator | EmbeddedServer | None = None
    owns_emulator: bool = True
    _closed: bool = field(default=False, repr=False)

    @property
    def practice(self) -> bool:
        return self.emulator is not None

    def connection(self, system: str) -> Connection[Any]:
        return self.opiq if system == "opiq" else self.ekool

    async def sign_in_practice(self) -> None:
        """Both sides as the practice administrator, without a browser."""
        await asyncio.gather(
            self.opiq.sign_in_with_password(PRACTICE_USER, PRACTICE_PASSWORD),
            self.ekool.sign_in_with_password(PRACTICE_USER, PRACTICE_PASSWORD))

    async def restore_sessions(self) -> None:
        await asyncio.gather(self.opiq.restore(), self.ekool.restore())

    def actor(self) -> str:
        status = self.opiq.status()
        return status.user or "?"

    async def log(self, action: str, result: str, **kwargs: str) -> None:
        await self.store.log(self.actor(), action, result, **kwargs)

    async def aclose(self) -> None:
        """Close the HTTP client, the store and the emulator, in that order, once."""
        if self._closed:
            return
        self._closed = True
        await self.http.aclose()
        await asyncio.to_thread(self.store.close)
        if self.emulator is not None and self.owns_emulator:
            await asyncio.to_thread(self.emulator.stop)


async def client_secret(vault: TokenVault, profile: str, system: str) -> str | None:
    """A confidential client's secret for one system of a profile, from the keyring (where
    `profile import` put it); None for a public client."""
    return await vault.get_secret(profile, system) or None


async def roster_client(profile: ServerProfile, vault: TokenVault,
                        http: httpx.AsyncClient) -> ClientCredentials | None:
    """OneRoster client credentials for eKool's roster where the profile names a roster
    client and the keyring holds its secret; None reads the roster as the signed-in person."""
    system = profile.ekool
    if not system.roster_client_id:
        return None
    secret = await vault.get_secret(profile.name, ROSTER_SECRET)
    token_url = system.roster_token_url or system.token_endpoint
    if not secret or not token_url:
        log.warning("profile %s names the roster client %s but %s; the roster is read as "
                    "the signed-in person", profile.name, system.roster_client_id,
                    "the keyring holds no secret for it" if not secret
                    else "no roster_token_url (nor token_endpoint)")
        return None
    return ClientCredentials(token_url, system.roster_client_id, secret, http=http,
                             scope=system.roster_scope or SCOPE_CORE)


def start_practice_emulator(directory: Path, behaviour: dict[str, Any] | None = None
                            ) -> EmbeddedServer:
    """Start the embedded emulator on a free loopback port over `directory` (blocking).
    `behaviour` is the `practice_server` setting: a slow or stingy server to rehearse."""
    from opiq_admin.sandbox.server import EmbeddedServer

    behaviour = behaviour or {}
    server = EmbeddedServer(directory, port=0, page_cap=behaviour.get("roster_page_cap"),
                            total_count=behaviour.get("total_count_header", True),
                            latency_ms=behaviour.get("latency_ms", 0),
                            error_rate=float(behaviour.get("error_rate", 0.0)))
    server.start()
    return server


def attach_practice_emulator(directory: Path, behaviour: dict[str, Any] | None = None
                             ) -> SharedEmulator:
    """The emulator of a practice folder, shared with every other run on it: started as a
    process of its own if none runs (blocking). See `opiq_admin.sandbox.shared`."""
    from opiq_admin.sandbox.shared import attach, sandbox_options

    return attach(directory, sandbox_options(behaviour))


def practice_profile(url: str) -> ServerProfile:
    return ServerProfile(name="practice", opiq=SystemProfile(api_url=f"{url}/opiq"),
                         ekool=SystemProfile(api_url=f"{url}/ekool"), ehis_url=f"{url}/ehis")


def store_url_of(settings: Settings, paths: AppPaths) -> str:
    """The store the settings name (`store_url`), else the SQLite file in the data folder."""
    return settings.get("store_url") or f"sqlite:///{paths.store_file}"


async def build_context(paths: AppPaths, *, practice_dir: Path | None = None,
                        force_practice: bool = False, vault: TokenVault | None = None,
                        http: httpx.AsyncClient | None = None,
                        emulator: SharedEmulator | EmbeddedServer | None = None,
                        share_emulator: bool = True,
                        attaching: Awaitable[SharedEmulator] | None = None) -> AppContext:
    """Everything the program runs on. Practice mode when asked or when no profile is set;
    `emulator` hands in an emulator already running (benchmarks start theirs with faults).
    The practice folder's emulator is shared with the other runs on the folder (a process
    of its own); `share_emulator=False` runs one in this process alone (tests).
    `attaching` is the practice emulator already being attached (`attach_practice_emulator`), so a
    caller can start it before it imports this module; the context then owns it."""
    settings = await asyncio.to_thread(Settings.load, paths.settings_file)
    store_url = store_url_of(settings, paths)
    owns_emulator = emulator is None
    profile = None if force_practice or emulator is not None else settings.active_profile()
    # The store and the practice emulator are made at once: neither waits for the other.
    # Opening the store raises StoreError, saying what and where, when it cannot be used.
    opening = asyncio.ensure_future(asyncio.to_thread(open_store, store_url, paths.data_dir))
    if profile is None and emulator is not None:
        profile = practice_profile(emulator.url)
        vault = TokenVault(MemoryKeyring(), persistent=False)
    elif profile is None:
        directory = paths.practice_folder(settings.get("practice_dir"), practice_dir)
        start: Callable[[Path, dict[str, Any] | None], SharedEmulator | EmbeddedServer] = (
            attach_practice_emulator if share_emulator else start_practice_emulator)
        try:
            running = await (attaching if attaching is not None else asyncio.to_thread(
                start, directory / "emulator", settings.get("practice_server")))
        except BaseException:
            with contextlib.suppress(BaseException):
                (await opening).close()
            raise
        emulator = running
        profile = practice_profile(running.url)
        # Practice tokens are worth nothing outside this run: memory only, never on disk.
        vault = TokenVault(MemoryKeyring(), persistent=False)
    try:
        store = await opening
    except BaseException:
        if emulator is not None and owns_emulator:
            await asyncio.to_thread(emulator.stop)
        raise
    vault = vault if vault is not None else TokenVault()
    http = http if http is not None else make_http_client()
    remember = emulator is None

    def lock(system: str) -> SignInLock | None:
        # Runs of the program that share the keyring renew a sign-in one at a time;
        # practice tokens live in this run only and need no lock.
        if not remember:
            return None
        return SignInLock(sign_in_lock_file(paths.data_dir, profile.name, system))

    # One discovery per issuer for the run, whichever system asks first.
    discovery = DiscoveryCache()
    secrets = {system: await client_secret(vault, profile.name, system) if remember else None
               for system in SYSTEMS}
    opiq = Connection("opiq", profile.opiq, http=http, vault=vault, profile=profile.name,
                      client_type=OpiqClient, remember=remember, lock=lock("opiq"),
                      client_secret=secrets["opiq"], discovery=discovery)
    ekool = Connection("ekool", profile.ekool, http=http, vault=vault, profile=profile.name,
                       client_type=EkoolClient, remember=remember, lock=lock("ekool"),
                       client_secret=secrets["ekool"], discovery=discovery)
    ekool.client.use_roster_client(await roster_client(profile, vault, http))
    return AppContext(paths=paths, settings=settings, store=AsyncStore(store), vault=vault,
                      http=http, profile=profile, opiq=opiq, ekool=ekool, emulator=emulator,
                      owns_emulator=owns_emulator)
