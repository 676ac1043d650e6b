"""OneRoster 1.2 as any server may speak it: schools from `/schools`, and enrollments whose
`beginDate`/`endDate` say whether they hold today."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from support_clients import admin_clients

from opiq_admin.services import journals
from opiq_admin.services.clients.ekool import ROSTER, EkoolClient
from opiq_admin.services.clients.models import Enrollment, SchemaError, enrollment_current
from opiq_admin.services.clients.practice import PracticeClient
from opiq_admin.services.errors import NotFound

ENROLLMENT = {"sourcedId": "ek-jnl-1:ek-usr-3", "status": "active",
              "dateLastModified": "2025-09-01T08:00:00Z", "role": "student",
              "user": {"sourcedId": "ek-usr-3"}, "class": {"sourcedId": "ek-jnl-1"},
              "school": {"sourcedId": "ek-org-1"}}



def _day(delta: int) -> str:
    return (datetime.now(UTC).date() + timedelta(days=delta)).isoformat()


# The model --------------------------------------------------------------------------------

def test_enrollment_reads_both_dates_and_tolerates_their_absence() -> None:
    dated = Enrollment.from_json({**ENROLLMENT, "beginDate": "2025-09-01",
                                  "endDate": "2026-06-15"})
    assert (dated.begin_date, dated.end_date) == ("2025-09-01", "2026-06-15")
    for open_ended in (ENROLLMENT, {**ENROLLMENT, "beginDate": None, "endDate": None},
                       {**ENROLLMENT, "beginDate": "", "endDate": ""}):
        enrollment = Enrollment.from_json(open_ended)
        assert (enrollment.begin_date, enrollment.end_date) == (None, None)
        assert enrollment.current_on("2030-01-01")
    assert dated.current_on("2025-09-01") and dated.current_on("2026-06-15")
    assert not dated.current_on("2025-08-31") and not dated.current_on("2026-06-16")
    with pytest.raises(SchemaError):
        Enrollment.from_json({**ENROLLMENT, "endDate": 20260615})


def test_only_the_date_part_counts() -> None:
    assert enrollment_current("2025-09-01T00:00:00Z", "2026-06-15T23:59:59Z", "2026-06-15")
    assert not enrollment_current(None, "2026-06-14T23:59:59Z", "2026-06-15")
    assert not enrollment_current("2026-06-16", None, "2026-06-15")


# Schools ----------------------------------------------------------------------------------

async def test_schools_lists_what_orgs_lists_and_the_client_reads_it(
        fresh_emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    original = EkoolClient.request

    async def spy(self: EkoolClient, method: str, path: str, **kwargs: Any) -> Any:
        asked.append(path)
        return await original(self, method, path, **kwargs)

    monkeypatch.setattr(EkoolClient, "request", spy)
    async with admin_clients(fresh_emulator.url) as c:
        as_orgs = await c.ekool.get_all(f"{ROSTER}/orgs", lambda b: b["orgs"],
                                        lambda o: o)
        as_schools = await c.ekool.get_all(f"{ROSTER}/schools", lambda b: b["orgs"],
                                           lambda o: o, page_size=1)
        asked.clear()
        schools = await c.ekool.schools()
        one = await c.ekool.school("ek-org-2")
        with pytest.raises(NotFound):
            await c.ekool.school("ek-org-404")
        org = await c.ekool.get_json(f"{ROSTER}/orgs/ek-org-2")
    assert as_schools == as_orgs and len(as_orgs) == 2
    assert [(s.sourced_id, s.ehis_code) for s in schools] == [("ek-org-1", "12345"),
                                                            ("ek-org-2", "")]
    assert one == schools[1] and org["org"]["sourcedId"] == "ek-org-2"
    assert asked[:3] == [f"{ROSTER}/schools", f"{ROSTER}/schools/ek-org-2",
                         f"{ROSTER}/schools/ek-org-404"]


# Enrollments with dates against the emulator -----------------------------------------------

async def test_a_removed_pupil_ends_and_is_no_longer_a_member(ctx) -> None:
    overview = await journals.sync(ctx)
    journal = next(u for u in overview.untransferred if u.students)
    pupil = journal.students[0]
    practice = PracticeClient(ctx.emulator.url, http=ctx.http)
    # The practice world starts with one pupil gone from a transferred journal.
    ended_before = {(e.journal_id, e.user_id) for e in await ctx.ekool.client.enrollments()
                    if e.end_date is not None}
    await practice.change_roster(journal.ekool_class_id, remove=[pupil])
    clock = (await practice.info())["clock"]

    ended = [e for e in await ctx.ekool.client.enrollments()
             if e.journal_id == journal.ekool_class_id and e.user_id == pupil]
    assert [(e.end_date, e.deleted) for e in ended] == [(clock[:10], True)]
    assert {(e.journal_id, e.user_id) for e in await ctx.ekool.client.enrollments()
            if e.end_date is not None} == ended_before | {(journal.ekool_class_id, pupil)}

    for full in (False, True):  # as a delta and as a whole reading
        after = await journals.sync(ctx, full=full)
        same = next(u for u in after.untransferred
                    if u.ekool_class_id == journal.ekool_class_id)
        assert pupil not in same.students
        assert set(same.students) == set(journal.students) - {pupil}


async def test_an_enrollment_out_of_its_dates_is_no_member(ctx, monkeypatch) -> None:
    """A server that keeps an ended enrollment `active` and only dates it."""
    overview = await journals.sync(ctx)
    journal = next(u for u in overview.untransferred if len(u.students) >= 2)
    ended, later = journal.students[:2]
    original = ctx.ekool.client.enrollments

    async def dated(since: Any = None) -> list[Enrollment]:
        rows = await original(since=since)
        dates = {ended: {"end_date": _day(-1)}, later: {"begin_date": _day(1)}}
        return [dataclasses.replace(e, **dates[e.user_id])
                if e.journal_id == journal.ekool_class_id and e.user_id in dates else e
                for e in rows]

    monkeypatch.setattr(ctx.ekool.client, "enrollments", dated)
    after = await journals.sync(ctx, full=True)
    same = next(u for u in after.untransferred if u.ekool_class_id == journal.ekool_class_id)
    assert set(same.students) == set(journal.students) - {ended, later}

    changed_before = {r.id for r in overview.rows if r.differs}
    transferred = next(r for r in after.rows if r.origin == "ekool" and r.students
                       and r.id not in changed_before)
    assert not transferred.differs  # today's memberships, undated, still count
