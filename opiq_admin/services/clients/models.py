"""Typed results of the Opiq and eKool calls, checked against the contract as they arrive.

Parsers validate every field they keep, so that a server answering something unexpected
surfaces as one `SchemaError` (turned into `MalformedResponse` by the client) at the edge,
instead of a `KeyError` or a wrong-typed value deep in the matching engine. eKool speaks
OneRoster, where a journal is a "class"; here it is `EkoolJournal` and `journal_id`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from opiq_admin.services.clients.jsonshape import Obj, SchemaError, envelope, single

__all__ = [
    "Account",
    "Activity",
    "EkoolIntegration",
    "EkoolJournal",
    "EkoolPerson",
    "EkoolRole",
    "EkoolSchool",
    "EkoolUser",
    "Enrollment",
    "Journal",
    "JournalRefresh",
    "LicencePool",
    "OpiqUser",
    "SchemaError",
    "School",
    "SchoolRole",
    "envelope",
    "single",
]


# Opiq ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SchoolRole:
    school_id: str
    role: str


@dataclass(frozen=True)
class OpiqUser:
    """The signed-in Opiq user (`GET /me`)."""

    id: str
    first_name: str
    last_name: str
    email: str | None
    id_code: str | None
    ekool_id: str | None
    roles: tuple[SchoolRole, ...]

    @classmethod
    def from_json(cls, value: Any) -> OpiqUser:
        o = Obj(value, "me")
        roles = []
        for i, r in enumerate(o.list("roles")):
            ro = Obj(r, f"me.roles[{i}]")
            roles.append(SchoolRole(ro.str("school_id"), ro.str("role")))
        return cls(o.str("id"), o.str("first_name"), o.str("last_name"), o.opt_str("email"),
                   o.opt_str("id_code"), o.opt_str("ekool_id"), tuple(roles))

    def schools_with_role(self, role: str) -> tuple[str, ...]:
        return tuple(r.school_id for r in self.roles if r.role == role)


@dataclass(frozen=True)
class EkoolIntegration:
    enabled: bool
    ekool_org_id: str | None
    ekool_name: str | None
    enabled_at: str | None


@dataclass(frozen=True)
class School:
    id: str
    name: str
    ehis_id: str
    ekool: EkoolIntegration

    @classmethod
    def from_json(cls, value: Any) -> School:
        o = Obj(value, "school")
        integ = o.obj("integration")
        assert integ is not None
        ek = integ.obj("ekool")
        assert ek is not None
        return cls(o.str("id"), o.str("name"), o.str_or_empty("ehis_id"),
                   EkoolIntegration(ek.bool("enabled"), ek.opt_str("ekool_org_id"),
                                    ek.opt_str("ekool_name"), ek.opt_str("enabled_at")))


@dataclass(frozen=True)
class Account:
    """An Opiq account at one school: the record of interfaces.md §4 plus `updated_at`."""

    id: str
    first_name: str
    last_name: str
    email: str | None
    id_code: str | None
    birth_date: str | None
    ekool_id: str | None
    roles: tuple[str, ...]
    created_at: str
    has_license: bool
    school: str
    journals: tuple[str, ...]
    updated_at: str | None = None

    @classmethod
    def from_json(cls, value: Any) -> Account:
        o = Obj(value, "account")
        return cls(o.str("id"), o.str("first_name"), o.str("last_name"), o.opt_str("email"),
                   o.opt_str("id_code"), o.opt_str("birth_date"), o.opt_str("ekool_id"),
                   o.strs("roles"), o.str("created_at"), o.bool("has_license"),
                   o.str_or_empty("school"), o.strs("journals", required=False),
                   o.opt_str("updated_at"))

    @property
    def linked(self) -> bool:
        return self.ekool_id is not None

    def to_record(self) -> dict[str, Any]:
        """The §4 record, as written to `.jsonl` and read by the duplicate scan."""
        return {
            "id": self.id,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "email": self.email,
            "id_code": self.id_code,
            "birth_date": self.birth_date,
            "ekool_id": self.ekool_id,
            "roles": list(self.roles),
            "created_at": self.created_at,
            "has_license": self.has_license,
            "school": self.school,
            "journals": list(self.journals),
        }


@dataclass(frozen=True)
class Activity:
    """What stays behind in an old account when its person moves to a new one."""

    materials_added: int
    work_solved: int
    last_active_at: str | None

    @classmethod
    def from_json(cls, value: Any) -> Activity:
        o = Obj(value, "activity")
        return cls(o.int("materials_added"), o.int("work_solved"), o.opt_str("last_active_at"))


@dataclass(frozen=True)
class LicencePool:
    total: int
    assigned: int
    free: int

    @classmethod
    def from_json(cls, value: Any) -> LicencePool:
        o = Obj(value, "licences")
        return cls(o.int("total"), o.int("assigned"), o.int("free"))


@dataclass(frozen=True)
class Journal:
    """An Opiq journal (päevik); `teachers` and `students` are Opiq account ids."""

    id: str
    school_id: str
    name: str
    origin: str  # "ekool" | "opiq"
    ekool_class_id: str | None
    course_set: str
    teachers: tuple[str, ...]
    students: tuple[str, ...]
    refreshed_at: str | None
    created_at: str

    @classmethod
    def from_json(cls, value: Any) -> Journal:
        o = Obj(value, "journal")
        origin = o.str("origin")
        if origin not in ("ekool", "opiq"):
            raise SchemaError(f"journal.origin: expected 'ekool' or 'opiq', got {origin!r}")
        return cls(o.str("id"), o.str("school_id"), o.str("name"), origin,
                   o.opt_str("ekool_class_id"), o.str_or_empty("course_set"), o.strs("teachers"),
                   o.strs("students"), o.opt_str("refreshed_at"), o.str("created_at"))

    @property
    def from_ekool(self) -> bool:
        return self.origin == "ekool"


@dataclass(frozen=True)
class JournalRefresh:
    journal: Journal
    added: tuple[str, ...]
    removed: tuple[str, ...]

    @classmethod
    def from_json(cls, value: Any) -> JournalRefresh:
        o = Obj(value, "refresh")
        return cls(Journal.from_json(o.d.get("journal")), o.strs("added"), o.strs("removed"))


# eKool (OneRoster 1.2) -----------------------------------------------------------------


@dataclass(frozen=True)
class EkoolRole:
    """A role at an org; `/api/me` also names the org and its EHIS code, rosters do not."""

    role: str  # "student" | "teacher" | "administrator"
    org_id: str
    org_name: str | None = None
    org_ehis_code: str | None = None


def _roles(o: Obj) -> tuple[EkoolRole, ...]:
    roles = []
    for i, r in enumerate(o.list("roles")):
        ro = Obj(r, f"{o.what}.roles[{i}]")
        org = ro.d.get("org")
        name = code = None
        if isinstance(org, dict):
            oo = Obj(org, f"{ro.what}.org")
            name, code = oo.opt_str("name"), oo.opt_str("identifier")
        roles.append(EkoolRole(ro.str("role"), ro.ref("org"), name, code))
    return tuple(roles)


@dataclass(frozen=True)
class EkoolPerson:
    """The signed-in eKool person (`GET /api/me`)."""

    sourced_id: str
    given_name: str
    family_name: str
    email: str | None
    identifier: str | None  # personal ID code
    identifier_country: str | None
    roles: tuple[EkoolRole, ...]

    @classmethod
    def from_json(cls, value: Any) -> EkoolPerson:
        o = Obj(value, "ekool me")
        return cls(o.str("sourcedId"), o.str("givenName"), o.str("familyName"),
                   o.opt_str("email"), o.opt_str("identifier"), o.opt_str("identifierCountry"),
                   _roles(o))


@dataclass(frozen=True)
class EkoolSchool:
    """A OneRoster org of type school; `ehis_code` is "" when eKool's profile lacks it."""

    sourced_id: str
    name: str
    ehis_code: str
    status: str
    date_last_modified: str

    @classmethod
    def from_json(cls, value: Any) -> EkoolSchool:
        o = Obj(value, "org")
        return cls(o.str("sourcedId"), o.str("name"), o.str_or_empty("identifier"),
                   o.str("status"), o.str_or_empty("dateLastModified"))


class _RosterItem:
    """What every OneRoster list item carries first: its id, `status` and change time."""

    status: str

    @staticmethod
    def head(o: Obj) -> tuple[str, str, str]:
        """`sourcedId`, `status` and `dateLastModified`, the first three fields."""
        return o.str("sourcedId"), o.str("status"), o.str_or_empty("dateLastModified")

    @property
    def deleted(self) -> bool:
        """Marked `tobedeleted`: how a delta says the item is gone."""
        return self.status == "tobedeleted"


@dataclass(frozen=True)
class EkoolUser(_RosterItem):
    sourced_id: str
    status: str
    date_last_modified: str
    given_name: str
    family_name: str
    email: str | None
    identifier: str | None
    identifier_country: str | None
    birth_date: str | None
    roles: tuple[EkoolRole, ...]

    @classmethod
    def from_json(cls, value: Any) -> EkoolUser:
        o = Obj(value, "user")
        return cls(*cls.head(o), o.str("givenName"), o.str("familyName"), o.opt_str("email"),
                   o.opt_str("identifier"), o.opt_str("identifierCountry"),
                   o.opt_str("birthDate"), _roles(o))


@dataclass(frozen=True)
class EkoolJournal(_RosterItem):
    """An eKool journal: a OneRoster class."""

    sourced_id: str
    status: str
    date_last_modified: str
    title: str
    class_code: str
    class_type: str
    subjects: tuple[str, ...]
    school_id: str

    @classmethod
    def from_json(cls, value: Any) -> EkoolJournal:
        o = Obj(value, "class")
        return cls(*cls.head(o), o.str("title"), o.str_or_empty("classCode"),
                   o.str_or_empty("classType"), o.strs("subjects", required=False),
                   o.ref("school"))


@dataclass(frozen=True)
class Enrollment(_RosterItem):
    sourced_id: str
    status: str
    date_last_modified: str
    role: str
    user_id: str
    journal_id: str
    school_id: str

    @classmethod
    def from_json(cls, value: Any) -> Enrollment:
        o = Obj(value, "enrollment")
        return cls(*cls.head(o), o.str("role"), o.ref("user"), o.ref("class"),
                   o.ref("school"))
