"""The eKool side of a seeded school: classes, pupils, teachers and journals.

Pupils' birth dates follow the Estonian school start (a child who is seven by 1 October
starts grade 1), so age, grade and ID code agree. Families and namesakes are planted on
purpose: twins in one class, siblings in other grades, and two different pupils with the
same name, so that a similar name is not proof of one person.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from opiq_admin.sandbox.model import EkoolJournal, EkoolPerson
from opiq_admin.sandbox.names import SUBJECTS_BASIC, SUBJECTS_PRIMARY, SUBJECTS_UPPER, email_local
from opiq_admin.sandbox.seed_context import EKOOL_SYNCED, SCHOOL_YEAR, Context
from opiq_admin.sandbox.spelling import NameInfo

LANGUAGES = {"inglise keel", "vene keel", "saksa keel"}


@dataclass
class ClassPlan:
    code: str  # "7.b"
    grade: int
    student_ids: list[str] = field(default_factory=list)
    journal_ids: list[str] = field(default_factory=list)


@dataclass
class SchoolPlan:
    """What the generator knows about one school beyond the World (used while seeding)."""

    index: int
    name: str
    org_id: str
    opiq_id: str
    status: str  # "ok" | "not_enabled" | "missing_in_ekool" | "mismatch"
    russian_share: float
    size: int
    grades: list[int]
    domain: str
    classes: list[ClassPlan] = field(default_factory=list)
    teacher_ids: list[str] = field(default_factory=list)
    subject_journals: list[tuple[str, str, int]] = field(default_factory=list)  # id, subj, gr
    # pupil id → the family member they were made after (twin or sibling)
    family_of: dict[str, str] = field(default_factory=dict)
    namesakes: list[tuple[str, str]] = field(default_factory=list)

    @property
    def student_ids(self) -> list[str]:
        return [pid for cls in self.classes for pid in cls.student_ids]


def subjects_for(grade: int) -> list[str]:
    if grade <= 4:
        return SUBJECTS_PRIMARY if grade >= 3 else SUBJECTS_PRIMARY[:3] + SUBJECTS_PRIMARY[4:]
    return SUBJECTS_BASIC if grade <= 9 else SUBJECTS_UPPER


def cohort(grade: int) -> tuple[datetime.date, datetime.date]:
    """Birth dates of a grade: seven years old by 1 October of the year they started."""
    start_year = SCHOOL_YEAR - grade + 1
    return (datetime.date(start_year - 8, 10, 2), datetime.date(start_year - 7, 10, 1))


def build_roster(ctx: Context, plan: SchoolPlan, teachers: int | None,
                 previous: SchoolPlan | None) -> None:
    """Fill one school's eKool side: classes and pupils, teachers, journals."""
    _classes(ctx, plan)
    _namesakes(ctx, plan, previous)
    _teachers(ctx, plan, teachers)
    _journals(ctx, plan)


def _class_grades(plan: SchoolPlan, count: int) -> list[int]:
    grades = plan.grades
    if count <= len(grades):
        return [grades[i * len(grades) // count] for i in range(count)]
    return sorted(grades[i % len(grades)] for i in range(count))


def _classes(ctx: Context, plan: SchoolPlan) -> None:
    rng = ctx.rng
    count = max(1, round(plan.size / rng.uniform(18, 25)))
    letters: dict[int, int] = {}
    for grade in _class_grades(plan, count):
        letters[grade] = letters.get(grade, 0) + 1
        plan.classes.append(ClassPlan(f"{grade}.{'abcdefghij'[letters[grade] - 1]}", grade))
    seats = [plan.size // count + (1 if i < plan.size % count else 0) for i in range(count)]
    for i, cls in enumerate(plan.classes):
        while len(cls.student_ids) < seats[i]:
            name = ctx.draw_name(rng.choice("MF"), rng.random() < plan.russian_share)
            pupil = _pupil(ctx, plan, cls, name, ctx.day_between(*cohort(cls.grade)))
            roll = rng.random()
            if roll < 0.014 and seats[i] - len(cls.student_ids) >= 1:
                sex = rng.choice("MF")
                twin = ctx.relative(name, sex)
                code = pupil.id_code if pupil.id_country == "EE" else ""
                other = _pupil(ctx, plan, cls, twin, datetime.date.fromisoformat(
                    pupil.birth_date), twin_of=code)
                plan.family_of[other.id] = pupil.id
            elif roll < 0.07:
                later = [j for j in range(i + 1, count) if plan.classes[j].grade != cls.grade
                         and len(plan.classes[j].student_ids) < seats[j]]
                if later:
                    target = plan.classes[rng.choice(later)]
                    sibling = ctx.relative(name, rng.choice("MF"))
                    other = _pupil(ctx, plan, target, sibling,
                                   ctx.day_between(*cohort(target.grade)))
                    plan.family_of[other.id] = pupil.id


def _pupil(ctx: Context, plan: SchoolPlan, cls: ClassPlan, name: NameInfo,
           born: datetime.date, twin_of: str = "") -> EkoolPerson:
    email = "" if cls.grade <= 3 and ctx.rng.random() < 0.6 else ctx.student_email(
        name, plan.domain)
    person = ctx.person(name, born, {plan.org_id: "student"}, email, twin_of=twin_of)
    cls.student_ids.append(person.id)
    return person


def _namesakes(ctx: Context, plan: SchoolPlan, previous: SchoolPlan | None) -> None:
    """Rename a few pupils to the name of another pupil here or at the school before."""
    rng = ctx.rng
    pupils = [pid for pid in plan.student_ids if pid not in plan.family_of]
    taken = set(plan.family_of.values())
    pupils = [pid for pid in pupils if pid not in taken]
    if len(pupils) < 4:
        return
    wanted = max(1, plan.size // 120)
    sources: list[tuple[str, list[str]]] = [("here", pupils)] * wanted
    if previous is not None and previous.classes:
        sources.append(("previous", previous.student_ids))
    for where, pool in sources:
        for _ in range(30):
            model_id, target_id = rng.choice(pool), rng.choice(pupils)
            model, target = ctx.names[model_id], ctx.names[target_id]
            same = (model.given, model.family) == (target.given, target.family)
            if model_id == target_id or same:
                continue
            if model.sex != target.sex or model.russian != target.russian:
                continue
            if where == "here" and _class_of(plan, model_id) == _class_of(plan, target_id):
                continue
            _rename(ctx, plan, target_id, model)
            plan.namesakes.append((model_id, target_id))
            pupils.remove(target_id)
            break


def _class_of(plan: SchoolPlan, pid: str) -> str:
    for cls in plan.classes:
        if pid in cls.student_ids:
            return cls.code
    return ""


def _rename(ctx: Context, plan: SchoolPlan, pid: str, name: NameInfo) -> None:
    person = ctx.world.ekool_people[pid]
    person.given_name, person.family_name = name.given, name.family
    ctx.names[pid] = name
    if person.email:
        person.email = ctx.student_email(name, plan.domain) or person.email


def _teachers(ctx: Context, plan: SchoolPlan, teachers: int | None) -> None:
    rng = ctx.rng
    count = max(1, teachers) if teachers is not None else max(4, round(plan.size / 11))
    for i in range(count):
        sex = "F" if rng.random() < 0.78 else "M"
        name = ctx.draw_name(sex, rng.random() < plan.russian_share)
        if plan.index == 0 and i == 0:
            name = NameInfo("Tiina", "Tamm", "F")
        born = ctx.day_between(datetime.date(1958, 1, 1), datetime.date(1999, 12, 31))
        local = f"{email_local(name.given)}.{email_local(name.family)}"
        person = ctx.person(name, born, {plan.org_id: "teacher"},
                            ctx.unique_email(local, plan.domain))
        plan.teacher_ids.append(person.id)


def _journals(ctx: Context, plan: SchoolPlan) -> None:
    rng = ctx.rng
    world = ctx.world
    teachers = plan.teacher_ids
    by_subject: dict[str, list[str]] = {}
    subjects = sorted({s for g in plan.grades for s in subjects_for(g)})
    for i, tid in enumerate(teachers):
        by_subject.setdefault(subjects[i % len(subjects)], []).append(tid)
    turn: dict[str, int] = {}

    def teacher_for(subject: str) -> str:
        pool = by_subject.get(subject) or teachers
        turn[subject] = turn.get(subject, -1) + 1
        return pool[turn[subject] % len(pool)]

    def add(cls: ClassPlan, title: str, kind: str, subject: str, teacher: str,
            students: list[str]) -> str:
        jid = ctx.new_id("ek-jnl")
        world.ekool_journals[jid] = EkoolJournal(
            id=jid, school_id=plan.org_id, title=title, class_code=cls.code, class_type=kind,
            subject=subject, teacher_ids=[teacher], student_ids=list(students),
            date_last_modified=EKOOL_SYNCED)
        cls.journal_ids.append(jid)
        return jid

    for n, cls in enumerate(plan.classes):
        add(cls, cls.code, "homeroom", "", teachers[n % len(teachers)], cls.student_ids)
        options = subjects_for(cls.grade)
        chosen = sorted(rng.sample(range(len(options)), min(len(options), rng.randint(3, 5))))
        for k in chosen:
            subject = options[k]
            title = f"{cls.code} {subject}"
            if subject in LANGUAGES and cls.grade >= 4 and len(cls.student_ids) >= 16 \
                    and rng.random() < 0.3:
                half = len(cls.student_ids) // 2
                for group, members in ((1, cls.student_ids[:half]),
                                       (2, cls.student_ids[half:])):
                    jid = add(cls, f"{title} ({group}. rühm)", "scheduled", subject,
                              teacher_for(subject), members)
                    plan.subject_journals.append((jid, subject, cls.grade))
                continue
            jid = add(cls, title, "scheduled", subject, teacher_for(subject), cls.student_ids)
            plan.subject_journals.append((jid, subject, cls.grade))
    _give_everyone_lessons(ctx, plan)


def _give_everyone_lessons(ctx: Context, plan: SchoolPlan) -> None:
    """A teacher whose subject no class happened to get takes over a colleague's journal."""
    journals = ctx.world.ekool_journals
    held: dict[str, list[str]] = {tid: [] for tid in plan.teacher_ids}
    for jid, _, _ in plan.subject_journals:
        held[journals[jid].teacher_ids[0]].append(jid)
    for tid in plan.teacher_ids:
        if held[tid]:
            continue
        busiest = max(plan.teacher_ids, key=lambda t: len(held[t]))
        if len(held[busiest]) < 2:
            return
        jid = held[busiest].pop()
        journals[jid].teacher_ids = [tid]
        held[tid].append(jid)
