"""The rules of the guide as the emulator enforces them, over real HTTP."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import httpx
import pytest

from opiq_admin.sandbox.server import EmbeddedServer

ROSTER = "/ekool/ims/oneroster/rostering/v1p2"
EHIS_MESSAGE = ("Kooli kood 67890 puudub Sinu eKooli kasutajate andmetes. "
                "Pöördu Opiqu kasutajatoe poole.")


@dataclass
class Admin:
    opiq: httpx.Client
    ekool: httpx.Client
    practice: httpx.Client

    @property
    def ekool_token(self) -> str:
        return self.ekool.headers["Authorization"].split()[1]

    def enable(self, school: str = "opq-sch-1") -> httpx.Response:
        return self.opiq.post(f"/opiq/api/schools/{school}/integrations/ekool",
                              json={"ekool_access_token": self.ekool_token})

    def transfer(self, cls: str = "ek-jnl-1") -> dict:
        answer = self.practice.post("/practice/transfers",
                                    json={"ekool_class_id": cls, "course_set": "Matemaatika 7"})
        assert answer.status_code == 200, answer.text
        return answer.json()

    def users(self, school: str = "opq-sch-1", **params: object) -> list[dict]:
        answer = self.opiq.get(f"/opiq/api/schools/{school}/users", params=params)
        assert answer.status_code == 200, answer.text
        return answer.json()["items"]

    def licences(self, school: str = "opq-sch-1") -> dict:
        return self.opiq.get(f"/opiq/api/schools/{school}/licences").json()


@pytest.fixture
def admin(fresh_emulator: EmbeddedServer, signed_in: Callable[..., httpx.Client]) -> Admin:
    practice = httpx.Client(base_url=fresh_emulator.url)
    admin = Admin(signed_in(fresh_emulator.url, "opiq"), signed_in(fresh_emulator.url, "ekool"),
                  practice)
    yield admin
    practice.close()


def test_enabling_without_the_code_in_ekool_gives_the_guides_message(admin: Admin) -> None:
    answer = admin.enable("opq-sch-2")
    assert answer.status_code == 409
    assert answer.json() == {"error": {"code": "ehis_code_missing", "message": EHIS_MESSAGE}}
    # The eKool administrator enters the code on the profile page; then it works.
    org = admin.ekool.put("/ekool/api/schools/ek-org-2/profile", json={"ehis_code": "67890"})
    assert org.status_code == 200 and org.json()["identifier"] == "67890"
    enabled = admin.enable("opq-sch-2")
    assert enabled.status_code == 200
    assert enabled.json()["integration"]["ekool"] == {
        "enabled": True, "ekool_org_id": "ek-org-2", "ekool_name": "Pärnu Ülejõe Põhikool",
        "enabled_at": "2026-09-01T08:00:00Z"}


def test_only_an_ekool_administrator_edits_the_profile(
        fresh_emulator: EmbeddedServer, signed_in: Callable[..., httpx.Client]) -> None:
    teacher = signed_in(fresh_emulator.url, "ekool", "juri.juurikas")
    answer = teacher.put("/ekool/api/schools/ek-org-1/profile", json={"ehis_code": "1"})
    assert answer.status_code == 403
    assert teacher.put("/ekool/api/schools/ek-org-2/profile",
                       json={"ehis_code": "1"}).status_code == 404


def test_linking_to_a_different_person_is_refused(
        admin: Admin, fresh_emulator: EmbeddedServer,
        signed_in: Callable[..., httpx.Client]) -> None:
    other = signed_in(fresh_emulator.url, "ekool", "juri.juurikas")
    token = other.headers["Authorization"].split()[1]
    answer = admin.opiq.post("/opiq/api/me/integrations/ekool",
                             json={"ekool_access_token": token})
    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "identity_mismatch"
    assert admin.opiq.get("/opiq/api/me").json()["ekool_id"] is None
    own = admin.opiq.post("/opiq/api/me/integrations/ekool",
                          json={"ekool_access_token": admin.ekool_token})
    assert own.status_code == 200 and own.json()["ekool_id"] == "ek-usr-1"


def test_transfer_makes_second_accounts_for_unlinked_people(admin: Admin) -> None:
    assert admin.enable().status_code == 200
    journal = admin.transfer()
    assert journal["origin"] == "ekool" and journal["name"] == "7.b matemaatika"
    truth = admin.practice.get("/practice/ground-truth").json()["pairs"]
    assert {"old": "opq-usr-2", "new": journal["students"][0], "kind": "student"} in truth
    assert {"old": "opq-usr-3", "new": journal["teachers"][0], "kind": "teacher"} in truth
    students = admin.users(role="student")
    names = [(a["first_name"], a["last_name"], a["ekool_id"]) for a in students]
    assert ("Katlin", "Ounapuu", None) in names
    assert ("Kätlin", "Õunapuu", "ek-usr-3") in names
    new = next(a for a in students if a["ekool_id"] == "ek-usr-3")
    assert new["journals"] == ["7.b matemaatika"] and new["school"] == "12345"
    assert new["id_code"] and new["birth_date"]
    assert [a["id"] for a in admin.users(linked="false", role="student")] == ["opq-usr-2"]


def test_linked_accounts_are_reused_by_a_transfer(admin: Admin) -> None:
    admin.enable()
    link = admin.opiq.post("/opiq/api/me/integrations/ekool",
                           json={"ekool_access_token": admin.ekool_token})
    assert link.status_code == 200
    first = admin.transfer("ek-jnl-1")
    second = admin.transfer("ek-jnl-2")
    assert first["teachers"] == second["teachers"]  # the teacher's new account, once
    again = admin.practice.post("/practice/transfers", json={"ekool_class_id": "ek-jnl-1",
                                                            "course_set": "x"})
    assert again.status_code == 409


def test_transfer_needs_the_integration(admin: Admin) -> None:
    answer = admin.practice.post("/practice/transfers",
                                 json={"ekool_class_id": "ek-jnl-1", "course_set": "x"})
    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "integration_not_enabled"


def test_licence_accounting_through_the_remedy(admin: Admin) -> None:
    admin.enable()
    admin.transfer()
    assert admin.licences() == {"total": 4, "assigned": 4, "free": 0}
    # The pool ran out before the last pupil: the old account still holds one.
    new = next(a for a in admin.users() if a["ekool_id"] == "ek-usr-6")
    assert new["has_license"] is False
    full = admin.opiq.post("/opiq/api/schools/opq-sch-1/licences/assignments",
                           json={"user_id": new["id"]})
    assert full.status_code == 409 and full.json()["error"]["code"] == "no_free_licence"
    removed = admin.opiq.delete("/opiq/api/schools/opq-sch-1/users/opq-usr-2/roles/student")
    assert removed.status_code == 200
    assert removed.json()["roles"] == [] and removed.json()["has_license"] is False
    assert admin.licences() == {"total": 4, "assigned": 3, "free": 1}
    given = admin.opiq.post("/opiq/api/schools/opq-sch-1/licences/assignments",
                            json={"user_id": new["id"]})
    assert given.status_code == 200 and given.json() == {"total": 4, "assigned": 4, "free": 0}
    twice = admin.opiq.post("/opiq/api/schools/opq-sch-1/licences/assignments",
                            json={"user_id": new["id"]})
    assert twice.json()["error"]["code"] == "already_licensed"
    activity = admin.opiq.get("/opiq/api/users/opq-usr-2/activity").json()
    assert activity["materials_added"] == 4 and activity["work_solved"] == 11
    gone = admin.opiq.delete("/opiq/api/schools/opq-sch-1/users/opq-usr-2/roles/student")
    assert gone.status_code == 404


def test_teachers_may_not_change_licences_or_roles(
        fresh_emulator: EmbeddedServer, signed_in: Callable[..., httpx.Client]) -> None:
    teacher = signed_in(fresh_emulator.url, "opiq", "juri.opiq")
    assert teacher.delete("/opiq/api/schools/opq-sch-1/users/opq-usr-2/roles/student"
                          ).status_code == 403
    assert teacher.post("/opiq/api/schools/opq-sch-1/licences/assignments",
                        json={"user_id": "opq-usr-2"}).status_code == 403
    assert teacher.get("/opiq/api/schools/opq-sch-2").status_code == 404


def test_ekool_journals_are_managed_by_ekool(
        admin: Admin, fresh_emulator: EmbeddedServer,
        signed_in: Callable[..., httpx.Client]) -> None:
    admin.enable()
    journal = admin.transfer()
    path = f"/opiq/api/journals/{journal['id']}"
    for body in ({"name": "Uus nimi"}, {"students": []}, {"teachers": ["opq-usr-1"]}):
        answer = admin.opiq.patch(path, json=body)
        assert answer.status_code == 409
        assert answer.json()["error"]["code"] == "managed_by_ekool"
    teacher = signed_in(fresh_emulator.url, "opiq", "juri.opiq")
    assert teacher.delete(path).status_code == 403
    assert admin.opiq.delete(path).status_code == 204
    assert admin.opiq.get(path).status_code == 404
    still = admin.ekool.get(f"{ROSTER}/classes/ek-jnl-1")
    assert still.status_code == 200 and still.json()["class"]["title"] == "7.b matemaatika"


def test_refresh_pulls_the_roster_and_the_daily_run_does_it_too(admin: Admin) -> None:
    admin.enable()
    journal = admin.transfer()
    change = admin.practice.post("/practice/ekool/classes/ek-jnl-1/roster",
                                 json={"remove": ["ek-usr-4"], "new_students": 1})
    assert change.status_code == 200
    newcomer = change.json()["added"][0]
    refreshed = admin.opiq.post(f"/opiq/api/journals/{journal['id']}/refresh")
    assert refreshed.status_code == 200
    body = refreshed.json()
    assert len(body["added"]) == 1 and len(body["removed"]) == 1
    new_account = admin.opiq.get(f"/opiq/api/users/{body['added'][0]}").json()
    assert new_account["ekool_id"] == newcomer
    # A change in eKool reaches Opiq on its own after a day.
    admin.practice.post("/practice/ekool/classes/ek-jnl-1/roster",
                        json={"add": ["ek-usr-4"]})
    before = admin.opiq.get(f"/opiq/api/journals/{journal['id']}").json()
    assert len(before["students"]) == 4
    advanced = admin.practice.post("/practice/clock/advance", json={"days": 1})
    assert advanced.json()["clock"] == "2026-09-02T08:00:00Z"
    assert journal["id"] in advanced.json()["refreshed"]
    after = admin.opiq.get(f"/opiq/api/journals/{journal['id']}").json()
    assert len(after["students"]) == 5


def test_opiq_journals_can_be_edited_by_their_teacher(
        admin: Admin, fresh_emulator: EmbeddedServer,
        signed_in: Callable[..., httpx.Client]) -> None:
    teacher = signed_in(fresh_emulator.url, "opiq", "juri.opiq")
    renamed = teacher.patch("/opiq/api/journals/opq-jnl-1", json={"name": "Robootika 2"})
    assert renamed.status_code == 200 and renamed.json()["name"] == "Robootika 2"
    bad = admin.opiq.patch("/opiq/api/journals/opq-jnl-1", json={"students": ["opq-usr-99"]})
    assert bad.status_code == 400
    unknown_field = admin.opiq.patch("/opiq/api/journals/opq-jnl-1", json={"origin": "x"})
    assert unknown_field.status_code == 422
    assert admin.opiq.patch("/opiq/api/journals/opq-jnl-1",
                            json={"students": []}).json()["students"] == []
    refresh = admin.opiq.post("/opiq/api/journals/opq-jnl-1/refresh")
    assert refresh.status_code == 409 and refresh.json()["error"]["code"] == "not_from_ekool"
    assert teacher.delete("/opiq/api/journals/opq-jnl-1").status_code == 204
    journals = admin.opiq.get("/opiq/api/schools/opq-sch-1/journals").json()
    assert journals == {"items": [], "total": 0}


def test_paging_is_stable_and_counted(admin: Admin) -> None:
    admin.enable()
    admin.transfer()
    everyone = admin.opiq.get("/opiq/api/schools/opq-sch-1/users", params={"limit": 1000})
    total = int(everyone.headers["X-Total-Count"])
    assert total == everyone.json()["total"] == len(everyone.json()["items"]) == 8
    pages = []
    for offset in range(0, total, 3):
        page = admin.opiq.get("/opiq/api/schools/opq-sch-1/users",
                              params={"limit": 3, "offset": offset})
        assert page.headers["X-Total-Count"] == str(total)
        pages.extend(page.json()["items"])
    assert pages == everyone.json()["items"]
    for bad in ({"limit": 0}, {"limit": 1001}, {"offset": -1}, {"role": "janitor"},
                {"linked": "maybe"}, {"changed_since": "yesterday"}):
        answer = admin.opiq.get("/opiq/api/schools/opq-sch-1/users", params=bad)
        assert answer.status_code == 400 and answer.json()["error"]["code"] == "bad_request"
    users = admin.ekool.get(f"{ROSTER}/users", params={"limit": 2, "offset": 1})
    assert users.headers["X-Total-Count"] == "8"
    assert [u["sourcedId"] for u in users.json()["users"]] == ["ek-usr-2", "ek-usr-3"]


def test_deltas_on_both_sides(admin: Admin) -> None:
    admin.enable()
    admin.transfer()
    changed = admin.users(changed_since="2026-08-31T00:00:00Z")
    assert {a["ekool_id"] for a in changed} == {f"ek-usr-{n}" for n in range(2, 7)}
    assert admin.users(changed_since="2026-09-01T09:00:00+00:00") == []
    admin.practice.post("/practice/clock/advance", json={"days": 2})
    admin.practice.post("/practice/ekool/classes/ek-jnl-2/roster", json={"remove": ["ek-usr-8"]})
    delta = admin.ekool.get(f"{ROSTER}/enrollments",
                            params={"filter": "dateLastModified>'2026-09-02T00:00:00Z'"})
    assert delta.status_code == 200
    rows = delta.json()["enrollments"]
    assert {r["class"]["sourcedId"] for r in rows} == {"ek-jnl-2"}
    assert [r["user"]["sourcedId"] for r in rows if r["status"] == "tobedeleted"] == ["ek-usr-8"]
    classes = admin.ekool.get(f"{ROSTER}/classes",
                              params={"filter": "dateLastModified>'2026-09-02T00:00:00Z'"})
    assert [c["sourcedId"] for c in classes.json()["classes"]] == ["ek-jnl-2"]
    # OneRoster 1.2's other filter forms are served too; what it refuses is said its way.
    for good in ("status='active'", "dateLastModified<'2026-01-01T00:00:00Z'"):
        assert admin.ekool.get(f"{ROSTER}/users", params={"filter": good}).status_code == 200
    for bad in ("status", "dateLastModified>'soon'", "shoeSize='42'"):
        answer = admin.ekool.get(f"{ROSTER}/users", params={"filter": bad})
        assert answer.status_code == 400
        minor = answer.json()["imsx_CodeMinor"]["imsx_codeMinorField"][0]
        assert minor["imsx_codeMinorFieldValue"] == "invalid_filter_field"


def test_ekool_shows_only_the_signed_in_persons_schools(
        fresh_emulator: EmbeddedServer, signed_in: Callable[..., httpx.Client]) -> None:
    teacher = signed_in(fresh_emulator.url, "ekool", "juri.juurikas")
    orgs = teacher.get(f"{ROSTER}/orgs").json()["orgs"]
    assert [o["sourcedId"] for o in orgs] == ["ek-org-1"]
    assert teacher.get(f"{ROSTER}/orgs/ek-org-2").status_code == 404
    me = teacher.get("/ekool/api/me").json()
    assert me["roles"] == [{"role": "teacher", "org": {
        "sourcedId": "ek-org-1", "name": "Tartu Mõisavahe Kool", "identifier": "12345"}}]
    students = teacher.get(f"{ROSTER}/classes/ek-jnl-1/students").json()["users"]
    assert [s["familyName"] for s in students] == ["Õunapuu", "Šarapov", "Žukova", "Mägi"]
    teachers = teacher.get(f"{ROSTER}/classes/ek-jnl-1/teachers").json()["users"]
    assert teachers[0]["roles"][0]["role"] == "teacher"
    classes = teacher.get(f"{ROSTER}/schools/ek-org-1/classes").json()["classes"]
    assert [c["classType"] for c in classes] == ["scheduled", "homeroom"]


def test_practice_info_lists_the_credentials(fresh_emulator: EmbeddedServer) -> None:
    info = httpx.get(f"{fresh_emulator.url}/practice/info").json()
    assert info["opiq"]["username"] == "mari.maasikas"
    assert info["ekool"]["password"] == "harjutus"
    assert info["ekool_other"]["username"] == "juri.juurikas"
    assert info["client_id"] == "opiq-admin" and info["clock"] == "2026-09-01T08:00:00Z"
