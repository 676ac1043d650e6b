"""What Opiq and eKool do, as operations on a `World`.

The seed generator and the HTTP server share these, so that the seeded past (journals
already transferred, duplicates already made) arises from the very rules the server
applies when a test transfers a journal now. Every function returns the ids it changed,
so the store can persist just those.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from opiq_admin.sandbox.clock import format_time, later, parse_time
from opiq_admin.sandbox.indexes import licence_pool, next_id, set_licence
from opiq_admin.sandbox.model import (
    DuplicatePair,
    EkoolJournal,
    EkoolPerson,
    OpiqAccount,
    OpiqJournal,
    OpiqSchool,
    World,
)


class DomainError(Exception):
    """A refused operation: HTTP status, a snake_case code and a message for people."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


@dataclass
class Changes:
    """Ids touched by an operation, by kind, for the store to write back."""

    accounts: set[str] = field(default_factory=set)
    journals: set[str] = field(default_factory=set)
    schools: set[str] = field(default_factory=set)
    ekool_journals: set[str] = field(default_factory=set)
    ekool_people: set[str] = field(default_factory=set)
    ekool_schools: set[str] = field(default_factory=set)
    world_meta: bool = False  # counters, clock, ground truth


def opiq_school_for_org(world: World, ekool_org_id: str) -> str:
    for school in world.opiq_schools.values():
        if school.integration_enabled and school.ekool_org_id == ekool_org_id:
            return school.id
    raise DomainError(409, "integration_not_enabled",
                      "The school has not enabled the eKool integration in Opiq.")


def _account_for(world: World, person: EkoolPerson, school_id: str, role: str, now: str,
                 changes: Changes) -> OpiqAccount:
    """The linked account of an eKool person, created when there is none (the guide's rule)."""
    account_id = world.linked.get(person.id)
    if account_id is None:
        account_id = next_id("opq-usr", world.opiq_accounts)
        world.opiq_accounts[account_id] = OpiqAccount(
            id=account_id, first_name=person.given_name, last_name=person.family_name,
            email=person.email, id_code=person.id_code, birth_date=person.birth_date,
            ekool_id=person.id, created_at=now, updated_at=now, roles={})
        world.linked[person.id] = account_id
        old = world.old_account_of.get(person.id)
        if old and old in world.opiq_accounts and not world.opiq_accounts[old].ekool_id:
            world.duplicates.append(DuplicatePair(old=old, new=account_id, kind=role))
            changes.world_meta = True
    account = world.opiq_accounts[account_id]
    roles = account.roles.setdefault(school_id, [])
    if role not in roles:
        roles.append(role)
        account.updated_at = now
    changes.accounts.add(account_id)
    return account


def _license_if_free(world: World, account: OpiqAccount, school_id: str, now: str) -> None:
    if account.licence_school_id:
        return
    if licence_pool(world, school_id)["free"] > 0:
        set_licence(world, account, school_id)
        account.updated_at = now


def transfer_journal(world: World, ekool_class_id: str, course_set: str, now: str,
                     changes: Changes | None = None) -> OpiqJournal:
    """A teacher's "Seo päevik Opiquga": the journal and its people arrive in Opiq.

    eKool-linked accounts are reused; everyone else gets a new linked account, which is
    how an old unlinked account becomes a duplicate. New students get a licence only
    while the school's pool has a free one.
    """
    changes = changes if changes is not None else Changes()
    cls = world.ekool_journals.get(ekool_class_id)
    if cls is None:
        raise DomainError(404, "not_found", f"eKool journal {ekool_class_id} does not exist.")
    school_id = opiq_school_for_org(world, cls.school_id)
    if ekool_class_id in world.transferred:
        raise DomainError(409, "already_transferred", f"Journal {cls.title} is already in "
                          f"Opiq ({world.transferred[ekool_class_id]}).")
    teachers = [
        _account_for(world, world.ekool_people[pid], school_id, "teacher", now, changes).id
        for pid in cls.teacher_ids]
    students = []
    for pid in cls.student_ids:
        account = _account_for(world, world.ekool_people[pid], school_id, "student", now,
                               changes)
        _license_if_free(world, account, school_id, now)
        students.append(account.id)
    journal_id = next_id("opq-jnl", world.opiq_journals)
    journal = OpiqJournal(id=journal_id, school_id=school_id, name=cls.title, origin="ekool",
                          ekool_class_id=cls.id, course_set=course_set, teacher_ids=teachers,
                          student_ids=students, refreshed_at=now, created_at=now)
    world.opiq_journals[journal_id] = journal
    world.transferred[cls.id] = journal_id
    changes.journals.add(journal_id)
    return journal


# --- time ------------------------------------------------------------------------------


def advance_clock(world: World, days: int) -> tuple[Changes, list[str]]:
    """Moves the emulator's clock; crossing a day runs Opiq's daily journal refresh.

    Answers the changes and the ids of the journals refreshed, in id order.
    """
    changes = Changes(world_meta=True)
    world.clock = format_time(parse_time(world.clock) + timedelta(days=days))
    refreshed = daily_refresh(world, changes) if days >= 1 else []
    return changes, refreshed


# --- permissions -----------------------------------------------------------------------


def roles_at(world: World, account_id: str, school_id: str) -> list[str]:
    account = world.opiq_accounts.get(account_id)
    return list(account.roles.get(school_id, [])) if account else []


def require_school(world: World, actor_id: str, school_id: str) -> OpiqSchool:
    """The school, when the actor has any role there; otherwise it does not exist for them."""
    school = world.opiq_schools.get(school_id)
    if school is None or not roles_at(world, actor_id, school_id):
        raise DomainError(404, "not_found", f"School {school_id} not found.")
    return school


def require_admin(world: World, actor_id: str, school_id: str) -> OpiqSchool:
    school = require_school(world, actor_id, school_id)
    if "admin" not in roles_at(world, actor_id, school_id):
        raise DomainError(403, "forbidden", "Only the school's administrator may do this.")
    return school


def require_journal(world: World, actor_id: str, journal_id: str) -> OpiqJournal:
    journal = world.opiq_journals.get(journal_id)
    if journal is None or not roles_at(world, actor_id, journal.school_id):
        raise DomainError(404, "not_found", f"Journal {journal_id} not found.")
    return journal


def require_account(world: World, actor_id: str, account_id: str) -> OpiqAccount:
    """An account the actor shares a school with (or their own)."""
    account = world.opiq_accounts.get(account_id)
    actor = world.opiq_accounts.get(actor_id)
    if account is None or actor is None or not (
            account_id == actor_id or set(account.roles) & {
                s for s, r in actor.roles.items() if r}):
        raise DomainError(404, "not_found", f"User {account_id} not found.")
    return account


# --- integration -----------------------------------------------------------------------


def enable_integration(world: World, actor_id: str, school_id: str,
                       ekool_person_id: str) -> Changes:
    """"Luba liidestus": the eKool person must belong to a school with the same EHIS code."""
    school = require_admin(world, actor_id, school_id)
    person = world.ekool_people[ekool_person_id]
    orgs = [world.ekool_schools[org] for org in person.roles if org in world.ekool_schools]
    match = next((org for org in orgs if org.ehis_code and org.ehis_code == school.ehis_id),
                 None)
    if match is None:
        raise DomainError(409, "ehis_code_missing",
                          f"Kooli kood {school.ehis_id} puudub Sinu eKooli kasutajate "
                          "andmetes. Pöördu Opiqu kasutajatoe poole.")
    if not (school.integration_enabled and school.ekool_org_id == match.id):
        school.integration_enabled = True
        school.ekool_org_id = match.id
        school.enabled_at = world.clock  # type: ignore[attr-defined]
    return Changes(schools={school.id})


def _same_person(account: OpiqAccount, person: EkoolPerson) -> bool:
    if account.id_code and person.id_code:
        return account.id_code == person.id_code
    return (account.first_name.casefold().strip() == person.given_name.casefold().strip()
            and account.last_name.casefold().strip() == person.family_name.casefold().strip())


def link_account(world: World, account_id: str, ekool_person_id: str) -> Changes:
    """"Lisa liidestus": ties an Opiq account to an eKool person, never to someone else."""
    account = world.opiq_accounts[account_id]
    person = world.ekool_people[ekool_person_id]
    if account.ekool_id == person.id:
        return Changes()
    if not _same_person(account, person):
        raise DomainError(409, "identity_mismatch",
                          "The signed-in Opiq user and the signed-in eKool user are different "
                          "people; they must not be linked.")
    holder = world.linked.get(person.id)
    if (holder and holder != account.id) or account.ekool_id:
        raise DomainError(409, "already_linked",
                          "That eKool user or this account is already linked elsewhere.")
    account.ekool_id = person.id
    account.id_code = account.id_code or person.id_code
    account.birth_date = account.birth_date or person.birth_date
    account.updated_at = world.clock
    world.linked[person.id] = account.id
    return Changes(accounts={account.id})


def set_ehis_code(world: World, ekool_person_id: str, org_id: str, code: str) -> Changes:
    """eKool's school profile page: only that school's administrator may change the code."""
    org = world.ekool_schools.get(org_id)
    person = world.ekool_people[ekool_person_id]
    if org is None or org_id not in person.roles:
        raise DomainError(404, "not_found", f"School {org_id} not found.")
    if person.roles[org_id] != "administrator":
        raise DomainError(403, "forbidden", "Only the school's eKool administrator may do this.")
    org.ehis_code = code.strip()
    org.date_last_modified = world.clock
    return Changes(ekool_schools={org.id})


# --- users and licences ----------------------------------------------------------------


def school_users(world: World, school_id: str, role: str | None = None,
                 linked: bool | None = None, changed_since: str | None = None
                 ) -> list[OpiqAccount]:
    """Accounts that have (or had) a role at the school, in id order."""
    since = parse_time(changed_since) if changed_since else None
    found = []
    for account in world.opiq_accounts.values():
        roles = account.roles.get(school_id)
        if roles is None or (role is not None and role not in roles):
            continue
        if linked is not None and bool(account.ekool_id) != linked:
            continue
        if since is not None and parse_time(account.updated_at or account.created_at) <= since:
            continue
        found.append(account)
    return found


def remove_role(world: World, actor_id: str, school_id: str, account_id: str,
                role: str) -> Changes:
    """Removing the student role also frees the account's licence at that school."""
    require_admin(world, actor_id, school_id)
    account = world.opiq_accounts.get(account_id)
    if account is None or school_id not in account.roles:
        raise DomainError(404, "not_found", f"User {account_id} not found at the school.")
    if role not in account.roles[school_id]:
        raise DomainError(404, "role_not_found", f"User {account_id} has no role {role}.")
    if account_id == actor_id and role == "admin":
        raise DomainError(409, "own_admin_role", "You cannot remove your own admin role.")
    account.roles[school_id].remove(role)
    if role == "student" and account.licence_school_id == school_id:
        set_licence(world, account, "")
    account.updated_at = world.clock
    return Changes(accounts={account.id})


def assign_licence(world: World, actor_id: str, school_id: str, account_id: str) -> Changes:
    require_admin(world, actor_id, school_id)
    account = world.opiq_accounts.get(account_id)
    if account is None or school_id not in account.roles:
        raise DomainError(404, "not_found", f"User {account_id} not found at the school.")
    if account.licence_school_id:
        raise DomainError(409, "already_licensed", f"User {account_id} already has a licence.")
    if licence_pool(world, school_id)["free"] <= 0:
        raise DomainError(409, "no_free_licence", "The school has no free licence.")
    set_licence(world, account, school_id)
    account.updated_at = world.clock
    return Changes(accounts={account.id})


# --- journals --------------------------------------------------------------------------


def patch_journal(world: World, actor_id: str, journal_id: str, name: str | None,
                  students: list[str] | None, teachers: list[str] | None) -> Changes:
    journal = require_journal(world, actor_id, journal_id)
    if journal.origin == "ekool":
        raise DomainError(409, "managed_by_ekool",
                          "The name, students and teachers of a journal from eKool can only "
                          "be changed in eKool.")
    roles = roles_at(world, actor_id, journal.school_id)
    if "admin" not in roles and actor_id not in journal.teacher_ids:
        raise DomainError(403, "forbidden", "Only the journal's teachers or the administrator.")
    for ids in (students or [], teachers or []):
        for uid in ids:
            if journal.school_id not in world.opiq_accounts.get(uid, _NOBODY).roles:
                raise DomainError(400, "unknown_user", f"User {uid} is not at the school.")
    if name is not None:
        if not name.strip():
            raise DomainError(400, "empty_name", "A journal needs a name.")
        journal.name = name.strip()
    if students is not None:
        journal.student_ids = list(dict.fromkeys(students))
    if teachers is not None:
        journal.teacher_ids = list(dict.fromkeys(teachers))
    return Changes(journals={journal.id})


def delete_journal(world: World, actor_id: str, journal_id: str) -> Changes:
    """Only the administrator deletes a journal from eKool; eKool keeps its own."""
    journal = require_journal(world, actor_id, journal_id)
    roles = roles_at(world, actor_id, journal.school_id)
    allowed = "admin" in roles or (journal.origin == "opiq" and actor_id in journal.teacher_ids)
    if not allowed:
        raise DomainError(403, "forbidden",
                          "Only the school's administrator can delete a journal from eKool.")
    del world.opiq_journals[journal.id]
    world.transferred.pop(journal.ekool_class_id, None)
    return Changes(journals={journal.id})


def refresh_journal(world: World, journal_id: str, changes: Changes | None = None
                    ) -> tuple[OpiqJournal, list[str], list[str]]:
    """"Uuenda päeviku andmeid": the journal takes eKool's name and roster now."""
    changes = changes if changes is not None else Changes()
    journal = world.opiq_journals[journal_id]
    if journal.origin != "ekool":
        raise DomainError(409, "not_from_ekool", "Only a journal from eKool can be refreshed.")
    cls = world.ekool_journals[journal.ekool_class_id]
    now = world.clock
    before = set(journal.teacher_ids) | set(journal.student_ids)
    journal.teacher_ids = [
        _account_for(world, world.ekool_people[pid], journal.school_id, "teacher", now,
                     changes).id for pid in cls.teacher_ids]
    students = []
    for pid in cls.student_ids:
        account = _account_for(world, world.ekool_people[pid], journal.school_id, "student",
                               now, changes)
        _license_if_free(world, account, journal.school_id, now)
        students.append(account.id)
    journal.student_ids = students
    journal.name = cls.title
    journal.refreshed_at = now
    journal.ekool_revision = revision(cls)  # type: ignore[attr-defined]
    after = set(journal.teacher_ids) | set(journal.student_ids)
    changes.journals.add(journal.id)
    added = [a for a in journal.teacher_ids + journal.student_ids if a not in before]
    removed = sorted(before - after, key=_id_order)
    return journal, list(dict.fromkeys(added)), removed


def revision(cls: EkoolJournal) -> int:
    """How many times the roster changed; the clock alone cannot tell two changes apart."""
    return getattr(cls, "revision", 0)


def daily_refresh(world: World, changes: Changes) -> list[str]:
    """Refreshes every journal whose eKool roster changed since its last refresh."""
    refreshed = []
    for journal in list(world.opiq_journals.values()):
        if journal.origin != "ekool" or journal.ekool_class_id not in world.ekool_journals:
            continue
        cls = world.ekool_journals[journal.ekool_class_id]
        seen = getattr(journal, "ekool_revision", 0)
        if seen != revision(cls) or later(cls.date_last_modified, journal.refreshed_at):
            refresh_journal(world, journal.id, changes)
            refreshed.append(journal.id)
    return sorted(refreshed, key=_id_order)


def _id_order(value: str) -> tuple[int, str]:
    return (len(value), value)


_NOBODY = OpiqAccount(id="", first_name="", last_name="", email="", id_code="", birth_date="",
                      ekool_id="", created_at="", roles={})
