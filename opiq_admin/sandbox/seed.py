"""The practice world: a deterministic, realistic Opiq + eKool as of a November morning.

`generate` builds schools on both sides, eKool rosters with journals, old Opiq accounts
people made for themselves, and the autumn's journal transfers, which leave real
duplicate accounts behind (`world.duplicates`, the ground truth a duplicate scan is
measured against). Same arguments, same world: one seeded random stream, a fixed clock.

The first three schools are managed by the practice administrator (Mari Maasikas) and
show the three situations of the guide: an integration that works, a school whose EHIS
code is missing in eKool, and one whose codes differ.
"""

from __future__ import annotations

import datetime
import random

from opiq_admin.sandbox.model import EkoolPerson, EkoolSchool, OpiqAccount, OpiqSchool, World
from opiq_admin.sandbox.names import PLACES, SCHOOL_KINDS, email_local, fold
from opiq_admin.sandbox.seed_context import EKOOL_SYNCED, Context
from opiq_admin.sandbox.seed_opiq import old_account, seed_opiq_school
from opiq_admin.sandbox.seed_roster import SchoolPlan, build_roster
from opiq_admin.sandbox.seed_transfer import plan_transfers, run_transfers
from opiq_admin.sandbox.spelling import NameInfo

PASSWORD = "harjutus"  # noqa: S105 - the published practice password
ADMIN = NameInfo("Mari", "Maasikas", "F")
OTHER = NameInfo("Jüri", "Juurikas", "M")
# (place, kind, Opiq's spelling of the kind, integration status, share of Russian names)
MANAGED = [
    ("Tallinna Kesklinna", "Põhikool", "Pk", "ok", 0.2),
    ("Tartu Karlova", "Gümnaasium", "G", "missing_in_ekool", 0.08),
    ("Tallinna Lasnamäe", "Gümnaasium", "Gümn.", "mismatch", 0.6),
]
RUSSIAN_PLACES = ("Narva", "Sillamäe", "Kohtla-Järve", "Lasnamäe", "Maardu", "Kallaste",
                  "Mustvee", "Õismäe", "Iisaku")
GRADES = {"Põhikool": list(range(1, 10)), "Gümnaasium": list(range(1, 13)),
          "Kool": list(range(1, 13)), "Keskkool": list(range(1, 13))}


def generate(seed: int = 1, schools: int = 3, students: int = 360, *,
             teachers_per_school: int | None = None) -> World:
    """Build the world for `seed`; `schools` and `students` scale it (students in total)."""
    ctx = Context(seed)
    plans = _schools(ctx, max(schools, 1), max(students, 0))
    previous = None
    for plan in plans:
        build_roster(ctx, plan, teachers_per_school, previous)
        previous = plan
    _practice_people(ctx, plans)
    for plan in plans:
        seed_opiq_school(ctx, plan)
    run_transfers(ctx, plan_transfers(ctx, plans))
    _teacher_sign_ins(ctx, plans)
    return ctx.world


def _school_names(ctx: Context, count: int) -> list[tuple[str, str, str]]:
    """(place, kind, Opiq's kind): the managed schools, then places, then numbered schools."""
    names = [(place, kind, short) for place, kind, short, _, _ in MANAGED][:count]
    taken = {(p, k) for p, k, _ in names}
    combos = [(place, kind, short) for place in PLACES for kind, short in SCHOOL_KINDS
              if (place, kind) not in taken]
    ctx.rng.shuffle(combos)
    for place, kind, short in combos:
        if len(names) >= count:
            break
        if (place, kind) not in taken:
            taken.add((place, kind))
            names.append((place, kind, short))
    number = 1
    while len(names) < count:
        city = ("Tallinna", "Tartu", "Narva", "Pärnu")[number % 4]
        names.append((f"{city} {number // 4 + 1}.", "Kool", "Kool"))
        number += 1
    return names


def _schools(ctx: Context, count: int, students: int) -> list[SchoolPlan]:
    rng = ctx.rng
    world = ctx.world
    codes = [str(c) for c in rng.sample(range(1000, 100000), count)]
    used = set(codes)
    weights = [1.0 if i < len(MANAGED) else rng.uniform(0.5, 1.5) for i in range(count)]
    scale = students / sum(weights)
    sizes = [int(w * scale) for w in weights]
    for i in range(students - sum(sizes)):
        sizes[i % count] += 1
    domains: set[str] = set()
    plans = []
    for i, (place, kind, short) in enumerate(_school_names(ctx, count)):
        if i < len(MANAGED):
            status, russian = MANAGED[i][3], MANAGED[i][4]
        else:
            status = rng.choices(["ok", "not_enabled", "missing_in_ekool", "mismatch"],
                                 [0.65, 0.15, 0.1, 0.1])[0]
            russian = 0.85 if place.endswith(RUSSIAN_PLACES) else rng.choice((0.03, 0.08, 0.15))
        name = f"{place} {kind}"
        roll = rng.random()
        opiq_name = (name if roll < 0.4 else f"{place} {short}" if roll < 0.85
                     else f"{place} {kind.lower()}")
        code = codes[i]
        # Opiq holds the official code (EHIS's open data agrees); eKool's is the wrong one.
        ekool_code = _mistyped(rng, code, used) if status == "mismatch" else code
        domain = "".join(w[0] for w in fold(name).lower().split() if w[0].isalnum()) + ".edu.ee"
        while domain in domains:
            domain = f"{domain.split('.')[0]}{len(domains)}.edu.ee"
        domains.add(domain)
        plan = SchoolPlan(index=i, name=name, org_id=f"ek-org-{i + 1}",
                          opiq_id=f"opq-sch-{i + 1}", status=status, russian_share=russian,
                          size=sizes[i], grades=GRADES[kind], domain=domain)
        world.ekool_schools[plan.org_id] = EkoolSchool(
            id=plan.org_id, name=name,
            ehis_code="" if status == "missing_in_ekool" else ekool_code,
            date_last_modified=EKOOL_SYNCED)
        world.opiq_schools[plan.opiq_id] = OpiqSchool(
            id=plan.opiq_id, name=opiq_name, ehis_id=code,
            licence_total=round(plan.size * rng.uniform(0.86, 0.98)),
            integration_enabled=status == "ok",
            ekool_org_id=plan.org_id if status == "ok" else "")
        plans.append(plan)
    return plans


def _mistyped(rng: random.Random, code: str, used: set[str]) -> str:
    """The code as someone mistyped it into eKool's profile: two neighbouring digits swapped."""
    for _ in range(10):
        i = rng.randrange(len(code) - 1)
        other = code[:i] + code[i + 1] + code[i] + code[i + 2:]
        if other != code and other[0] != "0" and other not in used:
            used.add(other)
            return other
    while True:
        other = str(rng.randrange(1000, 100000))
        if other not in used:
            used.add(other)
            return other


def _practice_people(ctx: Context, plans: list[SchoolPlan]) -> None:
    """The practice administrator on both sides, a colleague, and each other school's admin."""
    world = ctx.world
    managed = plans[:len(MANAGED)]
    domain = managed[0].domain
    admin = ctx.person(ADMIN, datetime.date(1984, 5, 17),
                       {p.org_id: "administrator" for p in managed},
                       ctx.unique_email("mari.maasikas", domain))
    _force_estonian(ctx, admin, ADMIN)
    other = ctx.person(OTHER, datetime.date(1979, 2, 3), {p.org_id: "teacher" for p in managed},
                       ctx.unique_email("juri.juurikas", domain))
    _force_estonian(ctx, other, OTHER)
    for person in (admin, other):
        person.username, person.password = ctx.unique_username(ctx.names[person.id]), PASSWORD
    aid = ctx.new_id("opq-usr")
    world.opiq_accounts[aid] = OpiqAccount(
        id=aid, first_name=ADMIN.given, last_name=ADMIN.family, email=admin.email, id_code="",
        birth_date="", ekool_id="", created_at="2021-08-23T09:14:05+00:00",
        roles={p.opiq_id: ["admin", "teacher"] for p in managed},
        updated_at="2026-08-30T10:02:44+00:00", username=admin.username, password=PASSWORD)
    world.old_account_of[admin.id] = aid
    world.admin_opiq_id, world.admin_ekool_id, world.other_ekool_id = aid, admin.id, other.id
    for plan in plans[len(MANAGED):]:
        name = ctx.draw_name("F" if ctx.rng.random() < 0.7 else "M",
                             ctx.rng.random() < plan.russian_share)
        born = ctx.day_between(datetime.date(1962, 1, 1), datetime.date(1992, 12, 31))
        local = f"{email_local(name.given)}.{email_local(name.family)}"
        person = ctx.person(name, born, {plan.org_id: "administrator"},
                            ctx.unique_email(local, plan.domain))
        account = old_account(ctx, plan, person.id, "teacher", plan.status == "ok")
        account.roles[plan.opiq_id] = ["admin", "teacher"]


def _force_estonian(ctx: Context, person: EkoolPerson, name: NameInfo) -> None:
    """The practice people always carry an Estonian code, whatever the random roll said."""
    if person.id_country != "EE":
        person.id_country = "EE"
        person.id_code = ctx.codes.estonian(name.sex, datetime.date.fromisoformat(
            person.birth_date))


def _teacher_sign_ins(ctx: Context, plans: list[SchoolPlan]) -> None:
    """One teacher per school may sign in on both sides (to rehearse what teachers may not)."""
    world = ctx.world
    for plan in plans:
        if not plan.teacher_ids:
            continue
        tid = plan.teacher_ids[0]
        person = world.ekool_people[tid]
        aid = world.linked.get(tid) or world.old_account_of.get(tid)
        if aid is None:
            aid = old_account(ctx, plan, tid, "teacher", False).id
        person.username = ctx.unique_username(ctx.names[tid])
        person.password = PASSWORD
        account = world.opiq_accounts[aid]
        account.username, account.password = person.username, PASSWORD
