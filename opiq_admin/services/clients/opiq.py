"""The Opiq administration API as the program uses it (docs/api.md, section Opiq).

Mutating calls take an optional `key`: the caller passes an idempotency key derived from the
step it is doing (so a resumed run repeats rather than redoes it); without one each call
gets a fresh key that is still reused across that call's own retries.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from opiq_admin.services.clients.http import ApiClient, segment
from opiq_admin.services.clients.models import (
    Account,
    Activity,
    Journal,
    JournalRefresh,
    LicencePool,
    OpiqUser,
    School,
    page_of,
)


def _iso(value: datetime | str) -> str:
    return value.isoformat() if isinstance(value, datetime) else value


class OpiqClient(ApiClient):
    """Calls under `{opiq}/api`; the base URL is Opiq's (e.g. `http://127.0.0.1:8000/opiq`)."""

    async def me(self) -> OpiqUser:
        return await self.get("/api/me", OpiqUser.from_json)

    async def schools(self) -> list[School]:
        return await self.get("/api/schools", page_of(School, "items"))

    async def school(self, school_id: str) -> School:
        return await self.get(f"/api/schools/{segment(school_id)}", School.from_json)

    async def enable_ekool(self, school_id: str, ekool_access_token: str,
                           key: str | None = None) -> School:
        """"Luba liidestus": Opiq checks the eKool person's schools for this EHIS ID."""
        return await self.send("POST", f"/api/schools/{segment(school_id)}/integrations/ekool",
                               School.from_json, {"ekool_access_token": ekool_access_token}, key)

    async def link_me(self, ekool_access_token: str, key: str | None = None) -> OpiqUser:
        """"Lisa liidestus" / "Kinnita liidestus": link the signed-in account to eKool."""
        return await self.send("POST", "/api/me/integrations/ekool", OpiqUser.from_json,
                               {"ekool_access_token": ekool_access_token}, key)

    async def users(self, school_id: str, *, role: str | None = None,
                    linked: bool | None = None,
                    changed_since: datetime | str | None = None,
                    page_size: int = 200) -> list[Account]:
        """Every account of a school (all pages), optionally narrowed."""
        params: dict[str, str] = {}
        if role is not None:
            params["role"] = role
        if linked is not None:
            params["linked"] = "true" if linked else "false"
        if changed_since is not None:
            params["changed_since"] = _iso(changed_since)
        return await self.get_pages(f"/api/schools/{segment(school_id)}/users",
                                    page_of(Account, "items"), params, page_size=page_size)

    async def user(self, user_id: str, school_id: str | None = None) -> Account:
        """One account, as seen at `school_id` (its roles and licence there)."""
        params = {"school_id": school_id} if school_id is not None else None
        return await self.get(f"/api/users/{segment(user_id)}", Account.from_json, params)

    async def activity(self, user_id: str) -> Activity:
        return await self.get(f"/api/users/{segment(user_id)}/activity", Activity.from_json)

    async def remove_role(self, school_id: str, user_id: str, role: str,
                          key: str | None = None) -> Account:
        """Removing `student` also frees the account's licence."""
        path = f"/api/schools/{segment(school_id)}/users/{segment(user_id)}/roles/{segment(role)}"
        return await self.send("DELETE", path, Account.from_json, key=key)

    async def licences(self, school_id: str) -> LicencePool:
        return await self.get(f"/api/schools/{segment(school_id)}/licences", LicencePool.from_json)

    async def assign_licence(self, school_id: str, user_id: str,
                             key: str | None = None) -> LicencePool:
        return await self.send("POST", f"/api/schools/{segment(school_id)}/licences/assignments",
                               LicencePool.from_json, {"user_id": user_id}, key)

    async def journals(self, school_id: str, page_size: int = 200) -> list[Journal]:
        return await self.get_pages(f"/api/schools/{segment(school_id)}/journals",
                                    page_of(Journal, "items"), page_size=page_size)

    async def journal(self, journal_id: str) -> Journal:
        return await self.get(f"/api/journals/{segment(journal_id)}", Journal.from_json)

    async def update_journal(self, journal_id: str, *, key: str | None = None,
                             name: str | None = None,
                             students: list[str] | tuple[str, ...] | None = None,
                             teachers: list[str] | tuple[str, ...] | None = None) -> Journal:
        """Only Opiq's own journals; an eKool one answers `Conflict` (`managed_by_ekool`)."""
        body: dict[str, Any] = {}
        if name is not None:
            body["name"] = name
        if students is not None:
            body["students"] = list(students)
        if teachers is not None:
            body["teachers"] = list(teachers)
        return await self.send("PATCH", f"/api/journals/{segment(journal_id)}", Journal.from_json,
                               body, key)

    async def delete_journal(self, journal_id: str, key: str | None = None) -> None:
        """Deletes in Opiq only; eKool's journal stays."""
        await self.send_json("DELETE", f"/api/journals/{segment(journal_id)}", key=key)

    async def refresh_journal(self, journal_id: str, key: str | None = None) -> JournalRefresh:
        """"Uuenda päeviku andmeid": pull the eKool roster now."""
        return await self.send("POST", f"/api/journals/{segment(journal_id)}/refresh",
                               JournalRefresh.from_json, None, key)
