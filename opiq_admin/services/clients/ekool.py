"""eKool as the program uses it: OneRoster 1.2 rostering plus two eKool calls.

OneRoster calls a journal a "class"; this client says journal in its own names and keeps
"class" only in the wire paths. Deltas (`since`) use the one filter form the contract
allows, and include `tobedeleted` items so a removal is seen.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any, TypeVar

from opiq_admin.services.clients.http import ApiClient, segment
from opiq_admin.services.clients.models import (
    ContractModel,
    EkoolJournal,
    EkoolPerson,
    EkoolSchool,
    EkoolUser,
    Enrollment,
    page_of,
    single,
)
from opiq_admin.services.errors import InvalidEhisCode

ROSTER = "/ims/oneroster/rostering/v1p2"
Item = TypeVar("Item", bound=ContractModel)
_EHIS_CODE = re.compile(r"[1-9][0-9]{0,11}")


def delta_filter(since: datetime | str) -> str:
    """OneRoster's `dateLastModified>'…'` filter, in UTC with a `Z`."""
    if isinstance(since, datetime):
        if since.tzinfo is None:
            since = since.replace(tzinfo=UTC)
        since = since.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if "'" in since:
        raise ValueError(f"not a timestamp: {since!r}")
    return f"dateLastModified>'{since}'"


def check_ehis_code(code: str) -> str:
    """An EHIS code is a positive whole number; say so before anything is sent."""
    cleaned = code.strip() if isinstance(code, str) else code
    if not isinstance(cleaned, str) or not _EHIS_CODE.fullmatch(cleaned):
        raise InvalidEhisCode(
            f"EHIS code {code!r} is not valid: it must be a positive whole number "
            "(digits only, e.g. 12345)"
        )
    return cleaned


class EkoolClient(ApiClient):
    """Calls under eKool's base URL (e.g. `http://127.0.0.1:8000/ekool`)."""

    async def me(self) -> EkoolPerson:
        return await self.get("/api/me", EkoolPerson.from_json)

    async def _list(self, path: str, key: str, model: type[Item],
                    since: datetime | str | None = None, page_size: int = 200) -> list[Item]:
        # OneRoster promises no order unless asked: without one, offset paging may skip
        # or repeat records between pages.
        params = {"sort": "sourcedId", "orderBy": "asc"}
        if since is not None:
            params["filter"] = delta_filter(since)
        return await self.get_pages(ROSTER + path, page_of(model, key), params,
                                    page_size=page_size)

    async def schools(self) -> list[EkoolSchool]:
        """The schools of the signed-in person, with their EHIS codes."""
        return await self._list("/schools", "orgs", EkoolSchool)

    async def school(self, school_id: str) -> EkoolSchool:
        return await self.get(f"{ROSTER}/schools/{segment(school_id)}",
                              lambda body: EkoolSchool.from_json(single(body, "org")))

    async def users(self, since: datetime | str | None = None) -> list[EkoolUser]:
        return await self._list("/users", "users", EkoolUser, since)

    async def journals(self, since: datetime | str | None = None) -> list[EkoolJournal]:
        return await self._list("/classes", "classes", EkoolJournal, since)

    async def journal(self, journal_id: str) -> EkoolJournal:
        return await self.get(f"{ROSTER}/classes/{segment(journal_id)}",
                              lambda body: EkoolJournal.from_json(single(body, "class")))

    async def enrollments(self, since: datetime | str | None = None) -> list[Enrollment]:
        return await self._list("/enrollments", "enrollments", Enrollment, since)

    async def school_journals(self, school_id: str) -> list[EkoolJournal]:
        return await self._list(f"/schools/{segment(school_id)}/classes", "classes",
                                EkoolJournal)

    async def journal_students(self, journal_id: str) -> list[EkoolUser]:
        return await self._list(f"/classes/{segment(journal_id)}/students", "users",
                                EkoolUser)

    async def journal_teachers(self, journal_id: str) -> list[EkoolUser]:
        return await self._list(f"/classes/{segment(journal_id)}/teachers", "users",
                                EkoolUser)

    async def set_ehis_code(self, school_id: str, code: str,
                            key: str | None = None) -> EkoolSchool:
        """Fix the school's profile (eKool "+" → "Profiil"); school administrators only."""
        code = check_ehis_code(code)
        return await self.send("PUT", f"/api/schools/{segment(school_id)}/profile",
                               _org_answer, {"ehis_code": code}, key)


def _org_answer(body: Any) -> EkoolSchool:
    """The profile call answers "the org": taken bare or in OneRoster's envelope."""
    if isinstance(body, dict) and "org" in body and "sourcedId" not in body:
        return EkoolSchool.from_json(single(body, "org"))
    return EkoolSchool.from_json(body)
