"""What Opiq and eKool do, as operations on a `World`.

The seed generator and the HTTP server share these, so that the seeded past (journals
already transferred, duplicates already made) arises from the very rules the server
applies when a test transfers a journal now. Every function returns the ids it changed,
so the store can persist just those.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import EkoolPerson, OpiqAccount, OpiqJournal, World


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
    ekool_classes: set[str] = field(default_factory=set)
    ekool_people: set[str] = field(default_factory=set)
    ekool_schools: set[str] = field(default_factory=set)
    world_meta: bool = False  # counters, clock, ground truth

    def merge(self, other: Changes) -> Changes:
        for name in ("accounts", "journals", "schools", "ekool_classes", "ekool_people",
                     "ekool_schools"):
            getattr(self, name).update(getattr(other, name))
        self.world_meta = self.world_meta or other.world_meta
        return self


def next_id(world: World, prefix: str, existing: dict) -> str:
    """The next free id with a prefix; ids are dense, so the count is a good start."""
    n = len(existing) + 1
    while f"{prefix}-{n}" in existing:
        n += 1
    return f"{prefix}-{n}"


def licences_assigned(world: World, school_id: str) -> int:
    return sum(1 for a in world.opiq_accounts.values() if a.licence_school_id == school_id)


def licence_pool(world: World, school_id: str) -> dict[str, int]:
    total = world.opiq_schools[school_id].licence_total
    assigned = licences_assigned(world, school_id)
    return {"total": total, "assigned": assigned, "free": max(total - assigned, 0)}


def rebuild_index(world: World) -> None:
    world.linked = {a.ekool_id: a.id for a in world.opiq_accounts.values() if a.ekool_id}


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
        account_id = next_id(world, "opq-usr", world.opiq_accounts)
        world.opiq_accounts[account_id] = OpiqAccount(
            id=account_id, first_name=person.given_name, last_name=person.family_name,
            email=person.email, id_code=person.id_code, birth_date=person.birth_date,
            ekool_id=person.id, created_at=now, updated_at=now, roles={})
        world.linked[person.id] = account_id
        old = world.old_account_of.get(person.id)
        if old and old in world.opiq_accounts and not world.opiq_accounts[old].ekool_id:
            from .model import DuplicatePair
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
        account.licence_school_id = school_id
        account.updated_at = now


def transfer_journal(world: World, ekool_class_id: str, course_set: str, now: str,
                     changes: Changes | None = None) -> OpiqJournal:
    """A teacher's "Seo päevik Opiquga": the journal and its people arrive in Opiq.

    eKool-linked accounts are reused; everyone else gets a new linked account, which is
    how an old unlinked account becomes a duplicate. New students get a licence only
    while the school's pool has a free one.
    """
    changes = changes if changes is not None else Changes()
    cls = world.ekool_classes.get(ekool_class_id)
    if cls is None:
        raise DomainError(404, "not_found", f"eKool journal {ekool_class_id} does not exist.")
    school_id = opiq_school_for_org(world, cls.school_id)
    for journal in world.opiq_journals.values():
        if journal.ekool_class_id == ekool_class_id:
            raise DomainError(409, "already_transferred",
                              f"Journal {cls.title} is already in Opiq ({journal.id}).")
    teachers = [
        _account_for(world, world.ekool_people[pid], school_id, "teacher", now, changes).id
        for pid in cls.teacher_ids]
    students = []
    for pid in cls.student_ids:
        account = _account_for(world, world.ekool_people[pid], school_id, "student", now,
                               changes)
        _license_if_free(world, account, school_id, now)
        students.append(account.id)
    journal_id = next_id(world, "opq-jnl", world.opiq_journals)
    journal = OpiqJournal(id=journal_id, school_id=school_id, name=cls.title, origin="ekool",
                          ekool_class_id=cls.id, course_set=course_set, teacher_ids=teachers,
                          student_ids=students, refreshed_at=now, created_at=now)
    world.opiq_journals[journal_id] = journal
    changes.journals.add(journal_id)
    return journal
