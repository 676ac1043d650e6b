"""The practice world: deterministic, realistic, and hard in the ways real rosters are."""

from __future__ import annotations

import datetime
import re
from collections import Counter, defaultdict

import pytest
from stdnum.ee import ik
from stdnum.fi import hetu
from stdnum.lv import pvn

from opiq_admin.sandbox.indexes import licences_assigned, rebuild_index
from opiq_admin.sandbox.model import World
from opiq_admin.sandbox.names import fold
from opiq_admin.sandbox.seed import generate

CLOCK = datetime.date(2026, 11, 20)


@pytest.fixture(scope="module")
def world() -> World:
    return generate()


@pytest.fixture(scope="module")
def mid() -> World:
    """Big enough for the rare cases (foreign codes, Cyrillic spellings) to show up."""
    return generate(11, schools=24, students=9000)


def _age(birth: str) -> int:
    born = datetime.date.fromisoformat(birth)
    return CLOCK.year - born.year - ((CLOCK.month, CLOCK.day) < (born.month, born.day))


def _key(first: str, last: str) -> tuple[str, str]:
    return fold(first).strip().lower(), fold(last).strip().lower()


def test_same_seed_gives_the_same_world() -> None:
    assert generate(5, schools=4, students=600) == generate(5, schools=4, students=600)


def test_another_seed_gives_another_world() -> None:
    a, b = generate(1), generate(2)
    names_a = [(p.given_name, p.family_name) for p in a.ekool_people.values()]
    names_b = [(p.given_name, p.family_name) for p in b.ekool_people.values()]
    assert names_a != names_b
    assert a.clock == b.clock == "2026-11-20T08:00:00+00:00"


def test_kept_indexes_match_indexes_rebuilt_from_the_entities() -> None:
    world = generate(4, schools=7, students=1400)
    kept = (dict(world.linked), +world.licences_held, dict(world.transferred))
    rebuild_index(world)
    assert kept == (world.linked, +world.licences_held, world.transferred)
    assert world.transferred and sum(world.licences_held.values()) > 0


def test_default_world_has_the_three_managed_situations(world: World) -> None:
    admin_person = world.ekool_people[world.admin_ekool_id]
    admin = world.opiq_accounts[world.admin_opiq_id]
    managed = [s for s in world.opiq_schools.values() if "admin" in admin.roles.get(s.id, [])]
    assert len(managed) >= 3
    ekool_by_org = world.ekool_schools
    states = set()
    for school in managed:
        org = next(o for o in ekool_by_org.values()
                   if o.name.split()[:2] == school.name.split()[:2])
        assert admin_person.roles[org.id] == "administrator"
        assert school.ehis_id.isdigit() and int(school.ehis_id) > 0
        if school.integration_enabled:
            assert school.ekool_org_id == org.id and org.ehis_code == school.ehis_id
            states.add("ok")
        elif org.ehis_code == "":
            states.add("missing")
        elif org.ehis_code != school.ehis_id:
            states.add("mismatch")
    assert states == {"ok", "missing", "mismatch"}
    students = [p for p in world.ekool_people.values() if "student" in p.roles.values()]
    assert len(students) >= 300
    kinds = Counter(d.kind for d in world.duplicates)
    assert sum(kinds.values()) >= 20
    assert kinds["student"] >= 15 and kinds["teacher"] >= 2


def test_practice_sign_ins(world: World) -> None:
    admin = world.opiq_accounts[world.admin_opiq_id]
    admin_person = world.ekool_people[world.admin_ekool_id]
    other = world.ekool_people[world.other_ekool_id]
    assert (admin.username, admin.password) == ("mari.maasikas", "harjutus")
    assert (admin_person.username, admin_person.password) == ("mari.maasikas", "harjutus")
    assert (admin.first_name, admin.last_name) == ("Mari", "Maasikas")
    assert admin.ekool_id == "" and admin.id not in world.linked.values()
    assert ik.is_valid(admin_person.id_code)
    assert (other.username, other.password) == ("juri.juurikas", "harjutus")
    assert other.given_name == "Jüri" and other.id_code != admin_person.id_code
    teachers = {p.username: p for p in world.ekool_people.values()
                if p.username and "teacher" in p.roles.values() and p.id != other.id}
    assert "tiina.tamm" in teachers
    accounts = {a.username: a for a in world.opiq_accounts.values() if a.username}
    for username in teachers:
        account = accounts[username]
        assert account.password == "harjutus"
        assert any("teacher" in roles and "admin" not in roles
                   for roles in account.roles.values())
    assert len(teachers) == len(world.opiq_schools)


def test_id_codes_are_valid_and_agree_with_birth_dates(mid: World) -> None:
    countries = Counter()
    for person in mid.ekool_people.values():
        countries[person.id_country] += 1
        born = datetime.date.fromisoformat(person.birth_date)
        if person.id_country == "EE":
            assert ik.is_valid(person.id_code), person
            assert ik.get_birth_date(person.id_code) == born
        elif person.id_country == "LV":
            assert pvn.is_valid(person.id_code)
            assert pvn.get_birth_date(person.id_code) == born
        elif person.id_country == "FI":
            assert hetu.is_valid(person.id_code)
            assert person.id_code[:6] == born.strftime("%d%m%y")
        else:
            assert person.id_code == ""
        age = _age(person.birth_date)
        role = next(iter(person.roles.values()))
        if role == "student":
            assert 7 <= age <= 19, person
        else:
            assert age >= 22
    assert countries["LV"] and countries["FI"] and countries["EE"] > 0.95 * len(mid.ekool_people)
    codes = [p.id_code for p in mid.ekool_people.values() if p.id_code]
    assert len(codes) == len(set(codes))


def test_grades_agree_with_ages(world: World) -> None:
    for journal in world.ekool_journals.values():
        assert re.fullmatch(r"\d{1,2}\.[a-j]", journal.class_code)
        assert journal.title.startswith(journal.class_code)
        grade = int(journal.class_code.split(".")[0])
        for pid in journal.student_ids:
            assert _age(world.ekool_people[pid].birth_date) in (grade + 6, grade + 7)


def test_names_are_estonian_and_russian_estonian(mid: World) -> None:
    text = " ".join(f"{p.given_name} {p.family_name}" for p in mid.ekool_people.values())
    for letter in "õäöüšžÕÄÖÜŠŽ"[:6]:
        assert letter in text
    families = {p.family_name for p in mid.ekool_people.values()}
    givens = {p.given_name for p in mid.ekool_people.values()}
    assert any("-" in f for f in families)
    assert any("-" in g or " " in g for g in givens)
    assert families & {"Kuznetsova", "Kuznetsov", "Vassiljeva", "Vassiljev"}
    assert givens & {"Jevgeni", "Aleksandr", "Jelena", "Tatjana", "Dmitri"}
    old = [a for a in mid.opiq_accounts.values() if not a.ekool_id]
    old_text = " ".join(f"{a.first_name} {a.last_name}" for a in old)
    assert re.search(r"\b(Alexander|Evgeny|Elena|Tatiana|Dmitry|Sergey)\b", old_text)
    assert re.search("[а-яё]", old_text)
    assert any(a.first_name.islower() for a in old)


def test_duplicates_are_old_unlinked_and_new_linked(world: World, mid: World) -> None:
    for w in (world, mid):
        seen = set()
        for pair in w.duplicates:
            old, new = w.opiq_accounts[pair.old], w.opiq_accounts[pair.new]
            assert old.ekool_id == "" and new.ekool_id
            assert w.old_account_of[new.ekool_id] == old.id
            assert w.linked[new.ekool_id] == new.id
            assert old.created_at < new.created_at <= w.clock
            assert old.id_code == "" and new.id_code == w.ekool_people[new.ekool_id].id_code
            assert pair.kind in new.roles[next(iter(new.roles))]
            assert (old.id, new.id) not in seen
            seen.add((old.id, new.id))
    # some of them are not just the same name typed alike
    differ = [p for p in mid.duplicates if _key(mid.opiq_accounts[p.old].first_name,
                                                mid.opiq_accounts[p.old].last_name)
              != _key(mid.opiq_accounts[p.new].first_name, mid.opiq_accounts[p.new].last_name)]
    assert len(differ) > 0.2 * len(mid.duplicates)


def test_old_accounts_are_old_and_mostly_unlinked(mid: World) -> None:
    old = [mid.opiq_accounts[a] for a in mid.old_account_of.values()]
    linked = [a for a in old if a.ekool_id]
    assert 0 < len(linked) < 0.5 * len(old)
    assert all(a.created_at < "2026-09-01" for a in old)
    assert all(a.id_code == "" and a.birth_date == "" for a in old if not a.ekool_id)
    assert sum(1 for a in old if a.licence_school_id) > 0.3 * len(old)
    assert sum(a.work_solved for a in old) > 0


def test_licences_never_exceeded_and_some_new_accounts_go_without(mid: World) -> None:
    for school in mid.opiq_schools.values():
        assert licences_assigned(mid, school.id) <= school.licence_total
    unlicensed_new = [p for p in mid.duplicates if p.kind == "student"
                      and not mid.opiq_accounts[p.new].licence_school_id]
    assert unlicensed_new
    assert all(not mid.opiq_accounts[a].licence_school_id for p in mid.duplicates
               if p.kind == "teacher" for a in (p.new,))


def test_hard_negatives_exist(world: World) -> None:
    truth = {(p.old, p.new) for p in world.duplicates}
    by_school_name: dict[tuple, list[str]] = defaultdict(list)
    twins = 0
    by_birth: dict[tuple, list[str]] = defaultdict(list)
    for person in world.ekool_people.values():
        org = next(iter(person.roles))
        by_school_name[(org, person.given_name, person.family_name)].append(person.id)
        if person.roles[org] == "student":
            by_birth[(org, person.family_name, person.birth_date)].append(person.id)
    namesakes = [ids for ids in by_school_name.values() if len(ids) > 1]
    assert namesakes
    for ids in by_birth.values():
        givens = {world.ekool_people[i].given_name for i in ids}
        if len(ids) > 1 and len(givens) == len(ids):
            twins += 1
    assert twins >= 1
    # an old account and a new linked account with the same name that are two people
    new_by_key: dict[tuple, list[str]] = defaultdict(list)
    for account in world.opiq_accounts.values():
        if account.ekool_id:
            new_by_key[_key(account.first_name, account.last_name)].append(account.id)
    false_friends = [
        (old.id, nid) for old in world.opiq_accounts.values() if not old.ekool_id
        for nid in new_by_key.get(_key(old.first_name, old.last_name), [])
        if (old.id, nid) not in truth]
    assert false_friends


def test_journals_transferred_and_waiting(world: World) -> None:
    transferred = {j.ekool_class_id for j in world.opiq_journals.values() if j.origin == "ekool"}
    hand_made = [j for j in world.opiq_journals.values() if j.origin == "opiq"]
    assert transferred and hand_made
    school = next(s for s in world.opiq_schools.values() if s.integration_enabled)
    waiting = [j for j in world.ekool_journals.values()
               if j.school_id == school.ekool_org_id and j.id not in transferred]
    assert waiting
    # tomorrow's duplicate: an unlinked old account whose person is in no transferred journal
    in_opiq = {pid for j in world.ekool_journals.values() if j.id in transferred
               for pid in (*j.student_ids, *j.teacher_ids)}
    tomorrow = [pid for j in waiting for pid in j.student_ids
                if pid not in in_opiq and pid in world.old_account_of
                and not world.opiq_accounts[world.old_account_of[pid]].ekool_id]
    assert tomorrow
    for journal in world.opiq_journals.values():
        for aid in (*journal.teacher_ids, *journal.student_ids):
            assert journal.school_id in world.opiq_accounts[aid].roles


def test_larger_world_scales_and_keeps_ids_dense() -> None:
    w = generate(2, schools=40, students=12000)
    students = sum(1 for p in w.ekool_people.values() if "student" in p.roles.values())
    assert students == 12000
    assert list(w.opiq_accounts) == [f"opq-usr-{n}" for n in range(1, len(w.opiq_accounts) + 1)]
    assert list(w.opiq_journals) == [f"opq-jnl-{n}" for n in range(1, len(w.opiq_journals) + 1)]
    assert len({s.ehis_code for s in w.ekool_schools.values() if s.ehis_code}) == \
        sum(1 for s in w.ekool_schools.values() if s.ehis_code)
    assert len({s.name for s in w.ekool_schools.values()}) == 40
    assert len(w.duplicates) > 500
