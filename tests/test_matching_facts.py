"""Facts read off one account: class codes, ID codes, timestamps, the merged account."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np

from opiq_admin.services.duplicates.matching.facts import (
    class_codes,
    compact_code,
    parse_code,
    parse_time,
)
from opiq_admin.services.duplicates.matching.frame import accounts_of, text_list
from opiq_admin.services.duplicates.records import AccountRecord


def test_class_codes_from_journal_names():
    assert class_codes("7.b matemaatika") == ("7.b",)
    assert class_codes("7b mata") == ("7.b",)
    assert class_codes("7.B mate") == ("7.b",)
    assert class_codes("Matemaatika 10.a") == ("10.a",)
    assert class_codes("Matemaatika 7. klass") == ()
    assert class_codes("Inglise keel 2024") == ()
    assert class_codes("13.a") == ()  # no such grade


def test_id_code_validated_gives_birth_date_and_sex():
    code = parse_code("37605030299")
    assert code.estonian and code.birth_date == "1976-05-03" and code.sex == "M"
    foreign = parse_code("010190-12345")
    assert not foreign.estonian and foreign.value == "01019012345"
    assert not parse_code("37605030290").estonian  # bad check digit: literal only
    assert compact_code(" 3760503 0299 ") == "37605030299"


def test_birth_date_from_the_record_or_else_from_the_id_code():
    def account(n, birth=None, code=None, school="11111"):
        return AccountRecord(id=f"a{n}", first_name="Mari", last_name="Tamm", birth_date=birth,
                             id_code=code, school=school)

    records = [account(0, code="61001010009"), account(1, "2011-02-03", "61001010009"),
               account(2, code="010190-12345"), account(3),
               # In its first school by code the record has no birth date, in the other one
               # it has: the account has it.
               account(4, code="61001010009"),
               account(4, "2012-05-06", "61001010009", school="22222")]
    accounts = accounts_of(records)
    details = accounts.detail(np.arange(len(accounts)))
    texts = text_list(accounts)
    born = [texts[b] if b >= 0 else None for b in details.born.tolist()]
    assert born == ["2010-01-01", "2011-02-03", None, None, "2012-05-06"]


def test_times_without_a_zone_are_utc_and_bad_ones_none():
    assert parse_time("2026-09-05T08:00:00Z") == datetime(2026, 9, 5, 8, tzinfo=UTC)
    assert parse_time("2026-09-05T08:00:00") == datetime(2026, 9, 5, 8, tzinfo=UTC)
    assert parse_time("") is None
    assert parse_time("yesterday") is None
