"""Each evidence rule on its own: what it says and which way it weighs."""

from __future__ import annotations

from opiq_admin.services.duplicates.matching import evidence as ev
from opiq_admin.services.duplicates.matching.evidence import Findings, Profile, assess, class_codes


def person(first="Mari", last="Tamm", *, linked=False, **kw) -> Profile:
    kw.setdefault("roles", {"11111": frozenset({"student"})})
    kw.setdefault("created_at", "2026-09-05T08:00:00+00:00" if linked
                  else "2023-02-01T08:00:00+00:00")
    return Profile(id="new" if linked else "old", first_name=first, last_name=last,
                   linked=linked, **kw)


def weights(found: Findings) -> dict[str, float]:
    return dict(zip(found.reasons, found.weights, strict=True))


def test_class_codes_from_journal_names():
    assert class_codes("7.b matemaatika") == ("7.b",)
    assert class_codes("7b mata") == ("7.b",)
    assert class_codes("7.B mate") == ("7.b",)
    assert class_codes("Matemaatika 10.a") == ("10.a",)
    assert class_codes("Matemaatika 7. klass") == ()
    assert class_codes("Inglise keel 2024") == ()


def test_id_code_validated_gives_birth_date_and_sex():
    code = ev.parse_code("37605030299")
    assert code.estonian and code.birth_date == "1976-05-03" and code.sex == "M"
    foreign = ev.parse_code("010190-12345")
    assert not foreign.estonian and foreign.value == "01019012345"
    assert not ev.parse_code("37605030290").estonian  # bad check digit: literal only


def test_same_class_for_and_other_class_against():
    found, _ = assess(person(classes=frozenset({"7.b"})),
                      person(linked=True, classes=frozenset({"7.b"})))
    assert weights(found)["same class 7.b"] > 0
    found, _ = assess(person(classes=frozenset({"6.b"})),
                      person(linked=True, classes=frozenset({"7.b"})))
    assert any("a year before" in r for r in found.reasons)
    found, _ = assess(person(classes=frozenset({"4.a"})),
                      person(linked=True, classes=frozenset({"7.b"})))
    assert weights(found)["different classes 4.a / 7.b"] < 0


def test_teacher_classes_only_count_when_shared():
    roles = {"11111": frozenset({"teacher"})}
    found, kind = assess(person(roles=roles, classes=frozenset({"4.a"})),
                         person(linked=True, roles=roles, classes=frozenset({"7.b"})))
    assert kind == "teacher"
    assert not any("class" in r for r in found.reasons)


def test_email_rules():
    found, _ = assess(person(email="Mari.Tamm@gmail.com"),
                      person(linked=True, email="mari.tamm@gmail.com"))
    assert weights(found)["same e-mail address"] > 3
    found, _ = assess(person(email="mari.tamm@hot.ee"), person(linked=True))
    assert weights(found)["e-mail mari.tamm@ contains the name Mari Tamm"] > 0
    found, _ = assess(person(email="mari2012@hot.ee"), person(linked=True,
                                                             birth_date="2012-04-01"))
    assert weights(found)["e-mail mari2012@ contains the birth year 2012"] > 0
    found, _ = assess(person(email="mari2009@hot.ee"), person(linked=True,
                                                             birth_date="2012-04-01"))
    assert any(w < 0 for r, w in weights(found).items() if "not the birth year" in r)
    found, _ = assess(person("Tanel", "H."), person("Tanel", "Hunt", linked=True))
    with_mail, _ = assess(person("Tanel", "H.", email="hunt.tanel@hot.ee"),
                          person("Tanel", "Hunt", linked=True))
    assert with_mail.total > found.total + 1.5


def test_roles_and_kind():
    teacher = {"11111": frozenset({"teacher"})}
    found, kind = assess(person(), person(linked=True, roles=teacher))
    assert weights(found)["one is a student, the other a teacher"] < 0
    assert kind == "teacher"
    found, kind = assess(person(), person(linked=True))
    assert kind == "student" and weights(found)["both are students there"] > 0


def test_other_school_weighs_against():
    found, _ = assess(person(), person(linked=True, roles={"22222": frozenset({"student"})}))
    assert weights(found)["no school in common"] < 0


def test_creation_order_age_and_licence():
    found, _ = assess(person(has_license=True), person(linked=True))
    assert weights(found)["the unlinked account was created first"] > 0
    assert weights(found)["the licence stayed with the unlinked account"] > 0
    found, _ = assess(person(created_at="2026-10-01T00:00:00Z"), person(linked=True))
    assert weights(found)["the unlinked account was created after the linked one"] < -3
    found, _ = assess(person(created_at="2020-01-01T00:00:00Z"),
                      person(linked=True, birth_date="2017-05-01"))
    assert weights(found)["the unlinked account was made when the person was 2"] < -3


def test_vetoes():
    found, _ = assess(person(birth_date="2012-01-01"), person(linked=True,
                                                              birth_date="2012-01-02"))
    assert found.veto.startswith("different birth dates")
    found, _ = assess(person(code_raw="61001010009"), person(linked=True,
                                                            code_raw="61001010018"))
    assert found.veto == "different valid personal ID codes"
    found, _ = assess(person(code_raw="31001010006"), person(linked=True,
                                                            code_raw="61001010009"))
    assert found.veto == "ID codes give different sex"
    found, _ = assess(person("Sergei", "Ivanov"), person("Sergei", "Ivanova", linked=True))
    assert "different sex" in found.veto
    found, _ = assess(person("Mari", "Tamm"), person("Liis", "Kask", linked=True))
    assert found.veto == "names differ"


def test_id_code_birth_date_agrees_with_record():
    found, _ = assess(person(birth_date="2010-01-01"), person(linked=True,
                                                              code_raw="61001010009"))
    assert "same birth date 2010-01-01" in found.reasons


def test_typo_that_is_another_name_in_use_is_doubted():
    plain, _ = assess(person("Lenna", "Kuusk"), person("Lenna", "Kask", linked=True))
    doubted, _ = assess(person("Lenna", "Kuusk"), person("Lenna", "Kask", linked=True),
                        known=frozenset({"kuusk"}))
    assert doubted.total < plain.total - 2
