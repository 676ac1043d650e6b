"""Facts read off one account: class codes in journal names, ID codes, timestamps.

Kept apart from the comparison levels and the model so that each can be tested on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from stdnum.ee import ik

_CLASS = re.compile(r"(?<![\w.])(\d{1,2})\s?\.?\s?([a-zõäöü])(?![\w])", re.IGNORECASE)


@lru_cache(maxsize=100_000)
def class_codes(journal: str) -> tuple[str, ...]:
    """Class codes in a journal name: "7.b matemaatika" and "7b mata" both give "7.b"."""
    return tuple(f"{int(g)}.{ch.lower()}" for g, ch in _CLASS.findall(journal)
                 if 1 <= int(g) <= 12)


@dataclass(frozen=True, slots=True)
class Code:
    """A personal ID code: EE ones validated (and giving birth date and sex), others literal."""

    value: str
    estonian: bool
    birth_date: str | None = None
    sex: str | None = None


_CODE_GAPS = re.compile(r"[\s\-]")


def compact_code(raw: str) -> str:
    """An ID code as compared: without spaces and dashes, in capitals."""
    if raw.isdigit():
        return raw
    return _CODE_GAPS.sub("", raw).upper()


@lru_cache(maxsize=300_000)
def parse_code(raw: str) -> Code:
    compact = compact_code(raw)
    if ik.is_valid(compact):
        return Code(compact, True, ik.get_birth_date(compact).isoformat(), ik.get_gender(compact))
    return Code(compact, False)


@lru_cache(maxsize=300_000)
def parse_time(text: str) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
