"""Name normalisation: the ways one Estonian or Russian-Estonian name gets typed."""

import pytest

from opiq_admin.services.duplicates.matching import names
from opiq_admin.services.duplicates.matching.names import (
    FOLDED,
    TRANSLIT,
    TYPO,
    fold,
    match_parts,
    skeleton,
)


def test_fold_drops_marks_case_and_spacing():
    assert fold("  Tõnis   KÕIV ") == "tonis koiv"
    assert fold("Šarlotte-Žanna") == "sarlotte zanna"
    assert fold("Ülle Äär Öö") == "ulle aar oo"


@pytest.mark.parametrize(("estonian", "english"), [
    ("Aleksandr", "Alexander"), ("Jevgeni", "Evgeny"), ("Vassiljeva", "Vasilyeva"),
    ("Jelena", "Elena"), ("Jelena", "Yelena"), ("Dmitri", "Dmitry"), ("Sergei", "Sergey"),
    ("Tatjana", "Tatiana"), ("Natalja", "Natalya"), ("Juri", "Yuri"), ("Juri", "Yury"),
    ("Kuznetsova", "Kuznetsova"), ("Kovalevski", "Kovalevskiy"), ("Tšernõšov", "Chernyshov"),
    ("Krõlov", "Krylov"), ("Fjodor", "Fedor"), ("Kovaljov", "Kovalev"),
    ("Andrejev", "Andreev"), ("Štšerbakov", "Shcherbakov"), ("Mihhail", "Mikhail"),
    ("Žanna", "Zhanna"), ("Vjatšeslav", "Vyacheslav"), ("Anastassia", "Anastasia"),
])
def test_transliterations_share_a_skeleton(estonian, english):
    assert skeleton(estonian) == skeleton(english)


def test_sh_and_zh_typed_for_s_caron_and_z_caron():
    assert skeleton("Šarlotte") == skeleton("Sharlotte") == skeleton("Sarlotte")
    assert skeleton("Žukov") == skeleton("Zhukov") == skeleton("Zukov")


def test_diacritics_dropped_is_a_folded_match():
    found = match_parts("Tõnis", "Tonis")
    assert (found.score, found.level, found.complete) == (1.0, FOLDED, True)


def test_transliteration_is_a_weaker_match_than_folding():
    found = match_parts("Jevgeni", "Evgeny")
    assert found.level == TRANSLIT
    assert 0.9 <= found.score < 1.0


def test_double_name_matches_in_part_but_not_sisters():
    part = match_parts("Mari", "Mari-Liis")
    assert part.score == 1.0 and not part.complete
    assert match_parts("Tamm", "Tamm-Kask", True).score == 1.0
    assert match_parts("Mari-Ann", "Mari-Liis").score == 0.0
    assert match_parts("Mariliis", "Mari-Liis").complete
    assert match_parts("Karl Erik", "Karl-Erik").level == FOLDED


def test_typo_matches_with_lower_score():
    found = match_parts("Sebastian", "Sebastain")
    assert found.level == TYPO and 0.7 < found.score < 0.93
    assert match_parts("Ott", "Olt").score == 0.0  # one letter of three is too much
    assert match_parts("Kristiina", "Kristina").score > 0.9  # doubled letters
    assert match_parts("Mart", "Märt").level == FOLDED


def test_gendered_surnames_clash():
    assert match_parts("Ivanov", "Ivanova", True).clash
    assert match_parts("Vassiljev", "Vasilyeva", True).clash
    assert match_parts("Kovalevski", "Kovalevskaja", True).clash
    assert not match_parts("Saar", "Saara", True).clash  # Estonian surnames carry no sex
    assert not names.gender_clash("tamm", "tamm")
