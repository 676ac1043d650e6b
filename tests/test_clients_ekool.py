"""The eKool (OneRoster 1.2) client against the emulator."""

from __future__ import annotations

import httpx
import pytest
from support_clients import FAST, Reply, ScriptedServer, admin_clients

from opiq_admin.services.clients.ekool import EkoolClient, delta_filter
from opiq_admin.services.errors import InvalidEhisCode, NotFound


async def test_me_and_schools(fresh_emulator) -> None:
    async with admin_clients(fresh_emulator.url) as c:
        me = await c.ekool.me()
        schools = await c.ekool.schools()
        one = await c.ekool.school("ek-org-2")
    assert (me.sourced_id, me.given_name, me.identifier) == ("ek-usr-1", "Mari", "48001010001")
    assert {(r.role, r.org_id) for r in me.roles} == {("administrator", "ek-org-1"),
                                                     ("administrator", "ek-org-2")}
    assert {r.org_ehis_code for r in me.roles} == {"12345", None}
    assert [(s.sourced_id, s.ehis_code) for s in schools] == [("ek-org-1", "12345"),
                                                            ("ek-org-2", "")]
    assert one == schools[1] and one.name == "Pärnu Ülejõe Põhikool"


async def test_rosters_across_pages(fresh_emulator) -> None:
    async with admin_clients(fresh_emulator.url) as c:
        users = await c.ekool.users()
        journals = await c.ekool.journals()
        journal = await c.ekool.journal("ek-jnl-1")
        enrollments = await c.ekool.enrollments()
        in_school = await c.ekool.school_journals("ek-org-1")
        students = await c.ekool.journal_students("ek-jnl-1")
        teachers = await c.ekool.journal_teachers("ek-jnl-1")
        small_pages = await c.ekool.get_all(
            "/ims/oneroster/rostering/v1p2/users", lambda b: b["users"],
            lambda u: u["sourcedId"], page_size=3)
        with pytest.raises(NotFound):
            await c.ekool.journal("ek-jnl-404")
    assert len(users) == 8 and small_pages == [u.sourced_id for u in users]
    kätlin = next(u for u in users if u.sourced_id == "ek-usr-3")
    assert (kätlin.given_name, kätlin.family_name) == ("Kätlin", "Õunapuu")
    assert [j.sourced_id for j in journals] == ["ek-jnl-1", "ek-jnl-2"] == [
        j.sourced_id for j in in_school]
    assert journal == journals[0]
    assert (journal.title, journal.class_code, journal.school_id) == (
        "7.b matemaatika", "7.b", "ek-org-1")
    assert journal.subjects == ("matemaatika",)
    members = {(e.role, e.user_id) for e in enrollments if e.journal_id == "ek-jnl-1"}
    assert members == {("teacher", "ek-usr-2")} | {("student", s.sourced_id) for s in students}
    assert [t.sourced_id for t in teachers] == ["ek-usr-2"]
    assert len(students) == 4


async def test_deltas_see_removals(fresh_emulator) -> None:
    async with admin_clients(fresh_emulator.url) as c:
        clock = (await c.practice.info())["clock"]
        assert await c.ekool.enrollments(since=clock) == []
        await c.practice.advance_clock(1)
        await c.practice.change_roster("ek-jnl-2", remove=["ek-usr-7"], new_students=1)
        changed = await c.ekool.enrollments(since=clock)
        new_users = await c.ekool.users(since=clock)
        journals = await c.ekool.journals(since=clock)
    removed = [e for e in changed if e.deleted]
    assert [(e.user_id, e.journal_id) for e in removed] == [("ek-usr-7", "ek-jnl-2")]
    assert [j.sourced_id for j in journals] == ["ek-jnl-2"]
    assert len(new_users) == 1 and new_users[0].sourced_id not in {"ek-usr-7"}


def test_delta_filter_is_the_one_allowed_form() -> None:
    from datetime import datetime, timedelta, timezone

    when = datetime(2026, 9, 1, 10, 0, tzinfo=timezone(timedelta(hours=3)))
    assert delta_filter(when) == "dateLastModified>'2026-09-01T07:00:00Z'"
    with pytest.raises(ValueError):
        delta_filter("x' or 1=1")


async def test_set_ehis_code(fresh_emulator) -> None:
    async with admin_clients(fresh_emulator.url) as c:
        org = await c.ekool.set_ehis_code("ek-org-2", " 67890 ")
        again = await c.ekool.school("ek-org-2")
        school = await c.opiq.enable_ekool("opq-sch-2", await c.ekool_session.access_token())
    assert org.ehis_code == "67890" == again.ehis_code
    assert school.ekool.enabled and school.ekool.ekool_org_id == "ek-org-2"


@pytest.mark.parametrize("code", ["", "0", "-5", "12a45", "1.5", "١٢٣", "1234567890123"])
async def test_a_bad_ehis_code_is_refused_before_any_call(code: str) -> None:
    async with ScriptedServer([Reply(500, {})]) as srv, httpx.AsyncClient() as http:
        client = EkoolClient(srv.url + "/ekool", http=http, token=None, retry=FAST)
        with pytest.raises(InvalidEhisCode, match="positive whole number"):
            await client.set_ehis_code("ek-org-1", code)
    assert srv.seen == []
