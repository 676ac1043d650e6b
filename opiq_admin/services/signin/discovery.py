"""Where a system's sign-in server has its endpoints: read from its discovery document.

A profile names the issuer (`SystemProfile.sign_in_issuer`); its provider metadata is read
from `{issuer}/.well-known/openid-configuration` (OpenID Connect Discovery 1.0), else
`{issuer}/.well-known/oauth-authorization-server`, else RFC 8414's
`{origin}/.well-known/oauth-authorization-server{path}`. An endpoint the profile names
overrides the discovered one. Where no document is found and the profile names no
endpoint, the endpoints are those of the program's first servers, `{issuer}/oauth/authorize`,
`/oauth/token` and `/oauth/revoke`, so profiles written for them keep working.

A document is used only when its `issuer` is the configured one (RFC 8414 §3.3; a trailing
slash aside) and every endpoint in it is https, or plain http to this computer. What was
found is kept for the run (`DiscoveryCache`); a server that could not be reached is asked
again next time.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from opiq_admin.services.clients.http import (
    RetryPolicy,
    check_base_url,
    error_from_response,
    send_retrying,
)
from opiq_admin.services.config.settings import ENDPOINTS, SystemProfile
from opiq_admin.services.errors import InsecureUrl, SignInServerUnusable
from opiq_admin.services.i18n import _

OPENID_CONFIGURATION = "/.well-known/openid-configuration"
OAUTH_AUTHORIZATION_SERVER = "/.well-known/oauth-authorization-server"
BASIC, POST, NONE = "client_secret_basic", "client_secret_post", "none"
_URL_FIELDS = (*ENDPOINTS, "jwks_uri")


@dataclass(frozen=True)
class ProviderEndpoints:
    """A sign-in server as the program uses it: its issuer, endpoints and abilities."""

    issuer: str  # as the server names itself (the configured one, or it with a slash)
    authorization_endpoint: str
    token_endpoint: str
    revocation_endpoint: str | None = None
    userinfo_endpoint: str | None = None
    jwks_uri: str | None = None
    token_auth_methods: tuple[str, ...] = ()  # token_endpoint_auth_methods_supported
    id_token_algorithms: tuple[str, ...] = ()  # id_token_signing_alg_values_supported
    iss_in_redirect: bool = False  # authorization_response_iss_parameter_supported
    document: str = ""  # where the metadata was read; "" when none was found
    fallback: bool = False  # the old {issuer}/oauth/… layout, nothing discovered or named

    def client_auth_method(self, has_secret: bool) -> str:
        """How a client authenticates at the token and revocation endpoints: a public client
        sends its id alone; a confidential one uses HTTP Basic unless the server lists
        `client_secret_post` and not Basic (RFC 8414: Basic when nothing is listed)."""
        if not has_secret:
            return NONE
        if POST in self.token_auth_methods and BASIC not in self.token_auth_methods:
            return POST
        return BASIC


def discovery_addresses(issuer: str) -> list[str]:
    """The addresses a provider's metadata may be read from, in the order they are tried."""
    issuer = issuer.rstrip("/")
    url = httpx.URL(issuer)
    origin = f"{url.scheme}://{url.netloc.decode('ascii')}"
    path = url.path.rstrip("/")
    candidates = [issuer + OPENID_CONFIGURATION, issuer + OAUTH_AUTHORIZATION_SERVER,
                  origin + OAUTH_AUTHORIZATION_SERVER + path]
    return list(dict.fromkeys(candidates))


def _call(url: str) -> str:
    return f"GET {httpx.URL(url).path}"


async def read_metadata(issuer: str, http: httpx.AsyncClient, *, retry: RetryPolicy
                        ) -> tuple[dict[str, Any], str] | None:
    """The first discovery document found and its address; None when no address has one.

    An address answering 4xx, or anything but a JSON object, has none; a server that cannot
    be reached, or keeps answering 5xx or 429, raises (`ConnectionFailed`, `ServerError`,
    `RateLimited`): nothing is known then, and nothing is guessed.
    """
    for address in discovery_addresses(issuer):
        call = _call(address)
        response = await send_retrying(http, "GET", address, call=call, policy=retry,
                                       headers={"Accept": "application/json"})
        status = response.status_code
        if status >= 500 or status == 429:
            raise error_from_response(call, response)
        if status != 200:
            continue
        try:
            body = response.json()
        except ValueError:
            continue
        if isinstance(body, dict):
            return body, address
    return None


def _unusable(issuer: str, code: str, message: str, status: int | None = None
              ) -> SignInServerUnusable:
    return SignInServerUnusable(f"sign-in server {issuer}", status, code, message)


def _strings(document: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = document.get(key)
    if not isinstance(value, list):
        return ()
    return tuple(v for v in value if isinstance(v, str))


def endpoints_from(system: SystemProfile, found: tuple[dict[str, Any], str] | None
                   ) -> ProviderEndpoints:
    """The endpoints to use: the document's (checked), the profile's over them, or the old
    layout when there is neither. Raises `SignInServerUnusable` saying what and where."""
    issuer = system.sign_in_issuer
    named = {key: getattr(system, key) for key in ENDPOINTS if getattr(system, key)}
    if found is not None:
        document, address = found
        claimed = document.get("issuer")
        if not isinstance(claimed, str) or claimed.rstrip("/") != issuer:
            raise _unusable(issuer, "issuer_mismatch",
                            _("the discovery document at {address} names the issuer "
                              "{claimed!r}, not {issuer} as the profile says; its endpoints "
                              "are not used (RFC 8414 §3.3)").format(
                                  address=address, claimed=claimed, issuer=issuer), 200)
        urls = {key: document[key] for key in _URL_FIELDS
                if isinstance(document.get(key), str) and document[key]}
        urls.update(named)
        where = _("the discovery document at {address}").format(address=address)
        endpoints = ProviderEndpoints(
            issuer=claimed,
            authorization_endpoint=urls.get("authorization_endpoint", ""),
            token_endpoint=urls.get("token_endpoint", ""),
            revocation_endpoint=urls.get("revocation_endpoint"),
            userinfo_endpoint=urls.get("userinfo_endpoint"),
            jwks_uri=urls.get("jwks_uri"),
            token_auth_methods=_strings(document, "token_endpoint_auth_methods_supported"),
            id_token_algorithms=_strings(document, "id_token_signing_alg_values_supported"),
            iss_in_redirect=document.get(
                "authorization_response_iss_parameter_supported") is True,
            document=address)
    elif named:
        where = _("the profile")
        endpoints = ProviderEndpoints(
            issuer=issuer,
            authorization_endpoint=named.get("authorization_endpoint", ""),
            token_endpoint=named.get("token_endpoint", ""),
            revocation_endpoint=named.get("revocation_endpoint"),
            userinfo_endpoint=named.get("userinfo_endpoint"))
    else:
        base = issuer.removesuffix("/oauth")  # the folder itself was accepted as the base
        return ProviderEndpoints(issuer=base, authorization_endpoint=f"{base}/oauth/authorize",
                                 token_endpoint=f"{base}/oauth/token",
                                 revocation_endpoint=f"{base}/oauth/revoke", fallback=True)
    for key in ("authorization_endpoint", "token_endpoint"):
        if not getattr(endpoints, key):
            what = key.replace("_", " ")
            if found is None:
                raise _unusable(issuer, "no_endpoints",
                                _("the sign-in server at {issuer} answered no discovery "
                                  "document and the profile names no {what}").format(
                                      issuer=issuer, what=what))
            raise _unusable(issuer, "no_endpoints",
                            _("{where} names no {what}, and neither does the profile").format(
                                where=where, what=what))
    for key in _URL_FIELDS:
        value = getattr(endpoints, key)
        if value:
            try:
                check_base_url(value)
            except InsecureUrl as exc:
                source = _("the profile") if key in named else where
                raise _unusable(issuer, "insecure_endpoint",
                                _("{key} in {source} cannot be used: {reason}").format(
                                    key=key, source=source, reason=exc)) from exc
    return endpoints


class DiscoveryCache:
    """What each issuer's discovery found, once per run, shared by the run's sign-ins.

    Only what was found (or the decision that nothing is there) is kept; an error leaves
    nothing behind, so the next sign-in asks again.
    """

    def __init__(self) -> None:
        self._found: dict[tuple[str, ...], ProviderEndpoints] = {}
        self._locks: dict[tuple[str, ...], asyncio.Lock] = {}

    @staticmethod
    def _key(system: SystemProfile) -> tuple[str, ...]:
        return (system.sign_in_issuer, *(getattr(system, key) for key in ENDPOINTS))

    async def endpoints(self, system: SystemProfile, http: httpx.AsyncClient, *,
                        retry: RetryPolicy) -> ProviderEndpoints:
        key = self._key(system)
        known = self._found.get(key)
        if known is not None:
            return known
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:
            known = self._found.get(key)
            if known is None:
                found = await read_metadata(system.sign_in_issuer, http, retry=retry)
                known = endpoints_from(system, found)
                self._found[key] = known
            return known

    def forget(self, system: SystemProfile) -> None:
        self._found.pop(self._key(system), None)


__all__ = [
    "BASIC",
    "NONE",
    "POST",
    "DiscoveryCache",
    "ProviderEndpoints",
    "discovery_addresses",
    "endpoints_from",
    "read_metadata",
]
