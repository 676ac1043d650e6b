"""What the practice controls do to eKool: the roster changes that happen there in life.

They live apart from `logic` because no client of the real services can cause them; they
exist so that a rehearsal can make every situation of the guide happen on demand.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence

from stdnum.ee import ik

from opiq_admin.sandbox.clock import parse_time
from opiq_admin.sandbox.indexes import next_id
from opiq_admin.sandbox.logic import Changes, DomainError, advance_clock, revision
from opiq_admin.sandbox.model import EkoolPerson, OpiqAccount, World

_GIVEN = ["Mari", "Jüri", "Kätlin", "Õnne", "Märt", "Tõnu", "Ülle", "Sander", "Liis", "Karl",
          "Annika", "Mihkel", "Grete", "Rasmus", "Kärt", "Oskar", "Triinu", "Siim"]
_FAMILY = ["Tamm", "Saar", "Sepp", "Mägi", "Kask", "Kukk", "Rebane", "Ilves", "Pärn", "Koppel",
           "Lepik", "Õunapuu", "Käärik", "Šarapova", "Žukov", "Põder", "Lõhmus", "Kõiv"]
_ASCII = str.maketrans("õäöüšžÕÄÖÜŠŽ", "oaouszOAOUSZ")


def _new_student(world: World, org_id: str) -> EkoolPerson:
    """A new pupil who has never had an Opiq account; deterministic in the seed."""
    person_id = next_id("ek-usr", world.ekool_people)
    rng = random.Random(f"{world.seed}:{person_id}")
    given, family = rng.choice(_GIVEN), rng.choice(_FAMILY)
    year = int(world.clock[:4]) - rng.randint(7, 18)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    first = str((3 if year < 2000 else 5) + rng.randint(0, 1))  # century and sex
    body = f"{first}{year % 100:02d}{month:02d}{day:02d}{rng.randint(0, 999):03d}"
    slug = f"{given}.{family}".lower().translate(_ASCII)
    return EkoolPerson(
        id=person_id, given_name=given, family_name=family,
        email=f"{slug}.{person_id.rsplit('-', 1)[1]}@example.ee",
        id_code=body + ik.calc_check_digit(body), id_country="EE",
        birth_date=f"{year:04d}-{month:02d}-{day:02d}", roles={org_id: "student"},
        date_last_modified=world.clock)


def change_roster(world: World, class_id: str, add: list[str], remove: list[str],
                  new_students: int) -> tuple[Changes, list[str]]:
    """Adds and removes pupils of an eKool journal, as a teacher would in eKool.

    Answers the changes and the ids of the pupils it created.
    """
    cls = world.ekool_journals.get(class_id)
    if cls is None:
        raise DomainError(404, "not_found", f"eKool journal {class_id} does not exist.")
    for pid in [*add, *remove]:
        if pid not in world.ekool_people:
            raise DomainError(400, "unknown_user", f"eKool user {pid} does not exist.")
    for pid in add:
        if world.ekool_people[pid].roles.get(cls.school_id) not in (None, "student"):
            raise DomainError(409, "not_a_student", f"eKool user {pid} is not a student there.")
    changes = Changes(ekool_journals={cls.id})
    now = world.clock
    for pid in add:
        person = world.ekool_people[pid]
        if pid not in cls.student_ids:
            cls.student_ids.append(pid)
            cls.removed.pop(pid, None)
        if cls.school_id not in person.roles:
            person.roles[cls.school_id] = "student"
            person.date_last_modified = now
            changes.ekool_people.add(pid)
    for pid in remove:
        if pid in cls.student_ids:
            cls.student_ids.remove(pid)
            cls.removed[pid] = now
    created = []
    for _ in range(new_students):
        person = _new_student(world, cls.school_id)
        world.ekool_people[person.id] = person
        cls.student_ids.append(person.id)
        changes.ekool_people.add(person.id)
        created.append(person.id)
    cls.date_last_modified = now
    cls.revision = revision(cls) + 1  # type: ignore[attr-defined]
    return changes, created


UNSET = object()  # a field the request left out, as opposed to one set to null


def change_account(world: World, account_id: str, school_id: str | None,
                   ekool_id: str | object | None, roles: Sequence[str] | None,
                   has_license: bool | None) -> tuple[Changes, str]:
    """Changes an Opiq account as Opiq's own web pages would: the owner links it to eKool
    (or unlinks it), an administrator changes its roles or its licence by hand. A rehearsal
    uses it to make a reviewed pair go stale before the remedy runs.

    Answers the changes and the school the account is shown at.
    """
    from opiq_admin.sandbox.indexes import licence_pool, set_licence

    account = world.opiq_accounts.get(account_id)
    if account is None:
        raise DomainError(404, "not_found", f"User {account_id} does not exist.")
    school = school_id or next(iter(account.roles), "")
    if school not in world.opiq_schools:
        raise DomainError(404, "not_found", f"School {school or '(none)'} does not exist.")
    if has_license is not None and roles is None and school not in account.roles:
        raise DomainError(404, "not_found", f"User {account_id} is not at school {school}.")
    if ekool_id is not UNSET:
        new_link = str(ekool_id or "")
        holder = world.linked.get(new_link) if new_link else None
        if holder and holder != account.id:
            raise DomainError(409, "already_linked",
                              f"eKool user {new_link} is linked to another Opiq account.")
        if account.ekool_id:
            world.linked.pop(account.ekool_id, None)
        account.ekool_id = new_link
        if new_link:
            world.linked[new_link] = account.id
            person = world.ekool_people.get(new_link)
            if person is not None:  # a linked account learns these from eKool
                account.id_code, account.birth_date = person.id_code, person.birth_date
    if roles is not None:
        account.roles[school] = list(dict.fromkeys(roles))
        if "student" not in roles and account.licence_school_id == school:
            set_licence(world, account, "")
    if has_license is not None and has_license != (account.licence_school_id == school):
        if has_license:
            if licence_pool(world, school)["free"] <= 0:
                raise DomainError(409, "no_free_licence", "The school has no free licence.")
            set_licence(world, account, school)
        else:
            set_licence(world, account, "")
    account.updated_at = world.clock
    return Changes(accounts={account.id}), school



def bring_to_today(world: World, today: datetime.date) -> None:
    """The practice world as a person meets it: its clock at today's date (the seed's fixed
    clock is its past; crossing the days runs Opiq's nightly refresh), and then one
    transferred journal changed in eKool — a pupil gone, a new one come — so the view of
    journals changed since their transfer has one to rehearse with."""
    days = (today - parse_time(world.clock).date()).days
    if days > 0:
        advance_clock(world, days)
    transferred = sorted((j for j in world.opiq_journals.values()
                          if j.origin == "ekool" and j.ekool_class_id in world.ekool_journals),
                         key=lambda j: (len(j.id), j.id))
    for journal in transferred:
        cls = world.ekool_journals[journal.ekool_class_id]
        if len(cls.student_ids) >= 2:
            change_roster(world, cls.id, [], [cls.student_ids[-1]], 1)
            break
    plant_namesakes(world)


def plant_namesakes(world: World, count: int = 2) -> list[str]:
    """Namesakes to rehearse the ambiguous case: for `count` student duplicates, another
    unlinked account at the same school with the same name — someone else, or the same
    person twice; only a person can tell. Answers the accounts made."""
    made = []
    for pair in sorted((p for p in world.duplicates if p.kind == "student"),
                       key=lambda p: (len(p.old), p.old))[:count]:
        old = world.opiq_accounts[pair.old]
        account_id = next_id("opq-usr", world.opiq_accounts)
        slug = f"{old.first_name}.{old.last_name}".lower().translate(_ASCII).replace(" ", "")
        world.opiq_accounts[account_id] = OpiqAccount(
            id=account_id, first_name=old.first_name, last_name=old.last_name,
            email=f"{slug}.{account_id.rsplit('-', 1)[1]}@gmail.com", id_code="",
            birth_date="", ekool_id="", created_at=old.created_at,
            roles={school: ["student"] for school in old.roles}, updated_at=world.clock)
        made.append(account_id)
    return made
