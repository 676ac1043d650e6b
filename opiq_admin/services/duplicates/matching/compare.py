"""Comparison levels: what two values of one field say, as one level of that field.

The Fellegi–Sunter model (`model.py`) needs each candidate pair reduced to a vector of
discrete levels, one per field, so that how often each level occurs among true pairs (m)
and among random pairs of one school (u) can be counted and estimated. Level 0 of every
field means "nothing to compare" (a field empty on either side) and weighs nothing.

This module says it for two values; `pairs.py` applies it to every candidate pair at once,
each distinct combination of values worked out once.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from rapidfuzz.distance import OSA, JaroWinkler

from opiq_admin.services.duplicates.matching import names

# Fields, in the order of a comparison vector.
GIVEN, FAMILY, SWAP, CODE, BIRTH, EMAIL, EMAIL_YEAR, SCHOOL, CLASS, AGE, CREATED, LICENCE = \
    range(12)
FIELDS = ("given", "family", "swap", "code", "birth", "email", "email_year", "school",
          "class", "age", "created", "licence")

# Name levels (given and family name alike).
N_EXACT, N_TRANSLIT, N_NICKNAME, N_TYPO, N_FUZZY, N_PARTIAL, N_INITIAL, N_OTHER = range(1, 9)
# Name order: as the fields say, or given name and surname swapped.
O_STRAIGHT, O_SWAPPED = 1, 2
# Birth dates: the same, day and month swapped, one slip (a digit, a year or a day off), other.
B_SAME, B_SWAPPED, B_SLIP, B_OTHER = range(1, 5)
C_SAME, C_SAME_FOREIGN, C_OTHER_FOREIGN = range(1, 4)
E_SAME, E_LOCAL, E_COMPLETES, E_OWN_NAME, E_NOT_NAME, E_NEUTRAL, E_SHARED = range(1, 8)
Y_SAME, Y_SHORT_SAME, Y_OTHER, Y_SHORT_NEAR, Y_SHORT_OTHER = range(1, 6)
S_SAME_ROLE, S_SAME, S_ROLE_CLASH, S_OTHER = range(1, 5)
K_SAME, K_NEXT, K_LATER, K_SAME_GRADE, K_IMPOSSIBLE, K_OTHER = range(1, 7)
A_OK, A_YOUNG, A_TOO_YOUNG = range(1, 4)
T_BEFORE, T_AFTER = range(1, 3)
L_LEFT_BEHIND, L_NOT = range(1, 3)

LEVELS = (9, 9, 3, 4, 5, 8, 6, 5, 7, 4, 3, 3)  # number of levels per field, 0 included
SCHOOL_AGE = 7


# ---------------------------------------------------------------- names

_NAME_RANK = {names.EXACT: N_EXACT, names.FOLDED: N_EXACT, names.TRANSLIT: N_TRANSLIT,
              names.NICKNAME: N_NICKNAME, names.INITIAL: N_INITIAL}


# Two one-part names less alike than this (Jaro–Winkler) in both spellings differ, unless
# they are kin (`kin`).
FAR = 0.7


def kin(ska: str, skb: str, surname: bool) -> bool:
    """Whether two name skeletons far apart in spelling still belong together: a nickname
    and its full name, or the two sexes' forms of one surname."""
    return (surname and names.gender_clash(ska, skb)) or names.related(ska, skb)


@lru_cache(maxsize=400_000)
def name_level(a: str, b: str, surname: bool) -> int:
    """The level of two name fields; -1 for gendered surname forms of one family."""
    if not a.strip() or not b.strip():
        return 0
    fa, fb = names.fold(a), names.fold(b)
    if fa == fb:
        return N_EXACT
    if " " not in fa and " " not in fb and len(fa) > 1 and len(fb) > 1:
        # Two one-part names far apart in every spelling: settled without the full
        # comparison, which most candidate pairs of a large school would otherwise pay for.
        ska, skb = names.skeleton(a), names.skeleton(b)
        if (JaroWinkler.similarity(fa, fb) < FAR and JaroWinkler.similarity(ska, skb) < FAR
                and not kin(ska, skb, surname)):
            return N_OTHER
    match = names.match_parts(a, b, surname)
    if match.clash:
        return -1
    if match.level in _NAME_RANK:
        if not match.complete and match.level != names.INITIAL:
            return N_PARTIAL
        return _NAME_RANK[match.level]
    if match.level == names.TYPO and not match.complete:
        # One part of a double name, and that only up to a typing error: two doubts at once.
        return N_FUZZY
    fa, fb = fa.replace(" ", ""), fb.replace(" ", "")
    # The whole name's skeleton (a double name's parts run together, the last entry), not
    # its first part: "Mari-Liis" is no typing error for "Märt".
    ska, skb = (names.skeletons(a) or ("",))[-1], (names.skeletons(b) or ("",))[-1]
    jw = max(JaroWinkler.similarity(fa, fb), JaroWinkler.similarity(ska, skb))
    slips_folded = OSA.distance(fa, fb, score_cutoff=3)
    slips_skeleton = OSA.distance(ska, skb, score_cutoff=3)
    longest = max(len(fa), len(fb))
    slips = min(slips_folded, slips_skeleton)
    other_letter = slips == 1 and longest >= 4 and not one_slip(
        fa, fb, ska, skb, slips_folded, slips_skeleton, longest)
    level = int(spelling_band(jw, slips, longest, other_letter))
    if level == N_OTHER and (len(fa) == 1 or len(fb) == 1):
        return N_INITIAL if fa[:1] == fb[:1] else N_OTHER
    return level


def one_slip(fa: str, fb: str, ska: str, skb: str, slips_folded: int, slips_skeleton: int,
             longest: int) -> bool:
    """Whether two spellings one letter apart differ as fingers slip (in either spelling);
    asked only where the band depends on it."""
    if min(slips_folded, slips_skeleton) != 1 or longest < 4:
        return True
    return ((slips_folded == 1 and names.typing_slip(fa, fb))
            or (slips_skeleton == 1 and names.typing_slip(ska, skb)))


def spelling_band(jw: Any, slips: Any, longest: Any, other_letter: Any) -> Any:
    """N_TYPO, N_FUZZY or N_OTHER for two spellings (numbers or arrays of them alike), by
    their Jaro–Winkler similarity, the slips between them (optimal string alignment, 3
    meaning "3 or more"), the longer one's length (a slip is a lot in a short name), and
    whether they are one letter apart otherwise than as fingers slip: Marta / Marja, Kask /
    Kass, Liis / Liisa are as often two names as one name mistyped."""
    typo = ((slips <= 1) & (longest >= 4)) | ((jw >= 0.94) & (slips <= 2))
    fuzzy = (jw >= 0.85) | ((slips <= 2) & (longest >= 6)) | typo | other_letter
    return N_OTHER - (N_OTHER - N_FUZZY) * fuzzy - (N_FUZZY - N_TYPO) * (typo > other_letter)


_NAME_WORDS = {
    N_EXACT: "same {what}", N_TRANSLIT: "{what} match as transliterations of one name",
    N_NICKNAME: "a nickname of the same given name",
    N_TYPO: "{what} match up to a typing error", N_FUZZY: "{what} are alike",
    N_PARTIAL: "part of a double name matches", N_INITIAL: "one name given only by its initial",
    N_OTHER: "{what} differ",
}


# ---------------------------------------------------------------- dates and codes

def birth_level(a: str, b: str) -> int:
    """Dates as typed (YYYY-MM-DD, possibly impossible ones): slips count as near."""
    if a == b:
        return B_SAME
    if len(a) != 10 or len(b) != 10:
        return B_OTHER
    if a[:4] == b[:4] and a[5:7] == b[8:10] and a[8:10] == b[5:7]:
        return B_SWAPPED
    differing = sum(x != y for x, y in zip(a, b, strict=True))
    if differing <= 1:
        return B_SLIP
    if a[4:] == b[4:] and a[:4].isdigit() and b[:4].isdigit() and abs(int(a[:4]) - int(b[:4])) == 1:
        return B_SLIP
    if a[:8] == b[:8] and a[8:].isdigit() and b[8:].isdigit() and \
            abs(int(a[8:]) - int(b[8:])) == 1:
        return B_SLIP
    if OSA.distance(a, b) <= 1:  # two neighbouring digits swapped
        return B_SLIP
    return B_OTHER


# ---------------------------------------------------------------- e-mail

YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-2]\d)(?!\d)")
SHORT_YEAR = re.compile(r"(?<=[a-z])(\d\d)\Z")


def made_of_name(local: str, first: str, last: str) -> bool:
    """Whether an address's name part is made of the person's name ("mari.tamm")."""
    parts = names.fold(re.sub(r"[^a-zA-Z]", " ", local)).split()
    whole = names.fold(f"{first} {last}".strip()).replace(" ", "")
    return bool(parts) and all(part in whole for part in parts)


def email_words(level: int, typed: str, old_name: str, new_first: str, new_last: str,
                variant: bool) -> str:
    """What an e-mail level saw, in words (`typed` is the address before the @).

    `variant` is the second reading of a level: the surname spelled out (not the given
    name), only the name before the @ shared (not the whole address).
    """
    if level == E_SHARED:
        return (f"same e-mail name {typed}@, but different given names" if variant else
                "same e-mail address, but different given names")
    if level == E_SAME:
        return "same e-mail address"
    if level == E_LOCAL:
        return f"same e-mail name {typed}@"
    if level == E_COMPLETES:
        return (f"e-mail {typed}@ spells out the surname {new_last}" if variant else
                f"e-mail {typed}@ spells out the given name {new_first}")
    if level == E_OWN_NAME:
        return f"e-mail {typed}@ confirms the name {old_name}"
    if level == E_NOT_NAME:
        return f"e-mail {typed}@ does not contain the name"
    if level == E_NEUTRAL:
        return f"e-mail {typed}@ says nothing of the name"
    return ""


@lru_cache(maxsize=200_000)
def email_years(address: str) -> tuple[tuple[str, ...], str]:
    """Birth years an address may hold: four-digit years, and two digits at its end."""
    local = address.split("@", 1)[0].casefold()
    short = SHORT_YEAR.search(local)
    return tuple(YEAR.findall(local)), short.group(1) if short else ""


def email_year_level(address: str, born: str) -> tuple[int, str]:
    """Children put their birth year in addresses ("mari2012"); the linked account knows it."""
    if not born or not address or not born[:4].isdigit():
        return 0, ""
    local = address.split("@", 1)[0].casefold()
    years, digits = email_years(address)
    if years:
        if born[:4] in years:
            return Y_SAME, f"e-mail {local}@ contains the birth year {born[:4]}"
        return Y_OTHER, f"e-mail {local}@ holds the year {years[0]}, not the birth year {born[:4]}"
    if not digits:
        return 0, ""
    if digits == born[2:4]:
        return Y_SHORT_SAME, f"e-mail {local}@ ends in the birth year's digits"
    gap = abs(int(digits) - int(born[2:4]))
    if gap > 12:
        return 0, ""
    return (Y_SHORT_NEAR if gap == 1 else Y_SHORT_OTHER,
            f"e-mail {local}@ ends in {digits}, not the birth year's digits {born[2:4]}")


# ---------------------------------------------------------------- school, class, time

Roles = dict[str, frozenset[str]]  # school → roles there


def school_level(old: Roles, new: Roles) -> tuple[int, str, str]:
    """(level, words, kind): the pair's kind is the role they share, else the new one's."""
    shared = sorted(old.keys() & new.keys())
    if len(new) == 1:
        new_all = next(iter(new.values()))
    else:
        new_all = frozenset().union(*new.values()) if new else frozenset()
    fallback = "teacher" if "teacher" in new_all and "student" not in new_all else "student"
    if not shared:
        return S_OTHER, "no school in common", fallback
    where = f"same school {', '.join(shared)}"
    old_roles = frozenset().union(*(old[s] for s in shared))
    new_roles = frozenset().union(*(new[s] for s in shared))
    common = old_roles & new_roles & {"student", "teacher"}
    if "student" in common:
        return S_SAME_ROLE, f"{where}; both are students there", "student"
    if "teacher" in common:
        return S_SAME_ROLE, f"{where}; both are teachers there", "teacher"
    kinds_old, kinds_new = old_roles & {"student", "teacher"}, new_roles & {"student", "teacher"}
    if kinds_old and kinds_new:
        return S_ROLE_CLASH, f"{where}; one is a student, the other a teacher", fallback
    return S_SAME, where, fallback


def _grades(classes: frozenset[str]) -> list[tuple[int, str]]:
    out = []
    for code in classes:
        grade, _, letter = code.partition(".")
        out.append((int(grade), letter))
    return sorted(out)


def class_level(old: frozenset[str], new: frozenset[str], teacher: bool, years: int
                ) -> tuple[int, str]:
    """Grade progression counts both ways: the old account's class, a year or more before
    (never after the account was made), must be at or below the class the person is in now.

    `years` is how many school years the two accounts' creation spans (12 when unknown).
    """
    if not old or not new:
        return 0, ""
    same = sorted(old & new)
    if same:
        return K_SAME, f"same class {', '.join(same)}"
    if teacher:
        return 0, ""
    before, now = _grades(old), _grades(new)
    for g, letter in before:
        if (g + 1, letter) in now:
            return K_NEXT, f"class {g}.{letter} a year before {g + 1}.{letter}"
    old_text = ", ".join(sorted(old))
    new_text = ", ".join(sorted(new))
    if all(g > n for g, _ in before for n, _ in now) or all(
            n - g > years for g, _ in before for n, _ in now):
        return K_IMPOSSIBLE, f"class {old_text} cannot lead to class {new_text}"
    if any(0 < n - g <= years for g, _ in before for n, _ in now):
        return K_LATER, f"class {old_text} some years before {new_text}"
    if any(g == n for g, _ in before for n, _ in now):
        return K_SAME_GRADE, f"different classes {old_text} / {new_text}"
    return K_OTHER, f"different classes {old_text} / {new_text}"


def age_level(age: int) -> int:
    """The age at which the unlinked account was made: a pupil is school-aged."""
    if age < SCHOOL_AGE - 1:
        return A_TOO_YOUNG
    if age < SCHOOL_AGE:
        return A_YOUNG
    return A_OK


def age_words(age: int) -> str:
    return f"the unlinked account was made when the person was {age}"


CREATED_WORDS = {T_BEFORE: "the unlinked account was created first",
                 T_AFTER: "the unlinked account was created after the linked one"}
LICENCE_WORDS = {L_LEFT_BEHIND: "the licence stayed with the unlinked account",
                 L_NOT: "no licence left behind on the unlinked account"}
CODE_WORDS = {C_SAME: "same personal ID code", C_SAME_FOREIGN: "same personal ID code (foreign)",
              C_OTHER_FOREIGN: "different foreign ID codes"}


def birth_words(level: int, old: str, new: str) -> str:
    if level == B_SAME:
        return f"same birth date {old}"
    if level in (B_SWAPPED, B_SLIP):
        return f"birth dates {old} / {new} differ by a slip"
    return f"different birth dates {old} / {new}"


def name_words(level: int, what: str, a: str, b: str) -> str:
    if level == N_EXACT and a.strip() != b.strip():
        return f"{what} match after folding case, spacing and diacritics: {a.strip()} ~ {b.strip()}"
    return f"{_NAME_WORDS[level].format(what=what)}: {a.strip()} ~ {b.strip()}"
