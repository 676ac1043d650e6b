"""The integration check's statuses and advice, on hand-made schools of both sides."""

from __future__ import annotations

import pytest

from opiq_admin.services.clients.models import EkoolPerson, EkoolSchool, OpiqUser, School
from opiq_admin.services.integration.advice import GUIDE_MESSAGE
from opiq_admin.services.integration.check import check_school, name_similarity
from opiq_admin.services.integration.enable import compare_identities, mask_id_code


def opiq_school(name: str, code: str, enabled: bool = False) -> School:
    return School.from_json({"id": "opq-sch-1", "name": name, "ehis_id": code, "integration": {
        "ekool": {"enabled": enabled, "ekool_org_id": None, "ekool_name": None,
                  "enabled_at": None}}})


def ekool_school(name: str, code: str, sid: str = "ek-org-1") -> EkoolSchool:
    return EkoolSchool(sid, name, code, "active", "2026-01-01T00:00:00Z")


def test_ok_and_not_enabled_by_code():
    ekool = [ekool_school("Tartu Kesklinna Kool", "111")]
    assert check_school(opiq_school("Tartu Kesklinna Kool", "111", True), ekool).status == "ok"
    check = check_school(opiq_school("Tartu Kesklinna Kool", "111"), ekool, lang="en")
    assert check.status == "not_enabled"
    assert "Luba liidestus" in check.advice


def test_missing_code_quotes_the_guide_and_names_the_ekool_steps():
    ekool = [ekool_school("Tallinna Kesklinna Põhikool", "")]
    check = check_school(opiq_school("Tallinna Kesklinna Pk", "4321"), ekool)
    assert check.status == "missing_in_ekool"
    assert GUIDE_MESSAGE.format(code="4321") in check.advice
    assert "„+“ → „Profiil“" in check.advice
    assert check.ekool_ehis_code is None


def test_mismatch_says_which_school_and_which_code_is_official():
    ekool = [ekool_school("Pärnu Vanalinna Põhikool", "9999"),
             ekool_school("Pärnu Ülejõe Gümnaasium", "5555", "ek-org-2")]
    check = check_school(opiq_school("Pärnu Vanalinna Pk", "1234"), ekool, lang="en",
                         official={"1234": "Pärnu Vanalinna Põhikool"})
    assert check.status == "mismatch"
    assert check.ekool_school_id == "ek-org-1"
    assert "1234" in check.advice and "9999" in check.advice
    assert "official code is 1234" in check.advice


def test_not_found_when_no_name_is_close():
    check = check_school(opiq_school("Võru Kreutzwaldi Kool", "77"),
                         [ekool_school("Narva Keeltelütseum", "88")])
    assert check.status == "not_found_in_ekool"
    assert check.ekool_school_id is None


def test_school_names_compare_across_abbreviation_and_diacritics():
    assert name_similarity("Tallinna Kesklinna Pk", "Tallinna Kesklinna Põhikool") == 100
    assert name_similarity("Torva Gümn.", "Tõrva Gümnaasium") == 100
    assert name_similarity("Tartu Hansa Kool", "Narva Keeltelütseum") < 60


@pytest.mark.parametrize(("code", "masked"), [("49403136515", "•••••••6515"), (None, "—")])
def test_id_code_is_masked_but_for_the_last_digits(code, masked):
    assert mask_id_code(code) == masked


def _opiq_user(first: str, last: str, code: str | None) -> OpiqUser:
    return OpiqUser.from_json({"id": "opq-usr-1", "first_name": first, "last_name": last,
                               "email": None, "id_code": code, "ekool_id": None, "roles": []})


def _ekool_person(given: str, family: str, code: str) -> EkoolPerson:
    return EkoolPerson.from_json({"sourcedId": "ek-usr-1", "givenName": given,
                                  "familyName": family, "email": None, "identifier": code,
                                  "identifierCountry": "EE", "roles": []})


def test_identity_check_refuses_different_people():
    same = compare_identities(_opiq_user("Mari", "Maasikas", None),
                              _ekool_person("Mari", "Maasikas", "48001010000"))
    assert same.same_person
    other = compare_identities(_opiq_user("Mari", "Maasikas", None),
                               _ekool_person("Jüri", "Juurikas", "37001010000"))
    assert not other.same_person
    by_code = compare_identities(_opiq_user("Mari", "Maasikas", "48001010000"),
                                 _ekool_person("Mari", "Maasikas", "48001010001"))
    assert not by_code.same_person and "differ" in by_code.reason


def test_working_integration_with_two_names_says_the_names_differ():
    ekool = [ekool_school("Tallinna Kesklinna Põhikool", "18611")]
    check = check_school(opiq_school("Tallinna Kesklinna Pk", "18611", True), ekool)
    assert check.status == "ok"
    assert "mõlemal pool samad" not in check.advice
    assert "„Tallinna Kesklinna Pk“" in check.advice
    assert "„Tallinna Kesklinna Põhikool“" in check.advice
    same = check_school(opiq_school("Tallinna  kesklinna Põhikool", "18611", True), ekool,
                        lang="en")
    assert same.advice == ("The integration works: school name and EHIS code agree on both "
                           "sides.")
