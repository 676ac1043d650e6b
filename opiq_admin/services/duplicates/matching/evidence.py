"""The evidence that an old, unlinked account and a new, eKool-linked one are one person.

Every rule returns a weight in log-odds (how many times likelier the observation is for one
person than for two, on a natural-log scale) with a sentence a person can check. Weights
add up; the engine turns the sum into a score with the logistic function, so a weight of
+2.3 means "ten times likelier". A rule that finds two facts which cannot both be true of
one person (two valid ID codes, two birth dates) vetoes the pair instead.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass, field

from opiq_admin.services.duplicates.matching import names
from opiq_admin.services.duplicates.matching.facts import Code, class_codes, parse_code, parse_time

__all__ = ["Code", "Findings", "Profile", "assess", "class_codes", "parse_code", "parse_time"]

# Weights, in log-odds. Chosen so that a name alone never reaches a proposal unless the
# school and role agree too, and one contradiction outweighs any two soft agreements.
W_PRIOR = -5.0
W_NAME_FIELD = {names.EXACT: 3.5, names.FOLDED: 3.5, names.TRANSLIT: 3.0, names.NICKNAME: 2.2}
W_NAME_INITIAL = 0.3
W_NAME_PARTIAL = -1.2
W_EXTRA_PART = -2.0
W_TYPO_IS_A_NAME = -2.5
W_NICKNAME_IS_A_NAME = -1.0
W_SWAPPED = -0.5
W_SAME_SCHOOL = 1.0
W_OTHER_SCHOOL = -1.5
W_SAME_ROLE = 0.5
W_ROLE_CLASH = -3.0
W_ID_CODE = 9.0
W_ID_CODE_FOREIGN_DIFFERS = -6.0
W_BIRTH_DATE = 2.5
W_EMAIL_SAME = 4.0
W_EMAIL_LOCAL_SAME = 2.5
W_EMAIL_FULL_NAME = 1.2
W_EMAIL_SURNAME = 0.5
W_EMAIL_COMPLETES_INITIAL = 2.0
W_EMAIL_OTHER_NAME = -1.0
W_EMAIL_YEAR = 1.5
W_EMAIL_OTHER_YEAR = -2.5
W_EMAIL_SHORT_YEAR = 0.5
W_EMAIL_OTHER_SHORT_YEAR = -2.2
W_TOO_YOUNG = -4.0  # the account was made years before the person could go to school
W_YOUNG = -2.5
SCHOOL_AGE = 7
W_SAME_CLASS = 2.0
W_NEXT_CLASS = 0.5
W_OTHER_CLASS = -2.5
W_CREATED_BEFORE = 0.5
W_CREATED_AFTER = -4.0
W_LICENCE_LEFT_BEHIND = 0.5

@dataclass(slots=True)
class Profile:
    """One account with its records from every school merged."""

    id: str
    first_name: str
    last_name: str
    linked: bool
    email: str = ""
    code_raw: str | None = None
    birth_date: str | None = None
    created_at: str = ""
    has_license: bool = False
    roles: dict[str, frozenset[str]] = field(default_factory=dict)  # school → roles
    classes: frozenset[str] = frozenset()

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def code(self) -> Code | None:
        """Parsed on demand: validation is the costliest step and most pairs never need it."""
        return parse_code(self.code_raw) if self.code_raw else None

    @property
    def born(self) -> str | None:
        if self.birth_date:
            return self.birth_date
        return self.code.birth_date if self.code else None


@dataclass(slots=True)
class Findings:
    """The evidence on one candidate pair: weighted reasons, or a veto."""

    weights: list[float] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    veto: str = ""

    def add(self, weight: float, reason: str, *, first: bool = False) -> None:
        at = 0 if first else len(self.weights)
        self.weights.insert(at, weight)
        self.reasons.insert(at, reason)

    @property
    def total(self) -> float:
        return W_PRIOR + sum(self.weights)


def _field_weight(match: names.PartMatch) -> float:
    if match.level == names.TYPO:
        return 3.5 * match.score - 1.0
    if match.level == names.INITIAL:
        return W_NAME_INITIAL
    weight = W_NAME_FIELD.get(match.level, 0.0)
    return weight if match.complete else weight + W_NAME_PARTIAL


def _extra_parts(old: str, new: str, match: names.PartMatch) -> str:
    """People drop half of a double name when they type it, but seldom add one."""
    if match.complete or match.level in (names.NONE, names.INITIAL):
        return ""
    old_parts, new_parts = names.tokens(old), names.tokens(new)
    if len(old_parts) > len(new_parts):
        return " ".join(p for p in old_parts if p not in new_parts) or old.strip()
    return ""


def _describe(match_g: names.PartMatch, match_s: names.PartMatch) -> str:
    levels = {match_g.level, match_s.level}
    if names.INITIAL in levels:
        return "one name given only by its initial"
    if names.TYPO in levels:
        return "names match up to a typing error"
    if names.NICKNAME in levels:
        return "a nickname of the same given name"
    if names.TRANSLIT in levels:
        return "names match as transliterations of one name"
    if names.FOLDED in levels:
        return "names match after folding case, spacing and diacritics"
    return "same name"


def _typo_is_a_name(pairs: tuple[tuple[str, str, names.PartMatch], ...],
                    known: Container[str], found: Findings) -> None:
    """A "typing error" that spells another name in use is more likely that other name."""
    for typed, other, match in pairs:
        if match.level == names.NICKNAME and names.fold(typed) in known:
            found.add(W_NICKNAME_IS_A_NAME, f"{typed.strip()} is a nickname of {other.strip()} "
                                            "but also a name of its own")
            return
        if match.level == names.TYPO and names.fold(typed) in known:
            found.add(W_TYPO_IS_A_NAME, f"{typed.strip()} is itself a name in use, "
                                        f"not a misspelt {other.strip()}")
            return


def name_evidence(old: Profile, new: Profile, found: Findings,
                  known: Container[str] = frozenset()) -> bool:
    """Add the name evidence; False when the names do not fit one person at all.

    `known` holds the folded names of linked accounts (register spellings), so that a
    typing error which happens to be a real name (Kuusk for Kask) is doubted.
    """
    straight = (names.match_parts(old.first_name, new.first_name),
                names.match_parts(old.last_name, new.last_name, True))
    swapped = (names.match_parts(old.first_name, new.last_name, True),
               names.match_parts(old.last_name, new.first_name, True))
    if straight[1].clash or swapped[0].clash or swapped[1].clash:
        found.veto = f"surnames of one family but of different sex: {old.name} / {new.name}"
        return False
    w_straight = (_field_weight(straight[0]) + _field_weight(straight[1])
                  if straight[0].score and straight[1].score else None)
    w_swapped = (_field_weight(swapped[0]) + _field_weight(swapped[1]) + W_SWAPPED
                 if swapped[0].score and swapped[1].score else None)
    if w_straight is None and w_swapped is None:
        return False
    if w_swapped is not None and (w_straight is None or w_swapped > w_straight):
        found.add(w_swapped, f"first and last name swapped: {old.name} ~ {new.name}",
                  first=True)
        _typo_is_a_name(((old.first_name, new.last_name, swapped[0]),
                         (old.last_name, new.first_name, swapped[1])), known, found)
        return True
    match_g, match_s = straight
    assert w_straight is not None
    extra = _extra_parts(old.first_name, new.first_name, match_g) or _extra_parts(
        old.last_name, new.last_name, match_s)
    if extra:
        found.add(W_EXTRA_PART, f"the unlinked account has a name part the register lacks: "
                                f"{extra}")
    text = _describe(match_g, match_s)
    if not (match_g.complete and match_s.complete) and names.INITIAL not in (
            match_g.level, match_s.level):
        text = "part of a double name matches" + ("" if text == "same name" else f"; {text}")
    found.add(w_straight, f"{text}: {old.name} ~ {new.name}", first=True)
    _typo_is_a_name(((old.first_name, new.first_name, match_g),
                     (old.last_name, new.last_name, match_s)), known, found)
    return True


def identity_evidence(old: Profile, new: Profile, found: Findings) -> None:
    """ID code and birth date: the strong evidence, both ways."""
    both = bool(old.code_raw and new.code_raw)
    a, b = (old.code, new.code) if both else (None, None)
    if a and b and a.estonian == b.estonian:
        if a.value == b.value:
            found.add(W_ID_CODE, "same personal ID code" + ("" if a.estonian else " (foreign)"))
        elif a.estonian:
            if a.sex != b.sex:
                found.veto = "ID codes give different sex"
            else:
                found.veto = "different valid personal ID codes"
            return
        else:
            found.add(W_ID_CODE_FOREIGN_DIFFERS, "different foreign ID codes")
    born_a, born_b = old.born, new.born
    if born_a and born_b:
        if born_a != born_b:
            found.veto = f"different birth dates {born_a} / {born_b}"
        elif not (a and b and a.value == b.value):
            found.add(W_BIRTH_DATE, f"same birth date {born_a}")


def school_evidence(old: Profile, new: Profile, found: Findings) -> str:
    """School and roles; returns the pair's kind ("student" or "teacher")."""
    shared = sorted(set(old.roles) & set(new.roles))
    if not shared:
        found.add(W_OTHER_SCHOOL, "no school in common")
        new_roles = frozenset().union(*new.roles.values()) if new.roles else frozenset()
        return "teacher" if "teacher" in new_roles and "student" not in new_roles else "student"
    found.add(W_SAME_SCHOOL, f"same school {', '.join(shared)}")
    old_roles = frozenset().union(*(old.roles[s] for s in shared))
    new_roles = frozenset().union(*(new.roles[s] for s in shared))
    common = old_roles & new_roles & {"student", "teacher"}
    if "student" in common:
        found.add(W_SAME_ROLE, "both are students there")
        return "student"
    if "teacher" in common:
        found.add(W_SAME_ROLE, "both are teachers there")
        return "teacher"
    if {"student", "teacher"} == (old_roles | new_roles) & {"student", "teacher"} and (
            old_roles & {"student", "teacher"}) and (new_roles & {"student", "teacher"}):
        found.add(W_ROLE_CLASH, "one is a student, the other a teacher")
    return "teacher" if "teacher" in new_roles and "student" not in new_roles else "student"


def _local_part(email: str) -> str:
    return email.split("@", 1)[0].casefold()


_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-2]\d)(?!\d)")
_SHORT_YEAR = re.compile(r"(?<=[a-z])(\d\d)\Z")


def birth_year_evidence(local: str, new: Profile, found: Findings) -> None:
    """Children put their birth year in addresses ("mari2012"); the linked account knows it."""
    born = new.born
    if not born:
        return
    years = _YEAR.findall(local)
    if years:
        if born[:4] in years:
            found.add(W_EMAIL_YEAR, f"e-mail {local}@ contains the birth year {born[:4]}")
        else:
            found.add(W_EMAIL_OTHER_YEAR, f"e-mail {local}@ holds the year {years[0]}, "
                                          f"not the birth year {born[:4]}")
        return
    short = _SHORT_YEAR.search(local)
    if not short:
        return
    digits = short.group(1)
    if digits == born[2:4]:
        found.add(W_EMAIL_SHORT_YEAR, f"e-mail {local}@ ends in the birth year's digits")
    elif abs(int(digits) - int(born[2:4])) <= 12:
        # one year off is a classmate's slip; further off is more likely another person
        gap = abs(int(digits) - int(born[2:4]))
        found.add(W_EMAIL_OTHER_SHORT_YEAR if gap > 1 else W_EMAIL_OTHER_SHORT_YEAR / 2,
                  f"e-mail {local}@ ends in {digits}, not the birth year's digits {born[2:4]}")


def _made_of_name(local: str, person: Profile) -> bool:
    """"mari.tamm" says little more than the name itself: namesakes have it too."""
    parts = names.fold(re.sub(r"[^a-zA-Z]", " ", local)).split()
    whole = names.fold(person.name).replace(" ", "")
    return bool(parts) and all(part in whole for part in parts)


def email_evidence(old: Profile, new: Profile, found: Findings) -> None:
    a, b = old.email.casefold(), new.email.casefold()
    if a and b and a == b:
        found.add(W_EMAIL_SAME, "same e-mail address")
        return
    if not a:
        return
    typed = _local_part(a)
    if b and typed == _local_part(b) and len(typed) >= 5 and not _made_of_name(typed, new):
        found.add(W_EMAIL_LOCAL_SAME, f"same e-mail name {typed}@")
        return
    birth_year_evidence(typed, new, found)
    local = names.skeleton(typed)
    if len(local) < 3:
        return
    surnames = [s for s in names.skeletons(new.last_name) if len(s) >= 3]
    givens = [g for g in names.skeletons(new.first_name) if len(g) >= 2]
    nicks = [n for g in givens for n in names.nicknames(g)]
    has_surname = any(s in local for s in surnames)
    has_given = any(g in local for g in givens) or any(names.skeleton(n) in local for n in nicks)
    if has_surname and len(names.fold(old.last_name).replace(" ", "")) == 1:
        found.add(W_EMAIL_COMPLETES_INITIAL,
                  f"e-mail {typed}@ spells out the surname {new.last_name}")
    elif has_surname and has_given:
        found.add(W_EMAIL_FULL_NAME, f"e-mail {typed}@ contains the name {new.name}")
    elif has_surname or (has_given and any(len(g) >= 5 for g in givens)):
        found.add(W_EMAIL_SURNAME, f"e-mail {typed}@ contains part of the name")
    elif len(local) >= 8 and not any(ch.isdigit() for ch in typed) and givens:
        # a long, name-like local part that has none of the person's names
        found.add(W_EMAIL_OTHER_NAME, f"e-mail {typed}@ does not contain the name")


def class_evidence(old: Profile, new: Profile, found: Findings, kind: str) -> None:
    """A pupil is in one class; a teacher teaches many, so only agreement counts for them."""
    if not old.classes or not new.classes:
        return
    same = sorted(old.classes & new.classes)
    if same:
        found.add(W_SAME_CLASS if kind == "student" else W_SAME_CLASS / 2,
                  f"same class {', '.join(same)}")
        return
    if kind == "teacher":
        return
    # Last year's account sits in last year's class: 6.b then 7.b.
    for earlier in sorted(old.classes):
        grade, letter = earlier.split(".")
        if f"{int(grade) + 1}.{letter}" in new.classes:
            found.add(W_NEXT_CLASS, f"class {earlier} a year before {int(grade) + 1}.{letter}")
            return
    found.add(W_OTHER_CLASS, f"different classes {', '.join(sorted(old.classes))} / "
                             f"{', '.join(sorted(new.classes))}")


def time_and_licence_evidence(old: Profile, new: Profile, found: Findings) -> None:
    t_old, t_new = parse_time(old.created_at), parse_time(new.created_at)
    if t_old and t_new:
        if t_old < t_new:
            found.add(W_CREATED_BEFORE, "the unlinked account was created first")
        elif t_old > t_new:
            found.add(W_CREATED_AFTER, "the unlinked account was created after the linked one")
    born = new.born
    if t_old and born:
        age = t_old.year - int(born[:4]) - ((t_old.month, t_old.day) < (
            int(born[5:7]), int(born[8:10])))
        if age < SCHOOL_AGE - 1:
            found.add(W_TOO_YOUNG, f"the unlinked account was made when the person was {age}")
        elif age < SCHOOL_AGE:
            found.add(W_YOUNG, f"the unlinked account was made when the person was {age}")
    if old.has_license and not new.has_license:
        found.add(W_LICENCE_LEFT_BEHIND, "the licence stayed with the unlinked account")


def assess(old: Profile, new: Profile,
           known: Container[str] = frozenset()) -> tuple[Findings, str]:
    """All evidence on one pair, strongest first; `veto` set when it cannot be one person."""
    found = Findings()
    identity_evidence(old, new, found)
    if found.veto:
        return found, ""
    named = name_evidence(old, new, found, known)
    if found.veto:
        return found, ""
    if not named:
        if W_ID_CODE not in found.weights:
            found.veto = "names differ"
            return found, ""
        found.add(-3.0, f"names differ: {old.name} / {new.name}")
    kind = school_evidence(old, new, found)
    class_evidence(old, new, found, kind)
    email_evidence(old, new, found)
    time_and_licence_evidence(old, new, found)
    return found, kind
