"""The client's reading of the contract (`services.clients.models`): strict where a wrong
type would mislead, lenient where the real systems and the emulator differ, and in
agreement with the emulator's own reading (`sandbox.schemas`) on every answer it serves."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from pydantic import AliasPath, BaseModel, TypeAdapter

from opiq_admin.sandbox import schemas
from opiq_admin.sandbox.server import EmbeddedServer
from opiq_admin.services.clients.models import (
    Account,
    Activity,
    ContractModel,
    EkoolIntegration,
    EkoolJournal,
    EkoolPerson,
    EkoolRole,
    EkoolSchool,
    EkoolUser,
    Enrollment,
    Journal,
    JournalRefresh,
    LicencePool,
    OpiqUser,
    SchemaError,
    School,
    SchoolRole,
    page_of,
    single,
)
from opiq_admin.services.clients.practice import GroundTruthPair

ROSTER = "/ekool/ims/oneroster/rostering/v1p2"

ACCOUNT = {"id": "opq-usr-2", "first_name": "Kätlin", "last_name": "Õunapuu",
           "email": "katlin@example.ee", "id_code": None, "birth_date": None,
           "ekool_id": None, "roles": ["student"], "created_at": "2025-09-01T08:00:00Z",
           "updated_at": "2025-09-01T08:00:00Z", "has_license": True, "school": "12345",
           "journals": ["7.b matemaatika"]}
SCHOOL = {"id": "opq-sch-1", "name": "Tartu Mõisavahe Kool", "ehis_id": "12345",
          "integration": {"ekool": {"enabled": False, "ekool_org_id": None,
                                    "ekool_name": None, "enabled_at": None}}}
JOURNAL = {"id": "opq-jnl-1", "school_id": "opq-sch-1", "name": "Robootikaring",
           "origin": "opiq", "ekool_class_id": None, "course_set": "Robootika",
           "teachers": ["opq-usr-3"], "students": ["opq-usr-2"], "refreshed_at": None,
           "created_at": "2025-09-01T08:00:00Z"}
USER = {"sourcedId": "ek-usr-3", "status": "active", "dateLastModified": "2026-09-01T08:00:00Z",
        "givenName": "Kätlin", "familyName": "Õunapuu", "email": "3@example.ee",
        "identifier": "61203030003", "identifierCountry": "EE", "birthDate": "2012-03-03",
        "roles": [{"roleType": "primary", "role": "student", "org": {"sourcedId": "ek-org-1"}}]}
CLASS = {"sourcedId": "ek-jnl-1", "status": "active", "dateLastModified": "2026-09-01T08:00:00Z",
         "title": "7.b matemaatika", "classCode": "7.b", "classType": "scheduled",
         "subjects": ["matemaatika"], "school": {"sourcedId": "ek-org-1"}}
ENROLLMENT = {"sourcedId": "ek-jnl-1:ek-usr-3", "status": "active",
              "dateLastModified": "2026-09-01T08:00:00Z", "role": "student",
              "user": {"sourcedId": "ek-usr-3"}, "class": {"sourcedId": "ek-jnl-1"},
              "school": {"sourcedId": "ek-org-1"}}


def without(document: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k not in keys}


# Strict: a wrong type is refused, and the complaint names the object and the field ---------


@pytest.mark.parametrize(("model", "document", "message"), [
    (Account, {**ACCOUNT, "has_license": "true"},
     "account.has_license: expected true or false, got str"),
    (Account, {**ACCOUNT, "has_license": 1},
     "account.has_license: expected true or false, got int"),
    (Account, {**ACCOUNT, "id": 7}, "account.id: expected a string, got int"),
    (Account, {**ACCOUNT, "roles": ["student", 3]}, "account.roles[1]: expected a string, got int"),
    (Account, {**ACCOUNT, "roles": "student"}, "account.roles: expected a list, got str"),
    (Account, without(ACCOUNT, "created_at"), "account: missing field 'created_at'"),
    (Account, ["not", "an", "object"], "account: expected an object, got list"),
    (LicencePool, {"total": "4", "assigned": 1, "free": 3},
     "licences.total: expected an integer, got str"),
    (LicencePool, {"total": 4.0, "assigned": 1, "free": 3},
     "licences.total: expected an integer, got float"),
    (Activity, {"materials_added": True, "work_solved": 0},
     "activity.materials_added: expected an integer, got bool"),
    (Journal, {**JOURNAL, "origin": "moodle"},
     "journal.origin: expected 'ekool' or 'opiq', got 'moodle'"),
    (School, {**SCHOOL, "integration": {"ekool": {"enabled": "false"}}},
     "school.integration.ekool.enabled: expected true or false, got str"),
    (OpiqUser, {"id": "opq-usr-1", "first_name": "Mari", "last_name": "Maasikas",
                "roles": [{"school_id": 1, "role": "admin"}]},
     "me.roles[0].school_id: expected a string, got int"),
    (EkoolUser, {**USER, "givenName": None}, "user.givenName: expected a string, got NoneType"),
    (EkoolSchool, {"sourcedId": "ek-org-1", "name": "Kool", "status": 1},
     "org.status: expected a string, got int"),
])
def test_a_wrong_type_is_refused_naming_object_and_field(
        model: type[ContractModel], document: Any, message: str) -> None:
    with pytest.raises(SchemaError) as err:
        model.from_json(document)
    assert str(err.value) == message
    assert isinstance(err.value, ValueError)


MODELS = [SchoolRole, OpiqUser, EkoolIntegration, School, Account, Activity, LicencePool,
          Journal, JournalRefresh, EkoolRole, EkoolPerson, EkoolSchool, EkoolUser,
          EkoolJournal, Enrollment, GroundTruthPair]


def scalar_schemas(node: Any) -> list[dict[str, Any]]:
    """Every str/int/float/bool validator inside a pydantic-core schema."""
    if isinstance(node, list | tuple):
        return [s for item in node for s in scalar_schemas(item)]
    if not isinstance(node, dict):
        return []
    found = [node] if node.get("type") in ("str", "int", "float", "bool") else []
    return found + [s for key, value in node.items() if key not in ("cls", "metadata")
                    for s in scalar_schemas(value)]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_value_of_every_model_is_strict(model: type[ContractModel]) -> None:
    """The models are strict value by value (`Str`, `Int`, `Bool`): a plain `str` field
    added later would quietly take a number, so none may be."""
    scalars = scalar_schemas(TypeAdapter(model).core_schema)
    assert scalars and all(s.get("strict") is True for s in scalars), model.__name__


def test_a_page_is_read_in_one_pass_and_a_complaint_names_the_item() -> None:
    page = {"items": [ACCOUNT, {**ACCOUNT, "id": "opq-usr-3"}], "total": 2}
    assert [a.id for a in page_of(Account, "items")(page)] == ["opq-usr-2", "opq-usr-3"]
    with pytest.raises(SchemaError, match=r"^account\[1\]\.has_license: expected true or false"):
        Account.list_from_json([ACCOUNT, {**ACCOUNT, "has_license": "no"}])
    with pytest.raises(SchemaError, match=r"^answer\.items: expected a list, got dict"):
        page_of(Account, "items")({"items": {"not": "a list"}})
    with pytest.raises(SchemaError, match=r"^answer: missing field 'org'"):
        single({"orgs": []}, "org")


# Lenient where the contract says so ----------------------------------------------------


def test_extra_fields_are_ignored() -> None:
    plain = Account.from_json(ACCOUNT)
    assert Account.from_json({**ACCOUNT, "nickname": "Kati", "avatar": {"url": "x"}}) == plain
    user = EkoolUser.from_json({**USER, "metadata": {"grade": 7}, "roles": [
        {**USER["roles"][0], "beginDate": "2026-09-01", "userProfile": None}]})
    assert user == EkoolUser.from_json(USER)
    assert School.from_json({**SCHOOL, "integration": {"ekool": {
        **SCHOOL["integration"]["ekool"], "scopes": ["roster"]}, "moodle": {}}}) == \
        School.from_json(SCHOOL)


def test_an_empty_optional_string_is_absent() -> None:
    blank = Account.from_json({**ACCOUNT, "email": "", "id_code": "", "birth_date": "",
                               "ekool_id": "", "updated_at": ""})
    assert (blank.email, blank.id_code, blank.birth_date, blank.ekool_id,
            blank.updated_at) == (None, None, None, None, None)
    assert not blank.linked
    missing = Account.from_json(without(ACCOUNT, "email", "id_code", "birth_date", "ekool_id",
                                        "updated_at"))
    assert dataclasses.replace(missing, updated_at=None) == blank
    user = EkoolUser.from_json({**USER, "email": "", "identifier": "", "birthDate": ""})
    assert (user.email, user.identifier, user.birth_date) == (None, None, None)
    # A string field that reads null as "" (the school of an account seen at no school).
    assert Account.from_json({**ACCOUNT, "school": None}).school == ""
    assert EkoolSchool.from_json({"sourcedId": "ek-org-2", "name": "Kool",
                                  "status": "active"}).ehis_code == ""


def test_a_oneroster_reference_is_an_object_or_a_bare_id() -> None:
    as_objects = Enrollment.from_json(ENROLLMENT)
    bare = Enrollment.from_json({**ENROLLMENT, "user": "ek-usr-3", "class": "ek-jnl-1",
                                 "school": "ek-org-1"})
    assert as_objects == bare
    assert (bare.user_id, bare.journal_id, bare.school_id) == ("ek-usr-3", "ek-jnl-1",
                                                               "ek-org-1")
    assert EkoolJournal.from_json({**CLASS, "school": "ek-org-1"}).school_id == "ek-org-1"
    role = EkoolUser.from_json({**USER, "roles": [{"role": "student", "org": "ek-org-1"}]})
    assert role.roles == (EkoolRole(role="student", org_id="ek-org-1"),)
    with pytest.raises(SchemaError, match=r"^class\.school: expected a reference"):
        EkoolJournal.from_json({**CLASS, "school": {"id": "ek-org-1"}})
    with pytest.raises(SchemaError, match=r"^enrollment\.user: expected a reference"):
        Enrollment.from_json({**ENROLLMENT, "user": 3})


def test_the_org_of_a_role_is_named_only_where_the_answer_names_it() -> None:
    me = EkoolPerson.from_json({
        "sourcedId": "ek-usr-1", "givenName": "Mari", "familyName": "Maasikas", "email": "",
        "identifier": "48001010001", "identifierCountry": "EE", "roles": [
            {"role": "administrator",
             "org": {"sourcedId": "ek-org-1", "name": "Tartu Mõisavahe Kool",
                     "identifier": "12345"}},
            {"role": "administrator",
             "org": {"sourcedId": "ek-org-2", "name": "Pärnu Ülejõe Põhikool",
                     "identifier": ""}}]})
    assert me.roles == (
        EkoolRole(role="administrator", org_id="ek-org-1", org_name="Tartu Mõisavahe Kool",
                  org_ehis_code="12345"),
        EkoolRole(role="administrator", org_id="ek-org-2", org_name="Pärnu Ülejõe Põhikool",
                  org_ehis_code=None))
    assert me.email is None


def test_optional_lists_default_to_empty_and_required_ones_do_not() -> None:
    assert Account.from_json(without(ACCOUNT, "journals")).journals == ()
    assert Account.from_json({**ACCOUNT, "journals": None}).journals == ()
    assert EkoolJournal.from_json(without(CLASS, "subjects")).subjects == ()
    assert EkoolJournal.from_json({**CLASS, "subjects": None}).subjects == ()
    with pytest.raises(SchemaError, match=r"^account: missing field 'roles'$"):
        Account.from_json(without(ACCOUNT, "roles"))
    with pytest.raises(SchemaError, match=r"^journal\.students: expected a list, got NoneType"):
        Journal.from_json({**JOURNAL, "students": None})


def test_the_models_stay_frozen_records_with_tuples() -> None:
    account = Account.from_json(ACCOUNT)
    assert account.roles == ("student",) and account.journals == ("7.b matemaatika",)
    with pytest.raises(dataclasses.FrozenInstanceError):
        account.email = "other@example.ee"  # type: ignore[misc]
    moved = dataclasses.replace(account, school="67890")
    assert moved.school == "67890" and moved.id == account.id and moved != account
    assert len({account, Account.from_json(ACCOUNT)}) == 1
    assert account.to_record()["roles"] == ["student"]
    org = EkoolSchool("ek-org-1", "Tartu Mõisavahe Kool", "12345", "active", "")
    assert org == EkoolSchool.from_json({"sourcedId": "ek-org-1", "name": "Tartu Mõisavahe Kool",
                                         "identifier": "12345", "status": "active"})


# The two readings of one contract agree ------------------------------------------------

# Each client model and the emulator schema(s) of the same object. The client reads nothing
# the emulator does not state; what the emulator states beyond that, the client ignores.
READINGS: list[tuple[type[ContractModel], type[BaseModel]]] = [
    (SchoolRole, schemas.RoleAt), (OpiqUser, schemas.OpiqMe),
    (EkoolIntegration, schemas.EkoolIntegration), (School, schemas.School),
    (Account, schemas.Account), (Activity, schemas.Activity), (LicencePool, schemas.Licences),
    (Journal, schemas.Journal), (JournalRefresh, schemas.RefreshAnswer),
    (EkoolRole, schemas.UserRole), (EkoolRole, schemas.MeRole),
    (EkoolPerson, schemas.EkoolMe), (EkoolSchool, schemas.Org), (EkoolUser, schemas.User),
    (EkoolJournal, schemas.Class), (Enrollment, schemas.Enrollment),
    (GroundTruthPair, schemas.TruthPair),
]
# Read from inside another field (the org of a role), not a wire name of their own; or,
# for a user's birth date, from another answer (OneRoster 1.2's /demographics).
DERIVED = {(EkoolRole, "org_name"), (EkoolRole, "org_ehis_code"), (EkoolUser, "birth_date")}


def wire_names(model: type[ContractModel]) -> set[str]:
    names = set()
    for name, field in model.__pydantic_fields__.items():  # type: ignore[attr-defined]
        if (model, name) in DERIVED:
            continue
        alias = field.validation_alias
        names.add(str(alias.path[0]) if isinstance(alias, AliasPath) else field.alias or name)
    return names


@pytest.mark.parametrize(("client", "emulator"), READINGS,
                         ids=[f"{c.__name__}-{e.__name__}" for c, e in READINGS])
def test_the_client_reads_only_what_the_emulator_states(
        client: type[ContractModel], emulator: type[BaseModel]) -> None:
    stated = {f.alias or name for name, f in emulator.model_fields.items()}
    assert wire_names(client) <= stated, wire_names(client) - stated


def agree(answer: httpx.Response, emulator: type[BaseModel], client: Callable[[Any], Any]
          ) -> Any:
    """The answer as both readings see it: the emulator's schema and the client's model."""
    assert answer.status_code == 200, answer.text
    body = answer.json()
    emulator.model_validate(body)
    return client(body)


def test_every_answer_the_emulator_serves_reads_as_the_client_models(
        emulator: EmbeddedServer, signed_in: Callable[..., httpx.Client]) -> None:
    opiq = signed_in(emulator.url, "opiq")
    ekool = signed_in(emulator.url, "ekool")
    me = agree(opiq.get("/opiq/api/me"), schemas.OpiqMe, OpiqUser.from_json)
    assert me.schools_with_role("admin")
    schools = agree(opiq.get("/opiq/api/schools"), schemas.SchoolList, page_of(School, "items"))
    assert agree(opiq.get(f"/opiq/api/schools/{schools[0].id}"), schemas.School,
                 School.from_json) == schools[0]
    # A school with journals, so that every list below has something in it.
    school, journals = next(
        (s, js) for s in schools
        if (js := agree(opiq.get(f"/opiq/api/schools/{s.id}/journals"), schemas.JournalPage,
                        page_of(Journal, "items"))))
    assert agree(opiq.get(f"/opiq/api/journals/{journals[0].id}"), schemas.Journal,
                 Journal.from_json) == journals[0]
    accounts = agree(opiq.get(f"/opiq/api/schools/{school.id}/users", params={"limit": 50}),
                     schemas.AccountPage, page_of(Account, "items"))
    one = agree(opiq.get(f"/opiq/api/users/{accounts[0].id}",
                         params={"school_id": school.id}), schemas.Account, Account.from_json)
    assert one.id == accounts[0].id and one.roles == accounts[0].roles
    agree(opiq.get(f"/opiq/api/users/{one.id}/activity"), schemas.Activity, Activity.from_json)
    pool = agree(opiq.get(f"/opiq/api/schools/{school.id}/licences"), schemas.Licences,
                 LicencePool.from_json)
    assert pool.total == pool.assigned + pool.free

    person = agree(ekool.get("/ekool/api/me"), schemas.EkoolMe, EkoolPerson.from_json)
    assert person.roles and all(r.org_name for r in person.roles)
    orgs = agree(ekool.get(f"{ROSTER}/orgs"), schemas.OrgList, page_of(EkoolSchool, "orgs"))
    assert agree(ekool.get(f"{ROSTER}/orgs/{orgs[0].sourced_id}"), schemas.OrgOne,
                 lambda b: EkoolSchool.from_json(single(b, "org"))) == orgs[0]
    users = agree(ekool.get(f"{ROSTER}/users", params={"limit": 50}), schemas.UserList,
                  page_of(EkoolUser, "users"))
    assert users and all(u.roles for u in users)
    classes = agree(ekool.get(f"{ROSTER}/classes", params={"limit": 50}), schemas.ClassList,
                    page_of(EkoolJournal, "classes"))
    klass = classes[0]
    assert agree(ekool.get(f"{ROSTER}/classes/{klass.sourced_id}"), schemas.ClassOne,
                 lambda b: EkoolJournal.from_json(single(b, "class"))) == klass
    agree(ekool.get(f"{ROSTER}/schools/{klass.school_id}/classes"), schemas.ClassList,
          page_of(EkoolJournal, "classes"))
    agree(ekool.get(f"{ROSTER}/enrollments", params={"limit": 50}), schemas.EnrollmentList,
          page_of(Enrollment, "enrollments"))
    for members in ("students", "teachers"):
        agree(ekool.get(f"{ROSTER}/classes/{klass.sourced_id}/{members}"), schemas.UserList,
              page_of(EkoolUser, "users"))
    with httpx.Client(base_url=emulator.url) as practice:
        pairs = agree(practice.get("/practice/ground-truth"), schemas.GroundTruth,
                      page_of(GroundTruthPair, "pairs"))
    assert pairs


def test_every_changed_answer_reads_as_the_client_models(
        fresh_emulator: EmbeddedServer, signed_in: Callable[..., httpx.Client]) -> None:
    opiq = signed_in(fresh_emulator.url, "opiq")
    ekool = signed_in(fresh_emulator.url, "ekool")
    token = {"ekool_access_token": ekool.headers["Authorization"].split()[1]}
    school = agree(opiq.post("/opiq/api/schools/opq-sch-1/integrations/ekool", json=token),
                   schemas.School, School.from_json)
    assert school.ekool.enabled and school.ekool.ekool_org_id == "ek-org-1"
    me = agree(opiq.post("/opiq/api/me/integrations/ekool", json=token), schemas.OpiqMe,
               OpiqUser.from_json)
    assert me.ekool_id == "ek-usr-1"
    org = agree(ekool.put("/ekool/api/schools/ek-org-2/profile", json={"ehis_code": "67890"}),
                schemas.Org, EkoolSchool.from_json)
    assert org.ehis_code == "67890"
    patched = agree(opiq.patch("/opiq/api/journals/opq-jnl-1", json={"name": "Robootika"}),
                    schemas.Journal, Journal.from_json)
    assert patched.name == "Robootika" and not patched.from_ekool
    with httpx.Client(base_url=fresh_emulator.url) as practice:
        moved = agree(practice.post("/practice/transfers", json={
            "ekool_class_id": "ek-jnl-1", "course_set": "Matemaatika 7"}),
            schemas.Journal, Journal.from_json)
        changed = agree(practice.patch("/practice/opiq/users/opq-usr-3",
                                       json={"school_id": "opq-sch-1", "roles": ["teacher"]}),
                        schemas.Account, Account.from_json)
    assert moved.from_ekool and changed.roles == ("teacher",)
    refresh = agree(opiq.post(f"/opiq/api/journals/{moved.id}/refresh"), schemas.RefreshAnswer,
                    JournalRefresh.from_json)
    assert refresh.journal.id == moved.id
    removed = agree(opiq.delete("/opiq/api/schools/opq-sch-1/users/opq-usr-2/roles/student"),
                 schemas.Account, Account.from_json)
    assert "student" not in removed.roles
    licences = agree(opiq.post("/opiq/api/schools/opq-sch-1/licences/assignments",
                               json={"user_id": "opq-usr-3"}),
                     schemas.Licences, LicencePool.from_json)
    assert licences.assigned <= licences.total
