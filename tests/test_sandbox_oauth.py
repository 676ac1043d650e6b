"""The two authorization servers: PKCE, state, loopback redirects, codes, refresh, revoke."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from conftest import REDIRECT, authorize, pkce_pair, sign_in

from opiq_admin.sandbox.server import EmbeddedServer

AUTH = {"response_type": "code", "client_id": "opiq-admin", "redirect_uri": REDIRECT,
        "state": "s", "code_challenge_method": "S256"}


@pytest.fixture
def client(fresh_emulator: EmbeddedServer) -> httpx.Client:
    with httpx.Client(base_url=fresh_emulator.url) as c:
        yield c


def _exchange(client: httpx.Client, system: str, code: str, verifier: str | None
              ) -> httpx.Response:
    data = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT,
            "client_id": "opiq-admin"}
    if verifier is not None:
        data["code_verifier"] = verifier
    return client.post(f"/{system}/oauth/token", data=data)


@pytest.mark.parametrize("system", ["opiq", "ekool"])
def test_code_flow_passes_state_and_gives_working_tokens(client: httpx.Client,
                                                         system: str) -> None:
    verifier, challenge = pkce_pair()
    query = authorize(client, system, "mari.maasikas", "harjutus", challenge,
                      state="ä-state/1 2")
    assert query["state"] == ["ä-state/1 2"]
    token = _exchange(client, system, query["code"][0], verifier)
    assert token.status_code == 200
    body = token.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 300
    assert body["refresh_token"] and body["scope"]
    me_path = "/opiq/api/me" if system == "opiq" else "/ekool/api/me"
    me = client.get(me_path, headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200
    assert "Maasikas" in me.text


@pytest.mark.parametrize("verifier", [None, "x" * 50, ""])
def test_missing_or_wrong_verifier_is_invalid_grant(client: httpx.Client,
                                                    verifier: str | None) -> None:
    _, challenge = pkce_pair()
    query = authorize(client, "opiq", "mari.maasikas", "harjutus", challenge)
    answer = _exchange(client, "opiq", query["code"][0], verifier)
    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_grant"


def test_code_is_single_use(client: httpx.Client) -> None:
    verifier, challenge = pkce_pair()
    code = authorize(client, "ekool", "mari.maasikas", "harjutus", challenge)["code"][0]
    assert _exchange(client, "ekool", code, verifier).status_code == 200
    again = _exchange(client, "ekool", code, verifier)
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"


def test_code_of_one_system_is_useless_on_the_other(client: httpx.Client) -> None:
    verifier, challenge = pkce_pair()
    code = authorize(client, "opiq", "mari.maasikas", "harjutus", challenge)["code"][0]
    assert _exchange(client, "ekool", code, verifier).json()["error"] == "invalid_grant"


@pytest.mark.parametrize("method, challenge", [("plain", "a" * 43), ("S256", None),
                                               (None, "a" * 43)])
def test_authorize_refuses_anything_but_s256(client: httpx.Client, method: str | None,
                                             challenge: str | None) -> None:
    params = {**AUTH, "code_challenge_method": method, "code_challenge": challenge}
    answer = client.get("/opiq/oauth/authorize",
                        params={k: v for k, v in params.items() if v is not None})
    assert answer.status_code == 302
    query = parse_qs(urlsplit(answer.headers["location"]).query)
    assert query["error"] == ["invalid_request"] and query["state"] == ["s"]
    assert "code" not in query


@pytest.mark.parametrize("uri", ["https://127.0.0.1:8080/cb", "http://example.com/cb",
                                 "http://127.0.0.2:80/cb", "opiq-admin://cb", ""])
def test_non_loopback_redirect_is_400_without_redirect(client: httpx.Client, uri: str) -> None:
    _, challenge = pkce_pair()
    answer = client.get("/ekool/oauth/authorize",
                        params={**AUTH, "redirect_uri": uri, "code_challenge": challenge})
    assert answer.status_code == 400
    assert "location" not in answer.headers


@pytest.mark.parametrize("uri", ["http://[::1]:1/cb", "http://localhost:65000/a?b=c",
                                 "http://127.0.0.1:40001/"])
def test_any_loopback_port_is_accepted(client: httpx.Client, uri: str) -> None:
    verifier, challenge = pkce_pair()
    query = authorize(client, "opiq", "mari.maasikas", "harjutus", challenge,
                      redirect_uri=uri)
    data = {"grant_type": "authorization_code", "code": query["code"][0], "redirect_uri": uri,
            "client_id": "opiq-admin", "code_verifier": verifier}
    assert client.post("/opiq/oauth/token", data=data).status_code == 200


def test_wrong_password_redirects_access_denied_with_state(client: httpx.Client) -> None:
    _, challenge = pkce_pair()
    answer = client.post("/opiq/oauth/authorize", data={
        **AUTH, "code_challenge": challenge, "username": "mari.maasikas", "password": "vale"})
    assert answer.status_code == 302
    query = parse_qs(urlsplit(answer.headers["location"]).query)
    assert query == {"error": ["access_denied"], "state": ["s"],
                     "iss": [str(client.base_url).rstrip("/") + "/opiq"]}  # RFC 9207


def test_refresh_rotates_and_old_refresh_token_stops_working(client: httpx.Client) -> None:
    first = sign_in(client, "opiq")
    data = {"grant_type": "refresh_token", "refresh_token": first["refresh_token"],
            "client_id": "opiq-admin"}
    second = client.post("/opiq/oauth/token", data=data)
    assert second.status_code == 200
    assert second.json()["refresh_token"] != first["refresh_token"]
    replay = client.post("/opiq/oauth/token", data=data)
    assert replay.status_code == 400 and replay.json()["error"] == "invalid_grant"
    fresh = second.json()["access_token"]
    assert client.get("/opiq/api/me", headers={"Authorization": f"Bearer {fresh}"}).is_success


def test_revoke_kills_the_grant_and_always_answers_200(client: httpx.Client) -> None:
    tokens = sign_in(client, "ekool")
    auth = {"Authorization": f"Bearer {tokens['access_token']}"}
    assert client.get("/ekool/api/me", headers=auth).status_code == 200
    revoked = client.post("/ekool/oauth/revoke",
                          data={"token": tokens["refresh_token"], "client_id": "opiq-admin"})
    assert revoked.status_code == 200
    assert client.get("/ekool/api/me", headers=auth).status_code == 401
    refresh = client.post("/ekool/oauth/token", data={
        "grant_type": "refresh_token", "refresh_token": tokens["refresh_token"],
        "client_id": "opiq-admin"})
    assert refresh.status_code == 400
    unknown = client.post("/ekool/oauth/revoke", data={"token": "nonsense",
                                                       "client_id": "opiq-admin"})
    assert unknown.status_code == 200


def test_api_without_or_with_bad_token_is_401_json(client: httpx.Client) -> None:
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic eA=="}):
        answer = client.get("/opiq/api/schools", headers=headers)
        assert answer.status_code == 401
        assert answer.json()["error"]["code"] == "unauthorized"


def test_next_signin_makes_whoever_types_that_person(client: httpx.Client) -> None:
    assert client.post("/practice/ekool/next-signin",
                       json={"user_id": "ek-usr-2"}).status_code == 200
    token = sign_in(client, "ekool", "mari.maasikas", "anything at all")
    me = client.get("/ekool/api/me",
                    headers={"Authorization": f"Bearer {token['access_token']}"}).json()
    assert (me["givenName"], me["familyName"]) == ("Jüri", "Juurikas")
    # Only the next sign-in: after it, the password counts again.
    again = sign_in(client, "ekool")
    me = client.get("/ekool/api/me",
                    headers={"Authorization": f"Bearer {again['access_token']}"}).json()
    assert me["sourcedId"] == "ek-usr-1"
