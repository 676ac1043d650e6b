"""The emulator's practice controls (`/practice`): make the guide's situations happen.

Only practice mode and tests use this; the real services have no such calls.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import httpx

from opiq_admin.services.clients.http import ApiClient, RetryPolicy, segment
from opiq_admin.services.clients.models import Journal, SchemaError, envelope


@dataclass(frozen=True)
class GroundTruthPair:
    """A seeded duplicate: `old` unlinked and `new` eKool-linked account of one person."""

    old: str
    new: str
    kind: str

    @classmethod
    def from_json(cls, value: Any) -> GroundTruthPair:
        if not isinstance(value, dict):
            raise SchemaError("pair: expected an object")
        old, new, kind = value.get("old"), value.get("new"), value.get("kind")
        if not all(isinstance(v, str) for v in (old, new, kind)):
            raise SchemaError("pair: old, new and kind must be strings")
        return cls(old, new, kind)  # type: ignore[arg-type]


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
        return await self.send_json("POST", "/ekool/next-signin", {"user_id": ekool_user_id})

    async def ground_truth(self) -> list[GroundTruthPair]:
        body = await self.get("/ground-truth", lambda b: envelope(b, "pairs"))
        return [self.parse(self.call_name("GET", "/ground-truth"), p, GroundTruthPair.from_json)
                for p in body]
