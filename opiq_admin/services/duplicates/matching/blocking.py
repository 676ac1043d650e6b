"""Blocking: which (old, new) pairs are worth comparing at all.

Cost must grow with the number of accounts, not with its square: candidates are only the
old/new pairs that share a school and a blocking key (a name key, a phonetic surname, a
name prefix with the birth year, the birth date) or an ID code or an e-mail address, so a
school is compared with itself and nothing else.

What a key is made of is worked out once per distinct name (`name_keys`, `other_keys` say it
for one account); the keys of all accounts are then numbers, and old and new accounts meet
in one sorted join instead of a dictionary probed account by account.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache
from itertools import chain

import numpy as np

from opiq_admin.services.duplicates.matching import names
from opiq_admin.services.duplicates.matching.facts import compact_code
from opiq_admin.services.duplicates.matching.frame import Accounts, Ints, text_list
from opiq_admin.services.duplicates.records import AccountRecord

# Kinds of key; two keys meet only if they are of one kind.
_NAME, _PHONETIC_SURNAME, _PHONETIC_GIVEN, _PREFIX_YEAR, _BORN = range(5)
_KINDS = 5


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
    return frozenset(keys)


# ---------------------------------------------------------------- keys as numbers

class _Pieces(dict[str, int]):
    """Numbers for the strings keys are made of; "" (nothing) is -1."""

    def __call__(self, text: str) -> int:
        return self.setdefault(text, len(self)) if text else -1


def _csr(lists: Sequence[Sequence[int]]) -> tuple[Ints, Ints]:
    lengths = np.fromiter((len(x) for x in lists), dtype=np.int64, count=len(lists))
    offsets = np.zeros(len(lists) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    values = np.fromiter(chain.from_iterable(lists), dtype=np.int64, count=int(offsets[-1]))
    return offsets, values


def _spread(owners: Ints, rows: Ints, offsets: Ints, values: Ints) -> tuple[Ints, Ints]:
    """For every i, every value in the list `rows[i]`: (owners[i], value)."""
    start = offsets[rows]
    count = offsets[rows + 1] - start
    total = int(count.sum())
    repeat = np.repeat(np.arange(len(rows)), count)
    position = np.arange(total) - np.repeat(np.cumsum(count) - count, count) + start[repeat]
    return owners[repeat], values[position]


class _NameFacts:
    """What a key needs of each distinct name, by the name's position in `used`."""

    def __init__(self, texts: list[str], used: Ints, given: bool, pieces: _Pieces) -> None:
        tokens: list[list[int]] = []
        initials: list[list[int]] = []
        first, prefix, sound = [], [], []
        for text_id in used.tolist():
            text = texts[text_id]
            parts = _field_tokens(text, given)
            tokens.append([pieces(t) for t, _ in parts])
            initials.append(sorted({pieces(i) for _, group in parts for i in group}))
            folded = names.fold(text).replace(" ", "")
            first.append(pieces(folded[:1]))
            prefix.append(pieces(folded[:2]))
            sound.append(pieces(phonetic(text)) if len(folded) > 1 else -1)
        self.token_offsets, self.tokens = _csr(tokens)
        self.initial_offsets, self.initials = _csr(initials)
        self.has_tokens = np.diff(self.token_offsets) > 0
        self.first = np.asarray(first, dtype=np.int64)
        self.prefix = np.asarray(prefix, dtype=np.int64)
        self.sound = np.asarray(sound, dtype=np.int64)


def _account_keys(accounts: Accounts, rows: Ints) -> tuple[Ints, Ints]:
    """(account, key) for the accounts `rows`: every key of `name_keys` and `other_keys`."""
    texts = text_list(accounts)
    pieces = _Pieces()
    first_ids, last_ids = accounts.first[rows], accounts.last[rows]
    used_g, g_of = np.unique(first_ids, return_inverse=True)
    used_f, f_of = np.unique(last_ids, return_inverse=True)
    g = _NameFacts(texts, used_g, True, pieces)
    f = _NameFacts(texts, used_f, False, pieces)
    born_ids = accounts.born_typed[rows]
    used_b, b_of = np.unique(born_ids, return_inverse=True)
    born_piece = np.asarray([pieces(texts[b]) if b >= 0 else -1 for b in used_b.tolist()],
                            dtype=np.int64)[b_of]
    year_piece = np.asarray([pieces(texts[b][:4]) if b >= 0 else -1 for b in used_b.tolist()],
                            dtype=np.int64)[b_of]
    size = max(len(pieces), 1)
    out_owner: list[Ints] = []
    out_key: list[Ints] = []

    def emit(kind: int, owner: Ints, x: Ints, y: Ints) -> None:
        out_owner.append(owner)
        out_key.append((kind * size + x) * size + y)

    # Name keys: each part of one name with each initial of the other, both ways round.
    both = g.has_tokens[g_of] & f.has_tokens[f_of]
    where = np.flatnonzero(both)
    for own, other, own_of, other_of in ((g, f, g_of, f_of), (f, g, f_of, g_of)):
        owner, token = _spread(where, own_of[where], own.token_offsets, own.tokens)
        pair, initial = _spread(np.arange(len(owner)), other_of[owner], other.initial_offsets,
                                other.initials)
        emit(_NAME, owner[pair], token[pair], initial)
    g_first, f_first = g.first[g_of], f.first[f_of]
    has_g, has_f = g_first >= 0, f_first >= 0
    surname_sound, given_sound = f.sound[f_of], g.sound[g_of]
    ok = has_g & (surname_sound >= 0)
    emit(_PHONETIC_SURNAME, np.flatnonzero(ok), surname_sound[ok], g_first[ok])
    ok = has_f & (given_sound >= 0)
    emit(_PHONETIC_GIVEN, np.flatnonzero(ok), given_sound[ok], f_first[ok])
    has_born = born_piece >= 0
    for present, prefix, initial in ((has_g, g.prefix[g_of], g_first),
                                     (has_f, f.prefix[f_of], f_first)):
        ok = has_born & present
        emit(_PREFIX_YEAR, np.flatnonzero(ok), prefix[ok], year_piece[ok])
        emit(_BORN, np.flatnonzero(ok), born_piece[ok], initial[ok])
    owners = np.concatenate(out_owner)
    keys = np.concatenate(out_key)
    return rows[owners], keys


def _by_school(accounts: Accounts, owner: Ints, key: Ints) -> tuple[Ints, Ints]:
    """The keys of each account once per school it is in, each as one number."""
    span = int(key.max()) + 1 if len(key) else 1
    member, school = accounts.member_account, accounts.member_school
    n = len(accounts)
    if len(member) == n:  # every account in one school
        return owner, school[owner] * span + key
    # Most accounts are in one school; only the keys of the others are repeated per school.
    count = np.bincount(member, minlength=n)
    home = np.full(n, -1, dtype=np.int64)
    home[member] = school
    one = count[owner] == 1
    order = np.argsort(member, kind="stable")
    offsets = np.searchsorted(member[order], np.arange(n + 1))
    several = np.flatnonzero(~one)
    row, school_of = _spread(several, owner[several], offsets, school[order])
    return (np.concatenate([owner[one], owner[row]]),
            np.concatenate([home[owner[one]] * span + key[one], school_of * span + key[row]]))


def _join(old_key: Ints, old_owner: Ints, new_key: Ints, new_owner: Ints) -> tuple[Ints, Ints]:
    """Every (old, new) with one key in common."""
    order = np.argsort(new_key)  # any order: the pairs are made unique (and sorted) after
    sorted_keys, sorted_owner = new_key[order], new_owner[order]
    low = np.searchsorted(sorted_keys, old_key, "left")
    count = np.searchsorted(sorted_keys, old_key, "right") - low
    hit = count > 0
    old_owner, low, count = old_owner[hit], low[hit], count[hit]
    repeat = np.repeat(np.arange(len(count)), count)
    position = (np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
                + low[repeat])
    return old_owner[repeat], sorted_owner[position]


def _same_value(accounts: Accounts, values: Sequence[str | None]) -> tuple[Ints, Ints]:
    """(old, new) pairs with one ID code or one e-mail address, school regardless.

    `values` has one entry per record; the values become numbers and meet in the same
    sorted join as the keys."""
    table: dict[str, int] = {}
    setdefault = table.setdefault
    number = np.array([setdefault(v, len(table)) if v else -1 for v in values],
                      dtype=np.int64)
    owner = accounts.record_account
    given = number >= 0
    is_new = accounts.linked[owner]
    old, new = given & ~is_new, given & is_new
    return _join(number[old], owner[old], number[new], owner[new])


def candidate_pairs(accounts: Accounts, records: Sequence[AccountRecord]
                    ) -> tuple[Ints, Ints]:
    """(old, new) account numbers worth scoring: same school and key, or same code/e-mail."""
    n = len(accounts)
    old_rows = np.flatnonzero(~accounts.linked)
    new_rows = np.flatnonzero(accounts.linked)
    if not len(old_rows) or not len(new_rows):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    owner_k, key = _by_school(accounts, *_account_keys(accounts, np.arange(n)))
    is_new = accounts.linked[owner_k]
    olds, news = _join(key[~is_new], owner_k[~is_new], key[is_new], owner_k[is_new])
    codes = [compact_code(r.id_code) if r.id_code else None for r in records]
    emails = [r.email.casefold() if r.email else None for r in records]
    same = [_same_value(accounts, codes), _same_value(accounts, emails)]
    olds = np.concatenate([olds, *(o for o, _ in same)])
    news = np.concatenate([news, *(nw for _, nw in same)])
    pairs = np.unique(olds * n + news)
    return pairs // n, pairs % n


def block_keys(first: str, last: str, born: str | None) -> list[tuple[str, str]]:
    """Every blocking key of one account, as strings (what the numbers above stand for)."""
    return [*name_keys(first, last), *other_keys(first, last, born)]

