"""The Fellegi–Sunter model: levels, estimated weights, posteriors that weigh rivals, and
the fast JSON Lines reader agreeing with the line-by-line one."""

from __future__ import annotations

import json

from opiq_admin.services.duplicates.matching import compare as cmp
from opiq_admin.services.duplicates.matching import model as fs
from opiq_admin.services.duplicates.matching.blocking import other_keys, phonetic
from opiq_admin.services.duplicates.records import _fast_jsonl, _iter_jsonl


def test_birth_date_levels_forgive_slips_but_not_other_dates():
    assert cmp.birth_level("2012-07-04", "2012-07-04") == cmp.B_SAME
    assert cmp.birth_level("2012-07-04", "2012-04-07") == cmp.B_SWAPPED
    assert cmp.birth_level("2012-07-04", "2013-07-04") == cmp.B_SLIP
    assert cmp.birth_level("2012-07-04", "2012-07-05") == cmp.B_SLIP
    assert cmp.birth_level("2012-07-04", "2021-07-04") == cmp.B_SLIP  # neighbours swapped
    assert cmp.birth_level("2012-07-04", "2015-11-23") == cmp.B_OTHER


def test_name_levels_in_bands():
    assert cmp.name_level("tonis", "Tõnis", False) == cmp.N_EXACT
    assert cmp.name_level("Evgeny", "Jevgeni", False) == cmp.N_TRANSLIT
    assert cmp.name_level("Kristjan", "Kristajn", False) == cmp.N_TYPO
    assert cmp.name_level("Mari", "Mari-Liis", False) == cmp.N_PARTIAL
    assert cmp.name_level("Kaspar", "Robert", False) == cmp.N_OTHER
    assert cmp.name_level("Ivanov", "Ivanova", True) == -1


def test_blocking_keys_survive_typing_errors_in_both_names():
    assert phonetic("Tamm") == phonetic("Tam") == phonetic("Tamn"[:3])
    typed = other_keys("Micheala", "Nuemann", "1915-11-11")
    right = other_keys("Michaela", "Neumann", "1915-11-11")
    assert typed & right


def test_a_rival_and_no_partner_both_lower_the_posterior():
    model = fs.default_model()
    levels = tuple([cmp.N_EXACT, cmp.N_EXACT, cmp.O_STRAIGHT] + [0] * 9)
    alone = fs.Candidates(olds=[0], news=[0], patterns=[0], extra=[0.0], levels=[levels],
                          prior_share=[1 / 30], school_of=[0], olds_in=[10])
    rivals = fs.Candidates(olds=[0, 0], news=[0, 1], patterns=[0, 0], extra=[0.0, 0.0],
                           levels=[levels], prior_share=[1 / 30], school_of=[0], olds_in=[10])
    one = fs.posteriors(model, alone)[0]
    two = fs.posteriors(model, rivals)
    assert 0.5 < one < 1.0
    assert two[0] == two[1] < 0.5 < one
    model.school_pi = [0.2]
    assert fs.posteriors(model, alone)[0] < one


def test_a_rival_its_own_old_account_claims_takes_little():
    # Two namesakes: new 1 is also claimed by old 1 with an ID code, so old 0 has in truth
    # only new 0; a plain normalisation against every rival would halve its score.
    model = fs.default_model()
    name = tuple([cmp.N_EXACT, cmp.N_EXACT, cmp.O_STRAIGHT] + [0] * 9)
    code = tuple([cmp.N_EXACT, cmp.N_EXACT, cmp.O_STRAIGHT, cmp.C_SAME] + [0] * 8)
    c = fs.Candidates(olds=[0, 0, 1], news=[0, 1, 1], patterns=[0, 0, 1], extra=[0.0] * 3,
                      levels=[name, code], prior_share=[1 / 30, 1 / 30], school_of=[0, 0],
                      olds_in=[10])
    claimed = fs.posteriors(model, c)
    assert claimed[2] > 0.999
    assert claimed[0] > 0.9 > 0.5 > claimed[1]
    free = fs.posteriors(model, fs.Candidates(
        olds=[0, 0], news=[0, 1], patterns=[0, 0], extra=[0.0] * 2, levels=[name],
        prior_share=[1 / 30], school_of=[0], olds_in=[10]))
    assert free[0] == free[1] < 0.5


def test_one_letter_apart_is_a_typo_only_as_fingers_slip():
    assert cmp.name_level("Sqar", "Saar", True) == cmp.N_TYPO  # a neighbouring key
    assert cmp.name_level("Sije", "Sirje", False) == cmp.N_TYPO  # a letter dropped inside
    assert cmp.name_level("Lauir", "Lauri", False) == cmp.N_TYPO  # two letters swapped
    assert cmp.name_level("Marta", "Marja", False) == cmp.N_FUZZY  # another name
    assert cmp.name_level("Kask", "Kass", True) == cmp.N_FUZZY
    assert cmp.name_level("Liis", "Liisa", False) == cmp.N_FUZZY
    # A double name is compared whole: Mari-Liis is no typing error for Märt.
    assert cmp.name_level("Mari-Liis", "Märt", False) == cmp.N_OTHER


def test_em_learns_that_a_level_is_common_among_true_pairs():
    model = fs.default_model()
    agree = tuple([cmp.N_EXACT, cmp.N_EXACT, cmp.O_STRAIGHT, 0, 0, 0, 0, 0, cmp.K_NEXT, 0, 0, 0])
    c = fs.Candidates(olds=list(range(50)), news=list(range(50)), patterns=[0] * 50,
                      extra=[0.0] * 50, levels=[agree], prior_share=[1 / 50] * 50,
                      school_of=[0] * 50, olds_in=[50])
    before = model.m[cmp.CLASS][cmp.K_NEXT - 1]
    fs.expect_maximise(model, c, 50)
    assert model.m[cmp.CLASS][cmp.K_NEXT - 1] > before
    assert model.pi > fs.PI_DEFAULT


def test_weights_in_words():
    assert fs.strength(5.0) == "strong evidence for one person, ×148"
    assert fs.strength(-1.0) == "weak evidence against, ×1/2.7"


def test_fast_reader_agrees_with_the_line_by_line_one():
    rows = [{"id": f"a{i}", "first_name": "Tõnis", "last_name": "Kõiv", "email": None,
             "birth_date": "2012-01-0" + str(i % 9 + 1), "roles": ["student"],
             "journals": ["7.b"], "has_license": i % 2 == 0, "school": "1",
             "created_at": "2023-01-01T00:00:00Z", "extra": [1, 2]} for i in range(20)]
    raw = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode()
    fast = _fast_jsonl(raw)
    assert fast is not None
    assert fast == list(_iter_jsonl(raw.decode(), "a.jsonl"))
    assert _fast_jsonl(raw.replace(b'"student"', b'"pupil"', 1)) is None
    assert _fast_jsonl(raw + b" {}") is None  # two values on one line
    one = json.dumps(rows[0]).encode()
    # a blank line does not hide two values on another
    assert _fast_jsonl(one + b"\n\n" + one + b" " + one + b"\n") is None
    assert _fast_jsonl(one + b"\r\n  \r\n" + one + b"\r\n") is not None
