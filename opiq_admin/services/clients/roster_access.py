"""Access to a OneRoster 1.2 service as the standard prescribes: OAuth 2.0 client
credentials (RFC 6749 §4.4) with the 1.2 scopes, the client id from the server profile and
the secret from the keyring.

It stands beside the signed-in administrator's token, not in its place: eKool's own calls
(who is signed in, the school profile) still go with the person's token, and only the
roster is read with this one. A token is asked for when first needed and again shortly
before it expires, or once after the service rejects it.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from opiq_admin.services.clients.http import (
    RetryPolicy,
    check_base_url,
    error_from_response,
    json_body,
    send_retrying,
)
from opiq_admin.services.errors import MalformedResponse

SCOPE_CORE = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly"
SCOPE_DEMOGRAPHICS = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-demographics.readonly"
SECRET_SYSTEM = "ekool-roster"  # noqa: S105 - a keyring entry name, not a secret
"""Where the roster client's secret is kept in the keyring: `<profile>:ekool-roster:…`."""
EARLY = 30.0  # seconds before expiry at which a token counts as spent


class ClientCredentials:
    """A `TokenSource` (see `clients.http`) that gets its tokens with client credentials.

    The secret is sent with HTTP Basic (client_secret_basic), which every OAuth server
    must accept (RFC 6749 §2.3.1).
    """

    def __init__(self, token_url: str, client_id: str, client_secret: str, *,
                 http: httpx.AsyncClient, scope: str = SCOPE_CORE,
                 retry: RetryPolicy | None = None,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep) -> None:
        self.token_url = str(check_base_url(token_url))
        self.client_id = client_id
        self._secret = client_secret
        self.scope = " ".join(scope.split()) or SCOPE_CORE
        self.http = http
        self.retry = retry or RetryPolicy()
        self._clock = clock
        self._sleep = sleep
        self._token: str | None = None
        self._expires = 0.0
        self.granted = ""  # the scope the server granted with the last token
        self._lock = asyncio.Lock()

    def __repr__(self) -> str:  # never the secret
        return f"ClientCredentials({self.client_id!r}, {self.token_url!r})"

    async def access_token(self) -> str:
        async with self._lock:
            if self._token is None or self._clock() >= self._expires - EARLY:
                await self._fetch()
            assert self._token is not None
            return self._token

    async def refresh_after_401(self, rejected: str) -> str | None:
        """A new token, unless another call already replaced the rejected one."""
        async with self._lock:
            if self._token == rejected or self._token is None:
                await self._fetch()
            return self._token

    async def _fetch(self) -> None:
        call = f"POST {httpx.URL(self.token_url).path} (client credentials)"
        response = await send_retrying(
            self.http, "POST", self.token_url, call=call, policy=self.retry,
            sleep=self._sleep, auth=(self.client_id, self._secret),
            headers={"Accept": "application/json"},
            data={"grant_type": "client_credentials", "scope": self.scope})
        if response.status_code >= 400:
            raise error_from_response(call, response)
        body = json_body(call, response)
        token = body.get("access_token") if isinstance(body, dict) else None
        kind = body.get("token_type") if isinstance(body, dict) else None
        if not isinstance(token, str) or not token or \
                not isinstance(kind, str) or kind.lower() != "bearer":
            raise MalformedResponse(call, response.status_code, "unexpected_shape",
                                    "the token answer has no bearer access_token")
        lifetime = body.get("expires_in")
        if isinstance(lifetime, bool) or not isinstance(lifetime, int | float) or \
                lifetime <= 0:
            lifetime = 3600  # RFC 6749 makes it optional; the default is the server's
        self._token = token
        self._expires = self._clock() + float(lifetime)
        self.granted = str(body.get("scope") or self.scope)
