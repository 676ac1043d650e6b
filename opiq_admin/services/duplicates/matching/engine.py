"""Scoring and one-to-one decisions over a whole set of account records.

The accounts become columns (`frame.py`); blocking (`blocking.py`) finds the pairs worth
comparing; each candidate becomes a vector of comparison levels (`pairs.py`); the
Fellegi–Sunter model (`model.py`) learns the levels' weights from this very scan and gives
each pair a posterior probability, the score a person sees. Decisions are made on the
complete set of scored candidates, never greedily, so that the answer does not depend on
input order.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from random import Random
from typing import Any

import numpy as np
import numpy.typing as npt

from opiq_admin.services.duplicates.matching import compare as cmp
from opiq_admin.services.duplicates.matching import model as fs
from opiq_admin.services.duplicates.matching.blocking import candidate_pairs
from opiq_admin.services.duplicates.matching.frame import Accounts, Ints, accounts_of
from opiq_admin.services.duplicates.matching.pairs import (
    Compared,
    compare_pairs,
    folded_whole,
    reasons,
)
from opiq_admin.services.duplicates.records import AccountRecord, read_records
from opiq_admin.services.gcpause import quiet_gc

# A proposal needs a posterior of 0.95 and no rival for either account above 0.05; a
# candidate below 0.1 is not worth a person's time.
PROPOSE = 0.95
RIVAL = 0.05
AMBIGUOUS = 0.1
# Random pairs per school for u (at least RANDOM_TOTAL over the whole scan).
RANDOM_PER_SCHOOL = 8
RANDOM_TOTAL = 4000
# A full name is common when a school of this scan's size would have another bearer of it
# with at least this chance.
COMMON_NAME = 0.3


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible (old, new) pair with its score and the reasons for it."""

    old: str
    new: str
    score: float
    kind: str
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"old": self.old, "new": self.new, "score": self.score, "kind": self.kind,
                "reasons": list(self.reasons)}


@dataclass(frozen=True, slots=True)
class ScanResult:
    pairs: tuple[Candidate, ...]
    ambiguous: tuple[Candidate, ...]
    accounts: int = 0
    compared: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The `duplicates scan --json` document (interfaces.md §5)."""
        return {"pairs": [c.to_dict() for c in self.pairs],
                "ambiguous": [c.to_dict() for c in self.ambiguous]}


def _id_rank(accounts: Accounts) -> Ints:
    """Each account's place in the order of ids: what makes choices independent of the
    order of the input."""
    ids = accounts.ids
    rank = np.empty(len(ids), dtype=np.int64)
    rank[sorted(range(len(ids)), key=ids.__getitem__)] = np.arange(len(ids))
    return rank


def _random_pairs(accounts: Accounts, rank: Ints) -> tuple[Ints, Ints]:
    """Random (old, new) pairs within each school, the same whatever the input order."""
    member, school = accounts.member_account, accounts.member_school
    order = np.lexsort((rank[member], school))
    member, school = member[order], school[order]
    linked = accounts.linked[member]
    olds: dict[int, list[int]] = {}
    news: dict[int, list[int]] = {}
    bounds = np.flatnonzero(np.diff(school)) + 1
    names_ = accounts.schools
    starts = np.concatenate([[0], bounds])
    for start, part_m, part_l in zip(starts.tolist(), np.split(member, bounds),
                                     np.split(linked, bounds), strict=True):
        if not len(part_m):
            continue
        s = int(school[start])
        o, n = part_m[~part_l].tolist(), part_m[part_l].tolist()
        if o and n:
            olds[s], news[s] = o, n
    if not olds:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    schools = sorted(olds, key=names_.__getitem__)
    per_school = max(RANDOM_PER_SCHOOL, RANDOM_TOTAL // len(schools))
    out_o: list[int] = []
    out_n: list[int] = []
    for s in schools:
        o, n = olds[s], news[s]
        rng = Random(zlib.crc32(names_[s].encode("utf-8")))
        if len(o) * len(n) <= per_school:
            for a in o:
                for b in n:
                    if a != b:
                        out_o.append(a)
                        out_n.append(b)
        else:
            for _ in range(per_school):
                out_o.append(rng.choice(o))
                out_n.append(rng.choice(n))
    return np.asarray(out_o, dtype=np.int64), np.asarray(out_n, dtype=np.int64)


@dataclass(slots=True)
class _Frequencies:
    """How often each folded given name and surname is borne by the new accounts of a
    school and of the whole scan: the u of an exact name match, name by name."""

    span: int  # name numbers are below this
    school_keys: Ints  # sorted school * span + name, given names
    school_counts: Ints
    family_keys: Ints
    family_counts: Ints
    nation_given: Ints  # per name
    nation_family: Ints
    news_in: Ints  # per school: new accounts there
    total: int
    namesakes: float = 0.0  # the share of pairs of accounts of one school with one full name

    def u(self, school: Ints, value: Ints, family: bool) -> npt.NDArray[np.float64]:
        keys, counts = ((self.family_keys, self.family_counts) if family else
                        (self.school_keys, self.school_counts))
        nation = self.nation_family if family else self.nation_given
        wanted = school * self.span + value
        at = np.minimum(np.searchsorted(keys, wanted), max(len(keys) - 1, 0))
        local = np.where(keys[at] == wanted, counts[at], 0) if len(keys) else np.zeros(
            len(wanted), dtype=np.int64)
        national = ((np.maximum(nation[value] - 1, 0) + fs.NAME_PSEUDO * fs.NAME_DEFAULT)
                    / (self.total + fs.NAME_PSEUDO))
        n = self.news_in[school]
        found: npt.NDArray[np.float64] = np.maximum(
            (np.maximum(local - 1, 0) + fs.TF_PSEUDO * national)
            / (np.maximum(n - 1, 0) + fs.TF_PSEUDO), 1e-7)
        return found


def _frequencies(accounts: Accounts, given: Ints, family: Ints, span: int) -> _Frequencies:
    """Name counts, and how often two accounts of one side of one school share a full name.

    The latter is the floor of the u of an exact full-name match: given name and surname
    are not independent (namesakes, relatives given a family name), so their product
    alone would make a name far rarer than it is. `given` and `family` number each
    account's folded names, below `span`.
    """
    member, school = accounts.member_account, accounts.member_school
    linked = accounts.linked[member]
    n_schools = max(len(accounts.schools), 1)
    new_m, new_s = member[linked], school[linked]
    g_keys, g_counts = np.unique(new_s * span + given[new_m], return_counts=True)
    f_keys, f_counts = np.unique(new_s * span + family[new_m], return_counts=True)
    nation_g = np.bincount(given[new_m], minlength=span)
    nation_f = np.bincount(family[new_m], minlength=span)
    news_in = np.bincount(new_s, minlength=n_schools)
    side = school * 2 + linked
    _, full = np.unique((side * span + given[member]) * span + family[member],
                        return_counts=True)
    sizes = np.bincount(side)
    same = float((full * (full - 1) / 2).sum())
    pairs = float((sizes * (sizes - 1) / 2).sum())
    return _Frequencies(span, g_keys, g_counts, f_keys, f_counts, nation_g, nation_f, news_in,
                        len(new_m),
                        (same + fs.NAMESAKE_PSEUDO * fs.NAMESAKE_DEFAULT)
                        / (pairs + fs.NAMESAKE_PSEUDO))


# Name levels whose u is that of the name itself. A transliteration is the same name typed
# another way, and the way it is typed says nothing of who bears it, so it is adjusted like
# the exact level and against the exact level's u (as splink adjusts fuzzy levels).
_TF_LEVELS = (cmp.N_EXACT, cmp.N_TRANSLIT)
# Fields that speak of the person beyond the name and the school.
_SUPPORT = (cmp.CODE, cmp.BIRTH, cmp.EMAIL_YEAR, cmp.CLASS)
_SUPPORT_EMAIL = (cmp.E_SAME, cmp.E_LOCAL, cmp.E_COMPLETES)


@dataclass(slots=True)
class _Scored:
    old: str
    new: str
    score: float
    kind: str
    reasons: tuple[str, ...]
    name_only_common: bool


def _pair_school(accounts: Accounts, olds: Ints, news: Ints) -> Ints:
    """The school a pair is judged in: the first (by code) they share, else the new one's."""
    member, school = accounts.member_account, accounts.member_school
    if not accounts.groups:
        return school[news].copy()  # one school each: the same one, or else the new one's
    names_ = accounts.schools
    of: dict[int, list[int]] = defaultdict(list)
    for m, s in zip(member.tolist(), school.tolist(), strict=True):
        if m in accounts.groups:
            of[m].append(s)
    single = np.full(len(accounts), -1, dtype=np.int64)
    plain = ~np.isin(member, np.fromiter(accounts.groups, dtype=np.int64))
    single[member[plain]] = school[plain]
    out = single[news].copy()
    for i in np.flatnonzero((single[olds] < 0) | (single[news] < 0)).tolist():
        o, n = int(olds[i]), int(news[i])
        mine = of.get(o) or [int(single[o])]
        theirs = of.get(n) or [int(single[n])]
        shared = set(mine) & set(theirs)
        out[i] = min(shared or theirs, key=names_.__getitem__)
    return out


def _old_schools(accounts: Accounts) -> tuple[Ints, Ints, Ints]:
    """Per account: its home school (first by code) and the new accounts of all its schools;
    per school: how many new accounts it has."""
    member, school = accounts.member_account, accounts.member_school
    news_in = np.bincount(school[accounts.linked[member]], minlength=len(accounts.schools))
    home = np.full(len(accounts), -1, dtype=np.int64)
    reach = np.bincount(member, weights=news_in[school], minlength=len(accounts))
    if accounts.groups:
        rank = np.argsort(np.argsort(np.asarray(accounts.schools, dtype=object)))
        order = np.lexsort((rank[school], member))
        first = np.ones(len(order), dtype=bool)
        first[1:] = member[order][1:] != member[order][:-1]
        home[member[order][first]] = school[order][first]
    else:
        home[member] = school
    return home, reach.astype(np.int64), news_in


def _name_frequencies(model: fs.Model, levels: Ints, u_given_all: npt.NDArray[np.float64],
                      u_family_all: npt.NDArray[np.float64], namesakes: float
                      ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """The term-frequency weights (log) of each pair's given name and surname: added to the
    exact level's weight, they make a common name count less and a rare one more."""
    straight = levels[:, cmp.SWAP] == cmp.O_STRAIGHT
    exact_g = straight & np.isin(levels[:, cmp.GIVEN], _TF_LEVELS)
    exact_f = straight & np.isin(levels[:, cmp.FAMILY], _TF_LEVELS)
    u_given = np.where(exact_g, u_given_all, 1.0)
    u_family = np.where(exact_f, u_family_all, 1.0)
    tf_given = np.where(exact_g, np.log(model.u[cmp.GIVEN][cmp.N_EXACT - 1] / u_given), 0.0)
    tf_family = np.where(exact_f, np.log(model.u[cmp.FAMILY][cmp.N_EXACT - 1] / u_family),
                         0.0)
    rare = straight & (u_given * u_family < namesakes)
    # The full name is no rarer than namesakes are: the surname's share shrinks.
    tf_family = np.where(rare, tf_family - np.log(namesakes / (u_given * u_family)),
                         tf_family)
    return tf_given, tf_family


def _candidates(accounts: Accounts, c: Compared, school: Ints, rank: Ints, levels: Ints,
                extra: npt.NDArray[np.float64]) -> tuple[fs.Candidates, int]:
    """The candidates as EM takes them (each distinct level vector once, each old account's
    prior share and school), and the number of old accounts that could have a partner."""
    home, reach, news_in = _old_schools(accounts)
    old_accounts, old_of = np.unique(c.olds, return_inverse=True)
    old_of = old_of.reshape(-1)
    # An old account whose schools have no new accounts is judged in the school of its
    # pair with the first new account by id.
    by_new = np.lexsort((rank[c.news], old_of))
    starts = np.ones(len(by_new), dtype=bool)
    starts[1:] = old_of[by_new][1:] != old_of[by_new][:-1]
    first_pair = by_new[starts]
    size = reach[old_accounts]
    fallback = news_in[school[first_pair]]
    size = np.where(size > 0, size, np.where(fallback > 0, fallback, 1))
    old_home = np.where(home[old_accounts] >= 0, home[old_accounts], school[first_pair])
    schools_used, school_index = np.unique(old_home, return_inverse=True)
    with_news = ~accounts.linked & (reach > 0)
    olds_in = np.bincount(home[with_news], minlength=len(accounts.schools))[schools_used]
    packed = np.zeros(len(levels), dtype=np.int64)
    for k in range(levels.shape[1]):  # every level is below 16
        packed = packed * 16 + levels[:, k]
    _, first_of, pattern_of = np.unique(packed, return_index=True, return_inverse=True)
    _, new_of = np.unique(c.news, return_inverse=True)
    candidates = fs.Candidates(
        olds=old_of, news=new_of.reshape(-1), patterns=pattern_of.reshape(-1), extra=extra,
        levels=levels[first_of], prior_share=1.0 / size, school_of=school_index.reshape(-1),
        olds_in=np.maximum(olds_in, 1))
    return candidates, max(int(with_news.sum()), len(old_accounts), 1)


def score_candidates(accounts: Accounts, olds: Ints, news: Ints
                     ) -> tuple[list[_Scored], fs.Model]:
    """The posterior of every candidate pair under a model estimated on this scan."""
    model = fs.default_model()
    rank = _id_rank(accounts)
    random_o, random_n = _random_pairs(accounts, rank)
    if len(random_o):
        fs.estimate_u(model, compare_pairs(accounts, random_o, random_n, full=True).levels)

    c = compare_pairs(accounts, olds, news)
    values = c.values
    all_given = values.ids("whole", accounts.first, folded_whole)
    all_family = values.ids("whole", accounts.last, folded_whole)
    freq = _frequencies(accounts, all_given, all_family, len(values.tables["whole"]) + 1)
    school = _pair_school(accounts, c.olds, c.news)
    u_given_all = freq.u(school, c.given_value, False)
    u_family_all = freq.u(school, c.family_value, True)
    levels = c.levels.astype(np.int64)
    tf_given, tf_family = _name_frequencies(model, levels, u_given_all, u_family_all,
                                            freq.namesakes)
    candidates, n_olds = _candidates(accounts, c, school, rank, levels, tf_given + tf_family)
    probs = fs.expect_maximise(model, candidates, n_olds)

    weights = [np.asarray(w) for w in model.weights]
    support = np.zeros(len(levels), dtype=bool)
    for k in _SUPPORT:
        support |= weights[k][levels[:, k]] > 0.5
    support |= np.isin(levels[:, cmp.EMAIL], _SUPPORT_EMAIL)
    n_school = freq.news_in[school]
    common = (n_school > 0) & (u_given_all * u_family_all * n_school >= COMMON_NAME)
    doubt = (probs >= PROPOSE) & ~support & common
    ids = accounts.ids
    shown = np.flatnonzero(probs >= RIVAL)
    strengths = [[fs.strength(w) for w in row] for row in model.weights]
    level_g, level_f = levels[shown, cmp.GIVEN], levels[shown, cmp.FAMILY]
    given = [fs.strength(w) for w in (weights[cmp.GIVEN][level_g] + tf_given[shown]).tolist()]
    family = [fs.strength(w) for w in
              (weights[cmp.FAMILY][level_f] + tf_family[shown]).tolist()]
    said = reasons(accounts, c, shown, strengths, given, family)
    scored = [_Scored(ids[o], ids[n], p, "teacher" if t else "student", r, common_only)
              for o, n, p, t, r, common_only in zip(
                  c.olds[shown].tolist(), c.news[shown].tolist(), probs[shown].tolist(),
                  c.teacher[shown].tolist(), said, doubt[shown].tolist(), strict=True)]
    return scored, model


def decide(scored: list[_Scored]) -> ScanResult:
    """One-to-one decisions: a pair is proposed only if it is likely and has no rival.

    A rival is another candidate of either account with a posterior of RIVAL or more. An
    old account whose only evidence is a common name goes to a person even when likely,
    since a namesake or a pupil who left would look just the same.
    """
    rivals_old: dict[str, list[str]] = defaultdict(list)
    rivals_new: dict[str, list[str]] = defaultdict(list)
    for c in scored:
        if c.score >= RIVAL:
            rivals_old[c.old].append(c.new)
            rivals_new[c.new].append(c.old)
    pairs: list[Candidate] = []
    ambiguous: list[Candidate] = []
    for c in scored:
        if c.score < AMBIGUOUS:
            continue
        of_old, of_new = rivals_old[c.old], rivals_new[c.new]
        others = [] if len(of_old) == 1 and len(of_new) == 1 else sorted(
            {*(n for n in of_old if n != c.new), *(o for o in of_new if o != c.old)})
        score = round(c.score, 3)
        if not others and c.score >= PROPOSE and not c.name_only_common:
            pairs.append(Candidate(c.old, c.new, score, c.kind, c.reasons))
            continue
        why = (f"another account fits about as well: {', '.join(others)}" if others
               else "only a common name speaks for the pair" if c.name_only_common
               and c.score >= PROPOSE else "the evidence is not strong enough to propose")
        ambiguous.append(Candidate(c.old, c.new, score, c.kind, (*c.reasons, why)))
    order = lambda c: (-c.score, c.old, c.new)  # noqa: E731
    return ScanResult(tuple(sorted(pairs, key=order)), tuple(sorted(ambiguous, key=order)))


def scan(records: Iterable[AccountRecord]) -> ScanResult:
    """Find duplicate pairs among account records (interfaces.md §4) of any number of schools."""
    with quiet_gc():
        return _scan(records)


def _scan(records: Iterable[AccountRecord]) -> ScanResult:
    listed = records if isinstance(records, list) else list(records)
    if not listed:
        return ScanResult((), ())
    accounts = accounts_of(listed)
    olds, news = candidate_pairs(accounts, listed)
    scored, _ = score_candidates(accounts, olds, news)
    result = decide(scored)
    return ScanResult(result.pairs, result.ambiguous, len(accounts), len(olds))


def scan_file(path: str | Path) -> dict[str, Any]:
    """`duplicates scan --accounts FILE --json`: raises RecordError on a bad line."""
    with quiet_gc():
        return _scan(read_records(path)).to_dict()
