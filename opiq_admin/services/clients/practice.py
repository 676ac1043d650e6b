"""The emulator's practice controls (`/practice`): make the guide's situations happen.

Only practice mode and tests use this; the real services have no such calls.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

import httpx
from pydantic.dataclasses import dataclass

from opiq_admin.services.clients.http import ApiClient, RetryPolicy, segment
from opiq_admin.services.clients.models import (
    CONTRACT,
    ContractModel,
    Journal,
    SchemaError,
    Str,
    page_of,
)


@dataclass(frozen=True, slots=True, kw_only=True, config=CONTRACT)
class GroundTruthPair(ContractModel):
    """A seeded duplicate: `old` unlinked and `new` eKool-linked account of one person."""

    what: ClassVar[str] = "pair"

    old: Str
    new: Str
    kind: Str


def _dict(body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise SchemaError("expected an object")
    return body


class PracticeClient(ApiClient):
    """Calls under `{emulator}/practice`; no sign-in needed."""

    def __init__(self, emulator_url: str, *, http: httpx.AsyncClient,
                 retry: RetryPolicy | None = None) -> None:
        super().__init__(emulator_url.rstrip("/") + "/practice", http=http, token=None,
                         retry=retry)

    async def info(self) -> dict[str, Any]:
        """Seed, sizes, the practice administrator's credentials, the emulator's clock."""
        return await self.get("/info", _dict)

    async def change_roster(self, ekool_journal_id: str, *, add: Iterable[str] = (),
                            remove: Iterable[str] = (), new_students: int = 0) -> dict[str, Any]:
        body = {"add": list(add), "remove": list(remove), "new_students": new_students}
        return await self.send("POST", f"/ekool/classes/{segment(ekool_journal_id)}"
                               "/roster", _dict, body)

    async def change_account(self, user_id: str, **fields: Any) -> dict[str, Any]:
        """What Opiq's own pages would do to an account: any of `ekool_id`, `roles`,
        `has_license`, at `school_id` (the account's first school when not given)."""
        return await self.send("PATCH", f"/opiq/users/{segment(user_id)}", _dict, fields)

    async def advance_clock(self, days: int) -> dict[str, Any]:
        """Moves the emulator's clock on; the daily journal refresh runs."""
        return await self.send("POST", "/clock/advance", _dict, {"days": days})

    async def transfer(self, ekool_journal_id: str, course_set: str) -> Journal:
        """A teacher's "Seo päevik Opiquga" in eKool."""
        return await self.send("POST", "/transfers", Journal.from_json,
                               {"ekool_class_id": ekool_journal_id, "course_set": course_set})

    async def next_signin(self, ekool_user_id: str) -> dict[str, Any] | None:
        """The next eKool sign-in becomes this person, whoever types the password."""
        answer: dict[str, Any] | None = await self.send_json(
            "POST", "/ekool/next-signin", {"user_id": ekool_user_id})
        return answer

    async def ground_truth(self) -> list[GroundTruthPair]:
        return await self.get("/ground-truth", page_of(GroundTruthPair, "pairs"))
