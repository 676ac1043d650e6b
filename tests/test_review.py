"""The review service without Qt or network: one approved pair per account, masked ID
codes, the differences shown side by side, and a formula-safe CSV."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

from opiq_admin.services.clients.models import Account
from opiq_admin.services.duplicates.review import (
    AMBIGUOUS,
    APPROVED,
    PROPOSED,
    REJECTED,
    ReviewItem,
    conflicts,
    differences,
    mask_id_code,
    to_csv,
)


def account(id_: str, first: str, last: str, *, ekool: str | None = None,
            email: str | None = None, code: str | None = None,
            licence: bool = False) -> Account:
    return Account(id=id_, first_name=first, last_name=last, email=email, id_code=code,
                   birth_date=None, ekool_id=ekool, roles=("student",),
                   created_at="2024-09-01T08:00:00Z", has_license=licence, school="12345",
                   journals=("7.b matemaatika",))


def item(old: Account, new: Account, found: str = PROPOSED, decision: str = "",
         note: str = "") -> ReviewItem:
    return ReviewItem(old=old, new=new, score=0.97, kind="student", reasons=("same name",),
                      found=found, school="Tartu Õunapuu Kool", ehis="12345",
                      school_id="opq-sch-1", decision=decision, note=note)


OLD_A = account("o1", "Kätlin", "Õunapuu", email="katlin@example.ee", licence=True)
NEW_A = account("n1", "Kätlin", "Õunapuu", ekool="ek-1", email="katlin@kool.ee",
                code="61203030033")
OLD_B = account("o2", "Kätlin", "Õunapuu")
NEW_B = account("n2", "Märt", "Šarapov", ekool="ek-2")


def test_an_account_already_approved_refuses_a_second_pair() -> None:
    approved = item(OLD_A, NEW_A, decision=APPROVED)
    rival = item(OLD_B, NEW_A, found=AMBIGUOUS)
    other = item(OLD_B, NEW_B)
    refused = conflicts([approved, rival, other], [rival, other])
    assert refused == {rival.key: approved}


def test_within_one_selection_the_first_pair_for_an_account_wins() -> None:
    first = item(OLD_A, NEW_A, found=AMBIGUOUS)
    second = item(OLD_B, NEW_A, found=AMBIGUOUS)
    assert conflicts([first, second], [first, second]) == {second.key: first}


def test_rejected_pairs_and_the_pair_itself_do_not_conflict() -> None:
    rejected = item(OLD_A, NEW_A, decision=REJECTED)
    again = item(OLD_A, NEW_A, decision=APPROVED)
    rival = item(OLD_B, NEW_A, found=AMBIGUOUS)
    assert conflicts([rejected, rival], [rival]) == {}
    assert conflicts([again], [again]) == {}


def test_id_codes_show_the_last_four_digits_only() -> None:
    assert mask_id_code("61203030033") == "•••••••0033"
    assert mask_id_code(None) == ""
    assert mask_id_code("123") == "123"


def test_differences_mark_what_both_say_differently() -> None:
    assert differences(OLD_A, NEW_A) == {"email", "licence"}
    assert "id_code" not in differences(OLD_A, NEW_A)  # the old account has none
    assert "name" in differences(OLD_A, NEW_B)
    swapped_case = replace(NEW_A, first_name="KÄTLIN", email="katlin@example.ee",
                           has_license=True)
    assert differences(OLD_A, swapped_case) == set()


def test_status_follows_the_decision_and_csv_is_formula_safe() -> None:
    noted = item(OLD_A, NEW_A, decision="pending", note="=HYPERLINK(\"http://x\")")
    assert noted.status == PROPOSED
    assert item(OLD_A, NEW_A, decision=REJECTED).status == REJECTED
    rows = list(csv.DictReader(io.StringIO(to_csv([noted]).lstrip("\ufeff")),
                               delimiter=";"))
    assert rows[0]["note"] == "'=HYPERLINK(\"http://x\")"
    assert rows[0]["old_name"] == "Kätlin Õunapuu"
    assert noted.to_pair() == {"old": "o1", "new": "n1", "score": 0.97, "kind": "student",
                               "reasons": ["same name"]}
