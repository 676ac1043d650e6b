"""OpenID Connect on Opiq's and eKool's authorization servers: discovery, scopes, ID tokens
that verify against the served keys, userinfo, and RFC 9207's `iss` in every redirect."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import jwt
import pytest
from conftest import REDIRECT, authorize, pkce_pair, small_world

from opiq_admin.sandbox.server import EmbeddedServer

SYSTEMS = ["opiq", "ekool"]
ME = {"opiq": "opq-usr-1", "ekool": "ek-usr-1"}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedServer]:
    with EmbeddedServer(tmp_path_factory.mktemp("oidc"), make_world=small_world) as srv:
        yield srv


@pytest.fixture
def client(server: EmbeddedServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


def _sign_in(client: httpx.Client, system: str, scope: str | None, nonce: str | None = None
             ) -> tuple[dict[str, list[str]], httpx.Response]:
    """The redirect's query and the token answer of a PKCE sign-in with that scope."""
    verifier, challenge = pkce_pair()
    params = {"response_type": "code", "client_id": "opiq-admin", "redirect_uri": REDIRECT,
              "state": "st-9", "code_challenge": challenge, "code_challenge_method": "S256"}
    if scope is not None:
        params["scope"] = scope
    if nonce is not None:
        params["nonce"] = nonce
    form = client.get(f"/{system}/oauth/authorize", params=params)
    assert form.status_code == 200
    assert ('name="nonce"' in form.text) == (nonce is not None)  # the form carries it on
    answer = client.post(f"/{system}/oauth/authorize",
                         data={**params, "username": "mari.maasikas", "password": "harjutus"})
    assert answer.status_code == 302
    query = parse_qs(urlsplit(answer.headers["location"]).query)
    token = client.post(f"/{system}/oauth/token", data={
        "grant_type": "authorization_code", "code": query["code"][0],
        "redirect_uri": REDIRECT, "client_id": "opiq-admin", "code_verifier": verifier})
    return query, token


def _verify(client: httpx.Client, metadata: dict[str, Any], id_token: str,
            nonce: str | None = None) -> dict[str, Any]:
    """Checks an ID token the way a client does: the key by `kid` from the served JWKS."""
    keys = jwt.PyJWKSet.from_dict(client.get(metadata["jwks_uri"]).json())
    kid = jwt.get_unverified_header(id_token)["kid"]
    key = next(k for k in keys.keys if k.key_id == kid)
    claims = jwt.decode(id_token, key.key, algorithms=["RS256"], audience="opiq-admin",
                        issuer=metadata["issuer"],
                        options={"require": ["iss", "sub", "aud", "exp", "iat"]})
    if nonce is not None:
        assert claims["nonce"] == nonce
    return claims


@pytest.mark.parametrize("system", SYSTEMS)
@pytest.mark.parametrize("well_known", ["openid-configuration", "oauth-authorization-server"])
def test_discovery_points_at_endpoints_that_work(client: httpx.Client, server: EmbeddedServer,
                                                 system: str, well_known: str) -> None:
    answer = client.get(f"/{system}/.well-known/{well_known}")
    assert answer.status_code == 200
    meta = answer.json()
    root = f"{server.url}/{system}"
    assert meta["issuer"] == root
    assert meta["authorization_endpoint"] == f"{root}/oauth/authorize"
    assert meta["token_endpoint"] == f"{root}/oauth/token"
    assert meta["revocation_endpoint"] == f"{root}/oauth/revoke"
    assert meta["userinfo_endpoint"] == f"{root}/oauth/userinfo"
    assert meta["jwks_uri"] == f"{root}/oauth/jwks"
    assert {"openid", "profile", "email"} <= set(meta["scopes_supported"])
    assert meta["response_types_supported"] == ["code"]
    assert meta["grant_types_supported"] == ["authorization_code", "refresh_token"]
    assert meta["code_challenge_methods_supported"] == ["S256"]
    assert meta["token_endpoint_auth_methods_supported"] == ["none"]
    assert meta["id_token_signing_alg_values_supported"] == ["RS256"]
    assert meta["subject_types_supported"] == ["public"]
    assert meta["authorization_response_iss_parameter_supported"] is True
    # RFC 8414 §3's own place for an issuer with a path gives the same document.
    assert client.get(f"/.well-known/oauth-authorization-server/{system}").json() == meta
    # Every endpoint answers as its kind does.
    _, challenge = pkce_pair()
    form = client.get(meta["authorization_endpoint"], params={
        "response_type": "code", "client_id": "opiq-admin", "redirect_uri": REDIRECT,
        "code_challenge": challenge, "code_challenge_method": "S256", "scope": "openid"})
    assert form.status_code == 200 and "<form" in form.text
    assert client.post(meta["token_endpoint"], data={
        "grant_type": "authorization_code", "code": "nope", "client_id": "opiq-admin",
        "redirect_uri": REDIRECT}).json()["error"] == "invalid_grant"
    assert client.post(meta["revocation_endpoint"],
                       data={"token": "nope", "client_id": "opiq-admin"}).status_code == 200
    assert client.get(meta["userinfo_endpoint"]).status_code == 401
    jwks = client.get(meta["jwks_uri"]).json()
    assert [k["kty"] for k in jwks["keys"]] == ["RSA"] and jwks["keys"][0]["kid"]


def test_each_issuer_signs_with_a_key_of_its_own(client: httpx.Client) -> None:
    kids = {s: client.get(f"/{s}/oauth/jwks").json()["keys"][0]["kid"] for s in SYSTEMS}
    assert kids["opiq"] != kids["ekool"]
    assert client.get("/opiq/oauth/jwks").json()["keys"][0]["kid"] == kids["opiq"]  # kept


@pytest.mark.parametrize("system", SYSTEMS)
def test_openid_sign_in_gives_an_id_token_that_verifies(client: httpx.Client,
                                                        system: str) -> None:
    meta = client.get(f"/{system}/.well-known/openid-configuration").json()
    query, token = _sign_in(client, system, "openid profile", nonce="n-0S6_WzA2Mj")
    assert query["iss"] == [meta["issuer"]] and query["state"] == ["st-9"]
    assert token.status_code == 200, token.text
    body = token.json()
    assert body["scope"] == "openid profile"
    assert body["refresh_token"]  # as before: refresh tokens are always issued here
    claims = _verify(client, meta, body["id_token"], nonce="n-0S6_WzA2Mj")
    assert claims["sub"] == ME[system]
    assert claims["aud"] == "opiq-admin" and claims["exp"] > time.time() >= claims["iat"] - 5
    assert (claims["given_name"], claims["family_name"]) == ("Mari", "Maasikas")
    assert claims["name"] == "Mari Maasikas" and claims["email"]
    # A token of another issuer does not pass for this one's.
    other = "ekool" if system == "opiq" else "opiq"
    other_meta = client.get(f"/{other}/.well-known/openid-configuration").json()
    with pytest.raises(jwt.InvalidTokenError):
        _verify(client, {**other_meta, "jwks_uri": meta["jwks_uri"]}, body["id_token"])

    # A refresh renews the ID token (OIDC Core §12.2): same iss, sub, aud; no nonce.
    refreshed = client.post(f"/{system}/oauth/token", data={
        "grant_type": "refresh_token", "refresh_token": body["refresh_token"],
        "client_id": "opiq-admin"})
    assert refreshed.status_code == 200
    again = _verify(client, meta, refreshed.json()["id_token"])
    assert again["sub"] == claims["sub"] and "nonce" not in again
    assert again["auth_time"] == claims["auth_time"]
    assert refreshed.json()["scope"] == "openid profile"


def test_without_openid_there_is_no_id_token_and_the_old_scope(client: httpx.Client) -> None:
    query, token = _sign_in(client, "ekool", None)
    assert query["iss"] and "id_token" not in token.json()
    assert token.json()["scope"] == "roster.readonly profile"
    _, token = _sign_in(client, "opiq", "opiq.admin offline_access")
    assert token.json()["scope"] == "opiq.admin offline_access"
    assert "id_token" not in token.json() and token.json()["refresh_token"]


@pytest.mark.parametrize("system", SYSTEMS)
def test_an_unknown_scope_is_refused_in_the_redirect(client: httpx.Client, system: str,
                                                     server: EmbeddedServer) -> None:
    _, challenge = pkce_pair()
    answer = client.get(f"/{system}/oauth/authorize", params={
        "response_type": "code", "client_id": "opiq-admin", "redirect_uri": REDIRECT,
        "state": "s", "code_challenge": challenge, "code_challenge_method": "S256",
        "scope": "openid admin.everything"})
    assert answer.status_code == 302
    query = parse_qs(urlsplit(answer.headers["location"]).query)
    assert query["error"] == ["invalid_scope"] and query["state"] == ["s"]
    assert query["iss"] == [f"{server.url}/{system}"] and "code" not in query
    assert "admin.everything" in query["error_description"][0]


def test_every_redirect_carries_iss(client: httpx.Client, server: EmbeddedServer) -> None:
    _, challenge = pkce_pair()
    params = {"response_type": "token", "client_id": "opiq-admin", "redirect_uri": REDIRECT,
              "state": "s", "code_challenge": challenge, "code_challenge_method": "S256"}
    for change in ({"response_type": "token"}, {"code_challenge_method": "plain"},
                   {"response_type": "code", "nonce": "x" * 600}):
        answer = client.get("/ekool/oauth/authorize", params={**params, **change})
        query = parse_qs(urlsplit(answer.headers["location"]).query)
        assert query["iss"] == [f"{server.url}/ekool"] and "error" in query, change
    query = authorize(client, "opiq", "mari.maasikas", "harjutus", challenge)
    assert query["iss"] == [f"{server.url}/opiq"] and query["code"]


@pytest.mark.parametrize("system", SYSTEMS)
def test_userinfo_with_and_without_a_token(client: httpx.Client, system: str) -> None:
    _, token = _sign_in(client, system, "openid profile email")
    access = token.json()["access_token"]
    for method in ("GET", "POST"):
        answer = client.request(method, f"/{system}/oauth/userinfo",
                                headers={"Authorization": f"Bearer {access}"})
        assert answer.status_code == 200
        assert answer.json() == {"sub": ME[system], "name": "Mari Maasikas",
                                 "given_name": "Mari", "family_name": "Maasikas",
                                 "email": answer.json()["email"]}
        assert "@" in answer.json()["email"]
    other = "ekool" if system == "opiq" else "opiq"
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic eA=="}):
        refused = client.get(f"/{system}/oauth/userinfo", headers=headers)
        assert refused.status_code == 401
        assert refused.headers["www-authenticate"].startswith('Bearer error="invalid_token"')
        assert refused.json()["error"] == "invalid_token"
    # This issuer's token only.
    assert client.get(f"/{other}/oauth/userinfo",
                      headers={"Authorization": f"Bearer {access}"}).status_code == 401
    # A revoked grant's token is refused too.
    client.post(f"/{system}/oauth/revoke", data={"token": token.json()["refresh_token"],
                                                 "client_id": "opiq-admin"})
    assert client.get(f"/{system}/oauth/userinfo",
                      headers={"Authorization": f"Bearer {access}"}).status_code == 401


def test_the_openapi_document_has_the_new_endpoints(client: httpx.Client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for system in SYSTEMS:
        assert f"/{system}/.well-known/openid-configuration" in paths
        assert f"/{system}/oauth/userinfo" in paths and f"/{system}/oauth/jwks" in paths
    assert not any(p.startswith("/harid") for p in paths)  # only with --idp harid
