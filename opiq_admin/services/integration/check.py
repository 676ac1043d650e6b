"""The integration check: each managed school's two sides compared, and what to do.

The status names are part of the CLI's contract (interfaces.md §5). The eKool school is
found by EHIS code and, failing that, by name, so that a mismatch can say which eKool
school it probably is.
"""

from __future__ import annotations

import asyncio
import unicodedata
from dataclasses import asdict, dataclass
from typing import Any, Protocol

from rapidfuzz import fuzz

from opiq_admin.services.clients.models import EkoolSchool, School
from opiq_admin.services.context import BothSides
from opiq_admin.services.integration.advice import advice_for

STATUSES = ("ok", "not_enabled", "missing_in_ekool", "mismatch", "not_found_in_ekool")

# Words schools abbreviate in one system and spell out in the other.
_ABBREVIATIONS = {
    "pk": "pohikool", "phk": "pohikool", "gumn": "gumnaasium", "g": "gumnaasium",
    "kk": "keskkool", "ks": "kool", "rg": "reaalgumnaasium", "hk": "huvikool",
    "lk": "lasteaed", "sk": "spordikool", "ak": "algkool",
}
NAME_MATCH_THRESHOLD = 85.0


def fold(text: str) -> str:
    """Lower case without diacritics and punctuation: "Tõrva Gümn." → "torva gumn"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() else " " for c in bare).split())


def school_name_key(name: str) -> str:
    return " ".join(_ABBREVIATIONS.get(word, word) for word in fold(name).split())


def name_similarity(a: str, b: str) -> float:
    return fuzz.token_sort_ratio(school_name_key(a), school_name_key(b))


@dataclass(frozen=True)
class SchoolCheck:
    school_id: str
    name: str
    opiq_ehis_id: str
    ekool_ehis_code: str | None
    enabled: bool
    status: str
    advice: str
    ekool_school_id: str | None = None
    ekool_name: str | None = None
    official_code: str | None = None
    official_name: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class OfficialNames(Protocol):
    """EHIS open data: the official name of each EHIS code (`clients.ehis.EhisRegistry`)."""

    async def names(self) -> dict[str, str]: ...


def find_ekool_school(school: School, ekool_schools: list[EkoolSchool]
                      ) -> tuple[EkoolSchool | None, bool]:
    """(the eKool school, found by code?) — by EHIS code first, then by the closest name."""
    for candidate in ekool_schools:
        if candidate.ehis_code and candidate.ehis_code == school.ehis_id:
            return candidate, True
    scored = sorted(((name_similarity(school.name, c.name), c.sourced_id, c)
                     for c in ekool_schools), key=lambda t: (-t[0], t[1]))
    if scored and scored[0][0] >= NAME_MATCH_THRESHOLD:
        return scored[0][2], False
    return None, False


def check_school(school: School, ekool_schools: list[EkoolSchool], *, lang: str = "et",
                 official: dict[str, str] | None = None) -> SchoolCheck:
    """Compare one Opiq school with eKool; `official` maps EHIS code → name from EHIS."""
    official = official or {}
    ekool, by_code = find_ekool_school(school, ekool_schools)
    enabled = school.ekool.enabled
    if ekool is None:
        status = "not_found_in_ekool"
    elif not ekool.ehis_code:
        status = "missing_in_ekool"
    elif not by_code:
        status = "mismatch"
    else:
        status = "ok" if enabled else "not_enabled"
    official_code = None
    if school.ehis_id in official:
        official_code = school.ehis_id
    elif ekool is not None and ekool.ehis_code in official:
        official_code = ekool.ehis_code
    facts = {
        "school": school.name, "opiq_code": school.ehis_id,
        "ekool_name": ekool.name if ekool else "", "ekool_code": ekool.ehis_code if ekool else "",
        "official_code": official_code or "",
        "official_name": official.get(official_code or "", ""),
    }
    return SchoolCheck(
        school_id=school.id, name=school.name, opiq_ehis_id=school.ehis_id,
        ekool_ehis_code=(ekool.ehis_code or None) if ekool else None, enabled=enabled,
        status=status, advice=advice_for(status, lang, facts),
        ekool_school_id=ekool.sourced_id if ekool else None,
        ekool_name=ekool.name if ekool else None, official_code=official_code,
        official_name=facts["official_name"] or None)


async def check_all(ctx: BothSides, *, lang: str = "et",
                    ehis: OfficialNames | None = None) -> list[SchoolCheck]:
    """Every school the signed-in Opiq user administers, read afresh from both sides."""
    from opiq_admin.services.accounts import managed_schools

    opiq_schools, ekool_schools = await asyncio.gather(ctx.opiq.client.schools(),
                                                       ctx.ekool.client.schools())
    ctx.opiq.schools = opiq_schools
    official: dict[str, str] = {}
    if ehis is not None:
        official = await ehis.names()
    return [check_school(s, ekool_schools, lang=lang, official=official)
            for s in managed_schools(ctx)]
