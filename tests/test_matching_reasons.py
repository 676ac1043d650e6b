"""Every reason the engine gives on practice data reads in Estonian on the review page."""

from __future__ import annotations

from opiq_admin.bench.duplicates import world_records
from opiq_admin.sandbox.seed import generate
from opiq_admin.services.duplicates.matching import scan
from opiq_admin.services.duplicates.matching.reasons import reason_in


def test_known_shapes_translate():
    assert reason_in("same school 18611", "et") == "sama kool 18611"
    assert reason_in("first and last name swapped: Mikk Tõnisson ~ Tõnisson Mikk", "et") == \
        "ees- ja perekonnanimi vahetuses: Mikk Tõnisson ~ Tõnisson Mikk"
    assert reason_in("names match after folding case, spacing and diacritics: A ~ Ä", "et") \
        .startswith("nimed klapivad")
    assert reason_in("same e-mail name ksulg@, but different given names", "et") == \
        "sama e-posti nimi ksulg@, aga eri eesnimed"
    assert reason_in("same school 18611", "en") == "same school 18611"
    assert reason_in("something new", "et") == "something new"


def test_every_reason_on_generated_data_has_an_estonian_form():
    result = scan(world_records(generate(3, schools=4, students=1200)))
    reasons = {r for c in (*result.pairs, *result.ambiguous) for r in c.reasons}
    assert reasons
    untranslated = sorted(r for r in reasons if reason_in(r, "et") == r)
    assert untranslated == []
