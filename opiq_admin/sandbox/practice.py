"""What the practice controls do to eKool: the roster changes that happen there in life.

They live apart from `logic` because no client of the real services can cause them; they
exist so that a rehearsal can make every situation of the guide happen on demand.
"""

from __future__ import annotations

import random

from stdnum.ee import ik

from .indexes import next_id
from .logic import Changes, DomainError, revision
from .model import EkoolPerson, World

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
