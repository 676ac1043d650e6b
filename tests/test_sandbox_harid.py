"""`--idp harid`: HarID's discovery and paths, its confidential client, no refresh tokens,
its access token accepted by the Opiq and eKool APIs, and a key that outlives a restart."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import httpx
import jwt
import pytest
from conftest import REDIRECT, pkce_pair, small_world

from opiq_admin.sandbox.harid import CLIENT_SECRET
from opiq_admin.sandbox.server import EmbeddedServer, _parser

AUTHORIZE = "/harid/et/authorizations/new"
TOKEN = "/harid/et/access_tokens"
USERINFO = "/harid/et/user_info"


def _server(data_dir: Path, idp: str | None = "harid") -> EmbeddedServer:
    return EmbeddedServer(data_dir, make_world=small_world, idp=idp)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedServer]:
    with _server(tmp_path_factory.mktemp("harid")) as srv:
        yield srv


@pytest.fixture
def client(server: EmbeddedServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


def _basic(client_id: str = "opiq-admin", secret: str = CLIENT_SECRET) -> dict[str, str]:
    raw = f"{quote(client_id, safe='')}:{quote(secret, safe='')}".encode()
    return {"Authorization": "Basic " + base64.b64encode(raw).decode()}


def _code(client: httpx.Client, scope: str = "openid profile", nonce: str | None = "n-1",
          username: str = "mari.maasikas", challenge: str | None = None) -> str:
    """Signs in on HarID's own form; answers the code of the redirect."""
    params = {"response_type": "code", "client_id": "opiq-admin", "redirect_uri": REDIRECT,
              "state": "h-1", "scope": scope}
    if nonce:
        params["nonce"] = nonce
    if challenge:
        params |= {"code_challenge": challenge, "code_challenge_method": "S256"}
    form = client.get(AUTHORIZE, params=params)
    assert form.status_code == 200 and "HarID" in form.text and "<form" in form.text
    answer = client.post(AUTHORIZE, data={**params, "username": username,
                                          "password": "harjutus"})
    assert answer.status_code == 302
    query = parse_qs(urlsplit(answer.headers["location"]).query)
    assert query["state"] == ["h-1"] and query["iss"] == [f"{client.base_url}".rstrip("/")
                                                          + "/harid"]
    return query["code"][0]


def _exchange(client: httpx.Client, code: str, *, headers: dict[str, str] | None = None,
              **form: str) -> httpx.Response:
    data = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT, **form}
    return client.post(TOKEN, data=data, headers=headers or {})


def _tokens(client: httpx.Client, scope: str = "openid profile") -> dict[str, Any]:
    answer = _exchange(client, _code(client, scope), headers=_basic())
    assert answer.status_code == 200, answer.text
    return answer.json()


def _verify(jwks: dict[str, Any], id_token: str, issuer: str) -> dict[str, Any]:
    kid = jwt.get_unverified_header(id_token)["kid"]
    key = next(k for k in jwt.PyJWKSet.from_dict(jwks).keys if k.key_id == kid)
    return jwt.decode(id_token, key.key, algorithms=["RS256"], audience="opiq-admin",
                      issuer=issuer)


def test_discovery_at_harids_paths(client: httpx.Client, server: EmbeddedServer) -> None:
    meta = client.get("/harid/.well-known/openid-configuration").json()
    root = server.url
    assert meta["issuer"] == f"{root}/harid"
    assert meta["authorization_endpoint"] == f"{root}/harid/et/authorizations/new"
    assert meta["token_endpoint"] == f"{root}/harid/et/access_tokens"
    assert meta["userinfo_endpoint"] == f"{root}/harid/et/user_info"
    assert meta["jwks_uri"] == f"{root}/harid/jwks"
    assert "revocation_endpoint" not in meta
    assert meta["scopes_supported"] == ["openid", "profile", "email", "personal_code", "roles"]
    assert meta["grant_types_supported"] == ["authorization_code", "implicit"]
    assert meta["token_endpoint_auth_methods_supported"] == ["client_secret_basic",
                                                             "client_secret_post"]
    assert meta["id_token_signing_alg_values_supported"] == ["RS256"]
    assert meta["authorization_response_iss_parameter_supported"] is True
    assert "code" in meta["response_types_supported"]
    assert client.get(meta["jwks_uri"]).json()["keys"][0]["kid"]
    info = client.get("/practice/info").json()["harid"]
    assert info == {"client_id": "opiq-admin", "client_secret": CLIENT_SECRET,
                    "issuer": meta["issuer"]}
    # Opiq and eKool keep their own servers beside it.
    assert client.get("/opiq/.well-known/openid-configuration").status_code == 200


def test_harid_is_not_there_without_the_mode(fresh_emulator: EmbeddedServer) -> None:
    with httpx.Client(base_url=fresh_emulator.url) as client:
        assert client.get("/harid/.well-known/openid-configuration").status_code == 404
        assert client.get(AUTHORIZE).status_code == 404
        assert "harid" not in client.get("/practice/info").json()


@pytest.mark.parametrize("how", ["basic", "post"])
def test_sign_in_and_both_client_authentications(client: httpx.Client, server: EmbeddedServer,
                                                 how: str) -> None:
    code = _code(client, "openid profile email", nonce="harid-nonce")
    if how == "basic":
        answer = _exchange(client, code, headers=_basic())
    else:
        answer = _exchange(client, code, client_id="opiq-admin", client_secret=CLIENT_SECRET)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert "refresh_token" not in body
    assert body["scope"] == "openid profile email" and body["token_type"] == "Bearer"
    jwks = client.get("/harid/jwks").json()
    claims = _verify(jwks, body["id_token"], f"{server.url}/harid")
    assert claims["nonce"] == "harid-nonce" and claims["sub"].startswith("hid-")
    assert (claims["given_name"], claims["family_name"]) == ("Mari", "Maasikas")


@pytest.mark.parametrize("auth", [
    {},  # no client authentication at all
    {"form": {"client_id": "opiq-admin"}},
    {"form": {"client_id": "opiq-admin", "client_secret": "wrong"}},
    {"form": {"client_id": "someone-else", "client_secret": CLIENT_SECRET}},
    {"headers": _basic(secret="wrong")},
    {"headers": _basic(client_id="someone-else")},
    {"headers": {"Authorization": "Basic not-base64!"}},
    {"headers": _basic(), "form": {"client_secret": CLIENT_SECRET}},  # two methods at once
])
def test_the_token_endpoint_refuses_a_missing_or_wrong_secret(client: httpx.Client,
                                                              auth: dict[str, Any]) -> None:
    code = _code(client)
    answer = _exchange(client, code, headers=auth.get("headers"), **auth.get("form", {}))
    assert answer.status_code == 401
    assert answer.json()["error"] == "invalid_client"
    assert answer.headers["www-authenticate"].startswith("Basic")
    # The refusal did not spend the code: the right client can still redeem it.
    assert _exchange(client, code, headers=_basic()).status_code == 200


def test_never_a_refresh_token(client: httpx.Client) -> None:
    tokens = _tokens(client, "openid")
    assert "refresh_token" not in tokens
    refresh = client.post(TOKEN, headers=_basic(),
                          data={"grant_type": "refresh_token", "refresh_token": "anything"})
    assert refresh.status_code == 400
    assert refresh.json()["error"] == "unsupported_grant_type"


def test_the_harid_token_works_on_the_opiq_and_ekool_apis(client: httpx.Client) -> None:
    auth = {"Authorization": f"Bearer {_tokens(client)['access_token']}"}
    opiq = client.get("/opiq/api/me", headers=auth)
    assert opiq.status_code == 200 and opiq.json()["id"] == "opq-usr-1"
    ekool = client.get("/ekool/api/me", headers=auth)
    assert ekool.status_code == 200 and ekool.json()["sourcedId"] == "ek-usr-1"
    orgs = client.get("/ekool/ims/oneroster/rostering/v1p2/orgs", headers=auth)
    assert orgs.status_code == 200 and orgs.json()["orgs"]
    # But it is no Opiq or eKool token for their own userinfo or revocation.
    assert client.get("/opiq/oauth/userinfo", headers=auth).status_code == 401


def test_someone_only_on_ekool_is_nobody_on_opiq(client: httpx.Client) -> None:
    code = _code(client, username="juri.juurikas")
    auth = {"Authorization": "Bearer " + _exchange(client, code, headers=_basic())
            .json()["access_token"]}
    me = client.get("/ekool/api/me", headers=auth)
    assert me.status_code == 200 and me.json()["sourcedId"] == "ek-usr-2"
    assert client.get("/opiq/api/me", headers=auth).status_code == 401


def test_userinfo_with_personal_code_and_roles(client: httpx.Client) -> None:
    access = _tokens(client, "openid profile email personal_code roles")["access_token"]
    info = client.get(USERINFO, headers={"Authorization": f"Bearer {access}"})
    assert info.status_code == 200
    body = info.json()
    assert body["sub"].startswith("hid-") and body["name"] == "Mari Maasikas"
    assert body["personal_code"] == "48001010001"
    assert {"marker": "admin", "provider_name": "Tartu Mõisavahe Kool",
            "provider_ehis_id": "12345"} in body["roles"]
    plain = _tokens(client, "openid profile")["access_token"]
    body = client.get(USERINFO, headers={"Authorization": f"Bearer {plain}"}).json()
    assert "personal_code" not in body and "roles" not in body
    refused = client.get(USERINFO)
    assert refused.status_code == 401
    assert refused.headers["www-authenticate"].startswith('Bearer error="invalid_token"')


def test_pkce_is_optional_but_checked_when_used(client: httpx.Client) -> None:
    verifier, challenge = pkce_pair()
    code = _code(client, challenge=challenge)
    assert _exchange(client, code, headers=_basic(),
                     code_verifier="x" * 50).json()["error"] == "invalid_grant"
    code = _code(client, challenge=challenge)
    assert _exchange(client, code, headers=_basic(), code_verifier=verifier).status_code == 200


def test_unknown_scope_and_the_implicit_flow(client: httpx.Client, server: EmbeddedServer
                                             ) -> None:
    params = {"client_id": "opiq-admin", "redirect_uri": REDIRECT, "state": "i"}
    refused = client.get(AUTHORIZE, params={**params, "response_type": "code",
                                            "scope": "openid opiq.admin"})
    query = parse_qs(urlsplit(refused.headers["location"]).query)
    assert query["error"] == ["invalid_scope"] and query["iss"] == [f"{server.url}/harid"]
    implicit = {**params, "response_type": "id_token token", "scope": "openid", "nonce": "imp"}
    no_nonce = client.get(AUTHORIZE, params={k: v for k, v in implicit.items() if k != "nonce"})
    assert parse_qs(urlsplit(no_nonce.headers["location"]).fragment)["error"] == [
        "invalid_request"]
    answer = client.post(AUTHORIZE, data={**implicit, "username": "mari.maasikas",
                                          "password": "harjutus"})
    fragment = parse_qs(urlsplit(answer.headers["location"]).fragment)
    assert fragment["state"] == ["i"] and fragment["iss"] == [f"{server.url}/harid"]
    claims = _verify(client.get("/harid/jwks").json(), fragment["id_token"][0],
                     f"{server.url}/harid")
    assert claims["nonce"] == "imp" and claims["at_hash"]
    auth = {"Authorization": f"Bearer {fragment['access_token'][0]}"}
    assert client.get("/opiq/api/me", headers=auth).status_code == 200


def test_the_key_and_the_mode_survive_a_restart(tmp_path: Path) -> None:
    with _server(tmp_path) as first, httpx.Client(base_url=first.url) as client:
        jwks = client.get("/harid/jwks").json()
        tokens = _tokens(client)
        issuer = f"{first.url}/harid"
    # Started again without saying --idp: the data folder remembers HarID.
    with _server(tmp_path, idp=None) as second, httpx.Client(base_url=second.url) as client:
        assert client.get("/harid/jwks").json() == jwks
        _verify(client.get("/harid/jwks").json(), tokens["id_token"], issuer)
        auth = {"Authorization": f"Bearer {tokens['access_token']}"}
        assert client.get("/opiq/api/me", headers=auth).status_code == 200
    # Turned off on purpose: no HarID, and its tokens no longer open the APIs.
    with _server(tmp_path, idp="none") as third, httpx.Client(base_url=third.url) as client:
        assert client.get("/harid/jwks").status_code == 404
        auth = {"Authorization": f"Bearer {tokens['access_token']}"}
        assert client.get("/opiq/api/me", headers=auth).status_code == 401


def test_the_command_line_takes_idp() -> None:
    assert _parser().parse_args(["--idp", "harid"]).idp == "harid"
    assert _parser().parse_args([]).idp is None
    with pytest.raises(SystemExit):
        _parser().parse_args(["--idp", "google"])
