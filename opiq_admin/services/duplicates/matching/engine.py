"""Blocking, scoring and one-to-one decisions over a whole set of account records.

Cost must grow with the number of accounts, not with its square: candidates are only the
old/new pairs that share a school and a blocking key (a name key, a phonetic surname, a
name prefix with the birth year, the birth date) or an ID code or an e-mail address, so a
school is compared with itself and nothing else. Each candidate becomes a vector of
comparison levels (`compare.py`); the Fellegi–Sunter model (`model.py`) learns the
levels' weights from this very scan and gives each pair a posterior probability, the
score a person sees. Decisions are made on the complete set of scored candidates, never
greedily, so that the answer does not depend on input order.
"""

from __future__ import annotations

import math
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from random import Random
from typing import Any

from opiq_admin.services.duplicates.matching import compare as cmp
from opiq_admin.services.duplicates.matching import model as fs
from opiq_admin.services.duplicates.matching import names
from opiq_admin.services.duplicates.matching.facts import Profile, class_codes, compact_code
from opiq_admin.services.duplicates.records import AccountRecord, quiet_gc, read_records

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


def _record_order(record: AccountRecord) -> tuple[str, str, str, str, str, str, str,
                                                  tuple[str, ...], tuple[str, ...], bool,
                                                  str]:
    return (record.school, record.first_name, record.last_name, record.email or "",
            record.id_code or "", record.birth_date or "", record.created_at, record.roles,
            record.journals, record.has_license, record.ekool_id or "")


def _profile(records: list[AccountRecord]) -> Profile:
    head = records[0]
    if len(records) == 1:
        return Profile(
            id=head.id, first_name=head.first_name, last_name=head.last_name,
            linked=head.ekool_id is not None, email=head.email or "",
            code_raw=head.id_code,
            birth_date=head.birth_date, created_at=head.created_at,
            has_license=head.has_license, roles={head.school: frozenset(head.roles)},
            classes=frozenset(c for j in head.journals for c in class_codes(j)))
    roles: dict[str, set[str]] = defaultdict(set)
    classes: set[str] = set()
    for record in records:
        roles[record.school].update(record.roles)
        for journal in record.journals:
            classes.update(class_codes(journal))
    created = min((r.created_at for r in records if r.created_at), default="")
    email = next((r.email for r in records if r.email), "")
    code = next((r.id_code for r in records if r.id_code), None)
    return Profile(
        id=head.id,
        first_name=head.first_name,
        last_name=head.last_name,
        linked=any(r.ekool_id is not None for r in records),
        email=email or "",
        code_raw=code,
        birth_date=next((r.birth_date for r in records if r.birth_date), None),
        created_at=created,
        has_license=any(r.has_license for r in records),
        roles={school: frozenset(r) for school, r in roles.items()},
        classes=frozenset(classes),
    )


def _group(records: Iterable[AccountRecord]) -> dict[str, list[AccountRecord]]:
    grouped: dict[str, list[AccountRecord]] = defaultdict(list)
    for record in records:
        grouped[record.id].append(record)
    for group in grouped.values():
        if len(group) > 1:
            group.sort(key=_record_order)
    return grouped


def _initials(token: str, folded: str) -> set[str]:
    # A leading j or y is dropped in some transliterations (Jevgeni / Evgeny), so both
    # the skeleton's and the spelling's first letter serve as initials.
    first = folded[:1].replace("y", "j")
    return {token[:1], first} if first else {token[:1]}


@lru_cache(maxsize=200_000)
def _field_tokens(text: str, given: bool) -> tuple[tuple[str, frozenset[str]], ...]:
    """(key token, initials) for every part of a name field, both spellings."""
    out: dict[str, set[str]] = defaultdict(set)
    folded_parts = names.fold(text).split()
    skeletons = [sk for sk in names.skeletons(text) if sk]
    for sk in skeletons:
        out[sk].update(_initials(sk, folded_parts[0] if folded_parts else ""))
        if given:
            for full in names.full_names_of(sk):
                out[full].add(full[:1])
    for part in [*folded_parts, "".join(folded_parts)] if len(folded_parts) > 1 else \
            folded_parts:
        out[part].update(_initials(part, part))
    return tuple((token, frozenset(initials)) for token, initials in sorted(out.items()))


def name_keys(first: str, last: str) -> frozenset[tuple[str, str]]:
    """Blocking keys: (a name part, the first letter of a part of the other name).

    Emitted both ways round, so swapped names meet; one part of a double name is enough;
    a typing error in one name still leaves the key made from the other one. Parts come
    as skeletons and as folded spellings, nicknames also as the full names they stand for.
    """
    given = _field_tokens(first, True)
    family = _field_tokens(last, False)
    if not given or not family:
        return frozenset()
    g_initials = frozenset().union(*(initials for _, initials in given))
    s_initials = frozenset().union(*(initials for _, initials in family))
    return frozenset([*((g, i) for g, _ in given for i in s_initials),
                      *((s, i) for s, _ in family for i in g_initials)])


def block_keys(first: str, last: str, born: str | None) -> list[tuple[str, str]]:
    """Every blocking key of one account: its name keys and its other keys.

    A key may come twice (two name prefixes alike); the candidates are a set, so that
    costs nothing, and no set is built per account.
    """
    keys = list(name_keys(first, last))
    keys.extend(_other_keys(first, last, born))
    return keys


_VOWELS = str.maketrans("", "", "aeiouõäöüy")


@lru_cache(maxsize=200_000)
def phonetic(text: str) -> str:
    """A vowel-blind key of a name: typing errors in vowels, doubled letters and the
    transliteration of Russian names leave it unchanged ("Tamm", "Tam", "Tamn" differ)."""
    whole = "".join(names.skeletons(text)[:1]) or names.fold(text).replace(" ", "")
    if not whole:
        return ""
    rest = whole[1:].translate(_VOWELS)
    out = [whole[0]]
    for ch in rest:
        if ch != out[-1]:
            out.append(ch)
    return "".join(out)[:5]


def other_keys(first: str, last: str, born: str | None) -> frozenset[tuple[str, str]]:
    """Blocking keys that survive a typing error in both names: the phonetic surname with
    the given name's initial, the phonetic given name with the surname's initial, a name
    prefix with the birth year, and the birth date itself with either initial."""
    return frozenset(_other_keys(first, last, born))


def _other_keys(first: str, last: str, born: str | None) -> list[tuple[str, str]]:
    given, family = names.fold(first).replace(" ", ""), names.fold(last).replace(" ", "")
    keys: list[tuple[str, str]] = []
    if given and family:
        if len(family) > 1:
            keys.append(("p", f"{phonetic(last)}|{given[0]}"))
        if len(given) > 1:
            keys.append(("pg", f"{phonetic(first)}|{family[0]}"))
    if born and len(born) >= 4:
        year = born[:4]
        if given:
            keys.append(("y", f"{given[:2]}|{year}"))
            keys.append(("d", f"{born}|{given[:1]}"))
        if family:
            keys.append(("y", f"{family[:2]}|{year}"))
            keys.append(("d", f"{born}|{family[:1]}"))
    return keys


def candidate_pairs(grouped: dict[str, list[AccountRecord]]) -> set[tuple[str, str]]:
    """(old id, new id) pairs worth scoring: same school and key, or same code/e-mail.

    Works on the raw records, so that full profiles are built only for accounts that have
    a candidate at all; most linked accounts never do.
    """
    olds_by_school: dict[str, list[AccountRecord]] = defaultdict(list)
    news_by_school: dict[str, list[AccountRecord]] = defaultdict(list)
    old_by_code: dict[str, list[str]] = defaultdict(list)
    old_by_email: dict[str, list[str]] = defaultdict(list)
    news: list[list[AccountRecord]] = []
    for group in grouped.values():
        head = group[0]
        if len(group) == 1:
            linked = head.ekool_id is not None
            (news_by_school if linked else olds_by_school)[head.school].append(head)
        else:
            linked = any(r.ekool_id is not None for r in group)
            by_school = news_by_school if linked else olds_by_school
            for record in group:
                by_school[record.school].append(head)
        if linked:
            news.append(group)
            continue
        for record in group:
            if record.id_code:
                old_by_code[compact_code(record.id_code)].append(head.id)
            if record.email:
                old_by_email[record.email.casefold()].append(head.id)
    pairs: set[tuple[str, str]] = set()
    for school, olds in olds_by_school.items():
        school_news = news_by_school.get(school)
        if not school_news:
            continue
        index: dict[tuple[str, str], list[str]] = defaultdict(list)
        for old in olds:
            for key in block_keys(old.first_name, old.last_name, old.birth_date):
                index[key].append(old.id)
        get = index.get
        for new in school_news:
            found: set[str] = set()
            for key in block_keys(new.first_name, new.last_name, new.birth_date):
                hit = get(key)
                if hit:
                    found.update(hit)
            if found:
                new_id = new.id
                pairs.update([(old_id, new_id) for old_id in found])
    if old_by_code or old_by_email:
        for group in news:
            new_id = group[0].id
            for record in group:
                if record.id_code and old_by_code:
                    pairs.update((o, new_id) for o in old_by_code.get(
                        compact_code(record.id_code), ()))
                if record.email and old_by_email:
                    pairs.update((o, new_id) for o in old_by_email.get(
                        record.email.casefold(), ()))
    return pairs


_NO_NAMES: tuple[Counter[str], Counter[str], int] = (Counter(), Counter(), 0)

# An account as the scan's counts see it: id, first record, linked or not, its schools.
_Side = tuple[str, AccountRecord, bool, Iterable[str]]


def _sides(grouped: dict[str, list[AccountRecord]]) -> list[_Side]:
    """Each account's side and schools, worked out once for all the counts made of them."""
    out: list[_Side] = []
    for account_id, group in grouped.items():
        head = group[0]
        if len(group) == 1:
            out.append((account_id, head, head.ekool_id is not None, (head.school,)))
        else:
            out.append((account_id, head, any(r.ekool_id is not None for r in group),
                        {r.school for r in group}))
    return out


@dataclass(slots=True)
class _Frequencies:
    """How often each folded given name and surname is borne by the new accounts of a
    school and of the whole scan: the u of an exact name match, name by name."""

    school: dict[str, tuple[Counter[str], Counter[str], int]]
    nation: tuple[Counter[str], Counter[str], int]
    namesakes: float = 0.0  # the share of pairs of accounts of one school with one full name

    def u(self, school: str, value: str, family: bool) -> float:
        g, f, n = self.school.get(school, _NO_NAMES)
        ng, nf, total = self.nation
        local = (f if family else g)[value]
        national = ((max((nf if family else ng)[value] - 1, 0) + fs.NAME_PSEUDO * fs.NAME_DEFAULT)
                    / (total + fs.NAME_PSEUDO))
        return max((max(local - 1, 0) + fs.TF_PSEUDO * national) / (max(n - 1, 0) + fs.TF_PSEUDO),
                   1e-7)


def _frequencies(sides: list[_Side]) -> _Frequencies:
    """Name counts, and how often two accounts of one side of one school share a full name.

    The latter is the floor of the u of an exact full-name match: given name and surname
    are not independent (namesakes, relatives given a family name), so their product
    alone would make a name far rarer than it is.
    """
    given_in: dict[str, list[str]] = defaultdict(list)
    family_in: dict[str, list[str]] = defaultdict(list)
    full: Counter[tuple[str, bool, str, str]] = Counter()
    sizes: Counter[tuple[str, bool]] = Counter()
    fold = names.fold
    for _, head, linked, schools_of in sides:
        given = fold(head.first_name).replace(" ", "")
        family = fold(head.last_name).replace(" ", "")
        for school in schools_of:
            full[school, linked, given, family] += 1
            sizes[school, linked] += 1
            if linked:
                given_in[school].append(given)
                family_in[school].append(family)
    schools = {school: (Counter(given_in[school]), Counter(family_in[school]),
                        len(given_in[school])) for school in given_in}
    ng: Counter[str] = Counter()
    nf: Counter[str] = Counter()
    for g, f, _ in schools.values():
        ng.update(g)
        nf.update(f)
    total = sum(n for _, _, n in schools.values())
    same = sum(c * (c - 1) / 2 for c in full.values())
    pairs = sum(n * (n - 1) / 2 for n in sizes.values())
    return _Frequencies(schools, (ng, nf, total),
                        (same + fs.NAMESAKE_PSEUDO * fs.NAMESAKE_DEFAULT)
                        / (pairs + fs.NAMESAKE_PSEUDO))


def _random_pairs(sides: list[_Side]) -> list[tuple[str, str]]:
    """Random (old, new) pairs within each school, the same whatever the input order."""
    olds: dict[str, list[str]] = defaultdict(list)
    news: dict[str, list[str]] = defaultdict(list)
    for account_id, _, linked, schools_of in sides:
        for school in schools_of:
            (news if linked else olds)[school].append(account_id)
    schools = sorted(s for s in olds if s in news)
    if not schools:
        return []
    per_school = max(RANDOM_PER_SCHOOL, RANDOM_TOTAL // len(schools))
    pairs: list[tuple[str, str]] = []
    for school in schools:
        o, n = sorted(olds[school]), sorted(news[school])
        rng = Random(zlib.crc32(school.encode("utf-8")))
        if len(o) * len(n) <= per_school:
            pairs.extend((a, b) for a in o for b in n if a != b)
        else:
            pairs.extend((rng.choice(o), rng.choice(n)) for _ in range(per_school))
    return pairs


def _common(freq: _Frequencies, school: str, comparison: cmp.Comparison) -> bool:
    """Whether another new account of the school would bear this full name by chance."""
    n = freq.school.get(school, _NO_NAMES)[2]
    if not n:
        return False
    expected = (freq.u(school, comparison.given_value, False)
                * freq.u(school, comparison.family_value, True) * n)
    return expected >= COMMON_NAME


# Name levels whose u is that of the name itself. A transliteration is the same name typed
# another way, and the way it is typed says nothing of who bears it, so it is adjusted like
# the exact level and against the exact level's u (as splink adjusts fuzzy levels).
_TF_LEVELS = (cmp.N_EXACT, cmp.N_TRANSLIT)
# Fields that speak of the person beyond the name and the school.
_SUPPORT = (cmp.CODE, cmp.BIRTH, cmp.EMAIL_YEAR, cmp.CLASS)
_SUPPORT_EMAIL = frozenset({cmp.E_SAME, cmp.E_LOCAL, cmp.E_COMPLETES})
_REASON_ORDER = (cmp.GIVEN, cmp.FAMILY, cmp.SWAP, cmp.CODE, cmp.BIRTH, cmp.SCHOOL, cmp.CLASS,
                 cmp.EMAIL, cmp.EMAIL_YEAR, cmp.AGE, cmp.CREATED, cmp.LICENCE)


@dataclass(slots=True)
class _Scored:
    old: str
    new: str
    score: float
    kind: str
    reasons: tuple[str, ...]
    name_only_common: bool


def _reasons(model: fs.Model, comparison: cmp.Comparison, tf: tuple[float, float]
             ) -> tuple[str, ...]:
    out = []
    for k in _REASON_ORDER:
        level = comparison.levels[k]
        if not level or not comparison.words[k]:
            continue
        weight = model.weights[k][level] + (tf[0] if k == cmp.GIVEN else
                                            tf[1] if k == cmp.FAMILY else 0.0)
        out.append(f"{comparison.words[k]} ({fs.strength(weight)})")
    return tuple(out)


def score_candidates(grouped: dict[str, list[AccountRecord]],
                     candidates: Iterable[tuple[str, str]]) -> tuple[list[_Scored], fs.Model]:
    """The posterior of every candidate pair under a model estimated on this scan."""
    profiles: dict[str, Profile] = {}

    def profile(account_id: str) -> Profile:
        found = profiles.get(account_id)
        if found is None:
            found = profiles[account_id] = _profile(grouped[account_id])
        return found

    model = fs.default_model()
    random_levels = []
    sides = _sides(grouped)
    for old_id, new_id in _random_pairs(sides):
        found = cmp.compare(profile(old_id), profile(new_id), full=True)
        if isinstance(found, cmp.Comparison):
            random_levels.append(found.levels)
    fs.estimate_u(model, random_levels)

    freq = _frequencies(sides)
    n_new: Counter[str] = Counter()
    n_old_schools: dict[str, set[str]] = {}
    for account_id, _, linked, schools_of in sides:
        if linked:
            n_new.update(schools_of)
        else:
            n_old_schools[account_id] = set(schools_of)

    c = fs.Candidates()
    pattern_of: dict[tuple[int, ...], int] = {}
    old_index: dict[str, int] = {}
    school_index: dict[str, int] = {}
    new_index: dict[str, int] = {}
    kept: list[tuple[str, str, cmp.Comparison, tuple[float, float], str]] = []
    u_level = [{level: model.u[k][cmp.N_EXACT - 1] for level in _TF_LEVELS}
               for k in (cmp.GIVEN, cmp.FAMILY)]
    for old_id, new_id in sorted(candidates):
        old, new = profile(old_id), profile(new_id)
        found = cmp.compare(old, new)
        if not isinstance(found, cmp.Comparison):
            continue
        shared = old.roles.keys() & new.roles.keys()
        school = min(shared) if shared else min(new.roles, default="")
        tf_given = tf_family = 0.0
        if found.levels[cmp.SWAP] == cmp.O_STRAIGHT:
            u_given = u_family = 1.0
            level_g, level_f = found.levels[cmp.GIVEN], found.levels[cmp.FAMILY]
            if level_g in _TF_LEVELS:
                u_given = freq.u(school, found.given_value, False)
                tf_given = math.log(u_level[0][level_g] / u_given)
            if level_f in _TF_LEVELS:
                u_family = freq.u(school, found.family_value, True)
                tf_family = math.log(u_level[1][level_f] / u_family)
            if u_given * u_family < freq.namesakes:
                # The full name is no rarer than namesakes are: the surname's share shrinks.
                tf_family -= math.log(freq.namesakes / (u_given * u_family))
        o = old_index.setdefault(old_id, len(old_index))
        if o == len(c.prior_share):
            size = sum(n_new[s] for s in n_old_schools.get(old_id, ())) or n_new[school] or 1
            c.prior_share.append(1.0 / size)
            home = min(n_old_schools.get(old_id, ()), default=school)
            c.school_of.append(school_index.setdefault(home, len(school_index)))
        c.olds.append(o)
        c.news.append(new_index.setdefault(new_id, len(new_index)))
        c.patterns.append(pattern_of.setdefault(found.levels, len(pattern_of)))
        c.extra.append(tf_given + tf_family)
        kept.append((old_id, new_id, found, (tf_given, tf_family), school))
    c.levels = list(pattern_of)
    olds_in: Counter[str] = Counter(min(schools) for schools in n_old_schools.values()
                                    if any(n_new[s] for s in schools))
    c.olds_in = [max(olds_in[school], 1) for school in school_index]
    n_olds = sum(1 for schools in n_old_schools.values() if any(n_new[s] for s in schools))
    probs = fs.expect_maximise(model, c, max(n_olds, len(old_index), 1))
    scored = []
    for (old_id, new_id, found, tf, school), p in zip(kept, probs, strict=True):
        if p < RIVAL:  # neither shown nor anyone's rival: not worth the words
            scored.append(_Scored(old_id, new_id, p, found.kind, (), False))
            continue
        levels = found.levels
        doubt = p >= PROPOSE and not (any(model.weights[k][levels[k]] > 0.5 for k in _SUPPORT)
                                      or levels[cmp.EMAIL] in _SUPPORT_EMAIL)
        scored.append(_Scored(old_id, new_id, p, found.kind, _reasons(model, found, tf),
                              doubt and _common(freq, school, found)))
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
        others = sorted({*(n for n in rivals_old[c.old] if n != c.new),
                         *(o for o in rivals_new[c.new] if o != c.old)})
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
    grouped = _group(records)
    candidates = candidate_pairs(grouped)
    scored, _ = score_candidates(grouped, candidates)
    result = decide(scored)
    return ScanResult(result.pairs, result.ambiguous, len(grouped), len(candidates))


def scan_file(path: str | Path) -> dict[str, Any]:
    """`duplicates scan --accounts FILE --json`: raises RecordError on a bad line."""
    with quiet_gc():
        return _scan(read_records(path)).to_dict()
