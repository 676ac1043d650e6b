"""The shared client machinery over real loopback HTTP: retries, idempotency, errors, paging."""

from __future__ import annotations

import json

import httpx
import pytest
from support_clients import Reply, ScriptedServer

from opiq_admin.services.clients.http import (
    ApiClient,
    RetryPolicy,
    check_base_url,
    parse_retry_after,
)
from opiq_admin.services.clients.opiq import OpiqClient
from opiq_admin.services.errors import (
    ConnectionFailed,
    Forbidden,
    InsecureUrl,
    MalformedResponse,
    NotFound,
    NotSignedIn,
    RateLimited,
)

FAST = RetryPolicy(attempts=4, base_delay=0.001, max_delay=0.002)

SCHOOL = {"id": "s1", "name": "Tõrva Gümnaasium", "ehis_id": "123",
          "integration": {"ekool": {"enabled": False, "ekool_org_id": None,
                                    "ekool_name": None, "enabled_at": None}}}


class Sleeps:
    """Records the waits the client asks for instead of waiting them out."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)


class StaticToken:
    def __init__(self, token: str, fresh: str | None = None) -> None:
        self.token, self.fresh, self.refreshes = token, fresh, 0

    async def access_token(self) -> str:
        return self.token

    async def refresh_after_401(self, rejected: str) -> str | None:
        self.refreshes += 1
        if self.fresh is None:
            return None
        self.token = self.fresh
        return self.fresh


@pytest.mark.parametrize("url", ["http://example.com/opiq", "http://10.0.0.5:8000",
                                 "ftp://127.0.0.1/x", "http://127.example.com/"])
async def test_plain_http_to_another_host_is_refused(url: str) -> None:
    async with httpx.AsyncClient() as http:
        with pytest.raises(InsecureUrl):
            ApiClient(url, http=http, token=None)


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/opiq", "http://[::1]:9/", "http://localhost/x",
                                 "http://127.1.2.3/", "https://opiq.ee/api"])
def test_https_and_loopback_are_accepted(url: str) -> None:
    assert check_base_url(url).host


def test_retry_after_reads_seconds_and_dates() -> None:
    assert parse_retry_after("3") == 3.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past
    assert parse_retry_after("soon") is None


async def test_malformed_body_becomes_malformed_response() -> None:
    broken = {**SCHOOL, "name": 42}  # name must be a string
    async with ScriptedServer([Reply(body=broken)]) as srv, httpx.AsyncClient() as http:
        client = OpiqClient(srv.url + "/opiq", http=http, token=None, retry=FAST)
        with pytest.raises(MalformedResponse) as err:
            await client.school("s1")
    assert err.value.call == "GET /opiq/api/schools/s1"
    assert "school.name" in str(err.value)


async def test_a_body_that_is_not_json_becomes_malformed_response() -> None:
    async with ScriptedServer([Reply(body=b"<html>oops")]) as srv, httpx.AsyncClient() as http:
        client = OpiqClient(srv.url + "/opiq", http=http, token=None, retry=FAST)
        with pytest.raises(MalformedResponse, match="GET /opiq/api/me"):
            await client.me()


async def test_a_list_with_a_wrong_envelope_becomes_malformed_response() -> None:
    async with ScriptedServer([Reply(body={"items": {"not": "a list"}},
                                     headers={"X-Total-Count": "1"})]) as srv, \
            httpx.AsyncClient() as http:
        client = OpiqClient(srv.url + "/opiq", http=http, token=None, retry=FAST)
        with pytest.raises(MalformedResponse):
            await client.users("s1")


async def test_retry_after_is_honoured_and_one_key_serves_every_attempt() -> None:
    replies = [Reply(429, {"error": {"code": "rate_limited", "message": "slow"}},
                     {"Retry-After": "2"}),
               Reply(503, {"error": {"code": "busy", "message": "busy"}}),
               Reply(drop=True),
               Reply(200, {"total": 10, "assigned": 4, "free": 6})]
    sleeps = Sleeps()
    async with ScriptedServer(replies) as srv, httpx.AsyncClient() as http:
        client = OpiqClient(srv.url + "/opiq", http=http, token=None,
                            retry=RetryPolicy(attempts=5, base_delay=0.01), sleep=sleeps)
        pool = await client.assign_licence("s1", "u1")
    assert (pool.total, pool.assigned, pool.free) == (10, 4, 6)
    assert len(srv.seen) == 4
    keys = {s.headers["idempotency-key"] for s in srv.seen}
    assert len(keys) == 1 and len(keys.pop()) == 36  # one uuid4 for the whole call
    assert 2.0 <= sleeps.delays[0] < 2.1
    assert all(json.loads(s.body) == {"user_id": "u1"} for s in srv.seen)


async def test_the_callers_key_is_sent() -> None:
    async with ScriptedServer([Reply(204, b"")]) as srv, httpx.AsyncClient() as http:
        client = OpiqClient(srv.url + "/opiq", http=http, token=None, retry=FAST)
        await client.delete_journal("j 1/2", key="plan-7:step-3")
    assert srv.seen[0].headers["idempotency-key"] == "plan-7:step-3"
    assert srv.seen[0].path == "/opiq/api/journals/j%201%2F2"


@pytest.mark.parametrize(("status", "error"), [(403, Forbidden), (404, NotFound)])
async def test_no_retry_on_client_errors(status: int, error: type) -> None:
    body = {"error": {"code": "nope", "message": "Sul pole õigust."}}
    async with ScriptedServer([Reply(status, body)]) as srv, httpx.AsyncClient() as http:
        client = OpiqClient(srv.url + "/opiq", http=http, token=None, retry=FAST)
        with pytest.raises(error) as err:
            await client.remove_role("s1", "u1", "student")
    assert len(srv.seen) == 1
    assert err.value.code == "nope"
    assert str(err.value).startswith("DELETE /opiq/api/schools/s1/users/u1/roles/student: ")
    assert "Sul pole õigust." in str(err.value)


async def test_attempts_are_bounded() -> None:
    async with ScriptedServer([Reply(429, {}, {"Retry-After": "0"})]) as srv, \
            httpx.AsyncClient() as http:
        client = OpiqClient(srv.url + "/opiq", http=http, token=None, retry=FAST)
        with pytest.raises(RateLimited):
            await client.licences("s1")
    assert len(srv.seen) == FAST.attempts


async def test_dropped_connections_end_in_connection_failed() -> None:
    async with ScriptedServer([Reply(drop=True)]) as srv, httpx.AsyncClient() as http:
        client = OpiqClient(srv.url + "/opiq", http=http, token=None, retry=FAST)
        with pytest.raises(ConnectionFailed, match="GET /opiq/api/schools"):
            await client.schools()
    assert len(srv.seen) == FAST.attempts


async def test_a_401_refreshes_once_then_retries() -> None:
    replies = [Reply(401, {"error": {"code": "unauthorized", "message": "expired"}}),
               Reply(200, SCHOOL)]
    token = StaticToken("old", fresh="new")
    async with ScriptedServer(replies) as srv, httpx.AsyncClient() as http:
        client = OpiqClient(srv.url + "/opiq", http=http, token=token, retry=FAST)
        school = await client.school("s1")
    assert school.name == "Tõrva Gümnaasium"
    assert [s.headers["authorization"] for s in srv.seen] == ["Bearer old", "Bearer new"]
    assert token.refreshes == 1


async def test_a_second_401_is_not_signed_in() -> None:
    body = {"error": {"code": "unauthorized", "message": "expired"}}
    token = StaticToken("old", fresh="new")
    async with ScriptedServer([Reply(401, body)]) as srv, httpx.AsyncClient() as http:
        client = OpiqClient(srv.url + "/opiq", http=http, token=token, retry=FAST)
        with pytest.raises(NotSignedIn):
            await client.school("s1")
    assert len(srv.seen) == 2 and token.refreshes == 1


async def test_paging_without_a_total_stops_at_an_empty_page() -> None:
    # X-Total-Count is optional (OneRoster 1.2): an empty first page is the whole list.
    async with ScriptedServer([Reply(200, {"items": [], "total": 0})]) as srv, \
            httpx.AsyncClient() as http:
        client = OpiqClient(srv.url + "/opiq", http=http, token=None, retry=FAST)
        assert await client.journals("s1") == []
    assert len(srv.seen) == 1


async def test_update_journal_sends_only_the_fields_given() -> None:
    journal = {"id": "j1", "school_id": "s1", "name": "8.a ajalugu", "origin": "opiq",
               "ekool_class_id": None, "course_set": "Ajalugu 8", "teachers": ["t1"],
               "students": ["u1", "u2"], "refreshed_at": None,
               "created_at": "2026-09-01T08:00:00Z"}
    async with ScriptedServer([Reply(200, journal)]) as srv, httpx.AsyncClient() as http:
        client = OpiqClient(srv.url + "/opiq", http=http, token=None, retry=FAST)
        result = await client.update_journal("j1", name="8.a ajalugu", students=("u1", "u2"))
    assert srv.seen[0].method == "PATCH"
    assert json.loads(srv.seen[0].body) == {"name": "8.a ajalugu", "students": ["u1", "u2"]}
    assert result.name == "8.a ajalugu" and result.students == ("u1", "u2")
    assert not result.from_ekool


async def test_the_refresh_round_trip_is_not_counted_as_a_fault() -> None:
    busy = {"error": {"code": "busy", "message": "busy"}}
    replies = [Reply(503, busy), Reply(401, {"error": {"code": "unauthorized"}}),
               Reply(200, SCHOOL)]
    token = StaticToken("old", fresh="new")
    sleeps = Sleeps()
    async with ScriptedServer(replies) as srv, httpx.AsyncClient() as http:
        client = OpiqClient(srv.url + "/opiq", http=http, token=token,
                            retry=RetryPolicy(attempts=2, base_delay=0.01), sleep=sleeps)
        school = await client.school("s1")
    assert school.id == "s1" and token.refreshes == 1
    assert [s.headers["authorization"] for s in srv.seen] == ["Bearer old"] * 2 + ["Bearer new"]
    assert len(sleeps.delays) == 1  # after the 503 only


@pytest.mark.parametrize("body, code, words", [
    ({"imsx_codeMajor": "failure", "imsx_severity": "error",
      "imsx_CodeMinor": {"imsx_codeMinorField": [
          {"imsx_codeMinorFieldName": "TargetEndSystem",
           "imsx_codeMinorFieldValue": "unknownobject"}]}},
     "unknownobject", "no such record on the roster server"),
    ({"imsx_statusInfo": {"imsx_codeMajor": "failure", "imsx_severity": "error",
                          "imsx_description": "Klassi ei leitud.",
                          "imsx_CodeMinor": {"imsx_codeMinorField": [
                              {"imsx_codeMinorFieldName": "x",
                               "imsx_codeMinorFieldValue": "unknownobject"}]}}},
     "unknownobject", "Klassi ei leitud."),
])
async def test_a_oneroster_status_info_is_said_in_words(body, code, words) -> None:
    from opiq_admin.services.clients.ekool import EkoolClient
    from opiq_admin.services.errors import NotFound

    async with ScriptedServer([Reply(404, body)]) as srv, httpx.AsyncClient() as http:
        client = EkoolClient(srv.url + "/ekool", http=http, token=None, retry=FAST)
        with pytest.raises(NotFound) as caught:
            await client.school("ek-org-404")
    assert caught.value.code == code and caught.value.message == words
    assert words in str(caught.value)
