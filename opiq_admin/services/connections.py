"""Being signed in to one system: its OAuth flow, its token session and its API client.

The refresh token goes to the vault (the OS keyring) the moment it arrives or rotates, and
nowhere else; the access token lives only in memory.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import httpx

from .auth import OAuthFlow, Session, Tokens, browser_sign_in, practice_sign_in
from .ekool import EkoolClient
from .errors import ApiError
from .opiq import OpiqClient
from .vault import TokenVault

log = logging.getLogger(__name__)

C = TypeVar("C", OpiqClient, EkoolClient)

SYSTEMS = ("opiq", "ekool")


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
                 remember: bool = True) -> None:
        self.system = system
        self.base_url = base_url.rstrip("/")
        self.vault = vault
        self.profile = profile
        self.remember = remember
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

    async def _adopt(self, tokens: Tokens) -> None:
        self.session = Session(self.flow, tokens,
                               on_refresh_token_changed=self._store_refresh_token)
        self.client.token = self.session
        await self._store_refresh_token(tokens.refresh_token)
        await self.load_identity()

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

    async def restore(self) -> bool:
        """Sign in again from the refresh token in the keyring, if there is one that works."""
        refresh_token = await self.vault.get(self.profile, self.system)
        if not refresh_token:
            return False
        try:
            tokens = await self.flow.refresh(refresh_token)
        except ApiError as exc:
            log.info("stored %s sign-in no longer works: %s", self.system, exc)
            await self.vault.forget(self.profile, self.system)
            return False
        await self._adopt(tokens)
        return True

    async def sign_out(self) -> None:
        """Revoke at the server and forget here; forgetting happens even if revoking fails."""
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
