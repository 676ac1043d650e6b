"""ID tokens (OpenID Connect Core §3.1.3.7), checked before anyone is taken as signed in.

The signature against the provider's keys (its JWKS at `jwks_uri`, read through the
program's HTTP client and read again when a token names a key not seen yet, as after a key
rotation), then `iss`, `aud` (the client id; `azp` when there are several audiences),
`exp`, `iat` and, after an authorization request that sent one, `nonce`. Only asymmetric
signatures are accepted, and of those only what the provider says it uses.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import httpx
import jwt

from opiq_admin.services.clients.http import (
    RetryPolicy,
    error_from_response,
    json_body,
    send_retrying,
)
from opiq_admin.services.errors import MalformedResponse
from opiq_admin.services.i18n import _

ASYMMETRIC = frozenset({"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256",
                        "ES384", "ES512", "EdDSA"})
DEFAULT_ALGORITHMS = ("RS256",)  # OIDC Discovery: the default of id_token_signing_alg_values
LEEWAY = 60.0  # seconds of clock difference allowed between here and the provider
_CURVES = {"ES256": "P-256", "ES384": "P-384", "ES512": "P-521"}


class IdTokenProblem(Exception):
    """Why an ID token is not accepted, in plain words."""


@dataclass(frozen=True)
class _Key:
    data: dict[str, Any]
    jwk: jwt.PyJWK

    def fits(self, kid: str | None, alg: str) -> bool:
        if kid is not None and self.data.get("kid") != kid:
            return False
        declared = self.data.get("alg")
        if declared is not None and declared != alg:
            return False
        kty = self.data.get("kty")
        if alg.startswith(("RS", "PS")):
            return bool(kty == "RSA")
        if alg in _CURVES:
            return kty == "EC" and self.data.get("crv") == _CURVES[alg]
        return kty == "OKP"  # EdDSA


class ProviderKeys:
    """One provider's signing keys, read from `jwks_uri` when first needed."""

    def __init__(self, jwks_uri: str, http: httpx.AsyncClient, *, retry: RetryPolicy) -> None:
        self.jwks_uri = jwks_uri
        self.http = http
        self.retry = retry
        self._keys: list[_Key] | None = None
        self._lock = asyncio.Lock()

    async def _fetch(self) -> list[_Key]:
        call = f"GET {httpx.URL(self.jwks_uri).path}"
        response = await send_retrying(self.http, "GET", self.jwks_uri, call=call,
                                       policy=self.retry,
                                       headers={"Accept": "application/json"})
        if response.status_code >= 400:
            raise error_from_response(call, response)
        body = json_body(call, response)
        items = body.get("keys") if isinstance(body, dict) else None
        if not isinstance(items, list):
            raise MalformedResponse(call, response.status_code, "unexpected_shape",
                                    "a JWKS is an object with a list of keys")
        keys = []
        for item in items:
            if not isinstance(item, dict) or item.get("use", "sig") != "sig":
                continue
            try:
                keys.append(_Key(item, jwt.PyJWK(item)))
            except (jwt.PyJWKError, jwt.InvalidKeyError, ValueError, TypeError):
                continue  # a key of a kind this program does not use
        return keys

    async def candidates(self, kid: str | None, alg: str) -> list[jwt.PyJWK]:
        """The keys that may have signed a token with this header; the set is read again
        once when none fits (a key added since it was read)."""
        async with self._lock:
            for fresh in (False, True):
                if fresh or self._keys is None:
                    self._keys = await self._fetch()
                fitting = [k.jwk for k in self._keys if k.fits(kid, alg)]
                if fitting:
                    return fitting
        raise IdTokenProblem(
            _("{keys} has no key {kid!r} for {alg}").format(keys=self.jwks_uri, kid=kid, alg=alg)
            if kid is not None else
            _("{keys} has no key for {alg}").format(keys=self.jwks_uri, alg=alg))


async def verify_id_token(token: str, keys: ProviderKeys | None, *, issuer: str,
                          client_id: str, nonce: str | None,
                          algorithms: Iterable[str] = ()) -> dict[str, Any]:
    """The claims of a valid ID token; `IdTokenProblem` saying why when it is not.

    `nonce` is what the authorization request sent (None: none is expected, as after a
    refresh); `algorithms` what the provider's metadata lists, if anything.
    """
    try:
        header = jwt.get_unverified_header(token)
    except jwt.InvalidTokenError as exc:
        raise IdTokenProblem(_("it is not a signed JWT")) from exc
    alg = header.get("alg")
    allowed = ASYMMETRIC.intersection(algorithms or DEFAULT_ALGORITHMS)
    if not isinstance(alg, str) or alg not in allowed:
        raise IdTokenProblem(_("it is signed with {alg!r}; accepted: {accepted}").format(
            alg=alg, accepted=", ".join(sorted(allowed)) or "-"))
    if keys is None:
        raise IdTokenProblem(_("the sign-in server names no jwks_uri to check it against"))
    kid = header.get("kid")
    claims: dict[str, Any] | None = None
    for key in await keys.candidates(kid if isinstance(kid, str) else None, alg):
        try:
            claims = jwt.decode(token, key=key.key, algorithms=[alg], audience=client_id,
                                issuer=issuer, leeway=LEEWAY,
                                options={"require": ["iss", "sub", "aud", "exp", "iat"]})
        except jwt.InvalidSignatureError:
            continue
        except jwt.ExpiredSignatureError as exc:
            raise IdTokenProblem(_("it has expired")) from exc
        except jwt.InvalidAudienceError as exc:
            raise IdTokenProblem(_("it is meant for another client (aud is not "
                                   "{client_id})").format(client_id=client_id)) from exc
        except jwt.InvalidIssuerError as exc:
            raise IdTokenProblem(_("it was issued by someone else (iss is not "
                                   "{issuer})").format(issuer=issuer)) from exc
        except jwt.MissingRequiredClaimError as exc:
            raise IdTokenProblem(_("it lacks the {claim!r} claim").format(claim=exc.claim)) from exc
        except jwt.ImmatureSignatureError as exc:
            raise IdTokenProblem(_("it is not valid yet (iat or nbf in the future)")) from exc
        except jwt.InvalidTokenError as exc:
            raise IdTokenProblem(_("it does not verify ({reason})").format(reason=exc)) from exc
        break
    if claims is None:
        raise IdTokenProblem(_("its signature does not verify against the sign-in server's "
                               "keys"))
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    azp = claims.get("azp")
    if (len(audiences) > 1 or azp is not None) and azp != client_id:
        raise IdTokenProblem(_("it was issued to another party (azp is not {client_id})").format(
            client_id=client_id))
    if not isinstance(claims.get("sub"), str) or not claims["sub"]:
        raise IdTokenProblem(_("its sub is not a user id"))
    if nonce is not None and claims.get("nonce") != nonce:
        raise IdTokenProblem(_("its nonce is not the one this sign-in sent"))
    return claims


__all__ = ["IdTokenProblem", "ProviderKeys", "verify_id_token"]
