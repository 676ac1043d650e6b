"""eKool as the program uses it: OneRoster 1.2 rostering plus two eKool calls.

OneRoster calls a journal a "class"; this client says journal in its own names and keeps
"class" only in the wire paths. Deltas (`since`) use 1.2's `dateLastModified>'…'` filter,
and include `tobedeleted` items so a removal is seen. The roster is read with the
signed-in person's token, or, where the server profile names a roster client, with a
client-credentials token (`use_roster_client`); eKool's own calls (`/api/me`, the school
profile) always go as the person. What eKool adds to the standard is read from its
documented extensions (docs/oneroster.md), apart from the standard fields.
"""

from __future__ import annotations

import asyncio
import dataclasses
import re
from datetime import UTC, datetime
from typing import Any, TypeVar

from opiq_admin.services.clients.http import ApiClient, TokenSource, segment
from opiq_admin.services.clients.models import (
    AcademicSession,
    ContractModel,
    Demographics,
    EkoolJournal,
    EkoolPerson,
    EkoolSchool,
    EkoolUser,
    Enrollment,
    page_of,
    single,
)
from opiq_admin.services.errors import Forbidden, InvalidEhisCode, NotFound
from opiq_admin.services.i18n import _

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
        raise InvalidEhisCode(_(
            "EHIS code {code!r} is not valid: it must be a positive whole number "
            "(digits only, e.g. 12345)").format(code=code))
    return cleaned


class EkoolClient(ApiClient):
    """Calls under eKool's base URL (e.g. `http://127.0.0.1:8000/ekool`)."""

    _roster: ApiClient | None = None

    def use_roster_client(self, credentials: TokenSource | None) -> None:
        """Read the roster with these client credentials (None: as the signed-in person)."""
        self._roster = None if credentials is None else ApiClient(
            self.base_url, http=self.http, token=credentials, retry=self.retry,
            page_concurrency=self.page_concurrency, sleep=self._sleep)

    @property
    def roster(self) -> ApiClient:
        """Who reads the roster: the roster client where one is set, else this client."""
        return self._roster or self

    async def me(self) -> EkoolPerson:
        return await self.get("/api/me", EkoolPerson.from_json)

    async def _list(self, path: str, key: str, model: type[Item],
                    since: datetime | str | None = None, page_size: int = 200) -> list[Item]:
        # OneRoster promises no order unless asked: without one, offset paging may skip
        # or repeat records between pages.
        params = {"sort": "sourcedId", "orderBy": "asc"}
        if since is not None:
            params["filter"] = delta_filter(since)
        return await self.roster.get_pages(ROSTER + path, page_of(model, key), params,
                                           page_size=page_size)

    async def schools(self) -> list[EkoolSchool]:
        """The schools of the signed-in person, with their EHIS codes."""
        return await self._list("/schools", "orgs", EkoolSchool)

    async def school(self, school_id: str) -> EkoolSchool:
        return await self.roster.get(f"{ROSTER}/schools/{segment(school_id)}",
                                     lambda body: EkoolSchool.from_json(single(body, "org")))

    async def users(self, since: datetime | str | None = None) -> list[EkoolUser]:
        """The users, with the birth dates 1.2 keeps apart in `/demographics` filled in
        (left unknown where the server has none, or the token may not read them)."""
        people, births = await asyncio.gather(self._list("/users", "users", EkoolUser, since),
                                              self.birth_dates(since))
        if not births:
            return people
        return [dataclasses.replace(p, birth_date=births[p.sourced_id])
                if births.get(p.sourced_id) else p for p in people]

    async def demographics(self, since: datetime | str | None = None) -> list[Demographics]:
        return await self._list("/demographics", "demographics", Demographics, since)

    async def birth_dates(self, since: datetime | str | None = None) -> dict[str, str]:
        """User id → birth date, from `/demographics`; empty where it cannot be read (it is
        a privileged collection in 1.2: its own scope, and not every server serves it)."""
        try:
            records = await self.demographics(since)
        except (Forbidden, NotFound):
            return {}
        return {d.sourced_id: d.birth_date for d in records
                if d.birth_date and not d.deleted}

    async def academic_sessions(self) -> list[AcademicSession]:
        """The school years and terms the classes are held in."""
        return await self._list("/academicSessions", "academicSessions", AcademicSession)

    async def journals(self, since: datetime | str | None = None) -> list[EkoolJournal]:
        return await self._list("/classes", "classes", EkoolJournal, since)

    async def journal(self, journal_id: str) -> EkoolJournal:
        return await self.roster.get(f"{ROSTER}/classes/{segment(journal_id)}",
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
