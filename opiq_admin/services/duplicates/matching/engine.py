"""Blocking, scoring and one-to-one decisions over a whole set of account records.

Cost must grow with the number of accounts, not with its square: candidates are only the
old/new pairs that share a school and a name key (or an ID code or an e-mail address), so a
school is compared with itself and nothing else. Decisions are made on the complete set of
scored candidates, never greedily, so that the answer does not depend on input order.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from opiq_admin.services.duplicates.matching import names
from opiq_admin.services.duplicates.matching.evidence import Profile, assess, class_codes
from opiq_admin.services.duplicates.matching.facts import compact_code
from opiq_admin.services.duplicates.records import AccountRecord, quiet_gc, read_records

# A proposal needs odds of at least 12:1 (score 0.92) and must beat every rival for either
# account by a factor of e² ≈ 7.4; below 1:1 a candidate is not worth a person's time.
PROPOSE_LOGIT = 2.5
AMBIGUOUS_LOGIT = 0.0
MARGIN = 2.0


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


@lru_cache(maxsize=200_000)
def name_keys(first: str, last: str) -> frozenset[tuple[str, str]]:
    """Blocking keys: (a name part, the first letter of a part of the other name).

    Emitted both ways round, so swapped names meet; one part of a double name is enough;
    a typing error in one name still leaves the key made from the other one. Parts come
    as skeletons and as folded spellings, nicknames also as the full names they stand for.
    """
    given = _field_tokens(first, True)
    family = _field_tokens(last, False)
    keys: set[tuple[str, str]] = set()
    for g, g_initials in given:
        for s, s_initials in family:
            keys.update((g, i) for i in s_initials)
            keys.update((s, i) for i in g_initials)
    return frozenset(keys)


def candidate_pairs(grouped: dict[str, list[AccountRecord]]) -> set[tuple[str, str]]:
    """(old id, new id) pairs worth scoring: same school and name key, or same code/e-mail.

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
            for key in name_keys(old.first_name, old.last_name):
                index[key].append(old.id)
        for new in school_news:
            for key in name_keys(new.first_name, new.last_name):
                for old_id in index.get(key, ()):
                    pairs.add((old_id, new.id))
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


def known_names(grouped: dict[str, list[AccountRecord]]) -> frozenset[str]:
    """Folded names borne by at least two eKool-linked accounts: names really in use.

    One occurrence is not enough, since a self-made account that was linked later keeps
    whatever typing error its owner made.
    """
    raw: Counter[str] = Counter()
    for group in grouped.values():
        head = group[0]
        if head.ekool_id is not None:
            raw[head.first_name] += 1
            raw[head.last_name] += 1
    counts: Counter[str] = Counter()
    for name, count in raw.items():
        counts[names.fold(name)] += count
    return frozenset(name for name, count in counts.items() if count >= 2)


def _score(logit: float) -> float:
    return round(1.0 / (1.0 + math.exp(-logit)), 3)


def decide(scored: list[tuple[str, str, float, str, tuple[str, ...]]]) -> ScanResult:
    """One-to-one decisions: a pair is proposed only if neither account has a close rival.

    A candidate is a contender when no other candidate of its old account and none of its
    new account is better by more than MARGIN. A contender alone on both sides and above
    PROPOSE_LOGIT is proposed; every other contender goes to a person as ambiguous.
    """
    best_old: dict[str, float] = {}
    best_new: dict[str, float] = {}
    for old, new, logit, _, _ in scored:
        best_old[old] = max(best_old.get(old, -math.inf), logit)
        best_new[new] = max(best_new.get(new, -math.inf), logit)
    contenders = [c for c in scored
                  if c[2] >= best_old[c[0]] - MARGIN and c[2] >= best_new[c[1]] - MARGIN]
    rivals_old: dict[str, list[str]] = defaultdict(list)
    rivals_new: dict[str, list[str]] = defaultdict(list)
    for old, new, *_ in contenders:
        rivals_old[old].append(new)
        rivals_new[new].append(old)
    pairs: list[Candidate] = []
    ambiguous: list[Candidate] = []
    for old, new, logit, kind, reasons in contenders:
        others = sorted({*(n for n in rivals_old[old] if n != new),
                         *(o for o in rivals_new[new] if o != old)})
        if not others and logit >= PROPOSE_LOGIT:
            pairs.append(Candidate(old, new, _score(logit), kind, reasons))
        elif logit >= AMBIGUOUS_LOGIT:
            why = (f"another account fits about as well: {', '.join(others)}" if others
                   else "the evidence is not strong enough to propose")
            ambiguous.append(Candidate(old, new, _score(logit), kind, (*reasons, why)))
    order = lambda c: (-c.score, c.old, c.new)  # noqa: E731
    return ScanResult(tuple(sorted(pairs, key=order)), tuple(sorted(ambiguous, key=order)))


def scan(records: Iterable[AccountRecord]) -> ScanResult:
    """Find duplicate pairs among account records (interfaces.md §4) of any number of schools."""
    with quiet_gc():
        return _scan(records)


def _scan(records: Iterable[AccountRecord]) -> ScanResult:
    grouped = _group(records)
    candidates = candidate_pairs(grouped)
    involved = {account_id for pair in candidates for account_id in pair}
    profiles = {account_id: _profile(grouped[account_id]) for account_id in involved}
    known = known_names(grouped)
    scored = []
    for old_id, new_id in candidates:
        found, kind = assess(profiles[old_id], profiles[new_id], known)
        if found.veto:
            continue
        logit = found.total
        if logit >= AMBIGUOUS_LOGIT - MARGIN:
            scored.append((old_id, new_id, logit, kind, tuple(found.reasons)))
    result = decide(scored)
    return ScanResult(result.pairs, result.ambiguous, len(grouped), len(candidates))


def scan_file(path: str | Path) -> dict[str, Any]:
    """`duplicates scan --accounts FILE --json`: raises RecordError on a bad line."""
    with quiet_gc():
        return _scan(read_records(path)).to_dict()
