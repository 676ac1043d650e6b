"""The emulator's world as plain data: what the seed generator produces and the store loads.

Kept apart from both so that the generator can be tested (and benchmarked) without a
server, and the server's SQLite schema can change without touching the generator.
Ids are strings with a prefix saying which system and kind they belong to, so that a
mix-up between an eKool user id and an Opiq account id fails loudly.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class EkoolSchool:
    """An eKool org of type school. `ehis_code` is "" when the profile lacks it."""

    id: str  # "ek-org-1"
    name: str
    ehis_code: str
    date_last_modified: str = ""


@dataclass
class EkoolPerson:
    """An eKool user. `roles` maps org id → "student" | "teacher" | "administrator"."""

    id: str  # "ek-usr-1"
    given_name: str
    family_name: str
    email: str
    id_code: str  # personal ID code, "" when unknown
    id_country: str  # "EE", "LV", …
    birth_date: str  # YYYY-MM-DD
    roles: dict[str, str]
    username: str = ""  # set for people who can sign in on the practice form
    password: str = ""
    date_last_modified: str = ""


@dataclass
class EkoolJournal:
    """An eKool journal (a OneRoster class)."""

    id: str  # "ek-jnl-1"
    school_id: str  # eKool org id
    title: str  # "7.b matemaatika"
    class_code: str  # "7.b"
    class_type: str  # "homeroom" | "scheduled"
    subject: str
    teacher_ids: list[str] = field(default_factory=list)
    student_ids: list[str] = field(default_factory=list)
    date_last_modified: str = ""
    # user id → when they left the roster, so a delta can report the removal
    removed: dict[str, str] = field(default_factory=dict)


@dataclass
class OpiqSchool:
    """An Opiq school. `ekool_org_id` is set while the integration is enabled."""

    id: str  # "opq-sch-1"
    name: str
    ehis_id: str
    licence_total: int
    integration_enabled: bool = False
    ekool_org_id: str = ""


@dataclass
class OpiqAccount:
    """An Opiq user account. `roles` maps Opiq school id → list of roles there."""

    id: str  # "opq-usr-1"
    first_name: str
    last_name: str
    email: str
    id_code: str  # "" unless known (linked accounts learn it from eKool)
    birth_date: str  # "" unless known
    ekool_id: str  # "" when not linked to eKool
    created_at: str  # ISO 8601, UTC
    roles: dict[str, list[str]]
    licence_school_id: str = ""  # the school whose licence the account holds
    materials_added: int = 0
    work_solved: int = 0
    updated_at: str = ""
    username: str = ""
    password: str = ""


@dataclass
class OpiqJournal:
    id: str  # "opq-jnl-1"
    school_id: str
    name: str
    origin: str  # "ekool" | "opiq"
    ekool_class_id: str
    course_set: str
    teacher_ids: list[str] = field(default_factory=list)
    student_ids: list[str] = field(default_factory=list)
    refreshed_at: str = ""
    created_at: str = ""


@dataclass
class DuplicatePair:
    """Ground truth: `old` (unlinked) and `new` (eKool-linked) are one person."""

    old: str
    new: str
    kind: str  # "student" | "teacher"


@dataclass
class World:
    seed: int
    clock: str  # the emulator's "now", ISO 8601 UTC
    # Keyed by id; insertion order is id order.
    ekool_schools: dict[str, EkoolSchool] = field(default_factory=dict)
    ekool_people: dict[str, EkoolPerson] = field(default_factory=dict)
    ekool_journals: dict[str, EkoolJournal] = field(default_factory=dict)
    opiq_schools: dict[str, OpiqSchool] = field(default_factory=dict)
    opiq_accounts: dict[str, OpiqAccount] = field(default_factory=dict)
    opiq_journals: dict[str, OpiqJournal] = field(default_factory=dict)
    # Ground truth, never served to the program except by /practice/ground-truth:
    # which old, unlinked Opiq account belongs to which eKool person. A transfer that
    # creates a new account for such a person adds to `duplicates`.
    old_account_of: dict[str, str] = field(default_factory=dict)
    duplicates: list[DuplicatePair] = field(default_factory=list)
    # Derived indexes, rebuilt on load (`indexes.rebuild_index`) and kept by sandbox.logic, so
    # that no operation scans every account or journal: eKool person id → the Opiq account
    # linked to them; Opiq school id → how many accounts hold its licence; eKool journal
    # id → the Opiq journal it was transferred into.
    linked: dict[str, str] = field(default_factory=dict, repr=False)
    licences_held: Counter[str] = field(default_factory=Counter, repr=False)
    transferred: dict[str, str] = field(default_factory=dict, repr=False)
    # The practice administrator: one person on both sides.
    admin_opiq_id: str = ""
    admin_ekool_id: str = ""
    # Someone else who can sign in to eKool: for rehearsing the wrong-person sign-in.
    other_ekool_id: str = ""
