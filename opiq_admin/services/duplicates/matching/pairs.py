"""Every candidate pair compared at once: one row of comparison levels per (old, new) pair.

The levels are those of `compare.py`; what differs is the cost. A value compared with
another (two names, two dates, two sets of classes) is worked out once per distinct
combination of values and spread over the pairs that share it, and the fields that are
arithmetic (ID codes, ages, times, licences, birth years in addresses) are array
operations. The words that say what each level saw are made only for the pairs a person
will be shown (`reasons`).

Two facts that cannot both be true of one person (two valid Estonian ID codes, codes of
different sex, the masculine and feminine form of one Russian surname) rule a pair out
at once: no estimate of frequencies makes them compatible.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import OSA, JaroWinkler
from rapidfuzz.process import cpdist

from opiq_admin.services.duplicates.matching import compare as cmp
from opiq_admin.services.duplicates.matching import names
from opiq_admin.services.duplicates.matching.facts import parse_code
from opiq_admin.services.duplicates.matching.frame import Accounts, Bools, Details, Ints, text_list

Levels = npt.NDArray[np.int8]


def _combos(a: Ints, b: Ints) -> tuple[Ints, Ints, Ints]:
    """The distinct (a, b) combinations and, for every pair, which one it is."""
    if not len(a):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    span = int(b.max()) + 2
    combos, inverse = np.unique((a + 1) * span + (b + 1), return_inverse=True)
    return combos // span - 1, combos % span - 1, inverse.reshape(-1)


class Values:
    """What is said once per distinct text (folded names, address parts), as numbers.

    Each kind of value has its own vocabulary and a table from text number to value
    number, filled for a text the first time it is asked about.
    """

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.tables: dict[str, dict[str, int]] = {}
        self.known: dict[str, Ints] = {}
        self.arrays: dict[str, npt.NDArray[np.object_]] = {}

    def ids(self, what: str, rows: Ints, make: Callable[[str], str | None]) -> Ints:
        """`make(text)` for every text number in `rows` (-1 for none), as value numbers."""
        return self._per_text(what, rows, make, self.tables.setdefault(what, {}))

    def numbers(self, what: str, rows: Ints, make: Callable[[str], int]) -> Ints:
        """`make(text)`, a number of 0 or more, for every text number in `rows` (-1: none)."""
        return self._per_text(what, rows, make, None)

    def _per_text(self, what: str, rows: Ints, make: Callable[[str], Any],
                  table: dict[str, int] | None) -> Ints:
        known = self.known.get(what)
        if known is None or len(known) < len(self.texts) + 1:
            grown = np.full(len(self.texts) + 1, -2, dtype=np.int64)  # the last: "no text"
            if known is not None:
                grown[:len(known) - 1] = known[:-1]
            grown[-1] = -1
            known = self.known[what] = grown
        rows = np.where(rows < 0, len(known) - 1, rows)
        found = known[rows]
        missing = np.unique(rows[found == -2])
        if len(missing):
            texts = self.texts
            made = [make(texts[t]) for t in missing.tolist()]
            if table is not None:
                setdefault = table.setdefault
                made = [-1 if m is None else setdefault(m, len(table)) for m in made]
            known[missing] = made
            found = known[rows]
        return found

    def array(self, what: str) -> npt.NDArray[np.object_]:
        """The vocabulary as an array, to pick many values by number at once."""
        found = self.arrays.get(what)
        table = self.tables.get(what, {})
        if found is None or len(found) != len(table):
            found = self.arrays[what] = np.asarray(list(table) or [""], dtype=object)
        return found

    def flags(self, what: str, rows: Ints, test: Callable[[str], bool]) -> Bools:
        """`test(text)` for every text number in `rows` (no text: False), once per text."""
        found: Bools = self.numbers(what, rows, lambda t: int(test(t))) == 1
        return found


def _folded(text: str) -> str | None:
    return names.fold(text) if text.strip() else None


def folded_whole(text: str) -> str:
    return names.fold(text).replace(" ", "")


class _Shape(NamedTuple):
    """A name's parts and whole, folded and as skeletons; whether the nickname table knows
    any part; each skeleton's start and length (what two forms of one surname share)."""

    folded: tuple[str, ...]
    skeletons: tuple[str, ...]
    whole: str
    whole_skeleton: str
    known: bool
    starts: frozenset[tuple[str, int]]


@lru_cache(maxsize=200_000)
def _shape(text: str) -> _Shape:
    parts = names.name_parts(text)
    skeletons = tuple(names.skeleton(p) for p in parts)
    whole = (names.skeletons(text) or ("",))[-1]
    return _Shape(tuple(names.fold(p) for p in parts), skeletons,
                  names.fold(text).replace(" ", ""), whole,
                  any(names.has_relatives(sk) for sk in (*skeletons, whole)),
                  frozenset((sk[:2], len(sk)) for sk in (*skeletons, whole)))


def _kin_possible(a: _Shape, b: _Shape) -> bool:
    return any(sa == sb and abs(la - lb) <= 2 for sa, la in a.starts for sb, lb in b.starts)


def _apart(texts: list[str], left: Ints, right: Ints, surname: bool) -> Bools:
    """Which pairs of names (one of several parts) `cmp.name_level` would call different
    without asking it: no two parts and not the wholes within a typing band or alike, and
    nothing that could tie them (a nickname, two forms of one surname)."""
    shapes = [(_shape(texts[x]), _shape(texts[y]))
              for x, y in zip(left.tolist(), right.tolist(), strict=True)]
    # A name of one letter may be an initial; those are asked.
    far = np.asarray([min(len(a.whole), len(a.whole_skeleton), len(b.whole),
                          len(b.whole_skeleton)) > 1
                      and not (_kin_possible(a, b) if surname else a.known or b.known)
                      for a, b in shapes], dtype=bool)
    for first, second in (([a.whole for a, _ in shapes], [b.whole for _, b in shapes]),
                          ([a.whole_skeleton for a, _ in shapes],
                           [b.whole_skeleton for _, b in shapes])):
        far &= cpdist(first, second, scorer=JaroWinkler.similarity, dtype=np.float64) < 0.85
        far &= cpdist(first, second, scorer=OSA.distance, score_cutoff=3,
                      dtype=np.int64) >= 3
    owner: list[int] = []
    left_parts: list[str] = []
    right_parts: list[str] = []
    for i, (a, b) in enumerate(shapes):
        for mine, theirs in ((a.folded, b.folded), (a.skeletons, b.skeletons)):
            for pa in mine:
                for pb in theirs:
                    owner.append(i)
                    left_parts.append(pa)
                    right_parts.append(pb)
    if owner:
        close = cpdist(left_parts, right_parts, scorer=OSA.distance, score_cutoff=3,
                       dtype=np.int64) < 3
        far[np.asarray(owner, dtype=np.int64)[close]] = False
    return far


def _has_relatives(text: str) -> bool:
    return names.has_relatives(names.skeleton(text))


def _skeleton_length(text: str) -> int:
    return len(names.skeleton(text))


def _fold_length(text: str) -> int:
    return len(names.fold(text))


def _skeleton_start(text: str) -> str:
    return names.skeleton(text)[:2]


def _single(text: str) -> bool:
    folded = names.fold(text)
    return " " not in folded and len(folded) > 1


def name_levels(values: Values, a: Ints, b: Ints, surname: bool) -> Ints:
    """`cmp.name_level` of the texts a[i] and b[i], each distinct combination once.

    Most combinations of a large school are two names far apart; those are told in one
    vectorised Jaro–Winkler pass, the rest by `cmp.name_level` itself.
    """
    fa, fb = values.ids("fold", a, _folded), values.ids("fold", b, _folded)
    out = np.zeros(len(a), dtype=np.int64)
    blank = (fa < 0) | (fb < 0)
    same = ~blank & (fa == fb)
    out[same] = cmp.N_EXACT
    rest = np.flatnonzero(~blank & ~same)
    if not len(rest):
        return out
    left, right, inverse = _combos(a[rest], b[rest])
    texts = values.texts
    found = np.zeros(len(left), dtype=np.int64)
    single = values.flags("single", left, _single) & values.flags("single", right, _single)
    quick = np.flatnonzero(single)
    if len(quick):
        lq, rq = left[quick], right[quick]
        fold_l, fold_r = values.ids("fold", lq, _folded), values.ids("fold", rq, _folded)
        skel_l = values.ids("skeleton", lq, names.skeleton)
        skel_r = values.ids("skeleton", rq, names.skeleton)
        fold_text, skel_text = values.array("fold"), values.array("skeleton")
        folds = fold_text[fold_l].tolist(), fold_text[fold_r].tolist()
        skeletons = skel_text[skel_l].tolist(), skel_text[skel_r].tolist()
        jw_fold = cpdist(*folds, scorer=JaroWinkler.similarity, dtype=np.float64)
        jw_skeleton = cpdist(*skeletons, scorer=JaroWinkler.similarity, dtype=np.float64)
        far = (jw_fold < cmp.FAR) & (jw_skeleton < cmp.FAR)
        # Kin only where a nickname table entry or, for surnames, two forms of one
        # family (same start, lengths two apart at most) could tie the two together;
        # only those are asked.
        tied = values.flags("relatives", lq, _has_relatives) | values.flags(
            "relatives", rq, _has_relatives)
        length_l = values.numbers("length", lq, _skeleton_length)
        length_r = values.numbers("length", rq, _skeleton_length)
        if surname:
            tied |= (values.ids("start", lq, _skeleton_start)
                     == values.ids("start", rq, _skeleton_start)) & (
                         np.abs(length_l - length_r) <= 2)
        for j in np.flatnonzero(tied).tolist():
            tied[j] = cmp.kin(skeletons[0][j], skeletons[1][j], surname)
        found[quick[far & ~tied]] = cmp.N_OTHER
        # The rest of two plain one-part names: one spelling, or a typing band.
        plain = np.flatnonzero(~far & ~tied & (length_l >= 2) & (length_r >= 2))
        if len(plain):
            same = skel_l[plain] == skel_r[plain]
            pl, pr = fold_l[plain], fold_r[plain]
            sl, sr = skel_l[plain], skel_r[plain]
            slips_folded = cpdist(fold_text[pl].tolist(), fold_text[pr].tolist(),
                                  scorer=OSA.distance, score_cutoff=3, dtype=np.int64)
            slips_skeleton = cpdist(skel_text[sl].tolist(), skel_text[sr].tolist(),
                                    scorer=OSA.distance, score_cutoff=3, dtype=np.int64)
            slips = np.minimum(slips_folded, slips_skeleton)
            longest = np.maximum(values.numbers("fold length", lq[plain], _fold_length),
                                 values.numbers("fold length", rq[plain], _fold_length))
            slipped = np.ones(len(plain), dtype=bool)
            for i in np.flatnonzero((slips == 1) & (longest >= 4)).tolist():
                j = int(plain[i])
                slipped[i] = cmp.one_slip(folds[0][j], folds[1][j], skeletons[0][j],
                                          skeletons[1][j], int(slips_folded[i]),
                                          int(slips_skeleton[i]), int(longest[i]))
            band = cmp.spelling_band(np.maximum(jw_fold[plain], jw_skeleton[plain]), slips,
                                     longest, (slips == 1) & (longest >= 4) & ~slipped)
            found[quick[plain]] = np.where(same, cmp.N_TRANSLIT, band)
    several = np.flatnonzero(~single)
    if len(several):
        found[several[_apart(texts, left[several], right[several], surname)]] = cmp.N_OTHER
    level = cmp.name_level
    for j in np.flatnonzero(found == 0).tolist():
        found[j] = level(texts[int(left[j])], texts[int(right[j])], surname)
    out[rest] = found[inverse]
    return out


# Columns of `Compared.levels`, as in compare.FIELDS.
G, F, SW, CODE, BIRTH, EMAIL, YEAR, SCHOOL, CLASS, AGE, CREATED, LICENCE = range(12)


@dataclass(slots=True)
class Compared:
    """The pairs that can be one person, with their levels and what words need later."""

    olds: Ints
    news: Ints
    levels: Levels  # (pairs, fields)
    teacher: Bools  # the pair's kind: both teachers, or the new one only teaches
    given_value: Ints  # the new account's folded given name (after a swap), for its frequency
    family_value: Ints
    school_combo: Ints  # into school_words
    school_words: list[str]
    class_combo: Ints  # into class_words, -1 when no class level
    class_words: list[str]
    age: Ints
    email_variant: Bools  # spells out the surname / shares only the name before the @
    values: Values = field(repr=False)

    def __len__(self) -> int:
        return len(self.olds)


def _code_levels(texts: list[str], d: Details, o: Ints, n: Ints) -> tuple[Ints, Bools]:
    """(level, ruled out) of the ID codes; a code is validated only where both have one."""
    level = np.zeros(len(o), dtype=np.int64)
    ruled_out = np.zeros(len(o), dtype=bool)
    co, cn = d.code[o], d.code[n]
    rows = np.flatnonzero((co >= 0) & (cn >= 0))
    if not len(rows):
        return level, ruled_out
    a, b, inverse = _combos(co[rows], cn[rows])
    found = []
    for x, y in zip(a.tolist(), b.tolist(), strict=True):
        first, second = parse_code(texts[x]), parse_code(texts[y])
        if first.estonian != second.estonian:
            found.append(0)
        elif first.value == second.value:
            found.append(cmp.C_SAME if first.estonian else cmp.C_SAME_FOREIGN)
        else:
            found.append(-1 if first.estonian else cmp.C_OTHER_FOREIGN)
    judged = np.asarray(found, dtype=np.int64)[inverse]
    level[rows] = np.maximum(judged, 0)
    ruled_out[rows] = judged < 0
    return level, ruled_out


def _email_levels(accounts: Accounts, values: Values, d: Details, o: Ints, n: Ints,
                  g: Ints, f: Ints) -> tuple[Ints, Bools]:
    """`compare.py`'s e-mail levels: what the old account's address says beyond the names.

    An address made of the name ("mari.tamm") repeats the name evidence, and a namesake's
    or sibling's address is made the same way, so it counts as nothing; what counts is an
    address that is the same, one that spells out a name the old account abbreviates, and
    one that confirms the old account's own name where it differs from the new one's.
    Returns the levels and, per pair, which of a level's two readings it is: an address
    that spells out the surname (not the given name), one whose name before the @ is shared
    (not the whole address).
    """
    texts = values.texts
    level = np.zeros(len(o), dtype=np.int64)
    variant = np.zeros(len(o), dtype=bool)
    ea, eb = d.email[o], d.email[n]
    has = ea > 0
    if not has.any():
        return level, variant
    same = _alike(texts, ea, eb, str.casefold)
    shared = same & (g >= cmp.N_FUZZY) & (g <= cmp.N_OTHER) & (g != cmp.N_PARTIAL)
    level[same] = np.where(shared[same], cmp.E_SHARED, cmp.E_SAME)
    todo = has & ~same
    local_candidates = np.flatnonzero(todo & _alike(texts, ea, eb, _typed))
    first, last = accounts.first, accounts.last
    for i in local_candidates.tolist():
        typed = _typed(texts[int(ea[i])])
        them, us = int(n[i]), int(o[i])
        # An address made of either name repeats the name: a namesake's would match too.
        if len(typed) >= 5 and not (
                cmp.made_of_name(typed, texts[int(first[them])], texts[int(last[them])])
                or cmp.made_of_name(typed, texts[int(first[us])], texts[int(last[us])])):
            if cmp.N_FUZZY <= g[i] <= cmp.N_OTHER and g[i] != cmp.N_PARTIAL:
                level[i], variant[i] = cmp.E_SHARED, True  # a family's name before the @
            else:
                level[i] = cmp.E_LOCAL
            todo[i] = False
    # Where both names agree up to a typing error, whatever the address is made of, it says
    # nothing (below): only the other pairs need the address read.
    rows = np.flatnonzero(todo & (np.maximum(g, f) >= cmp.N_FUZZY))
    local_of = values.ids("local", ea[rows], _local)
    local_texts = values.array("local")
    long_enough = np.fromiter(map(len, local_texts), dtype=np.int64,
                              count=len(local_texts))[local_of] >= 3
    rows, local_of = rows[long_enough], local_of[long_enough]
    if not len(rows):
        return level, variant
    locals_ = local_texts[local_of].tolist()
    surnames = _parts_table(texts, last[n[rows]], _long_parts)
    givens = _parts_table(texts, first[n[rows]], _given_parts)
    has_surname = np.fromiter((any(s in loc for s in parts) for loc, parts in
                               zip(locals_, surnames, strict=True)), dtype=bool, count=len(rows))
    has_given = np.fromiter((any(s in loc for s in parts) for loc, parts in
                             zip(locals_, givens, strict=True)), dtype=bool, count=len(rows))
    old = o[rows]
    completes_family = has_surname & values.flags("one letter", last[old], _one_letter)
    completes = completes_family | (has_given & values.flags("one letter", first[old],
                                                             _one_letter))
    gr, fr = g[rows], f[rows]
    own = np.zeros(len(rows), dtype=bool)
    for j in np.flatnonzero(~completes & ((gr >= cmp.N_FUZZY) | (fr >= cmp.N_FUZZY))).tolist():
        account = int(old[j])
        own[j] = bool(
            (gr[j] >= cmp.N_FUZZY and not has_given[j]
             and any(x in locals_[j] for x in _long_parts(texts[int(first[account])])))
            or (fr[j] >= cmp.N_FUZZY and not has_surname[j]
                and any(x in locals_[j] for x in _long_parts(texts[int(last[account])]))))
    long_plain = values.flags("long plain", ea[rows], _long_plain)
    has_givens = values.flags("has givens", first[n[rows]], lambda t: bool(_given_skeletons(t)))
    # Where both names agree, whatever else the address is made of, a namesake's would be
    # made the same way: it says nothing of whether the two are one person.
    names_agree = np.maximum(gr, fr) < cmp.N_INITIAL
    out = np.select(
        [completes, own, has_surname | has_given, names_agree, long_plain & has_givens],
        [cmp.E_COMPLETES, cmp.E_OWN_NAME, 0, 0, cmp.E_NOT_NAME], cmp.E_NEUTRAL)
    level[rows] = out
    variant[rows] = completes_family
    return level, variant


def _one_letter(text: str) -> bool:
    return len(folded_whole(text)) == 1


def _long_plain(address: str) -> bool:
    """A long address name with no digits: one that would show a name if it held one."""
    return len(_local(address)) >= 8 and not any(ch.isdigit() for ch in _typed(address))


def _alike(texts: list[str], a: Ints, b: Ints, form: Callable[[str], str]) -> Bools:
    """Whether two addresses, both present, are one in the given form.

    Addresses are nearly all distinct, so the pairs are compared as they come rather
    than every address put in a vocabulary first.
    """
    out = np.zeros(len(a), dtype=bool)
    rows = np.flatnonzero((a > 0) & (b > 0))
    out[rows] = [form(texts[x]) == form(texts[y])
                 for x, y in zip(a[rows].tolist(), b[rows].tolist(), strict=True)]
    return out


def _typed(address: str) -> str:
    return address.casefold().split("@", 1)[0]


def _local(address: str) -> str:
    return names.skeleton(_typed(address))


def _long_parts(text: str) -> tuple[str, ...]:
    """A name's skeletons of three letters or more: what an address may spell out."""
    return tuple(s for s in names.skeletons(text) if len(s) >= 3)


def _given_skeletons(text: str) -> tuple[str, ...]:
    return tuple(g for g in names.skeletons(text) if len(g) >= 2)


def _given_parts(text: str) -> tuple[str, ...]:
    givens = _given_skeletons(text)
    return (*givens, *(names.skeleton(nick) for g in givens for nick in names.nicknames(g)))


def _parts_table(texts: list[str], rows: Ints, make: Callable[[str], tuple[str, ...]]
                 ) -> list[tuple[str, ...]]:
    unique, inverse = np.unique(rows, return_inverse=True)
    made = [make(texts[t]) for t in unique.tolist()]
    return [made[i] for i in inverse.reshape(-1).tolist()]


def _year_levels(values: Values, d: Details, o: Ints, n: Ints) -> Ints:
    """`cmp.email_year_level` as arrays: the old address's years against the birth year."""
    ea, bn = d.email[o], d.born[n]
    rows = np.flatnonzero((ea > 0) & (bn >= 0))
    level = np.zeros(len(o), dtype=np.int64)
    if not len(rows):
        return level
    texts = values.texts
    a, b, inverse = _combos(ea[rows], bn[rows])
    found = [cmp.email_year_level(texts[x], texts[y])[0]
             for x, y in zip(a.tolist(), b.tolist(), strict=True)]
    level[rows] = np.asarray(found, dtype=np.int64)[inverse]
    return level


def _birth_levels(values: Values, d: Details, o: Ints, n: Ints) -> Ints:
    bo, bn = d.born[o], d.born[n]
    level = np.zeros(len(o), dtype=np.int64)
    both = (bo >= 0) & (bn >= 0)
    level[both & (bo == bn)] = cmp.B_SAME
    rows = np.flatnonzero(both & (bo != bn))
    if len(rows):
        texts = values.texts
        a, b, inverse = _combos(bo[rows], bn[rows])
        found = [cmp.birth_level(texts[x], texts[y])
                 for x, y in zip(a.tolist(), b.tolist(), strict=True)]
        level[rows] = np.asarray(found, dtype=np.int64)[inverse]
    return level


def _day_number(text: str) -> int:
    """A YYYY-MM-DD date as the number YYYYMMDD."""
    return int(text.replace("-", ""))


def compare_pairs(accounts: Accounts, olds: Ints, news: Ints, full: bool = False) -> Compared:
    """The levels of every (olds[i], news[i]) pair that can be one person.

    Pairs whose names have nothing in common are not worth scoring (unless the ID codes
    agree) and are left out like impossible ones; `full` keeps them, as the random pairs
    that u is counted on need.
    """
    d = accounts.detail(np.concatenate([olds, news]))
    texts = text_list(accounts)  # after the details, which add addresses and dates
    values = Values(texts)
    first, last = accounts.first, accounts.last
    o, n = olds, news
    code, ruled_out = _code_levels(texts, d, o, n)
    g = name_levels(values, first[o], first[n], False)
    f = name_levels(values, last[o], last[n], True)
    ruled_out |= f < 0
    swap = np.full(len(o), cmp.O_STRAIGHT, dtype=np.int64)
    ask = np.flatnonzero(~ruled_out & ((np.minimum(g, f) > cmp.N_TYPO) | (g == 0) | (f == 0)))
    if len(ask):
        sg = name_levels(values, first[o[ask]], last[n[ask]], True)
        sf = name_levels(values, last[o[ask]], first[n[ask]], True)
        ruled_out[ask] |= (sg < 0) | (sf < 0)
        ga, fa = g[ask], f[ask]
        straight = np.where(ga == 0, cmp.N_OTHER, ga) + np.where(fa == 0, cmp.N_OTHER, fa)
        swapped = ((sg > 0) & (sf > 0) & (sg + sf < straight)
                   & (np.maximum(sg, sf) <= cmp.N_PARTIAL))
        rows = ask[swapped]
        g[rows], f[rows], swap[rows] = sg[swapped], sf[swapped], cmp.O_SWAPPED
    if not full:
        other = (g == cmp.N_OTHER) | (f == cmp.N_OTHER)
        strong_code = (code == cmp.C_SAME) | (code == cmp.C_SAME_FOREIGN)
        one_name = ((g != cmp.N_OTHER) & (g != 0)) | ((f != cmp.N_OTHER) & (f != 0))
        ea, eb = d.email[o], d.email[n]
        one_address = _alike(texts, ea, eb, str.casefold)
        one_birth = (d.born[o] >= 0) & (d.born[o] == d.born[n])
        # One name different and nothing as strong as an ID code, one e-mail address or
        # one birth date beside the other: a sibling or a namesake by half, whose posterior
        # no school, class or date evidence could lift.
        ruled_out |= other & ~strong_code & ~(one_name & (one_address | one_birth))
    keep = np.flatnonzero(~ruled_out)
    o, n, g, f, swap, code = o[keep], n[keep], g[keep], f[keep], swap[keep], code[keep]

    birth = _birth_levels(values, d, o, n)
    email, email_variant = _email_levels(accounts, values, d, o, n, g, f)
    year = _year_levels(values, d, o, n)

    ro, rn, school_of = _combos(d.roles[o], d.roles[n])
    judged = [cmp.school_level(d.role_sets[x], d.role_sets[y])
              for x, y in zip(ro.tolist(), rn.tolist(), strict=True)]
    school = np.asarray([j[0] for j in judged], dtype=np.int64)[school_of] if judged else \
        np.zeros(0, dtype=np.int64)
    teacher = np.asarray([j[2] == "teacher" for j in judged], dtype=bool)[school_of] if judged \
        else np.zeros(0, dtype=bool)

    day_o, day_n = d.created_day[o], d.created_day[n]
    years = np.where((day_o >= 0) & (day_n >= 0), day_n // 10000 - day_o // 10000 + 1, 12)
    co, cn = d.classes[o], d.classes[n]
    klass = np.zeros(len(o), dtype=np.int64)
    class_combo = np.full(len(o), -1, dtype=np.int64)
    class_words: list[str] = []
    rows = np.flatnonzero((co > 0) & (cn > 0))
    if len(rows):
        left = co[rows] * 2 + teacher[rows]
        right = cn[rows] * 64 + np.clip(years[rows], -31, 32) + 31
        a, b, inverse = _combos(left, right)
        judged_classes = [cmp.class_level(d.class_sets[x // 2], d.class_sets[y // 64],
                                          bool(x % 2), y % 64 - 31)
                          for x, y in zip(a.tolist(), b.tolist(), strict=True)]
        klass[rows] = np.asarray([j[0] for j in judged_classes], dtype=np.int64)[inverse]
        class_combo[rows] = inverse
        class_words = [j[1] for j in judged_classes]

    born_n = d.born[n]
    known = (day_o >= 0) & (born_n >= 0)
    born_int = np.zeros(len(o), dtype=np.int64)
    born_int[known] = values.numbers("day", born_n[known], _day_number)
    age = np.where(known, day_o // 10000 - born_int // 10000
                   - ((day_o % 10000) < (born_int % 10000)), 0)
    age_level = np.where(~known, 0, np.where(age < cmp.SCHOOL_AGE - 1, cmp.A_TOO_YOUNG,
                                             np.where(age < cmp.SCHOOL_AGE, cmp.A_YOUNG,
                                                      cmp.A_OK)))
    to, tn = d.created[o], d.created[n]
    created = np.where(to < tn, cmp.T_BEFORE, np.where(to > tn, cmp.T_AFTER, 0))
    lo, ln = d.licence[o], d.licence[n]
    licence = np.where(lo & ~ln, cmp.L_LEFT_BEHIND, np.where(~lo, cmp.L_NOT, 0))

    levels = np.stack([g, f, swap, code, birth, email, year, school, klass, age_level, created,
                       licence], axis=1).astype(np.int8)
    swapped = swap == cmp.O_SWAPPED
    given_value = values.ids("whole", np.where(swapped, last[n], first[n]), folded_whole)
    family_value = values.ids("whole", np.where(swapped, first[n], last[n]), folded_whole)
    return Compared(olds=o, news=n, levels=levels, teacher=teacher, given_value=given_value,
                    family_value=family_value, school_combo=school_of,
                    school_words=[j[1] for j in judged], class_combo=class_combo,
                    class_words=class_words, age=age, email_variant=email_variant, values=values)


def reasons(accounts: Accounts, c: Compared, rows: Ints, strengths: list[list[str]],
            given: list[str], family: list[str]) -> list[tuple[str, ...]]:
    """What each level of the pairs `rows` saw, in words, with its weight in words.

    `strengths[field][level]` words a level's weight; `given` and `family` word each pair's
    name weights, which the names' frequencies make the pair's own. Words that many pairs
    share (a school, a class, an age) are made once.
    """
    texts = c.values.texts
    d = accounts.details
    assert d is not None
    first, last = accounts.first, accounts.last
    olds, news = c.olds[rows], c.news[rows]
    columns = (first[olds].tolist(), last[olds].tolist(), first[news].tolist(),
               last[news].tolist(), d.born[olds].tolist(), d.born[news].tolist(),
               d.email[olds].tolist(), c.school_combo[rows].tolist(),
               c.class_combo[rows].tolist(), c.age[rows].tolist(),
               c.email_variant[rows].tolist(), c.levels[rows].tolist())
    shared: dict[tuple[int, int, int], str] = {}
    out = []
    for j, (of, ol, nf, nl, bo, bn, ea, school, klass, age, variant, levels) in \
            enumerate(zip(*columns, strict=True)):
        said: list[str] = []
        swapped = levels[SW] == cmp.O_SWAPPED
        old_first, old_last, new_first, new_last = texts[of], texts[ol], texts[nf], texts[nl]
        if levels[G]:
            words = cmp.name_words(levels[G], "given names", old_first,
                                   new_last if swapped else new_first)
            said.append(f"{words} ({given[j]})")
        if levels[F]:
            words = cmp.name_words(levels[F], "surnames", old_last,
                                   new_first if swapped else new_last)
            said.append(f"{words} ({family[j]})")
        if swapped:
            said.append(f"first and last name swapped: {f'{old_first} {old_last}'.strip()} ~ "
                        f"{f'{new_first} {new_last}'.strip()} ({strengths[SW][levels[SW]]})")
        for k, key in ((CODE, 0), (BIRTH, -1), (SCHOOL, school), (CLASS, klass)):
            level = levels[k]
            if not level:
                continue
            found = shared.get((k, level, key)) if key >= 0 else None
            if found is None:
                words = (cmp.CODE_WORDS[level] if k == CODE else
                         cmp.birth_words(level, texts[bo], texts[bn]) if k == BIRTH else
                         c.school_words[key] if k == SCHOOL else c.class_words[key])
                found = f"{words} ({strengths[k][level]})" if words else ""
                if key >= 0:
                    shared[k, level, key] = found
            if found:
                said.append(found)
        address = texts[ea]
        if levels[EMAIL]:
            words = cmp.email_words(levels[EMAIL], _typed(address),
                                    f"{old_first} {old_last}".strip(), new_first, new_last,
                                    variant)
            said.append(f"{words} ({strengths[EMAIL][levels[EMAIL]]})")
        if levels[YEAR]:
            words = cmp.email_year_level(address, texts[bn])[1]
            said.append(f"{words} ({strengths[YEAR][levels[YEAR]]})")
        for k, key in ((AGE, age), (CREATED, 0), (LICENCE, 0)):
            level = levels[k]
            if not level:
                continue
            found = shared.get((k, level, key))
            if found is None:
                words = (cmp.age_words(age) if k == AGE else cmp.CREATED_WORDS[level]
                         if k == CREATED else cmp.LICENCE_WORDS[level])
                found = shared[k, level, key] = f"{words} ({strengths[k][level]})"
            said.append(found)
        out.append(tuple(said))
    return out
