"""The Opiq side as it stood before journals came from eKool: accounts people made for
themselves years ago, licences they hold, and journals teachers put together by hand.

Most old accounts were never linked to eKool; a transfer later gives those people a
second account. Former pupils and teachers who left keep their accounts (and sometimes a
licence), and some of them share a name with someone at the school today.
"""

from __future__ import annotations

import datetime

from opiq_admin.sandbox.indexes import licence_pool, set_licence
from opiq_admin.sandbox.model import OpiqAccount, OpiqJournal
from opiq_admin.sandbox.seed_context import Context
from opiq_admin.sandbox.seed_roster import SchoolPlan, cohort
from opiq_admin.sandbox.spelling import personal_email, typed_name

FIRST_ACCOUNTS = datetime.date(2018, 1, 8)
SUMMER_BEFORE = datetime.date(2026, 8, 31)


def course_set(subject: str, grade: int) -> str:
    return f"{subject[:1].upper()}{subject[1:]} {grade}. klass"


def seed_opiq_school(ctx: Context, plan: SchoolPlan) -> None:
    """Old accounts of today's teachers and pupils, of people who left, and old journals."""
    rng = ctx.rng
    enabled = plan.status == "ok"
    for tid in plan.teacher_ids:
        if rng.random() < 0.65:
            linked = rng.random() < (0.35 if enabled else 0.15)
            old_account(ctx, plan, tid, "teacher", linked)
    special = set(plan.family_of) | set(plan.family_of.values())
    special.update(pid for pair in plan.namesakes for pid in pair)
    for cls in plan.classes:
        for pid in cls.student_ids:
            chance = 0.7 if pid in special else (0.12 if cls.grade <= 2 else 0.45)
            if rng.random() >= chance:
                continue
            account = old_account(ctx, plan, pid, "student", rng.random() < 0.12)
            if rng.random() < 0.8:
                _licence_if_free(ctx, account, plan.opiq_id)
    orphans = _former_members(ctx, plan)
    _hand_made_journals(ctx, plan, orphans)


def old_account(ctx: Context, plan: SchoolPlan, pid: str, role: str,
                linked: bool) -> OpiqAccount:
    """An account the person made themselves; `linked` when they later linked it to eKool."""
    rng = ctx.rng
    person = ctx.world.ekool_people[pid]
    name = ctx.names[pid]
    born = datetime.date.fromisoformat(person.birth_date)
    first, last = typed_name(rng, name)
    relative = plan.family_of.get(pid, "")
    shared = ctx.world.old_account_of.get(relative) if relative else None
    if shared and rng.random() < 0.25:
        email = ctx.world.opiq_accounts[shared].email  # a parent's address for both children
    elif person.email and rng.random() < 0.22:
        email = person.email
    else:
        email = ctx.unique_address(personal_email(rng, name, born.year))
    earliest = max(FIRST_ACCOUNTS, _add_years(born, 8))
    if earliest > SUMMER_BEFORE:
        earliest = SUMMER_BEFORE - datetime.timedelta(days=90)
    account = _account(ctx, first, last, email, plan.opiq_id, role, earliest)
    if linked:
        account.ekool_id, account.id_code = pid, person.id_code
        account.birth_date = person.birth_date
        ctx.world.linked[pid] = account.id
    ctx.world.old_account_of[pid] = account.id
    return account


def _account(ctx: Context, first: str, last: str, email: str, school_id: str, role: str,
             earliest: datetime.date, latest: datetime.date = SUMMER_BEFORE) -> OpiqAccount:
    rng = ctx.rng
    day = ctx.day_between(earliest, latest)
    created = ctx.moment(day, day)
    updated = ctx.moment(day, latest)
    if role == "teacher":
        materials, solved = int(rng.expovariate(1 / 25)), rng.randint(0, 10)
    else:
        materials = rng.choice((0, 0, 0, 0, 0, 0, 1, 2, 3))
        solved = int(rng.expovariate(1 / 60))
    aid = ctx.new_id("opq-usr")
    account = OpiqAccount(id=aid, first_name=first, last_name=last, email=email, id_code="",
                          birth_date="", ekool_id="", created_at=created,
                          roles={school_id: [role]}, materials_added=materials,
                          work_solved=solved, updated_at=max(created, updated))
    ctx.world.opiq_accounts[aid] = account
    return account


def _add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _licence_if_free(ctx: Context, account: OpiqAccount, school_id: str) -> None:
    if licence_pool(ctx.world, school_id)["free"] > 0:
        set_licence(ctx.world, account, school_id)


def _former_members(ctx: Context, plan: SchoolPlan) -> list[str]:
    """Accounts of people no longer at the school; some share a name with a pupil here."""
    rng = ctx.rng
    pupils = plan.student_ids
    orphans = []
    for _ in range(round(plan.size * 0.07)):
        role = "teacher" if rng.random() < 0.15 else "student"
        roll = rng.random()
        if pupils and roll < 0.1:
            name = ctx.names[rng.choice(pupils)]
        elif pupils and roll < 0.35:
            name = ctx.relative(ctx.names[rng.choice(pupils)], rng.choice("MF"))
        else:
            name = ctx.draw_name(rng.choice("MF"), rng.random() < plan.russian_share)
        born_year = rng.randint(1965, 1995) if role == "teacher" else \
            cohort(12)[0].year - rng.randint(0, 5)
        first, last = typed_name(rng, name) if rng.random() < 0.7 else (name.given, name.family)
        email = ctx.unique_address(personal_email(rng, name, born_year))
        account = _account(ctx, first, last, email, plan.opiq_id, role, FIRST_ACCOUNTS,
                           datetime.date(2024, 6, 15))
        if role == "student":
            orphans.append(account.id)
            if rng.random() < 0.5:
                _licence_if_free(ctx, account, plan.opiq_id)
    return orphans


def _hand_made_journals(ctx: Context, plan: SchoolPlan, orphans: list[str]) -> None:
    """Journals teachers made in Opiq before the integration, with the old accounts."""
    rng = ctx.rng
    world = ctx.world
    by_teacher: dict[str, list[tuple[str, str, int]]] = {}
    for entry in plan.subject_journals:
        teacher = world.ekool_journals[entry[0]].teacher_ids[0]
        by_teacher.setdefault(teacher, []).append(entry)
    for tid in plan.teacher_ids:
        teacher_account = world.old_account_of.get(tid)
        if not teacher_account or not by_teacher.get(tid) or rng.random() >= 0.45:
            continue
        entries = by_teacher[tid]
        for jid, subject, grade in rng.sample(entries, min(len(entries), rng.randint(1, 2))):
            source = world.ekool_journals[jid]
            students = [world.old_account_of[p] for p in source.student_ids
                        if p in world.old_account_of]
            if orphans and rng.random() < 0.3:
                students.append(rng.choice(orphans))
            code = source.class_code
            name = rng.choice([f"{code.replace('.', '')} {subject}",
                               course_set(subject, grade),
                               f"{code.upper()} {subject[:4]}",
                               f"{subject.capitalize()} {code}"])
            created = ctx.moment(datetime.date(2019, 8, 20), datetime.date(2026, 6, 1))
            oid = ctx.new_id("opq-jnl")
            world.opiq_journals[oid] = OpiqJournal(
                id=oid, school_id=plan.opiq_id, name=name, origin="opiq", ekool_class_id="",
                course_set=course_set(subject, grade), teacher_ids=[teacher_account],
                student_ids=list(dict.fromkeys(students)), refreshed_at="",
                created_at=created)

