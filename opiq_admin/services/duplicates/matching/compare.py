"""Comparison levels: what two accounts say about each field, as one level per field.

The Fellegi–Sunter model (`model.py`) needs each candidate pair reduced to a vector of
discrete levels, one per field, so that how often each level occurs among true pairs (m)
and among random pairs of one school (u) can be counted and estimated. Level 0 of every
field means "nothing to compare" (a field empty on either side) and weighs nothing.

Two facts that cannot both be true of one person (two valid Estonian ID codes, codes of
different sex, the masculine and feminine form of one Russian surname) still rule a pair
out at once: no estimate of frequencies makes them compatible.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from rapidfuzz.distance import OSA, JaroWinkler

from opiq_admin.services.duplicates.matching import names
from opiq_admin.services.duplicates.matching.facts import Profile, parse_time

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


@dataclass(slots=True)  # not frozen: a frozen dataclass is slow to build, and there are many
class Comparison:
    """One candidate pair as levels, with the words that say what each level saw."""

    levels: tuple[int, ...]
    words: tuple[str, ...]  # per field; "" where the level is 0
    kind: str  # "student" or "teacher"
    given_value: str  # folded given name, for the term-frequency adjustment of N_EXACT
    family_value: str


# ---------------------------------------------------------------- names

_NAME_RANK = {names.EXACT: N_EXACT, names.FOLDED: N_EXACT, names.TRANSLIT: N_TRANSLIT,
              names.NICKNAME: N_NICKNAME, names.INITIAL: N_INITIAL}


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
        if (JaroWinkler.similarity(fa, fb) < 0.7 and JaroWinkler.similarity(ska, skb) < 0.7
                and not (surname and names.gender_clash(ska, skb))
                and skb not in names.nicknames(ska) and ska not in names.nicknames(skb)
                and skb not in names.full_names_of(ska) and ska not in names.full_names_of(skb)
                and skb not in {names.skeleton(n) for n in names.nicknames(ska)}
                and ska not in {names.skeleton(n) for n in names.nicknames(skb)}):
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
    slips = min(OSA.distance(fa, fb, score_cutoff=3), OSA.distance(ska, skb, score_cutoff=3))
    longest = max(len(fa), len(fb))
    if slips == 1 and longest >= 4 and not (
            (OSA.distance(fa, fb) == 1 and names.typing_slip(fa, fb))
            or (OSA.distance(ska, skb) == 1 and names.typing_slip(ska, skb))):
        # One letter apart, but not as fingers slip (Marta / Marja, Kask / Kass, Liis /
        # Liisa): as often two names as one name mistyped.
        return N_FUZZY
    if (slips <= 1 and longest >= 4) or (jw >= 0.94 and slips <= 2):
        return N_TYPO
    if jw >= 0.85 or (slips <= 2 and longest >= 6):
        return N_FUZZY
    if len(fa) == 1 or len(fb) == 1:
        return N_INITIAL if fa[:1] == fb[:1] else N_OTHER
    return N_OTHER


_NAME_WORDS = {
    N_EXACT: "same {what}", N_TRANSLIT: "{what} match as transliterations of one name",
    N_NICKNAME: "a nickname of the same given name",
    N_TYPO: "{what} match up to a typing error", N_FUZZY: "{what} are alike",
    N_PARTIAL: "part of a double name matches", N_INITIAL: "one name given only by its initial",
    N_OTHER: "{what} differ",
}


def _name_words(level: int, what: str, a: str, b: str) -> str:
    if level == N_EXACT and a.strip() != b.strip():
        return f"{what} match after folding case, spacing and diacritics: {a.strip()} ~ {b.strip()}"
    return f"{_NAME_WORDS[level].format(what=what)}: {a.strip()} ~ {b.strip()}"


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

_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-2]\d)(?!\d)")
_SHORT_YEAR = re.compile(r"(?<=[a-z])(\d\d)\Z")


def _made_of_name(local: str, person: Profile) -> bool:
    parts = names.fold(re.sub(r"[^a-zA-Z]", " ", local)).split()
    whole = names.fold(person.name).replace(" ", "")
    return bool(parts) and all(part in whole for part in parts)


def email_level(old: Profile, new: Profile, given: int, family: int) -> tuple[int, str]:
    """What the old account's address says beyond the names already compared.

    An address made of the name ("mari.tamm") repeats the name evidence, and a namesake's
    or sibling's address is made the same way, so it counts as nothing; what counts is an
    address that is the same, one that spells out a name the old account abbreviates, and
    one that confirms the old account's own name where it differs from the new one's.
    """
    a, b = old.email.casefold(), new.email.casefold()
    if not a:
        return 0, ""
    if b and a == b:
        if N_FUZZY <= given <= N_OTHER and given != N_PARTIAL:
            # One address, two given names: a family's address, as siblings share it.
            return E_SHARED, "same e-mail address, but different given names"
        return E_SAME, "same e-mail address"
    typed = a.split("@", 1)[0]
    if b and typed == b.split("@", 1)[0] and len(typed) >= 5 and not (
            _made_of_name(typed, new) or _made_of_name(typed, old)):
        # (An address made of either name repeats the name: a namesake's would match too.)
        if N_FUZZY <= given <= N_OTHER and given != N_PARTIAL:
            return E_SHARED, f"same e-mail name {typed}@, but different given names"
        return E_LOCAL, f"same e-mail name {typed}@"
    local = names.skeleton(typed)
    if len(local) < 3:
        return 0, ""
    surnames = [s for s in names.skeletons(new.last_name) if len(s) >= 3]
    givens = [g for g in names.skeletons(new.first_name) if len(g) >= 2]
    nicks = [n for g in givens for n in names.nicknames(g)]
    has_surname = any(s in local for s in surnames)
    has_given = any(g in local for g in givens) or any(names.skeleton(n) in local for n in nicks)
    if has_surname and len(names.fold(old.last_name).replace(" ", "")) == 1:
        return E_COMPLETES, f"e-mail {typed}@ spells out the surname {new.last_name}"
    if has_given and len(names.fold(old.first_name).replace(" ", "")) == 1:
        return E_COMPLETES, f"e-mail {typed}@ spells out the given name {new.first_name}"
    own_given = [g for g in names.skeletons(old.first_name) if len(g) >= 3]
    own_family = [s for s in names.skeletons(old.last_name) if len(s) >= 3]
    if (given >= N_FUZZY and not has_given and any(g in local for g in own_given)) or (
            family >= N_FUZZY and not has_surname and any(s in local for s in own_family)):
        return E_OWN_NAME, f"e-mail {typed}@ confirms the name {old.name}"
    if has_surname or has_given:
        return 0, ""  # made of the name: the names have said it already
    if max(given, family) < N_INITIAL:
        # Both names agree: whatever else the address is made of, a namesake's would be
        # made the same way, so it says nothing of whether the two are one person.
        return 0, ""
    if len(local) >= 8 and not any(ch.isdigit() for ch in typed) and givens:
        return E_NOT_NAME, f"e-mail {typed}@ does not contain the name"
    return E_NEUTRAL, f"e-mail {typed}@ says nothing of the name"


def email_year_level(old: Profile, born: str | None) -> tuple[int, str]:
    """Children put their birth year in addresses ("mari2012"); the linked account knows it."""
    if not born or not old.email or not born[:4].isdigit():
        return 0, ""
    local = old.email.split("@", 1)[0].casefold()
    years = _YEAR.findall(local)
    if years:
        if born[:4] in years:
            return Y_SAME, f"e-mail {local}@ contains the birth year {born[:4]}"
        return Y_OTHER, f"e-mail {local}@ holds the year {years[0]}, not the birth year {born[:4]}"
    short = _SHORT_YEAR.search(local)
    if not short:
        return 0, ""
    digits = short.group(1)
    if digits == born[2:4]:
        return Y_SHORT_SAME, f"e-mail {local}@ ends in the birth year's digits"
    gap = abs(int(digits) - int(born[2:4]))
    if gap > 12:
        return 0, ""
    return (Y_SHORT_NEAR if gap == 1 else Y_SHORT_OTHER,
            f"e-mail {local}@ ends in {digits}, not the birth year's digits {born[2:4]}")


# ---------------------------------------------------------------- school, class, time

def school_level(old: Profile, new: Profile) -> tuple[int, str, str]:
    """(level, words, kind): the pair's kind is the role they share, else the new one's."""
    shared = sorted(old.roles.keys() & new.roles.keys())
    if len(new.roles) == 1:
        new_all = next(iter(new.roles.values()))
    else:
        new_all = frozenset().union(*new.roles.values()) if new.roles else frozenset()
    fallback = "teacher" if "teacher" in new_all and "student" not in new_all else "student"
    if not shared:
        return S_OTHER, "no school in common", fallback
    where = f"same school {', '.join(shared)}"
    old_roles = frozenset().union(*(old.roles[s] for s in shared))
    new_roles = frozenset().union(*(new.roles[s] for s in shared))
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


def class_level(old: Profile, new: Profile, kind: str, t_old: datetime | None,
                t_new: datetime | None) -> tuple[int, str]:
    """Grade progression counts both ways: the old account's class, a year or more before
    (never after the account was made), must be at or below the class the person is in now.
    """
    if not old.classes or not new.classes:
        return 0, ""
    same = sorted(old.classes & new.classes)
    if same:
        return K_SAME, f"same class {', '.join(same)}"
    if kind == "teacher":
        return 0, ""
    before, now = _grades(old.classes), _grades(new.classes)
    for g, letter in before:
        if (g + 1, letter) in now:
            return K_NEXT, f"class {g}.{letter} a year before {g + 1}.{letter}"
    years = (t_new.year - t_old.year + 1) if t_old and t_new else 12
    old_text = ", ".join(sorted(old.classes))
    new_text = ", ".join(sorted(new.classes))
    if all(g > n for g, _ in before for n, _ in now) or all(
            n - g > years for g, _ in before for n, _ in now):
        return K_IMPOSSIBLE, f"class {old_text} cannot lead to class {new_text}"
    if any(0 < n - g <= years for g, _ in before for n, _ in now):
        return K_LATER, f"class {old_text} some years before {new_text}"
    if any(g == n for g, _ in before for n, _ in now):
        return K_SAME_GRADE, f"different classes {old_text} / {new_text}"
    return K_OTHER, f"different classes {old_text} / {new_text}"


def age_level(t_old: datetime | None, born: str | None) -> tuple[int, str]:
    if not t_old or not born or not born[:4].isdigit():
        return 0, ""
    try:
        month, day = int(born[5:7]), int(born[8:10])
    except ValueError:
        return 0, ""
    age = t_old.year - int(born[:4]) - ((t_old.month, t_old.day) < (month, day))
    words = f"the unlinked account was made when the person was {age}"
    if age < SCHOOL_AGE - 1:
        return A_TOO_YOUNG, words
    if age < SCHOOL_AGE:
        return A_YOUNG, words
    return A_OK, words


# ---------------------------------------------------------------- the pair

def compare(old: Profile, new: Profile, full: bool = False) -> Comparison | str:
    """The levels of one (old, new) pair, or the reason it cannot be one person.

    Pairs whose names have nothing in common are not worth scoring (unless the ID codes
    agree) and come back as "names differ"; `full` compares them all the same, as the
    random pairs that u is counted on need.
    """
    code_level, code_words = 0, ""
    a = old.code if old.code_raw and new.code_raw else None
    b = new.code if a else None
    if a and b and a.estonian == b.estonian:
        if a.value == b.value:
            code_level = C_SAME if a.estonian else C_SAME_FOREIGN
            code_words = "same personal ID code" + ("" if a.estonian else " (foreign)")
        elif a.estonian:
            return "ID codes give different sex" if a.sex != b.sex else \
                "different valid personal ID codes"
        else:
            code_level, code_words = C_OTHER_FOREIGN, "different foreign ID codes"

    g = name_level(old.first_name, new.first_name, False)
    f = name_level(old.last_name, new.last_name, True)
    if f < 0:
        return f"surnames of one family but of different sex: {old.name} / {new.name}"
    swap, swap_words = O_STRAIGHT, ""
    given_words = family_words = ""
    if min(g, f) > N_TYPO or g == 0 or f == 0:
        sg = name_level(old.first_name, new.last_name, True)
        sf = name_level(old.last_name, new.first_name, True)
        if sg < 0 or sf < 0:
            return f"surnames of one family but of different sex: {old.name} / {new.name}"
        if sg and sf and sg + sf < (g or N_OTHER) + (f or N_OTHER) and max(sg, sf) <= N_PARTIAL:
            g, f, swap = sg, sf, O_SWAPPED
            swap_words = f"first and last name swapped: {old.name} ~ {new.name}"
    born_old, born_new = old.born, new.born
    if not full and N_OTHER in (g, f) and code_level not in (C_SAME, C_SAME_FOREIGN) and not (
            (g not in (N_OTHER, 0) or f not in (N_OTHER, 0))
            and ((old.email and old.email.casefold() == new.email.casefold())
                 or (born_old and born_old == born_new))):
        # One name different and nothing as strong as an ID code, one e-mail address or
        # one birth date beside the other: a sibling or a namesake by half, whose posterior
        # no school, class or date evidence could lift. Not worth the full comparison.
        return "names differ"
    if swap == O_SWAPPED:
        given_words = _name_words(g, "given names", old.first_name, new.last_name)
        family_words = _name_words(f, "surnames", old.last_name, new.first_name)
    else:
        if g:
            given_words = _name_words(g, "given names", old.first_name, new.first_name)
        if f:
            family_words = _name_words(f, "surnames", old.last_name, new.last_name)

    birth, birth_words = 0, ""
    if born_old and born_new:
        birth = birth_level(born_old, born_new)
        birth_words = (f"same birth date {born_old}" if birth == B_SAME else
                       f"birth dates {born_old} / {born_new} differ by a slip"
                       if birth in (B_SWAPPED, B_SLIP) else
                       f"different birth dates {born_old} / {born_new}")
    email, email_words = email_level(old, new, g, f)
    year, year_words = email_year_level(old, born_new)
    school, school_words, kind = school_level(old, new)
    t_old, t_new = parse_time(old.created_at), parse_time(new.created_at)
    klass, class_words = class_level(old, new, kind, t_old, t_new)
    age, age_words = age_level(t_old, born_new)
    created, created_words = 0, ""
    if t_old and t_new and t_old != t_new:
        created, created_words = ((T_BEFORE, "the unlinked account was created first")
                                  if t_old < t_new else
                                  (T_AFTER, "the unlinked account was created after the "
                                            "linked one"))
    licence, licence_words = ((L_LEFT_BEHIND, "the licence stayed with the unlinked account")
                              if old.has_license and not new.has_license else
                              (L_NOT, "no licence left behind on the unlinked account")
                              if not old.has_license else (0, ""))
    return Comparison(
        (g, f, swap, code_level, birth, email, year, school, klass, age, created, licence),
        (given_words, family_words, swap_words, code_words, birth_words, email_words,
         year_words, school_words, class_words, age_words, created_words, licence_words),
        kind,
        names.fold(new.last_name if swap == O_SWAPPED else new.first_name).replace(" ", ""),
        names.fold(new.first_name if swap == O_SWAPPED else new.last_name).replace(" ", ""),
    )
