"""The local store: SQLite in the data folder by default, any SQLAlchemy URL by setting.

Plain synchronous SQLAlchemy behind one worker thread (`AsyncStore`), so the event loop
never waits on the disk and SQLite sees one writer at a time.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine, event, func, select
from sqlalchemy.orm import Session, sessionmaker

from ..csvsafe import csv_document
from .schema import ActivityEntry, ReviewDecision, RosterSnapshot, SyncState

MIGRATIONS = Path(__file__).with_name("migrations")
HEAD = "head"
T = TypeVar("T")


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Activity:
    id: int
    at: str
    actor: str
    action: str
    school: str
    target: str
    result: str
    detail: str

    @classmethod
    def of(cls, row: ActivityEntry) -> Activity:
        return cls(row.id, row.at, row.actor, row.action, row.school, row.target, row.result,
                   row.detail)


ACTIVITY_COLUMNS = ("at", "actor", "action", "school", "target", "result", "detail")


class Store:
    def __init__(self, url: str) -> None:
        self.url = url
        self.engine: Engine = create_engine(url, future=True)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._session = sessionmaker(self.engine, expire_on_commit=False)

    @classmethod
    def sqlite(cls, path: Path) -> Store:
        path.parent.mkdir(parents=True, exist_ok=True)
        return cls(f"sqlite:///{path}")

    # -- schema ------------------------------------------------------------------------
    def migrate(self, revision: str = HEAD) -> None:
        """Bring the schema to `revision` with Alembic; a new store starts from nothing."""
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as connection:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, revision)

    def revision(self) -> str | None:
        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    def close(self) -> None:
        self.engine.dispose()

    def session(self) -> Session:
        return self._session()

    # -- activity log ------------------------------------------------------------------
    def log(self, actor: str, action: str, result: str, *, school: str = "", target: str = "",
            detail: str = "") -> Activity:
        with self.session() as s, s.begin():
            row = ActivityEntry(at=now_iso(), actor=actor, action=action, school=school,
                                target=target, result=result, detail=detail)
            s.add(row)
            s.flush()
            return Activity.of(row)

    def last_activity_id(self) -> int:
        """The newest entry's id: every change the program makes is logged, so a page can
        tell cheaply whether anything happened since it last read."""
        with self.session() as s:
            return s.scalar(select(func.max(ActivityEntry.id))) or 0

    def activity(self, *, text: str = "", action: str = "", school: str = "",
                 limit: int = 10_000) -> list[Activity]:
        query = select(ActivityEntry).order_by(ActivityEntry.id.desc()).limit(limit)
        if action:
            query = query.where(ActivityEntry.action == action)
        if school:
            query = query.where(ActivityEntry.school == school)
        with self.session() as s:
            rows = [Activity.of(r) for r in s.scalars(query)]
        if text:
            needle = text.casefold()
            rows = [r for r in rows
                    if needle in " ".join((r.actor, r.action, r.school, r.target, r.result,
                                           r.detail)).casefold()]
        return rows

    def activity_csv(self, rows: Iterable[Activity]) -> str:
        return csv_document(ACTIVITY_COLUMNS,
                            ([getattr(r, c) for c in ACTIVITY_COLUMNS] for r in rows))

    # -- snapshots ---------------------------------------------------------------------
    def put_snapshots(self, kind: str, school: str, items: dict[str, Any],
                      replace: bool = False) -> None:
        stamp = now_iso()
        with self.session() as s, s.begin():
            if replace:
                s.query(RosterSnapshot).filter_by(kind=kind, school=school).delete()
            for key, value in items.items():
                s.merge(RosterSnapshot(kind=kind, school=school, key=key,
                                       json=json.dumps(value, ensure_ascii=False),
                                       fetched_at=stamp))
            s.merge(SyncState(kind=kind, school=school, synced_at=stamp))

    def snapshots(self, kind: str, school: str | None = None) -> dict[str, Any]:
        query = select(RosterSnapshot).where(RosterSnapshot.kind == kind)
        if school is not None:
            query = query.where(RosterSnapshot.school == school)
        with self.session() as s:
            return {r.key: json.loads(r.json) for r in s.scalars(query)}

    def synced_at(self, kind: str, school: str) -> str | None:
        with self.session() as s:
            row = s.get(SyncState, (kind, school))
            return row.synced_at if row else None

    # -- review decisions --------------------------------------------------------------
    def decide(self, old: str, new: str, decision: str, *, note: str = "", by: str = "",
               school: str = "", kind: str = "student", score: float = 0.0) -> None:
        if decision not in ("approved", "rejected", "pending"):
            raise ValueError(f"unknown review decision {decision!r}")
        with self.session() as s, s.begin():
            s.merge(ReviewDecision(old=old, new=new, decision=decision, note=note,
                                   decided_by=by, decided_at=now_iso(), school=school,
                                   kind=kind, score=score))

    def decisions(self) -> dict[tuple[str, str], ReviewDecision]:
        with self.session() as s:
            return {(r.old, r.new): r for r in s.scalars(select(ReviewDecision))}


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


class AsyncStore:
    """Runs every store call on one worker thread, with a timeout, for the event loop."""

    def __init__(self, store: Store, timeout: float = 30.0) -> None:
        self.store = store
        self.timeout = timeout
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store")

    async def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self._pool, lambda: fn(*args, **kwargs))
        return await asyncio.wait_for(future, self.timeout)

    def __getattr__(self, name: str) -> Callable[..., Any]:
        target = getattr(self.store, name)
        if not callable(target):
            raise AttributeError(name)

        async def wrapper(*args: Any, **kwargs: Any) -> Any:
            return await self.call(target, *args, **kwargs)

        return wrapper

    def close(self) -> None:
        self._pool.shutdown(wait=True)
        self.store.close()
