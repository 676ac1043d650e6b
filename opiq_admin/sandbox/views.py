"""Entities as the JSON the contract promises: the only place that knows the wire shapes."""

from __future__ import annotations

from typing import Any

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

def org(world: World, sch: EkoolSchool) -> dict[str, Any]:
    return {"sourcedId": sch.id, "status": "active",
            "dateLastModified": sch.date_last_modified or world.clock, "name": sch.name,
            "type": "school", "identifier": sch.ehis_code}


def user(world: World, person: EkoolPerson) -> dict[str, Any]:
    return {
        "sourcedId": person.id, "status": "active",
        "dateLastModified": person.date_last_modified or world.clock,
        "givenName": person.given_name, "familyName": person.family_name,
        "email": person.email, "identifier": person.id_code,
        "identifierCountry": person.id_country, "birthDate": person.birth_date,
        "roles": [{"roleType": "primary", "role": role, "org": {"sourcedId": org_id}}
                  for org_id, role in person.roles.items()],
    }


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


def klass(world: World, cls: EkoolJournal) -> dict[str, Any]:
    return {"sourcedId": cls.id, "status": "active",
            "dateLastModified": cls.date_last_modified or world.clock, "title": cls.title,
            "classCode": cls.class_code, "classType": cls.class_type,
            "subjects": [cls.subject] if cls.subject else [],
            "school": {"sourcedId": cls.school_id}}


def enrollments(world: World, cls: EkoolJournal) -> list[dict[str, Any]]:
    """A journal's memberships, including removals for deltas: a removed pupil's enrollment
    is marked "tobedeleted" and ends (`endDate`) on the day of the removal."""
    modified = cls.date_last_modified or world.clock
    rows = []
    for role, ids in (("teacher", cls.teacher_ids), ("student", cls.student_ids)):
        for uid in ids:
            rows.append(_enrollment(cls, role, uid, "active", modified))
    for uid, when in cls.removed.items():
        if uid not in cls.student_ids:
            when = when or modified
            rows.append(_enrollment(cls, "student", uid, "tobedeleted", when,
                                    end=when[:10]))
    return rows


def _enrollment(cls: EkoolJournal, role: str, uid: str, status: str, when: str,
                end: str | None = None) -> dict[str, Any]:
    return {"sourcedId": f"{cls.id}:{uid}", "status": status, "dateLastModified": when,
            "role": role, "user": {"sourcedId": uid}, "class": {"sourcedId": cls.id},
            "school": {"sourcedId": cls.school_id}, "beginDate": None, "endDate": end}
