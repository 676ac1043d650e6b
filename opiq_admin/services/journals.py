"""Journals of the managed schools: listing (cached), comparing with eKool, refresh, delete.

The cache in the local store lets the Journals page open at once from the last sync; a sync
then reads every school concurrently and replaces the cache. The comparison with eKool uses
one paged list of enrollments rather than one call per journal, so its cost grows with the
roster, not with the number of round trips.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from opiq_admin.services.accounts import managed_schools
from opiq_admin.services.clients.models import Journal, School, enrollment_current
from opiq_admin.services.context import BothStored, OpiqRecorder, OpiqStored, OpiqWorker, Stored
from opiq_admin.services.i18n import N_, _, ngettext

CACHE_KIND = "journal"


@dataclass(frozen=True)
class JournalRow:
    """One journal as the page and `journals list --json` show it."""

    id: str
    school_id: str
    school: str
    name: str
    origin: str
    teachers: tuple[str, ...]
    students: tuple[str, ...]
    course_set: str
    refreshed_at: str | None
    ekool_class_id: str | None = None
    # Filled by the comparison with eKool:
    added_in_ekool: tuple[str, ...] = ()  # eKool user ids not yet in the Opiq journal
    removed_in_ekool: tuple[str, ...] = ()  # Opiq account ids no longer in eKool's roster

    @property
    def differs(self) -> bool:
        return bool(self.added_in_ekool or self.removed_in_ekool)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "origin": self.origin,
                "teachers": list(self.teachers), "students": list(self.students),
                "course_set": self.course_set, "refreshed_at": self.refreshed_at,
                "school_id": self.school_id, "school": self.school,
                "ekool_class_id": self.ekool_class_id,
                "added_in_ekool": list(self.added_in_ekool),
                "removed_in_ekool": list(self.removed_in_ekool)}

    @classmethod
    def of(cls, journal: Journal, school_name: str) -> JournalRow:
        return cls(id=journal.id, school_id=journal.school_id, school=school_name,
                   name=journal.name, origin=journal.origin, teachers=tuple(journal.teachers),
                   students=tuple(journal.students), course_set=journal.course_set,
                   refreshed_at=journal.refreshed_at, ekool_class_id=journal.ekool_class_id)


@dataclass(frozen=True)
class UntransferredJournal:
    """An eKool journal no teacher has sent to Opiq yet."""

    ekool_class_id: str
    school_id: str
    school: str
    title: str
    students: tuple[str, ...]


@dataclass
class JournalOverview:
    rows: list[JournalRow] = field(default_factory=list)
    untransferred: list[UntransferredJournal] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"journals": [r.to_json() for r in self.rows],
                "untransferred": [asdict(u) for u in self.untransferred]}


async def cached(ctx: OpiqStored) -> list[JournalRow]:
    """The journals as of the last sync by the person signed in, for an instant first
    paint."""
    rows = await ctx.store.snapshots(CACHE_KIND, scope=ctx.opiq.cache_scope)
    return [JournalRow(**{**r, "teachers": tuple(r["teachers"]),
                          "students": tuple(r["students"]),
                          "added_in_ekool": tuple(r.get("added_in_ekool", ())),
                          "removed_in_ekool": tuple(r.get("removed_in_ekool", ()))})
            for r in rows.values()]


async def sync(ctx: BothStored, *, compare: bool = True, full: bool = False
               ) -> JournalOverview:
    """Read every managed school's journals (and, optionally, eKool's side) afresh.
    `full` reads eKool's enrollments and Opiq's accounts whole instead of as deltas."""
    schools = managed_schools(ctx)
    per_school = await asyncio.gather(*(ctx.opiq.client.journals(s.id) for s in schools))
    rows = [JournalRow.of(j, s.name) for s, journals in zip(schools, per_school, strict=True)
            for j in journals]
    overview = JournalOverview(rows=rows)
    if compare and ctx.ekool.signed_in:
        overview = await compare_with_ekool(ctx, schools, rows, full=full)
    for school in schools:
        await ctx.store.put_snapshots(
            CACHE_KIND, school.id,
            {r.id: _plain(r) for r in overview.rows if r.school_id == school.id}, replace=True,
            scope=ctx.opiq.cache_scope)
    return overview


def _plain(row: JournalRow) -> dict[str, Any]:
    data = asdict(row)
    for key in ("teachers", "students", "added_in_ekool", "removed_in_ekool"):
        data[key] = list(data[key])
    return data


async def compare_with_ekool(ctx: BothStored, schools: list[School], rows: list[JournalRow],
                             *, full: bool = False) -> JournalOverview:
    from opiq_admin.services.integration.check import find_ekool_school

    ekool_journals, enrollments, links, ekool_schools = await asyncio.gather(
        ctx.ekool.client.journals(), enrollments_delta(ctx, full=full),
        asyncio.gather(*(account_links_delta(ctx, s.id, full=full) for s in schools)),
        ctx.ekool.client.schools())
    ekool_of = {k: v for batch in links for k, v in batch.items() if v}
    roster: dict[str, set[str]] = {}
    today = datetime.now(UTC).date().isoformat()
    for e in enrollments.values():
        # An enrollment that has ended (or not yet begun) is no membership, but its journal
        # is still one eKool knows: one whose pupils have all left compares as empty.
        members = roster.setdefault(e["journal"], set())
        if e["role"] == "student" and enrollment_current(e.get("begin") or None,
                                                         e.get("end") or None, today):
            members.add(e["user"])
    # A school not yet enabled is matched to its eKool school as the integration check
    # does, so that its journals count as untransferred too (prevention matters most there).
    org_to_school = {}
    for school in schools:
        org_id = school.ekool.ekool_org_id
        if not org_id:
            found, _ = find_ekool_school(school, ekool_schools)
            org_id = found.sourced_id if found else None
        if org_id:
            org_to_school[org_id] = school
    transferred = {r.ekool_class_id for r in rows if r.ekool_class_id}
    compared = []
    for row in rows:
        if row.origin != "ekool" or row.ekool_class_id not in roster:
            compared.append(row)
            continue
        in_ekool = roster[row.ekool_class_id]
        in_opiq = {ekool_of.get(a) for a in row.students}
        added = tuple(sorted(in_ekool - in_opiq))
        removed = tuple(sorted(a for a in row.students if ekool_of.get(a) not in in_ekool))
        compared.append(JournalRow(**{**asdict(row), "added_in_ekool": added,
                                      "removed_in_ekool": removed}))
    untransferred = [
        UntransferredJournal(j.sourced_id, org_to_school[j.school_id].id,
                             org_to_school[j.school_id].name, j.title,
                             tuple(sorted(roster.get(j.sourced_id, ()))))
        for j in ekool_journals
        if j.school_id in org_to_school and j.sourced_id not in transferred
        and not j.deleted]
    return JournalOverview(rows=compared, untransferred=untransferred)


# -- deltas -------------------------------------------------------------------------------------
# A sync asks only for what changed since the last one where the API allows it (eKool's
# enrollments, Opiq's accounts) and merges that into the copy in the store. The mark is the
# newest modification time the server itself reported, taken back a minute: the server's
# clock, not ours, and an overlap so that a change made in the same instant as the last
# one seen is not missed (items are merged by id, so seeing one twice is harmless).
# A delta tells of records deleted with a tombstone only; one deleted outright would stay in
# the copy for ever, so the list is read whole the first time, when asked, and at least
# once a day, and that reading replaces the copy.
OVERLAP = timedelta(minutes=1)
FULL_EVERY = timedelta(days=1)


def _mark(stamps: list[str], previous: str | None) -> str | None:
    seen = [s for s in stamps if s]
    if previous:
        seen.append(previous)
    if not seen:
        return None
    newest = max(datetime.fromisoformat(s.replace("Z", "+00:00")) for s in seen)
    return newest.isoformat()


async def _delta_start(ctx: Stored, meta: str, school: str, known: bool, full: bool,
                       scope: str) -> tuple[datetime | None, dict[str, Any]]:
    """Where a read starts (None: the whole list) and the marks it starts from."""
    marks = await ctx.store.snapshots(meta, school, scope=scope)
    mark, full_at = marks.get("mark"), marks.get("full_at")
    if full or not known or not mark or not full_at or \
            datetime.now(UTC) - datetime.fromisoformat(full_at) > FULL_EVERY:
        return None, marks
    return (datetime.fromisoformat(mark) - OVERLAP).astimezone(UTC), marks


async def _save_marks(ctx: Stored, meta: str, school: str, marks: dict[str, Any],
                      stamps: list[str], whole: bool, scope: str) -> None:
    new = dict(marks)
    if whole:
        new["full_at"] = datetime.now(UTC).isoformat()
        new.pop("mark", None)  # a whole read sets the mark afresh
    mark = _mark(stamps, new.get("mark"))
    if mark:
        new["mark"] = mark
    if new != marks:
        await ctx.store.put_snapshots(meta, school, new, replace=True, scope=scope)


async def enrollments_delta(ctx: BothStored, *, full: bool = False
                            ) -> dict[str, dict[str, str]]:
    """eKool's enrollments (id → user, journal, role, begin and end date or ""): whole
    when due, else as deltas. Dated ones are kept as they are: whether one holds is decided
    on the day it is used, so one that begins later counts from then."""
    kind, meta = "ekool_enrollment", "ekool_enrollment_mark"
    # eKool shows each person the enrollments of their own schools only: the cache is the
    # signed-in person's, never shared with whoever syncs next.
    scope = ctx.ekool.cache_scope
    known = await ctx.store.snapshots(kind, "*", scope=scope)
    since, marks = await _delta_start(ctx, meta, "*", bool(known), full, scope)
    fresh = await ctx.ekool.client.enrollments(since=since)
    removed = {e.sourced_id for e in fresh if e.deleted}
    changed = {e.sourced_id: {"user": e.user_id, "journal": e.journal_id, "role": e.role,
                              "begin": e.begin_date or "", "end": e.end_date or ""}
               for e in fresh if not e.deleted}
    base = {} if since is None else known
    merged = {k: v for k, v in base.items() if k not in removed} | changed
    await ctx.store.put_snapshots(kind, "*", merged, replace=True, scope=scope)
    await _save_marks(ctx, meta, "*", marks, [e.date_last_modified for e in fresh],
                      since is None, scope)
    return merged


async def account_links_delta(ctx: OpiqStored, school_id: str, *, full: bool = False
                              ) -> dict[str, str | None]:
    """Opiq account id → its eKool person (or None) for a school: whole when due, else as
    deltas."""
    kind, meta = "account_link", "account_link_mark"
    scope = ctx.opiq.cache_scope
    known = await ctx.store.snapshots(kind, school_id, scope=scope)
    since, marks = await _delta_start(ctx, meta, school_id, bool(known), full, scope)
    fresh = await ctx.opiq.client.users(school_id, changed_since=since)
    base = {} if since is None else known
    merged = {**base, **{a.id: a.ekool_id for a in fresh}}
    await ctx.store.put_snapshots(kind, school_id, merged, replace=True, scope=scope)
    await _save_marks(ctx, meta, school_id, marks, [a.updated_at or "" for a in fresh],
                      since is None, scope)
    return merged


async def refresh(ctx: OpiqWorker, journal_ids: list[str]) -> list[dict[str, Any]]:
    """"Uuenda päeviku andmeid" for each journal; the changes it brought, per journal."""
    semaphore = asyncio.Semaphore(ctx.settings.get("concurrency"))

    async def one(journal_id: str) -> dict[str, Any]:
        async with semaphore:
            try:
                answer = await ctx.opiq.client.refresh_journal(journal_id, key=str(uuid.uuid4()))
            except Exception as exc:
                await ctx.log("refresh_journal", "failed", target=journal_id, detail=str(exc))
                return {"id": journal_id, "status": "failed", "detail": str(exc)}
            await ctx.log("refresh_journal", "ok", target=journal_id,
                          detail=f"+{len(answer.added)} −{len(answer.removed)}")
            return {"id": journal_id, "status": "done", "name": answer.journal.name,
                    "added": list(answer.added), "removed": list(answer.removed)}

    return list(await asyncio.gather(*(one(j) for j in journal_ids)))


async def delete(ctx: OpiqRecorder, journal_ids: list[str]) -> list[dict[str, Any]]:
    """Delete eKool journals in Opiq; eKool keeps them. One result per journal."""
    results = []
    for journal_id in journal_ids:
        key = str(uuid.uuid5(uuid.NAMESPACE_URL, f"delete-journal:{journal_id}"))
        try:
            journal = await ctx.opiq.client.journal(journal_id)
            await ctx.opiq.client.delete_journal(journal_id, key=key)
        except Exception as exc:
            await ctx.log("delete_journal", "failed", target=journal_id, detail=str(exc))
            results.append({"id": journal_id, "status": "failed", "detail": str(exc)})
            continue
        await ctx.log("delete_journal", "ok", target=f"{journal.name} ({journal_id})",
                      detail=ngettext("{n} student loses it in Opiq; eKool keeps it",
                                      "{n} students lose it in Opiq; eKool keeps it",
                                      len(journal.students)).format(n=len(journal.students)))
        results.append({"id": journal_id, "status": "done", "name": journal.name})
    return results


CSV_COLUMNS = ("school", "name", "origin", "teachers", "students", "course_set", "refreshed_at")
# The headers as a person reads them, in the language of the moment.
CSV_HEADERS = (N_("school"), N_("name"), N_("origin"), N_("teachers"), N_("students"),
               N_("course_set"), N_("refreshed_at"))


def journals_csv(rows: list[JournalRow], names: dict[str, str] | None = None) -> str:
    """The table as a CSV file; `names` maps account ids to people's names."""
    from opiq_admin.services.csvsafe import csv_document

    names = names or {}
    return csv_document([_(header) for header in CSV_HEADERS], ((
        row.school, row.name, row.origin, "; ".join(names.get(t, t) for t in row.teachers),
        len(row.students), row.course_set, row.refreshed_at or "") for row in rows))
