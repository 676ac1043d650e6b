"""Names as people in Estonian schools actually type them.

Two levels of normalisation serve two purposes. `fold` is what a person would accept as
"the same spelling" (case, spacing, õ ä ö ü š ž written without their marks) and is shown
in reasons. `skeleton` is deliberately lossy: it maps the Estonian and the English
transliteration of a Russian name (Jevgeni / Evgeny, Vassiljeva / Vasilyeva, Tšernov /
Chernov) onto one string, so that it can serve as a blocking key and as the ground of a
weaker "transliteration" match. Neither is ever used alone to decide a pair.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA

_SPLIT = re.compile(r"[\s\-‐‑–—_.,/]+")
_NON_LETTER = re.compile(r"[^a-z]")
_DOUBLE = re.compile(r"(.)\1+")
# Between consonants an English-style "y" stands for ы, which Estonian writes õ:
# Krylov / Krõlov, Chernyshov / Tšernõšov.
_VOWEL_IE = re.compile(r"(?<=[aeiou])ie")
_CONSONANT_IO = re.compile(r"(?<=[bcdfghklmnprstvz])io")
_Y_AS_O = re.compile(r"(?<=[bcdfghklmnprstvzšž])y(?=[bcdfghklmnprstvzšž])")
# Order matters: the longer clusters must be rewritten before their parts.
_TRANSLIT = (
    ("štš", "sc"), ("shch", "sc"), ("sch", "s"), ("tš", "c"), ("tch", "c"), ("tsh", "c"),
    ("ch", "c"), ("ts", "c"), ("š", "s"), ("sh", "s"), ("ž", "z"), ("zh", "z"), ("kh", "h"),
    ("x", "ks"), ("w", "v"), ("q", "k"), ("ph", "f"), ("y", "i"), ("j", "i"),
)
# Russian surnames carry sex: Ivanov (he) and Ivanova (she) are usually brother and sister.
_MASCULINE_ENDINGS = ("ov", "ev", "in", "ski", "ki", "ic")


_CYRILLIC = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "io", "ж": "z",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "c", "ш": "s",
    "щ": "sc", "ъ": "", "ы": "õ", "ь": "", "э": "e", "ю": "iu", "я": "ia", "і": "i",
})
_UMLAUT_TYPED = re.compile(r"(?<![iy])([aou])e")
_SOFT_SIGN = re.compile(r"ь(?=[аеёиоуыэюя])")


_HAS_CYRILLIC = re.compile("[а-яё]")


def _unmarked(text: str) -> str:
    """The text without its diacritical marks (õ → o)."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower case, marks removed (š → s, ž → z), runs of separators as one space."""
    text = text.casefold().replace("š", "s").replace("ž", "z").replace("6", "o")
    if not text.isascii():
        text = _unmarked(text)
    return " ".join(part for part in _SPLIT.split(text) if part)


@lru_cache(maxsize=200_000)
def skeleton(token: str) -> str:
    """A transliteration-blind key of one name token ("Jevgeni", "Evgeny" → "evgeni")."""
    text = token.casefold().replace("6", "õ")
    if not text.isascii() and _HAS_CYRILLIC.search(text):
        text = _SOFT_SIGN.sub("i", text).translate(_CYRILLIC)
    # ä ö ü typed as ae oe ue by someone without an Estonian keyboard
    if "ae" in text or "oe" in text or "ue" in text:
        text = _UMLAUT_TYPED.sub(r"\1", text)
    if "y" in text:
        text = _Y_AS_O.sub("õ", text)
    for old, new in _TRANSLIT:
        if old in text:
            text = text.replace(old, new)
    if not (text.isascii() and text.isalpha()):
        text = _NON_LETTER.sub("", text if text.isascii() else _unmarked(text))
    # ё is "jo" in Estonian and "e" in English (Fjodor / Fedor, Kovaljov / Kovalev); a "j"
    # after a vowel is dropped in English (Andrejev / Andreev).
    text = _DOUBLE.sub(r"\1", text)
    if "io" in text or "ie" in text:
        text = _DOUBLE.sub(r"\1", _VOWEL_IE.sub("e", _CONSONANT_IO.sub("e", text)))
    # Jelena / Elena / Yelena, Juri / Yuri: a leading j or y before a vowel is not written
    # in every transliteration.
    if len(text) > 2 and text[0] == "i" and text[1] in "aeou":
        text = text[1:]
    if text.endswith("andr"):
        text = text[:-1] + "er"
    return text


@lru_cache(maxsize=200_000)
def tokens(text: str) -> tuple[str, ...]:
    """Folded parts of a (possibly hyphenated or double) name: "Mari-Liis" → (mari, liis)."""
    return tuple(fold(text).split())


@lru_cache(maxsize=200_000)
def skeletons(text: str) -> tuple[str, ...]:
    """Skeletons of a name's parts, plus the parts run together ("Mari Liis" ~ "Mariliis")."""
    parts = tuple(sk for sk in (skeleton(t) for t in _SPLIT.split(text) if t) if sk)
    if len(parts) > 1:
        parts = (*parts, "".join(parts))
    return parts


def gender_clash(a: str, b: str) -> bool:
    """Ivanov vs Ivanova, Vassiljev vs Vassiljeva: the same family, not the same person."""
    if len(a) > len(b):
        a, b = b, a
    if b.endswith("aia") and a.endswith("ii"):
        a = a[:-2] + "i"
    if b == a + "a" and a.endswith(_MASCULINE_ENDINGS):
        return True
    return b[:-3] == a[:-1] and b.endswith("aia") and a.endswith("i") and len(a) > 3


_ROWS = ("qwertyuiopü", "asdfghjklöä", "zxcvbnm")


def _keyboard() -> dict[str, frozenset[str]]:
    """Keys next to each key of a (Estonian) QWERTY keyboard, the rows staggered."""
    near: dict[str, set[str]] = {}
    for r, row in enumerate(_ROWS):
        for i, key in enumerate(row):
            found = near.setdefault(key, set())
            found.update(row[j] for j in (i - 1, i + 1) if 0 <= j < len(row))
            if r + 1 < len(_ROWS):
                below = _ROWS[r + 1]
                for j in (i - 1, i):
                    if 0 <= j < len(below):
                        found.add(below[j])
                        near.setdefault(below[j], set()).add(key)
    return {key: frozenset(keys) for key, keys in near.items()}


_NEAR_KEYS = _keyboard()


def typing_slip(a: str, b: str) -> bool:
    """Whether two spellings one edit apart differ as fingers slip, not as names differ.

    Fingers swap two letters, double or drop a letter inside a word, or hit a key next to
    the right one. Names that differ by one letter differ otherwise: Marta / Marja, Kask /
    Kass, Liis / Liisa, Jaan / Jaana (another letter, or one added at the end).
    """
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diff) == 2 and diff[1] == diff[0] + 1:
            i = diff[0]
            return a[i] == b[i + 1] and a[i + 1] == b[i]
        return len(diff) == 1 and b[diff[0]] in _NEAR_KEYS.get(a[diff[0]], frozenset())
    if abs(len(a) - len(b)) != 1:
        return False
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((i for i, (x, y) in enumerate(zip(short, long[:len(short)], strict=True))
              if x != y), len(short))
    if long[:i] + long[i + 1:] != short:
        return False
    extra = long[i]
    neighbours = {long[j] for j in (i - 1, i + 1) if 0 <= j < len(long)}
    if extra in neighbours:
        return True  # a doubled letter, typed twice or once
    # Inside the word: a letter dropped, or a neighbouring key caught on the way. At either
    # end a letter more or less makes another name as often (Liis / Liisa, Jaan / Jaana).
    return 0 < i < len(long) - 1


# How two name parts relate, best first.
EXACT, FOLDED, TRANSLIT, NICKNAME, TYPO, INITIAL, NONE = (
    "exact", "folded", "translit", "nickname", "typo", "initial", "none")
_LEVEL_SCORE = {EXACT: 1.0, FOLDED: 1.0, TRANSLIT: 0.93, NICKNAME: 0.85, INITIAL: 0.6}


def _similarity(a: str, b: str) -> float:
    """Normalised edit similarity, strict for short names where one letter is a lot.

    Two swapped letters count as one slip (optimal string alignment distance).
    """
    if not a or not b:
        return 0.0
    distance = OSA.distance(a, b, score_cutoff=3)
    longest = max(len(a), len(b))
    if distance > 2 or (distance == 2 and longest < 7) or (distance == 1 and longest < 4):
        return 0.0
    return 1.0 - distance / (longest + 2)


@dataclass(frozen=True, slots=True)
class PartMatch:
    """The best correspondence between two name fields (given names or surnames)."""

    score: float  # in [0, 1]
    level: str
    complete: bool  # every part on the shorter side found a partner
    clash: bool = False  # gendered surname forms of one family


_NO_MATCH = PartMatch(0.0, NONE, False)


def _token_match(a_raw: str, b_raw: str, a_sk: str, b_sk: str) -> tuple[float, str]:
    if a_raw == b_raw:
        return 1.0, EXACT
    if fold(a_raw) == fold(b_raw):
        return 1.0, FOLDED
    if a_sk == b_sk:
        return _LEVEL_SCORE[TRANSLIT], TRANSLIT
    sim = max(_similarity(a_sk, b_sk), _similarity(fold(a_raw), fold(b_raw)))
    return (sim * 0.92, TYPO) if sim else (0.0, NONE)


def name_parts(text: str) -> tuple[str, ...]:
    """The parts of a name field as typed, in lower case ("Mari-Liis" → mari, liis)."""
    return tuple(p for p in _SPLIT.split(text.strip().casefold()) if p)


@lru_cache(maxsize=400_000)
def match_parts(a: str, b: str, surname: bool = False) -> PartMatch:
    """Compare two name fields; a double name may match in part ("Mari" ~ "Mari-Liis").

    A partial match needs every part of the shorter name to find a partner, so that the
    sisters Mari-Liis and Mari-Ann do not match on "Mari".
    """
    a_parts, b_parts = name_parts(a), name_parts(b)
    if not a_parts or not b_parts:
        return _NO_MATCH
    a_sk = tuple(skeleton(p) for p in a_parts)
    b_sk = tuple(skeleton(p) for p in b_parts)
    a_whole, b_whole = "".join(a_sk), "".join(b_sk)
    if surname and gender_clash(a_whole, b_whole):
        return PartMatch(0.0, NONE, False, True)
    if a_parts == b_parts:
        return PartMatch(1.0, EXACT if a.strip() == b.strip() else FOLDED, True)
    if fold(a) == fold(b) or fold(a).replace(" ", "") == fold(b).replace(" ", ""):
        return PartMatch(1.0, FOLDED, True)
    if a_whole == b_whole:
        return PartMatch(_LEVEL_SCORE[TRANSLIT], TRANSLIT, True)
    if (len(a_whole) == 1 or len(b_whole) == 1) and a_whole[:1] == b_whole[:1]:
        return PartMatch(_LEVEL_SCORE[INITIAL], INITIAL, False)
    if not surname and (a_whole in _nickname_sets(b_sk) or b_whole in _nickname_sets(a_sk)):
        return PartMatch(_LEVEL_SCORE[NICKNAME], NICKNAME, True)
    if len(a_parts) == len(b_parts) or min(len(a_parts), len(b_parts)) > 1:
        sim = max(_similarity(a_whole, b_whole),
                  _similarity(fold(a).replace(" ", ""), fold(b).replace(" ", "")))
        if sim:
            return PartMatch(sim * 0.92, TYPO, True)
    if len(a_parts) > len(b_parts):
        a_parts, b_parts, a_sk, b_sk = b_parts, a_parts, b_sk, a_sk
    if len(a_parts) == len(b_parts):
        return _NO_MATCH
    # The shorter name is a part of the longer one.
    worst, worst_level = 1.0, EXACT
    order = {EXACT: 0, FOLDED: 1, TRANSLIT: 2, NICKNAME: 3, TYPO: 4}
    for ar, ak in zip(a_parts, a_sk, strict=True):
        best, level = 0.0, NONE
        for br, bk in zip(b_parts, b_sk, strict=True):
            if surname and gender_clash(ak, bk):
                return PartMatch(0.0, NONE, False, True)
            score, lvl = _token_match(ar, br, ak, bk)
            if score > best:
                best, level = score, lvl
        if best < 0.8:
            return _NO_MATCH
        worst = min(worst, best)
        if order[level] > order[worst_level]:
            worst_level = level
    return PartMatch(worst, worst_level, False)


@lru_cache(maxsize=4096)
def nicknames(given_skeleton: str) -> tuple[str, ...]:
    """Short forms of a given name (by its skeleton) that people use for themselves."""
    return _nickname_table().get(given_skeleton, ())


def _nickname_sets(parts: tuple[str, ...]) -> frozenset[str]:
    return frozenset(skeleton(n) for p in parts for n in nicknames(p))


@lru_cache(maxsize=200_000)
def relatives(given_skeleton: str) -> frozenset[str]:
    """Every spelling a name is tied to by the nickname table, either way round."""
    shorts = nicknames(given_skeleton)
    return frozenset((*shorts, *full_names_of(given_skeleton), *(skeleton(n) for n in shorts)))


def has_relatives(given_skeleton: str) -> bool:
    """Whether the nickname table ties a name to any other (most names it does not)."""
    return bool(nicknames(given_skeleton) or full_names_of(given_skeleton))


def related(ska: str, skb: str) -> bool:
    """Whether one of two name skeletons is a nickname or the full name of the other."""
    return skb in relatives(ska) or ska in relatives(skb)


@lru_cache(maxsize=4096)
def full_names_of(nickname_skeleton: str) -> tuple[str, ...]:
    """Skeletons of the given names a nickname stands for ("sasa" → "aleksander")."""
    return _reverse_nicknames().get(nickname_skeleton, ())


@lru_cache(maxsize=1)
def _reverse_nicknames() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for full, shorts in _nickname_table().items():
        for short in shorts:
            key = skeleton(short)
            table[key] = (*table.get(key, ()), full)
    return table


@lru_cache(maxsize=1)
def _nickname_table() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for full, short in _NICKNAMES.items():
        key = skeleton(full)
        table[key] = (*table.get(key, ()), *short.split())
    return table


# Register name → the common short forms, in either transliteration.
_NICKNAMES = {
    "Aleksandr": "Sasha Saša Sasa Sanja Alex Aleks", "Aleksei": "Ljoša Lyosha Lesha Alex",
    "Dmitri": "Dima", "Jevgeni": "Ženja Zhenja Zhenya", "Sergei": "Serjoža Seryozha Serezha",
    "Mihhail": "Miša Misha", "Nikolai": "Kolja Kolya", "Vladimir": "Vova Volodja",
    "Maksim": "Maks Max", "Jelena": "Lena", "Natalja": "Nataša Natasha Nata",
    "Tatjana": "Tanja Tanya", "Anastassia": "Nastja Nastya", "Jekaterina": "Katja Katya",
    "Jelizaveta": "Liza", "Ksenia": "Ksjuša Ksjusha Ksyusha", "Maria": "Maša Masha",
    "Kristjan": "Kris Kriku", "Kristofer": "Kris Kristo", "Markus": "Marx",
    "Mihkel": "Miku", "Sebastian": "Seba", "Oliver": "Olli", "Elisabeth": "Eliis Liisi",
    "Johanna": "Jo", "Kristiina": "Kristi Tiina", "Katrin": "Kati", "Johannes": "Juku",
}

