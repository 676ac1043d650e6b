"""OpenID Connect over the emulator's authorization servers: what each provider is (its
paths, scopes and client), its discovery document (OpenID Connect Discovery 1.0 and
RFC 8414), and the keys that sign its ID tokens.

Each issuer signs with an RSA key of its own, made the first time it is needed and kept in
the store, so a restarted emulator keeps its keys and the ID tokens it issued still verify.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote_plus

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from opiq_admin.sandbox.model import World
from opiq_admin.sandbox.store import Store

CLIENT_ID = "opiq-admin"
ID_TOKEN_TTL = 300

# A signed-in subject: {"sub": id at the issuer, "links": {system: id there} or None}.
Subject = dict[str, Any]
SignIn = Callable[[Any, str, str], Subject | None]  # (sandbox, username, password)
Claims = Callable[[World, dict[str, Any], set[str]], dict[str, Any] | None]


@dataclass(frozen=True)
class Provider:
    """One authorization server. Paths are relative to the emulator's root URL."""

    name: str  # "opiq", "ekool", "harid": the issuer is `{root}/{name}`
    title: str
    authorize_path: str
    token_path: str
    userinfo_path: str
    jwks_path: str
    revocation_path: str | None
    scopes: tuple[str, ...]  # scopes_supported
    default_scope: str  # granted when a request names none
    response_types: tuple[str, ...]
    grant_types: tuple[str, ...]
    auth_methods: tuple[str, ...]  # token_endpoint_auth_methods_supported
    client_secret: str | None  # None: a public client (PKCE is its proof)
    sign_in: SignIn
    claims: Claims  # the person of a grant record, for userinfo and ID tokens

    @property
    def confidential(self) -> bool:
        return self.client_secret is not None

    def issuer(self, root: str) -> str:
        return f"{root}/{self.name}"


def root_of(base_url: object) -> str:
    """The emulator's root URL (no trailing slash) from a request's base URL."""
    return str(base_url).rstrip("/")


def grant_scope(provider: Provider, requested: str | None) -> str:
    """The scope granted for a request's `scope`; ValueError names the unknown ones."""
    names = list(dict.fromkeys((requested or "").split()))
    if not names:
        return provider.default_scope
    unknown = [n for n in names if n not in provider.scopes]
    if unknown:
        raise ValueError(" ".join(unknown))
    return " ".join(names)


def metadata(provider: Provider, root: str) -> dict[str, Any]:
    """The provider metadata, absolute URLs under `root`."""
    doc: dict[str, Any] = {
        "issuer": provider.issuer(root),
        "authorization_endpoint": root + provider.authorize_path,
        "token_endpoint": root + provider.token_path,
        "userinfo_endpoint": root + provider.userinfo_path,
        "jwks_uri": root + provider.jwks_path,
    }
    if provider.revocation_path:
        doc["revocation_endpoint"] = root + provider.revocation_path
        doc["revocation_endpoint_auth_methods_supported"] = list(provider.auth_methods)
    doc.update({
        "scopes_supported": list(provider.scopes),
        "response_types_supported": list(provider.response_types),
        "response_modes_supported": (["query", "fragment"] if len(provider.response_types) > 1
                                     else ["query"]),
        "grant_types_supported": list(provider.grant_types),
        "code_challenge_methods_supported": ["S256"],
        "token_endpoint_auth_methods_supported": list(provider.auth_methods),
        "id_token_signing_alg_values_supported": ["RS256"],
        "subject_types_supported": ["public"],
        "claims_supported": ["iss", "sub", "aud", "exp", "iat", "auth_time", "nonce",
                             "at_hash", "name", "given_name", "family_name", "email",
                             *(["personal_code", "roles"] if "roles" in provider.scopes
                               else [])],
        "authorization_response_iss_parameter_supported": True,
    })
    return doc


def authenticate_client(provider: Provider, authorization: str | None,
                        form_id: str | None, form_secret: str | None) -> str | None:
    """None when a confidential client proved itself with client_secret_basic or
    client_secret_post (RFC 6749 §2.3.1, one method at a time); else why not."""
    if authorization and authorization[:6].lower() == "basic ":
        if form_secret is not None:
            return "Use one client authentication method, not two."
        try:
            decoded = base64.b64decode(authorization[6:].strip(), validate=True).decode()
        except (binascii.Error, UnicodeDecodeError):
            decoded = ""
        client_id, sep, secret = decoded.partition(":")
        if not sep:
            return "The Basic credentials do not decode."
        client_id, secret = unquote_plus(client_id), unquote_plus(secret)
        if form_id is not None and form_id != client_id:
            return "client_id differs from the authenticated client."
    elif form_secret is not None:
        client_id, secret = form_id or "", form_secret
    else:
        return ("Client authentication is required (client_secret_basic or "
                "client_secret_post).")
    expected = (provider.client_secret or "").encode()
    if client_id != CLIENT_ID or not expected or \
            not hmac.compare_digest(secret.encode(), expected):
        return "Unknown client or wrong client secret."
    return None


# --- the people behind the subjects of Opiq and eKool ---------------------------------

def _person(given: str, family: str, email: str) -> dict[str, Any]:
    return {"name": f"{given} {family}".strip(), "given_name": given, "family_name": family,
            "email": email or None}


def opiq_claims(world: World, record: dict[str, Any], scope: set[str]) -> dict[str, Any] | None:
    account = world.opiq_accounts.get(record["sub"])
    if account is None:
        return None
    return {"sub": account.id, **_person(account.first_name, account.last_name, account.email)}


def ekool_claims(world: World, record: dict[str, Any], scope: set[str]
                 ) -> dict[str, Any] | None:
    person = world.ekool_people.get(record["sub"])
    if person is None:
        return None
    return {"sub": person.id, **_person(person.given_name, person.family_name, person.email)}


def _own_sign_in(system: str) -> SignIn:
    def sign_in(sandbox: Any, username: str, password: str) -> Subject | None:
        subject = sandbox.sign_in(system, username, password)
        return None if subject is None else {"sub": subject, "links": None}
    return sign_in


def _standard(name: str, title: str, own_scopes: tuple[str, ...], default_scope: str,
              claims: Claims) -> Provider:
    base = f"/{name}/oauth"
    return Provider(
        name=name, title=title, authorize_path=f"{base}/authorize",
        token_path=f"{base}/token", userinfo_path=f"{base}/userinfo",
        jwks_path=f"{base}/jwks", revocation_path=f"{base}/revoke",
        scopes=("openid", "profile", "email", "offline_access", *own_scopes),
        default_scope=default_scope, response_types=("code",),
        grant_types=("authorization_code", "refresh_token"), auth_methods=("none",),
        client_secret=None, sign_in=_own_sign_in(name), claims=claims)


OPIQ = _standard("opiq", "Opiq", ("opiq.admin",), "opiq.admin", opiq_claims)
EKOOL = _standard("ekool", "eKool", ("roster.readonly",), "roster.readonly profile",
                  ekool_claims)


# --- signing keys ------------------------------------------------------------------------

def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _thumbprint(public: dict[str, Any]) -> str:
    """RFC 7638: the SHA-256 JWK thumbprint of an RSA public key."""
    canonical = json.dumps({k: public[k] for k in ("e", "kty", "n")}, separators=(",", ":"),
                           sort_keys=True)
    return _b64(hashlib.sha256(canonical.encode()).digest())


def token_hash(token: str) -> str:
    """`at_hash` for RS256: the left half of the SHA-256 of the token, base64url."""
    return _b64(hashlib.sha256(token.encode("ascii")).digest()[:16])


class Keys:
    """One RS256 key per provider (by its name), made on first use and kept in the store."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._lock = threading.Lock()
        self._keys: dict[str, tuple[str, rsa.RSAPrivateKey]] = {}

    def _key(self, name: str) -> tuple[str, rsa.RSAPrivateKey]:
        with self._lock:
            if name not in self._keys:
                kept = self._store.signing_key(name)
                if kept is None:
                    made = rsa.generate_private_key(public_exponent=65537, key_size=2048)
                    pem = made.private_bytes(
                        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                        serialization.NoEncryption()).decode()
                    kid = _thumbprint(RSAAlgorithm.to_jwk(made.public_key(), as_dict=True))
                    kept = self._store.add_signing_key(name, kid, pem)
                kid, pem = kept
                loaded = serialization.load_pem_private_key(pem.encode(), password=None)
                if not isinstance(loaded, rsa.RSAPrivateKey):
                    raise ValueError(f"the stored signing key of {name} is not an RSA key")
                self._keys[name] = (kid, loaded)
            return self._keys[name]

    def jwks(self, name: str) -> dict[str, Any]:
        kid, private = self._key(name)
        public = RSAAlgorithm.to_jwk(private.public_key(), as_dict=True)
        return {"keys": [{**public, "kid": kid, "use": "sig", "alg": "RS256"}]}

    def sign(self, name: str, claims: dict[str, Any]) -> str:
        kid, private = self._key(name)
        return jwt.encode(claims, private, algorithm="RS256", headers={"kid": kid})

    def id_token(self, provider: Provider, issuer: str, person: dict[str, Any],
                 grant: dict[str, Any], access_token: str | None, *,
                 nonce: bool = True) -> str:
        """An ID token for the person of a grant (OIDC Core §2); `nonce` only when the
        grant came from an authorization request that sent one (not on a refresh)."""
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": issuer, "sub": person["sub"], "aud": CLIENT_ID, "exp": now + ID_TOKEN_TTL,
            "iat": now, "auth_time": int(grant.get("auth_time") or now)}
        if nonce and grant.get("nonce"):
            claims["nonce"] = grant["nonce"]
        if access_token:
            claims["at_hash"] = token_hash(access_token)
        claims.update({k: v for k, v in person.items() if k not in ("sub", "roles")})
        return self.sign(provider.name, claims)
