"""Entities as the JSON the contract promises: the only place that knows the wire shapes."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from opiq_admin.sandbox.model import (
    EkoolJournal,
    EkoolPerson,
    EkoolSchool,
    OpiqAccount,
    OpiqJournal,
    World,
)


def _none(value: str) -> str | None:
    return value or None


def journal_names(world: World, school_id: str) -> dict[str, list[str]]:
    """Account id → names of the school's journals it is in (one pass for a whole page)."""
    names: dict[str, list[str]] = {}
    for journal in world.opiq_journals.values():
        if journal.school_id != school_id:
            continue
        for account_id in dict.fromkeys(journal.teacher_ids + journal.student_ids):
            names.setdefault(account_id, []).append(journal.name)
    return names


def account(world: World, acc: OpiqAccount, school_id: str | None,
            names: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """The account record of interfaces.md §4, at one school."""
    school = world.opiq_schools.get(school_id) if school_id else None
    if names is None and school_id:
        names = journal_names(world, school_id)
    return {
        "id": acc.id, "first_name": acc.first_name, "last_name": acc.last_name,
        "email": _none(acc.email), "id_code": _none(acc.id_code),
        "birth_date": _none(acc.birth_date), "ekool_id": _none(acc.ekool_id),
        "roles": list(acc.roles.get(school_id, [])) if school_id else [],
        "created_at": acc.created_at, "updated_at": acc.updated_at or acc.created_at,
        "has_license": bool(school_id) and acc.licence_school_id == school_id,
        "school": school.ehis_id if school else None,
        "journals": (names or {}).get(acc.id, []),
    }


def me(acc: OpiqAccount) -> dict[str, Any]:
    return {
        "id": acc.id, "first_name": acc.first_name, "last_name": acc.last_name,
        "email": _none(acc.email), "id_code": _none(acc.id_code),
        "ekool_id": _none(acc.ekool_id),
        "roles": [{"school_id": s, "role": r} for s, roles in acc.roles.items() for r in roles],
    }


def school(world: World, school_id: str) -> dict[str, Any]:
    sch = world.opiq_schools[school_id]
    org = world.ekool_schools.get(sch.ekool_org_id) if sch.integration_enabled else None
    return {
        "id": sch.id, "name": sch.name, "ehis_id": sch.ehis_id,
        "integration": {"ekool": {
            "enabled": sch.integration_enabled,
            "ekool_org_id": org.id if org else None,
            "ekool_name": org.name if org else None,
            "enabled_at": (getattr(sch, "enabled_at", "") or None) if org else None,
        }},
    }


def journal(jnl: OpiqJournal) -> dict[str, Any]:
    return {
        "id": jnl.id, "school_id": jnl.school_id, "name": jnl.name, "origin": jnl.origin,
        "ekool_class_id": _none(jnl.ekool_class_id), "course_set": jnl.course_set,
        "teachers": list(jnl.teacher_ids), "students": list(jnl.student_ids),
        "refreshed_at": _none(jnl.refreshed_at), "created_at": jnl.created_at,
    }


# --- eKool -------------------------------------------------------------------------------

def ref(base: str, kind: str, sourced_id: str) -> dict[str, Any]:
    """A OneRoster 1.2 reference: the object's address, id and type (`org` for a school)."""
    plural = {"org": "orgs", "user": "users", "class": "classes", "course": "courses",
              "academicSession": "academicSessions"}[kind]
    return {"href": f"{base}/{plural}/{quote(sourced_id, safe='')}", "sourcedId": sourced_id,
            "type": kind}


# eKool's roles as OneRoster 1.2 names them on a user (an enrollment says "administrator").
ROLE_NAMES = {"administrator": "siteAdministrator"}
# The type of a personal ID code among a user's `userIds`, by issuing country.
ID_CODE_TYPES = {"EE": "EE_isikukood"}
# eKool's own fields, kept in `metadata` under keys of their own so that they never clash
# with the standard (docs/oneroster.md).
EHIS_CODE = "ee.ehisCode"


def id_code_type(country: str) -> str:
    return ID_CODE_TYPES.get(country, f"{country or 'XX'}_personalCode")


def org(world: World, sch: EkoolSchool) -> dict[str, Any]:
    """A school as OneRoster 1.2's org; its EHIS code is also the human `identifier`."""
    return {"sourcedId": sch.id, "status": "active",
            "dateLastModified": sch.date_last_modified or world.clock, "name": sch.name,
            "type": "school", "identifier": sch.ehis_code,
            "metadata": {EHIS_CODE: sch.ehis_code}}


def user(world: World, person: EkoolPerson, base: str = "") -> dict[str, Any]:
    """A person as OneRoster 1.2's user: the ID code among `userIds` (and, for 1.1
    readers, in `identifier`); the birth date is in `/demographics`, not here."""
    answer: dict[str, Any] = {
        "sourcedId": person.id, "status": "active",
        "dateLastModified": person.date_last_modified or world.clock,
        "enabledUser": "true", "givenName": person.given_name,
        "familyName": person.family_name,
        "roles": [{"roleType": "primary", "role": ROLE_NAMES.get(role, role),
                   "org": ref(base, "org", org_id)}
                  for org_id, role in person.roles.items()],
    }
    if person.username:
        answer["username"] = person.username
    if person.id_code:
        answer["userIds"] = [{"type": id_code_type(person.id_country),
                              "identifier": person.id_code}]
        answer["identifier"] = person.id_code
    if person.email:
        answer["email"] = person.email
    if person.roles:
        answer["primaryOrg"] = ref(base, "org", next(iter(person.roles)))
    return answer


def demographics(world: World, person: EkoolPerson) -> dict[str, Any]:
    """A person's demographics record (same sourcedId as the user): the birth date."""
    answer: dict[str, Any] = {"sourcedId": person.id, "status": "active",
                              "dateLastModified": person.date_last_modified or world.clock}
    if person.birth_date:
        answer["birthDate"] = person.birth_date
    return answer


def school_year(world: World) -> dict[str, Any]:
    """The school year the emulator's clock is in (1 September to 1 September, the end
    excluded as OneRoster has it): the one academic session every class is held in."""
    today = world.clock[:10]
    start = int(today[:4]) - (1 if today[5:7] < "09" else 0)
    return {"sourcedId": f"ek-as-{start}-{start + 1}", "status": "active",
            "dateLastModified": f"{start}-06-01T00:00:00Z",
            "title": f"{start}/{start + 1} õppeaasta", "type": "schoolYear",
            "startDate": f"{start}-09-01", "endDate": f"{start + 1}-09-01",
            "schoolYear": str(start + 1)}


def course_id(cls: EkoolJournal) -> str:
    """The course a journal teaches: its school's subject (or class code, for a homeroom)."""
    topic = "-".join((cls.subject or cls.class_code or cls.id).lower().split())
    return f"{cls.school_id}:{topic}"


def course(world: World, cls: EkoolJournal, base: str = "") -> dict[str, Any]:
    year = school_year(world)
    topic = course_id(cls).split(":", 1)[1]
    return {"sourcedId": course_id(cls), "status": "active", "dateLastModified": year[
        "dateLastModified"], "title": cls.subject or cls.class_code, "courseCode": topic,
        "subjects": [cls.subject] if cls.subject else [],
        "schoolYear": ref(base, "academicSession", year["sourcedId"]),
        "org": ref(base, "org", cls.school_id)}


def ekool_me(world: World, person: EkoolPerson) -> dict[str, Any]:
    roles = []
    for org_id, role in person.roles.items():
        sch = world.ekool_schools.get(org_id)
        if sch is not None:
            roles.append({"role": role, "org": {"sourcedId": sch.id, "name": sch.name,
                                                "identifier": sch.ehis_code}})
    return {"sourcedId": person.id, "givenName": person.given_name,
            "familyName": person.family_name, "email": person.email,
            "identifier": person.id_code, "identifierCountry": person.id_country,
            "roles": roles}


def klass(world: World, cls: EkoolJournal, base: str = "") -> dict[str, Any]:
    return {"sourcedId": cls.id, "status": "active",
            "dateLastModified": cls.date_last_modified or world.clock, "title": cls.title,
            "classCode": cls.class_code, "classType": cls.class_type,
            "subjects": [cls.subject] if cls.subject else [],
            "course": ref(base, "course", course_id(cls)),
            "school": ref(base, "org", cls.school_id),
            "terms": [ref(base, "academicSession", school_year(world)["sourcedId"])]}


def enrollments(world: World, cls: EkoolJournal, base: str = "") -> list[dict[str, Any]]:
    """A journal's memberships, including removals for deltas: a removed pupil's enrollment
    is marked "tobedeleted" and ends (`endDate`) on the day of the removal."""
    modified = cls.date_last_modified or world.clock
    rows = []
    for role, ids in (("teacher", cls.teacher_ids), ("student", cls.student_ids)):
        for uid in ids:
            rows.append(_enrollment(base, cls, role, uid, "active", modified))
    for uid, when in cls.removed.items():
        if uid not in cls.student_ids:
            when = when or modified
            rows.append(_enrollment(base, cls, "student", uid, "tobedeleted", when,
                                    end=when[:10]))
    return rows


def _enrollment(base: str, cls: EkoolJournal, role: str, uid: str, status: str, when: str,
                end: str | None = None) -> dict[str, Any]:
    answer = {"sourcedId": f"{cls.id}:{uid}", "status": status, "dateLastModified": when,
              "role": role, "user": ref(base, "user", uid), "class": ref(base, "class", cls.id),
              "school": ref(base, "org", cls.school_id)}
    if end:
        answer["endDate"] = end
    return answer
