"""Facts read off one account: class codes, ID codes, timestamps, the merged profile."""

from __future__ import annotations

from datetime import UTC, datetime

from opiq_admin.services.duplicates.matching.facts import (
    Profile,
    class_codes,
    compact_code,
    parse_code,
    parse_time,
)


def person(first="Mari", last="Tamm", *, linked=False, **kw) -> Profile:
    kw.setdefault("roles", {"11111": frozenset({"student"})})
    return Profile(id="new" if linked else "old", first_name=first, last_name=last,
                   linked=linked, **kw)


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


def test_profile_birth_date_from_the_record_or_else_from_the_id_code():
    assert person(linked=True, code_raw="61001010009").born == "2010-01-01"
    assert person(birth_date="2011-02-03", code_raw="61001010009").born == "2011-02-03"
    assert person(code_raw="010190-12345").born is None  # a foreign code says nothing
    assert person().born is None and person().code is None
    assert person("Mari", "").name == "Mari"


def test_times_without_a_zone_are_utc_and_bad_ones_none():
    assert parse_time("2026-09-05T08:00:00Z") == datetime(2026, 9, 5, 8, tzinfo=UTC)
    assert parse_time("2026-09-05T08:00:00") == datetime(2026, 9, 5, 8, tzinfo=UTC)
    assert parse_time("") is None
    assert parse_time("yesterday") is None
