"""The emulator's instants: ISO 8601 strings in UTC, compared as instants, not as text.

Seeded data and the server write different but equal spellings ("Z" and "+00:00").
"""

from __future__ import annotations

from datetime import UTC, datetime


def parse_time(value: str) -> datetime:
    """An ISO 8601 instant as an aware UTC datetime; naive input is taken as UTC."""
    moment = datetime.fromisoformat(value.strip().replace("z", "Z"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def format_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def later(a: str, b: str) -> bool:
    """Whether instant `a` is after `b`; an empty `b` is the beginning of time."""
    if not a:
        return False
    return not b or parse_time(a) > parse_time(b)
