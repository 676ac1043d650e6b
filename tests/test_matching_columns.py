"""The duplicate scan's column work agrees with the definitions it speeds up.

Blocking joins numbers, names are compared once per distinct pair with a vectorised
first pass, and times are parsed by numpy; each must give what the plain definitions
(string keys, `name_level`, `parse_time`) give on the same data.
"""

from __future__ import annotations

import random
from collections import defaultdict
from itertools import product

import numpy as np
import pytest

from opiq_admin.bench.duplicates import world_records
from opiq_admin.sandbox.seed import generate
from opiq_admin.services.duplicates.matching import compare as cmp
from opiq_admin.services.duplicates.matching import scan
from opiq_admin.services.duplicates.matching.blocking import block_keys, candidate_pairs
from opiq_admin.services.duplicates.matching.facts import compact_code, parse_time
from opiq_admin.services.duplicates.matching.frame import accounts_of, moments, text_list
from opiq_admin.services.duplicates.matching.pairs import Values, name_levels
from opiq_admin.services.duplicates.records import AccountRecord


@pytest.fixture(scope="module")
def records():
    return world_records(generate(3, schools=3, students=600))


def test_blocking_finds_exactly_the_pairs_sharing_a_string_key(records):
    accounts = accounts_of(records)
    olds, news = candidate_pairs(accounts, records)
    found = {(accounts.ids[o], accounts.ids[n]) for o, n in zip(olds, news, strict=True)}

    linked = defaultdict(bool)
    for r in records:
        linked[r.id] |= r.ekool_id is not None
    heads = {}
    for r in records:
        heads.setdefault(r.id, r)
    index = defaultdict(set)
    for r in records:
        if not linked[r.id]:
            head = heads[r.id]
            for key in block_keys(head.first_name, head.last_name, head.birth_date):
                index[r.school, key].add(r.id)
    expected = set()
    for r in records:
        if linked[r.id]:
            head = heads[r.id]
            for key in block_keys(head.first_name, head.last_name, head.birth_date):
                expected.update((o, r.id) for o in index.get((r.school, key), ()))
    by_value = defaultdict(set)
    for r in records:
        if not linked[r.id]:
            if r.id_code:
                by_value["code", compact_code(r.id_code)].add(r.id)
            if r.email:
                by_value["email", r.email.casefold()].add(r.id)
    for r in records:
        if linked[r.id]:
            if r.id_code:
                expected.update((o, r.id) for o in by_value["code", compact_code(r.id_code)])
            if r.email:
                expected.update((o, r.id) for o in by_value["email", r.email.casefold()])
    assert len(expected) > 100
    assert found == expected


NAMES = ["Mari", "Maria", "Mari-Liis", "Marii", "Liis", "Jevgeni", "Evgeny", "Sasha",
         "Aleksandr", "Ivanov", "Ivanova", "Tamm", "Tam", "Kask", "Kõiv", "Koiv", "M",
         "Kristjan", "Kristajn", "Kaspar", "Robert", "Vassiljeva", "Vasilyeva", " ", "",
         "Anna Maria", "Anna-Maria", "Jaan-Erik", "Erik", "Männik-Arro", "Arro", "Kütt-Saar",
         "Saar", "Kivi-Leppik", "Leppik", "Hele Mai", "Hans", "jayde n", "jordan", "la rance",
         "lachlan", "Ivanova-Tamm", "Sasha Ivanov", "Marta", "Marja", "Kass", "Liisa"]


@pytest.mark.parametrize("surname", [False, True])
def test_name_levels_at_once_are_name_level_pair_by_pair(surname):
    texts: dict[str, int] = {"": 0}
    for name in NAMES:
        texts.setdefault(name, len(texts))
    values = Values(list(texts))
    pairs = list(product(NAMES, NAMES))
    a = np.asarray([texts[x] for x, _ in pairs])
    b = np.asarray([texts[y] for _, y in pairs])
    at_once = name_levels(values, a, b, surname).tolist()
    one_by_one = [cmp.name_level(x, y, surname) for x, y in pairs]
    assert at_once == one_by_one
    assert {cmp.N_OTHER, cmp.N_EXACT, cmp.N_PARTIAL}.issubset(at_once)
    assert (-1 in at_once) == surname  # Ivanov / Ivanova


def test_moments_are_parse_time_at_once():
    texts = ["2021-08-23T09:14:05+00:00", "2026-09-05T08:00:00Z", "2026-09-05T08:00:00",
             "2026-09-05T23:30:00-02:00", "", "2026-01-31T23:59:59.5+00:00", "2024-02-29",
             "2026-09-05 08:00:00+03:00"]
    seconds, days = moments(texts)
    for text, second, day in zip(texts, seconds.tolist(), days.tolist(), strict=True):
        moment = parse_time(text)
        if moment is None:
            assert np.isnan(second) and day == -1
        else:
            assert second == moment.timestamp()
            assert day == moment.year * 10000 + moment.month * 100 + moment.day


def test_details_are_read_only_for_accounts_asked_for(records):
    accounts = accounts_of(records)
    asked = np.asarray([0, 1, 2])
    details = accounts.detail(asked)
    assert details.done.sum() == 3
    texts = text_list(accounts)
    assert texts[details.email[0]] == (accounts.heads[0].email or "")


FIRSTS = ["Mari", "Maria", "Mari-Liis", "Jevgeni", "Evgeny", "Kristjan", "Kristajn", "M", "",
          "Anna Maria", "Jüri", "Juri", "Tõnis", "Tonis"]
LASTS = ["Tamm", "Tam", "Ivanov", "Ivanova", "Kask", "Kõiv", "Koiv", "Männik-Arro", "Arro", ""]


def _awkward_records(seed: int) -> list[AccountRecord]:
    """Accounts in several schools, a school with old accounts only, ID codes and addresses
    shared across schools, blank names."""
    rng = random.Random(seed)
    out = []
    for i in range(rng.randint(5, 80)):
        linked = rng.random() < 0.5
        first, last = rng.choice(FIRSTS), rng.choice(LASTS)
        schools = ["11111", "22222", "33333", ""] + ([] if linked else ["44444"] * 3)
        for school in set(rng.sample(schools, rng.choice([1, 1, 1, 2]))):
            out.append(AccountRecord(
                id=f"a{i}", first_name=first, last_name=last,
                email=rng.choice([None, f"{first[:1].lower()}{last.lower()}2012@x.ee",
                                  "pere@x.ee", "Pere@X.ee"]),
                id_code=rng.choice([None, None, "61001010009", "010190-12345", "6100101 0009"]),
                birth_date=rng.choice([None, "2012-07-04", "2012-04-07", "2010-01-01"]),
                ekool_id=f"e{i}" if linked else None,
                roles=rng.choice([("student",), ("teacher",), ("student", "teacher"), ()]),
                created_at=rng.choice(["", "2021-08-23T09:14:05+00:00",
                                       "2025-09-01T08:00:00+03:00", "2026-01-05"]),
                has_license=rng.random() < 0.5, school=school,
                journals=rng.choice([(), ("7.b matemaatika",), ("8.b mata", "8b eesti")])))
    return out


@pytest.mark.parametrize("seed", range(60))
def test_awkward_inputs_give_one_answer_whatever_their_order(seed):
    records = _awkward_records(seed)
    shuffled = records[:]
    random.Random(seed).shuffle(shuffled)
    assert scan(records).to_dict() == scan(shuffled).to_dict()

