"""Journals against the emulator: both origins, what differs from eKool, refresh, delete
(refused for a teacher, eKool untouched), and the CSV export."""

from __future__ import annotations

import csv
import io

import pytest

from opiq_admin.services import journals
from opiq_admin.services.clients.practice import PracticeClient
from opiq_admin.services.errors import Conflict, Forbidden


async def test_list_compare_refresh(ctx):
    overview = await journals.sync(ctx)
    assert {r.origin for r in overview.rows} == {"ekool", "opiq"}
    assert overview.untransferred, "the seed leaves eKool journals not yet transferred"
    # The practice world has one journal changed in eKool since its transfer, to rehearse.
    [changed_before] = [r for r in overview.rows if r.differs]
    assert len(changed_before.added_in_ekool) == 1 and len(changed_before.removed_in_ekool) == 1
    cached = await journals.cached(ctx)
    assert {r.id for r in cached} == {r.id for r in overview.rows}

    target = next(r for r in overview.rows if r.origin == "ekool" and not r.differs)
    practice = PracticeClient(ctx.emulator.url, http=ctx.http)
    await practice.change_roster(target.ekool_class_id, new_students=2)
    changed = await journals.sync(ctx)
    row = next(r for r in changed.rows if r.id == target.id)
    assert len(row.added_in_ekool) == 2 and row.differs

    [result] = await journals.refresh(ctx, [target.id])
    assert result["status"] == "done" and len(result["added"]) == 2
    after = await journals.sync(ctx)
    row = next(r for r in after.rows if r.id == target.id)
    assert not row.differs and len(row.students) == len(target.students) + 2
    assert "refresh_journal" in {e.action for e in await ctx.store.activity()}


async def test_ekool_journal_is_read_only_and_delete_leaves_ekool(ctx):
    overview = await journals.sync(ctx)
    target = next(r for r in overview.rows if r.origin == "ekool")
    with pytest.raises(Conflict) as refused:
        await ctx.opiq.client.update_journal(target.id, name="Uus nimi")
    assert refused.value.code == "managed_by_ekool"

    ekool_before = await ctx.ekool.client.journal(target.ekool_class_id)
    [result] = await journals.delete(ctx, [target.id])
    assert result["status"] == "done"
    assert target.id not in {r.id for r in (await journals.sync(ctx)).rows}
    ekool_after = await ctx.ekool.client.journal(target.ekool_class_id)
    assert ekool_after == ekool_before, "deleting in Opiq never touches eKool"
    again = await journals.sync(ctx)
    assert target.ekool_class_id in {u.ekool_class_id for u in again.untransferred}


async def test_teacher_may_not_delete(ctx):
    overview = await journals.sync(ctx)
    school = next(s for s in ctx.opiq.schools if s.name == "Tallinna Kesklinna Pk")
    target = next(r for r in overview.rows if r.origin == "ekool" and r.school_id == school.id)
    await ctx.opiq.sign_out()
    await ctx.opiq.sign_in_with_password("tiina.tamm", "harjutus")
    with pytest.raises(Forbidden):
        await ctx.opiq.client.delete_journal(target.id)


def test_csv_neutralises_formulas_and_keeps_estonian_letters():
    row = journals.JournalRow(id="j1", school_id="s", school="Tõrva Gümnaasium",
                              name="=cmd|' /C calc'!A0", origin="opiq", teachers=("t1",),
                              students=("a", "b"), course_set="+Matemaatika 7",
                              refreshed_at=None)
    text = journals.journals_csv([row], names={"t1": "Žanna Šmidt"})
    assert text.startswith("\ufeff")
    [header, cells] = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert header[0] == "school"
    assert cells[0] == "Tõrva Gümnaasium"
    assert cells[1].startswith("'=")
    assert cells[3] == "Žanna Šmidt"
    assert cells[5].startswith("'+")


async def test_prevention_report_lists_tomorrows_duplicates(ctx):
    from opiq_admin.services.duplicates import prevention

    items = await prevention.report(ctx)
    assert items
    overview = await journals.sync(ctx)
    untransferred = {u.ekool_class_id for u in overview.untransferred}
    assert all(i.ekool_class_id in untransferred for i in items)
    school = next(s for s in ctx.opiq.schools if s.ehis_id == items[0].ehis)
    accounts = {a.id: a for a in await ctx.opiq.client.users(school.id)}
    assert accounts[items[0].account_id].ekool_id is None
    text = prevention.letters(items, "et")
    assert "„Lisa liidestus“" in text and items[0].person in text
    csv_text = prevention.to_csv(items)
    assert csv_text.count("\n") == len(items) + 1


async def test_second_sync_reads_only_the_changes(ctx):
    first = await journals.sync(ctx)
    mine = ctx.ekool.cache_scope
    target = next(r for r in first.rows if r.origin == "ekool")
    await PracticeClient(ctx.emulator.url, http=ctx.http).change_roster(
        target.ekool_class_id, new_students=1)
    changed = await journals.sync(ctx)
    assert next(r for r in changed.rows if r.id == target.id).differs
    mark = (await ctx.store.snapshots("ekool_enrollment_mark", "*", scope=mine))["mark"]
    everything = await ctx.ekool.client.enrollments()
    since = journals.datetime.fromisoformat(mark) - journals.OVERLAP
    delta = await ctx.ekool.client.enrollments(since=since)
    assert len(delta) < len(everything), "a delta is smaller than the whole list"
    assert any(e.journal_id == target.ekool_class_id for e in delta)
    again = await journals.sync(ctx)
    assert [r.id for r in again.rows if r.differs] == [target.id]


async def test_records_deleted_outright_leave_the_copy_on_a_full_read(ctx):
    """A delta only tells of tombstones: a record the server dropped without one stays in
    the copy until the list is read whole — asked for, or due after a day."""
    await journals.sync(ctx)
    mine = ctx.ekool.cache_scope
    enrollments = await ctx.store.snapshots("ekool_enrollment", "*", scope=mine)
    ghost = {"user": "ek-usr-gone", "journal": "ek-jnl-gone", "role": "student"}
    await ctx.store.put_snapshots("ekool_enrollment", "*", {**enrollments, "gone": ghost},
                                  replace=True, scope=mine)
    await journals.sync(ctx)
    kept = await ctx.store.snapshots("ekool_enrollment", "*", scope=mine)
    assert "gone" in kept, "a delta keeps it"

    await journals.sync(ctx, full=True)
    assert "gone" not in await ctx.store.snapshots("ekool_enrollment", "*", scope=mine)

    # A day after the last whole read, the next sync reads whole by itself.
    enrollments = await ctx.store.snapshots("ekool_enrollment", "*", scope=mine)
    await ctx.store.put_snapshots("ekool_enrollment", "*", {**enrollments, "gone": ghost},
                                  replace=True, scope=mine)
    marks = await ctx.store.snapshots("ekool_enrollment_mark", "*", scope=mine)
    old = (journals.datetime.now(journals.UTC) - journals.FULL_EVERY * 2).isoformat()
    await ctx.store.put_snapshots("ekool_enrollment_mark", "*", {**marks, "full_at": old},
                                  replace=True, scope=mine)
    await journals.sync(ctx)
    assert "gone" not in await ctx.store.snapshots("ekool_enrollment", "*", scope=mine)
