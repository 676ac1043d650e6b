"""The scan's accounts as columns: one row per account, its records of every school merged.

A national file is a quarter of a million accounts, and any work done account by account in
Python costs more than reading the file. So every value is interned once (a name, a date,
an address, a set of classes is a small integer), what is said of a value is worked out
once per distinct value, and the comparisons and the model work on arrays of those integers.
Facts that only candidate pairs need (e-mail, ID code, times, roles, classes) are read only
for the accounts that are in a candidate pair at all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from opiq_admin.services.duplicates.matching.facts import class_codes, parse_code, parse_time
from opiq_admin.services.duplicates.records import AccountRecord

Ints = npt.NDArray[np.int64]
K = TypeVar("K", bound=Hashable)
Bools = npt.NDArray[np.bool_]


def intern(values: Iterable[K], table: dict[K, int]) -> Ints:
    """Each value's number in `table`, new values numbered as they come."""
    setdefault = table.setdefault
    return np.array([setdefault(v, len(table)) for v in values], dtype=np.int64)


def _record_order(record: AccountRecord) -> tuple[str, str, str, str, str, str, str,
                                                  tuple[str, ...], tuple[str, ...], bool,
                                                  str]:
    return (record.school, record.first_name, record.last_name, record.email or "",
            record.id_code or "", record.birth_date or "", record.created_at, record.roles,
            record.journals, record.has_license, record.ekool_id or "")


@dataclass(slots=True)
class Details:
    """What the comparisons need of an account beyond its name, for the accounts asked for.

    Arrays span all accounts; accounts never asked for keep the "nothing known" value.
    """

    email: Ints  # into Accounts.texts ("" when none)
    code: Ints  # the ID code as typed, into Accounts.text_index (-1 when none)
    born: Ints  # into Accounts.texts: the birth date, else the one an EE code gives (-1)
    created: npt.NDArray[np.float64]  # seconds since the epoch, NaN when unknown
    created_day: Ints  # YYYYMMDD of the creation (UTC), -1 when unknown
    licence: Bools
    roles: Ints  # into `role_sets`
    classes: Ints  # into `class_sets`
    role_sets: list[dict[str, frozenset[str]]] = field(default_factory=list)
    class_sets: list[frozenset[str]] = field(default_factory=list)
    role_index: dict[tuple[str, tuple[str, ...]], int] = field(
        default_factory=lambda: {("\\0", ()): 0})
    class_index: dict[tuple[str, ...], int] = field(default_factory=lambda: {(): 0})
    done: Bools = field(default_factory=lambda: np.zeros(0, dtype=bool))


@dataclass(slots=True)
class Accounts:
    """Accounts of one scan as columns."""

    ids: list[str]
    heads: list[AccountRecord]  # the first record of each account, in a fixed order
    groups: dict[int, list[AccountRecord]]  # the accounts with more than one record
    linked: Bools
    first: Ints  # into `texts`
    last: Ints
    born_typed: Ints  # the record's own birth date (head), into `texts`; -1 when none
    record_account: Ints  # the account of each record, in the records' order
    member_account: Ints  # one row per (account, school)
    member_school: Ints  # into `schools`
    schools: list[str]
    texts: list[str]  # every distinct name, date and address of the scan
    text_index: dict[str, int]
    details: Details | None = None

    def __len__(self) -> int:
        return len(self.ids)

    def detail(self, needed: npt.NDArray[np.int64]) -> Details:
        """Details of the accounts in `needed` (and of any asked for before)."""
        details = self.details
        n = len(self.ids)
        if details is None:
            details = self.details = Details(
                email=np.zeros(n, dtype=np.int64), code=np.full(n, -1, dtype=np.int64),
                born=np.full(n, -1, dtype=np.int64),
                created=np.full(n, np.nan), created_day=np.full(n, -1, dtype=np.int64),
                licence=np.zeros(n, dtype=bool), roles=np.zeros(n, dtype=np.int64),
                classes=np.zeros(n, dtype=np.int64), done=np.zeros(n, dtype=bool))
            details.class_sets.append(frozenset())
            details.role_sets.append({})
            self.text_index.setdefault("", len(self.text_index))
        todo = np.unique(needed)
        todo = todo[~details.done[todo]]
        if not len(todo):
            return details
        details.done[todo] = True
        listed = todo.tolist()
        groups = self.groups
        single = [i for i in listed if i not in groups] if groups else listed
        multi = [i for i in listed if i in groups] if groups else []
        if single:
            self._fill(details, np.asarray(single, dtype=np.int64),
                       [self.heads[i] for i in single])
        for account in multi:
            self._fill_merged(details, account, self.groups[account])
        return details

    def _fill(self, d: Details, rows: Ints, heads: Sequence[AccountRecord]) -> None:
        texts = self.text_index
        d.email[rows] = intern([h.email or "" for h in heads], texts)
        code_raw = [h.id_code for h in heads]
        d.code[rows] = [texts.setdefault(c, len(texts)) if c else -1 for c in code_raw]
        born = [h.birth_date for h in heads]
        for i in [i for i, b in enumerate(born) if not b and code_raw[i]]:
            # Validating a code is costly: only an account without a birth date needs it.
            born[i] = parse_code(code_raw[i] or "").birth_date
        d.born[rows] = [-1 if b is None else texts.setdefault(b, len(texts)) for b in born]
        d.created[rows], d.created_day[rows] = moments([h.created_at for h in heads])
        d.licence[rows] = [h.has_license for h in heads]
        before = len(d.role_index)
        d.roles[rows] = intern([(h.school, h.roles) for h in heads], d.role_index)
        d.role_sets.extend({school: frozenset(roles)}
                           for school, roles in islice(d.role_index, before, None))
        before = len(d.class_index)
        d.classes[rows] = intern([h.journals for h in heads], d.class_index)
        d.class_sets.extend(frozenset(c for j in journals for c in class_codes(j))
                            for journals in islice(d.class_index, before, None))

    def _fill_merged(self, d: Details, account: int, records: list[AccountRecord]) -> None:
        """An account in several schools: first non-empty values, unions, the earliest time."""
        texts = self.text_index
        email = next((r.email for r in records if r.email), "")
        d.email[account] = texts.setdefault(email, len(texts))
        code = next((r.id_code for r in records if r.id_code), None)
        born = next((r.birth_date for r in records if r.birth_date), None)
        if code:
            d.code[account] = texts.setdefault(code, len(texts))
            born = born or parse_code(code).birth_date
        if born:
            d.born[account] = texts.setdefault(born, len(texts))
        created = min((r.created_at for r in records if r.created_at), default="")
        moment = parse_time(created)
        if moment:
            d.created[account] = moment.timestamp()
            d.created_day[account] = moment.year * 10000 + moment.month * 100 + moment.day
        d.licence[account] = any(r.has_license for r in records)
        roles: dict[str, set[str]] = defaultdict(set)
        classes: set[str] = set()
        for record in records:
            roles[record.school].update(record.roles)
            for journal in record.journals:
                classes.update(class_codes(journal))
        # Keys of their own, so that the vocabularies stay in step with the lists.
        d.roles[account] = d.role_index.setdefault(("", (str(account),)), len(d.role_index))
        d.role_sets.append({school: frozenset(r) for school, r in roles.items()})
        d.classes[account] = d.class_index.setdefault((f"\0{account}",), len(d.class_index))
        d.class_sets.append(frozenset(classes))


def _utc_text(text: str) -> str | None:
    """The date-time without its zone when it is UTC or has none, else None."""
    if text.endswith("+00:00"):
        return text[:-6]
    if text.endswith("Z"):
        return text[:-1]
    if len(text) > 19 and text[-6] in "+-" and text[-3] == ":":
        return None  # another zone: its local date is not the UTC one
    return text


def moments(texts: list[str]) -> tuple[npt.NDArray[np.float64], Ints]:
    """(seconds since the epoch, YYYYMMDD in the text's own zone) of ISO 8601 date-times;
    NaN and -1 for an empty or unreadable one. UTC and zone-less texts (read as UTC) are
    parsed by numpy at once; the rest one by one."""
    seconds = np.full(len(texts), np.nan)
    days = np.full(len(texts), -1, dtype=np.int64)
    utc = [_utc_text(t) if t else None for t in texts]
    rows = [i for i, t in enumerate(utc) if t is not None]
    slow = [i for i, t in enumerate(utc) if t is None and texts[i]]
    try:
        stamps = np.array([utc[i] for i in rows], dtype="datetime64[us]")
    except ValueError:
        slow, rows = sorted(slow + rows), []
        stamps = np.zeros(0, dtype="datetime64[us]")
    if rows:
        at = np.asarray(rows, dtype=np.int64)
        seconds[at] = stamps.astype(np.int64) / 1e6
        day = stamps.astype("datetime64[D]")
        month = stamps.astype("datetime64[M]")
        days[at] = ((month.astype(np.int64) // 12 + 1970) * 10000
                    + (month.astype(np.int64) % 12 + 1) * 100
                    + (day - month.astype("datetime64[D]")).astype(np.int64) + 1)
    for i in slow:
        moment = parse_time(texts[i])
        if moment:
            seconds[i] = moment.timestamp()
            days[i] = moment.year * 10000 + moment.month * 100 + moment.day
    return seconds, days


def accounts_of(records: Sequence[AccountRecord]) -> Accounts:
    """Group records by account and intern the values blocking needs."""
    ids = [r.id for r in records]
    groups: dict[int, list[AccountRecord]] = {}
    if len(set(ids)) == len(ids):  # one record per account: the usual file of one school
        n = len(ids)
        owner = np.arange(n, dtype=np.int64)
        heads = list(records)
    else:
        index: dict[str, int] = {}
        setdefault = index.setdefault
        owner = np.array([setdefault(i, len(index)) for i in ids], dtype=np.int64)
        n = len(index)
        ids = list(index)
        counts = np.bincount(owner, minlength=n)
        several = set(np.flatnonzero(counts > 1).tolist())
        heads = [records[0]] * n
        for position, account in enumerate(owner.tolist()):
            if account in several:
                groups.setdefault(account, []).append(records[position])
            else:
                heads[account] = records[position]
        for account, group in groups.items():
            group.sort(key=_record_order)
            heads[account] = group[0]
    linked = np.array([h.ekool_id is not None for h in heads], dtype=bool)
    for account, group in groups.items():
        linked[account] = any(r.ekool_id is not None for r in group)
    texts: dict[str, int] = {"": 0}
    first = intern([h.first_name for h in heads], texts)
    last = intern([h.last_name for h in heads], texts)
    born_typed = np.array([-1 if h.birth_date is None else
                           texts.setdefault(h.birth_date, len(texts)) for h in heads],
                          dtype=np.int64)
    school_index: dict[str, int] = {}
    member_school = intern([r.school for r in records], school_index)
    member_account = owner
    if groups:
        # One row per (account, school): an account twice in one school is once there.
        both = np.unique(member_account * max(len(school_index), 1) + member_school)
        member_account, member_school = np.divmod(both, max(len(school_index), 1))
    return Accounts(ids=ids, heads=heads, groups=groups, linked=linked, first=first,
                    last=last, born_typed=born_typed, record_account=owner,
                    member_account=member_account,
                    member_school=member_school, schools=list(school_index), texts=[],
                    text_index=texts)


def text_list(accounts: Accounts) -> list[str]:
    """The interned texts by number (built when first asked for, after every intern)."""
    if len(accounts.texts) != len(accounts.text_index):
        accounts.texts = list(accounts.text_index)
    return accounts.texts
