"""Every answer of the emulator's OneRoster 1.2 service validates against the 1.2 types.

The schemas (tests/oneroster/schemas) are written from the official OpenAPI document, not
from the emulator, and are checked with the reference validator (`jsonschema`), formats
included. The emulator runs as `opiq-admin sandbox --roster-page-cap 37 --no-total-count`
would run it, as a process, and is read with a client-credentials token, as the standard
prescribes: every collection walked to its end page by page, items fetched on their own,
and the error answers too.
"""

from __future__ import annotations

import functools
import json
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import httpx
import pytest
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = Path(__file__).with_name("oneroster") / "schemas"
CAP = 37
CORE = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly"
DEMOGRAPHICS = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-demographics.readonly"
# path → (schema file, envelope of the list, envelope of one item)
COLLECTIONS = {
    "/users": ("users", "users", "user"),
    "/orgs": ("orgs", "orgs", "org"),
    "/schools": ("orgs", "orgs", "org"),
    "/classes": ("classes", "classes", "class"),
    "/courses": ("courses", "courses", "course"),
    "/enrollments": ("enrollments", "enrollments", "enrollment"),
    "/demographics": ("demographics", "demographics", "demographics"),
    "/academicSessions": ("academicSessions", "academicSessions", "academicSession"),
}

FORMATS = FormatChecker(formats=())


@FORMATS.checks("date", raises=ValueError)
def _date(value: object) -> bool:
    return not isinstance(value, str) or bool(
        re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) and date.fromisoformat(value))


@FORMATS.checks("date-time", raises=ValueError)
def _date_time(value: object) -> bool:
    """RFC 3339 with the zone given, as 1.2 says ("MUST contain the UTC timezone")."""
    if not isinstance(value, str):
        return True
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})",
                        value):
        raise ValueError(f"not an RFC 3339 date-time with a zone: {value!r}")
    return datetime.fromisoformat(value.replace("Z", "+00:00")).utcoffset() is not None


@FORMATS.checks("uri", raises=ValueError)
def _uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
        raise ValueError(f"not an absolute URI: {value!r}")
    return True


@functools.cache
def validator(name: str, definition: str | None = None) -> Draft202012Validator:
    document = json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))
    if definition is not None:  # one envelope of the document: the list or the single item
        document = {**document, "$ref": f"#/$defs/{definition}"}
        document.pop("oneOf")
    schema = document
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FORMATS)


def check(name: str, definition: str | None, body: Any) -> None:
    errors = sorted(validator(name, definition).iter_errors(body), key=str)
    assert not errors, "\n".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                                 for e in errors[:5])


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`opiq-admin sandbox --roster-page-cap 37 --no-total-count`, as a process."""
    data = tmp_path_factory.mktemp("oneroster")
    proc = subprocess.Popen(
        [sys.executable, "-m", "opiq_admin.sandbox.server", "--port", "0", "--data",
         str(data), "--roster-page-cap", str(CAP), "--no-total-count"], cwd=ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        match = re.fullmatch(r"listening on (http://\S+)\n", line)
        assert match, (line, proc.stderr.read() if proc.poll() is not None else "")
        yield match.group(1)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()


@pytest.fixture(scope="module")
def info(sandbox: str) -> dict[str, Any]:
    return httpx.get(f"{sandbox}/practice/info", timeout=10).json()["roster_client"]


def client_token(info: dict[str, Any], scope: str) -> str:
    answer = httpx.post(info["token_url"], data={"grant_type": "client_credentials",
                                                 "scope": scope},
                        auth=(info["client_id"], info["client_secret"]), timeout=10)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["token_type"] == "Bearer" and set(body["scope"].split()) == set(scope.split())
    assert "refresh_token" not in body
    return str(body["access_token"])


@pytest.fixture(scope="module")
def roster(info: dict[str, Any]) -> Iterator[httpx.Client]:
    token = client_token(info, f"{CORE} {DEMOGRAPHICS}")
    with httpx.Client(base_url=info["roster_url"], timeout=30,
                      headers={"Authorization": f"Bearer {token}"}) as client:
        yield client


def walk(client: httpx.Client, path: str, name: str, envelope: str,
         params: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Every page of a collection, asked 100 at a time and following `Link: rel="next"`;
    each page validated, capped at 37 and without a count."""
    items: list[dict[str, Any]] = []
    answer = client.get(path, params={"limit": "100", **(params or {})})
    pages = 0
    while True:
        assert answer.status_code == 200, answer.text
        assert "X-Total-Count" not in answer.headers
        body = answer.json()
        check(name, "Set", body)
        assert len(body[envelope]) <= CAP
        items.extend(body[envelope])
        pages += 1
        following = answer.links.get("next")
        if following is None:
            break
        assert len(body[envelope]) == CAP
        answer = client.get(following["url"])
    assert pages == -(-len(items) // CAP) or (not items and pages == 1)
    return items


@pytest.mark.parametrize("path", list(COLLECTIONS))
def test_every_page_and_every_item_validates(roster: httpx.Client, path: str) -> None:
    """Every page is validated whole; each item is fetched alone too where the list is
    short, else the first and the last of every page (a request costs ~50 ms here)."""
    name, many, one = COLLECTIONS[path]
    items = walk(roster, path, name, many)
    assert items, f"{path} is empty: nothing was validated"
    ids = [item["sourcedId"] for item in items]
    assert len(ids) == len(set(ids)), "a record came twice"
    alone = items if len(items) <= 2 * CAP else [
        item for start in range(0, len(items), CAP)
        for item in (items[start], items[min(start + CAP, len(items)) - 1])]
    for item in alone:
        single = roster.get(f"{path}/{quote(item['sourcedId'], safe='')}")
        assert single.status_code == 200, single.text
        check(name, "Single", single.json())
        assert single.json()[one] == item


def test_the_lists_are_long_enough_to_page(roster: httpx.Client) -> None:
    """The paging above is exercised: users and enrollments run to several pages."""
    for path, name, envelope in (("/users", "users", "users"),
                                 ("/enrollments", "enrollments", "enrollments")):
        assert len(walk(roster, path, name, envelope)) > 3 * CAP


def test_the_nested_collections_validate(roster: httpx.Client) -> None:
    schools = walk(roster, "/schools", "orgs", "orgs")
    for school in schools:
        classes = walk(roster, f"/schools/{school['sourcedId']}/classes", "classes",
                       "classes")
        assert classes and {c["school"]["sourcedId"] for c in classes} == \
            {school["sourcedId"]}
    klass = max(walk(roster, "/classes", "classes", "classes"),
                key=lambda c: c["classType"] == "homeroom")
    for members, role in (("students", "student"), ("teachers", "teacher")):
        people = walk(roster, f"/classes/{klass['sourcedId']}/{members}", "users", "users")
        assert people and all(role in {r["role"] for r in p["roles"]} for p in people)


def test_a_reference_names_what_it_points_at(roster: httpx.Client) -> None:
    """A class's `href`s lead to the course, school and term they name."""
    klass = roster.get("/classes", params={"limit": "1"}).json()["classes"][0]
    for field, name, one in (("course", "courses", "course"), ("school", "orgs", "org")):
        target = roster.get(klass[field]["href"])
        check(name, "Single", target.json())
        assert target.json()[one]["sourcedId"] == klass[field]["sourcedId"]
    term = roster.get(klass["terms"][0]["href"]).json()["academicSession"]
    assert term["sourcedId"] == klass["terms"][0]["sourcedId"]


def test_filters_sort_and_fields(roster: httpx.Client) -> None:
    users = walk(roster, "/users", "users", "users")
    everyone = {u["sourcedId"] for u in users}
    students = walk(roster, "/users", "users", "users",
                    {"filter": "roles.role='student'"})
    assert students and {u["sourcedId"] for u in students} < everyone
    assert all(any(r["role"] == "student" for r in u["roles"]) for u in students)
    named = walk(roster, "/users", "users", "users",
                 {"filter": "roles.role='student' AND familyName~'mägi'"})
    assert named and all("mägi" in u["familyName"].casefold() for u in named)
    assert len(named) < len(students)
    either = walk(roster, "/users", "users", "users",
                  {"filter": "familyName='Mägi' OR familyName='Tamm'"})
    assert {u["familyName"] for u in either} <= {"Mägi", "Tamm"}
    later = walk(roster, "/users", "users", "users",
                 {"filter": "dateLastModified>'2000-01-01T00:00:00Z'"})
    assert {u["sourcedId"] for u in later} == everyone
    assert walk(roster, "/users", "users", "users",
                {"filter": "dateLastModified>'2999-01-01T00:00:00Z'"}) == []
    ordered = walk(roster, "/users", "users", "users",
                   {"sort": "familyName", "orderBy": "desc"})
    names = [u["familyName"] for u in ordered]
    assert names == sorted(names, reverse=True)
    ascending = walk(roster, "/users", "users", "users", {"sort": "sourcedId",
                                                          "orderBy": "asc"})
    assert [u["sourcedId"] for u in ascending] == sorted(everyone)
    some = roster.get("/users", params={"fields": "sourcedId,givenName", "limit": "5"})
    assert some.status_code == 200
    assert [set(u) for u in some.json()["users"]] == [{"sourcedId", "givenName"}] * 5
    one = roster.get(f"/users/{users[0]['sourcedId']}", params={"fields": "familyName"})
    assert one.json() == {"user": {"familyName": users[0]["familyName"]}}


def test_eKool_s_own_fields_are_kept_in_metadata(roster: httpx.Client) -> None:
    schools = walk(roster, "/schools", "orgs", "orgs")
    assert any(s["metadata"]["ee.ehisCode"] for s in schools)
    assert all(s["metadata"]["ee.ehisCode"] == s["identifier"] for s in schools)
    users = walk(roster, "/users", "users", "users")
    codes = [i for u in users for i in u.get("userIds", ())]
    assert codes and all(i["type"].endswith(("_isikukood", "_personalCode")) for i in codes)
    assert any(i["type"] == "EE_isikukood" and re.fullmatch(r"[1-6]\d{10}", i["identifier"])
               for i in codes)
    births = walk(roster, "/demographics", "demographics", "demographics")
    assert {d["sourcedId"] for d in births} == {u["sourcedId"] for u in users}
    assert sum("birthDate" in d for d in births) > len(births) // 2


@pytest.mark.parametrize(("params", "status", "minor"), [
    ({"filter": "status='active' AND"}, 400, "invalid_filter_field"),
    ({"filter": "shoeSize='42'"}, 400, "invalid_filter_field"),
    ({"filter": "dateLastModified>'soon'"}, 400, "invalid_filter_field"),
    ({"filter": "givenName='A' AND familyName='B' OR status='active'"}, 400,
     "invalid_filter_field"),
    ({"fields": "sourcedId,shoeSize"}, 400, "invalid_selection_field"),
    ({"sort": "shoeSize"}, 400, "invaliddata"),
    ({"orderBy": "sideways"}, 400, "invaliddata"),
    ({"limit": "0"}, 400, "invaliddata"),
])
def test_a_bad_query_is_an_imsx_status_info(roster: httpx.Client, params: dict[str, str],
                                           status: int, minor: str) -> None:
    answer = roster.get("/users", params=params)
    assert answer.status_code == status
    check("imsx_StatusInfo", None, answer.json())
    assert answer.json()["imsx_CodeMinor"]["imsx_codeMinorField"][0][
        "imsx_codeMinorFieldValue"] == minor


def test_the_errors_of_access_are_imsx_status_infos(
        sandbox: str, info: dict[str, Any], roster: httpx.Client) -> None:
    base = info["roster_url"]
    unknown = roster.get("/users/ek-usr-0")
    core_only = client_token(info, CORE)
    answers = {
        "unknownobject": unknown,
        "unauthorisedrequest": httpx.get(f"{base}/users", timeout=10),
        "forbidden": httpx.get(f"{base}/demographics", timeout=10,
                               headers={"Authorization": f"Bearer {core_only}"}),
    }
    for minor, answer in answers.items():
        assert answer.status_code == {"unknownobject": 404, "unauthorisedrequest": 401,
                                      "forbidden": 403}[minor]
        check("imsx_StatusInfo", None, answer.json())
        assert answer.json()["imsx_CodeMinor"]["imsx_codeMinorField"][0][
            "imsx_codeMinorFieldValue"] == minor
    # The core scope opens the core collections.
    assert httpx.get(f"{base}/users", timeout=10, params={"limit": "1"},
                     headers={"Authorization": f"Bearer {core_only}"}).status_code == 200


@pytest.mark.parametrize(("form", "auth", "error"), [
    ({"grant_type": "client_credentials"}, ("opiq-admin-roster", "wrong"), "invalid_client"),
    ({"grant_type": "client_credentials"}, None, "invalid_client"),
    ({"grant_type": "password"}, "ok", "unsupported_grant_type"),
    ({"grant_type": "client_credentials", "scope": "roster.everything"}, "ok",
     "invalid_scope"),
])
def test_the_token_endpoint_refuses_what_it_must(
        info: dict[str, Any], form: dict[str, str], auth: Any, error: str) -> None:
    credentials = (info["client_id"], info["client_secret"]) if auth == "ok" else auth
    answer = httpx.post(info["token_url"], data=form, auth=credentials, timeout=10)
    assert answer.status_code in (400, 401)
    assert answer.json()["error"] == error


def test_a_client_token_opens_the_roster_only(sandbox: str, info: dict[str, Any]) -> None:
    """Neither eKool's own calls nor Opiq take a roster client's token."""
    token = client_token(info, CORE)
    auth = {"Authorization": f"Bearer {token}"}
    assert httpx.get(f"{sandbox}/ekool/api/me", headers=auth, timeout=10).status_code == 401
    assert httpx.get(f"{sandbox}/opiq/api/me", headers=auth, timeout=10).status_code == 401


def test_the_schemas_refuse_what_the_standard_refuses() -> None:
    """The schemas can fail: the shapes the emulator served before 1.2 do not pass."""
    old_user = {"sourcedId": "u1", "status": "active",
                "dateLastModified": "2026-09-01T08:00:00Z", "givenName": "Mari",
                "familyName": "Maasikas", "birthDate": "2012-03-03",
                "roles": [{"roleType": "primary", "role": "administrator",
                           "org": {"sourcedId": "o1"}}]}
    errors = list(validator("users", "Set").iter_errors({"users": [old_user]}))
    messages = " ".join(e.message for e in errors)
    assert "'enabledUser' is a required property" in messages
    assert "'birthDate' was unexpected" in messages
    assert any("href" in e.message for e in errors)
    with pytest.raises(ValidationError):
        validator("enrollments", "Single").validate(
            {"enrollment": {"sourcedId": "e", "status": "active",
                            "dateLastModified": "2026-09-01", "role": "student"}})
    with pytest.raises(ValidationError):  # a time without its zone
        Draft202012Validator({"format": "date-time"}, format_checker=FORMATS).validate(
            "2026-09-01T08:00:00")


def test_a_deliberate_fault_on_the_roster_is_an_imsx_status_info(tmp_path: Path) -> None:
    """`--error-rate` answers 500 (or drops the connection): on the roster, in 1.2's shape."""
    from opiq_admin.sandbox.server import EmbeddedServer

    with EmbeddedServer(tmp_path, schools=1, students=20, error_rate=1.0) as server:
        path = f"{server.url}/ekool/ims/oneroster/rostering/v1p2/users"
        for _ in range(40):
            try:
                answer = httpx.get(path, timeout=10)
            except httpx.TransportError:
                continue  # the other half of the faults: a dropped connection
            break
        else:
            pytest.fail("no answered fault in 40 tries")
    assert answer.status_code == 500
    check("imsx_StatusInfo", None, answer.json())
    assert answer.json()["imsx_CodeMinor"]["imsx_codeMinorField"][0][
        "imsx_codeMinorFieldValue"] == "internal_server_error"
