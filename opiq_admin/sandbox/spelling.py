"""How people spelled themselves when they made an Opiq account years ago.

eKool's names come from the population register; an old Opiq account holds whatever its
owner typed: no õ ä ö ü, lower case, a typo, first and last name swapped, a nickname, one
half of a double name, a Russian name transliterated the English way or written in
Cyrillic. The e-mail is whatever address the child had then. A matcher that only compares
exact names misses these; one that is too loose pairs siblings and namesakes. Both errors
are meant to be possible against this data.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from opiq_admin.sandbox.names import (
    EMAIL_DOMAINS,
    NICKNAMES,
    RUSSIAN_EMAIL_DOMAINS,
    email_local,
    fold,
)


@dataclass(frozen=True)
class NameInfo:
    """A person's register name plus the spellings an English or Cyrillic typist would use."""

    given: str
    family: str
    sex: str  # "M" | "F"
    russian: bool = False
    given_en: str = ""
    family_en: str = ""
    given_cyr: str = ""
    family_cyr: str = ""


_KEYBOARD_NEIGHBOURS = {
    "a": "sq", "e": "wr", "i": "uo", "o": "ip", "u": "yi", "s": "ad", "t": "ry", "r": "et",
    "n": "bm", "m": "n", "k": "jl", "l": "k", "p": "o", "d": "sf", "g": "fh", "h": "gj",
    "j": "hk", "v": "cb",
}


def typo(rng: random.Random, word: str) -> str:
    """One slip of the fingers: a swap, a dropped or doubled letter, or a neighbouring key."""
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0 and word[i] != word[i + 1]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == 1:
        return word[:i] + word[i + 1:]
    if kind == 2:
        return word[:i] + word[i] + word[i:]
    near = _KEYBOARD_NEIGHBOURS.get(word[i].lower(), "")
    if near:
        return word[:i] + rng.choice(near) + word[i + 1:]
    return word[:i] + word[i + 1:]


def _diacritics(rng: random.Random, name: str) -> str:
    if fold(name) == name:
        return name
    roll = rng.random()
    if roll < 0.45:
        return fold(name)
    if roll < 0.49:
        return name.replace("õ", "6").replace("Õ", "6")  # chat-style õ on a phone keyboard
    if roll < 0.53:
        return (name.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
                .replace("š", "sh").replace("ž", "zh").replace("Š", "Sh").replace("Ž", "Zh"))
    return name


def _double_given(rng: random.Random, given: str) -> str:
    parts = given.replace("-", " ").split()
    if len(parts) < 2:
        return given
    roll = rng.random()
    if roll < 0.45:
        return given
    if roll < 0.7:
        return parts[0]
    if roll < 0.85:
        return " ".join(parts) if "-" in given else "-".join(parts)
    return "".join(parts[:1] + [p.lower() for p in parts[1:]])


def _double_family(rng: random.Random, family: str) -> str:
    if "-" not in family:
        return family
    first, second = family.split("-", 1)
    roll = rng.random()
    if roll < 0.35:
        return family
    if roll < 0.65:
        return first
    if roll < 0.9:
        return second
    return f"{first} {second}"


def typed_name(rng: random.Random, name: NameInfo) -> tuple[str, str]:
    """(first, last) as the owner typed them into an old account."""
    given, family = name.given, name.family
    if name.russian:
        roll = rng.random()
        if roll < 0.04:
            given, family = name.given_cyr, name.family_cyr
        elif roll < 0.66:
            given, family = name.given_en, name.family_en
        elif roll < 0.8:
            given = name.given_en
    nicks = NICKNAMES.get(name.given)
    in_cyrillic = name.russian and given == name.given_cyr
    if nicks and rng.random() < 0.12 and not in_cyrillic:
        given = rng.choice(nicks)
    given = _diacritics(rng, _double_given(rng, given))
    family = _diacritics(rng, _double_family(rng, family))
    roll = rng.random()
    if roll < 0.08:
        given = typo(rng, given)
    elif roll < 0.14:
        family = typo(rng, family)
    roll = rng.random()
    if roll < 0.16:
        given, family = given.lower(), family.lower()
    elif roll < 0.18:
        given, family = given.upper(), family.upper()
    roll = rng.random()
    if roll < 0.05:
        given, family = family, given
    elif roll < 0.07:
        family = family[:1] + "."
    elif roll < 0.09:
        given += " "
    return given, family


def personal_email(rng: random.Random, name: NameInfo, born_year: int) -> str:
    """An address a child or a parent made up; not unique by itself (the caller checks)."""
    first = email_local(name.given_en if name.russian and rng.random() < 0.6 else name.given)
    last = email_local(name.family_en if name.russian else name.family)
    nicks = NICKNAMES.get(name.given)
    nick = email_local(rng.choice(nicks)) if nicks else first[:4]
    year = str(born_year)
    domain = rng.choice(RUSSIAN_EMAIL_DOMAINS if name.russian else EMAIL_DOMAINS)
    pattern = rng.randrange(8)
    local = [
        f"{first}.{last}",
        f"{nick}{year}",
        f"{first}{last[:1]}{year[2:]}",
        f"{first}_{last}{rng.randrange(1, 100)}",
        f"{last}.{first}",
        f"{nick}{rng.choice(['xd', 'kool', '123', '007', ''])}{rng.randrange(1, 1000)}",
        f"{first}{year}",
        f"{first[:1]}{last}",
    ][pattern]
    return f"{local or 'kasutaja'}@{domain}"
