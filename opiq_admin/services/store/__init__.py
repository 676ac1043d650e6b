"""The local store: SQLite in the data folder by default, any SQLAlchemy URL by setting.

Plain synchronous SQLAlchemy behind one worker thread (`AsyncStore`), so the event loop
never waits on the disk and SQLite sees one writer at a time.

`open_store` is the one way in: whatever stands in the way - a data folder that cannot be
written, a damaged SQLite file, a store written by a newer version, a full disk - ends in
one `StoreError` that says what and where, or, for a damaged file, in a fresh store with
the old file kept beside it under another name.
"""

from __future__ import annotations

import asyncio
import errno
import json
import logging
import sqlite3
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, func, make_url, select
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from opiq_admin.services.csvsafe import csv_document
from opiq_admin.services.store.schema import (
    ActivityEntry,
    ReviewDecision,
    RosterSnapshot,
    SyncState,
)

# Through importlib.resources, so an installed wheel and a frozen bundle find them too.
MIGRATIONS = Path(str(resources.files(__name__) / "migrations"))
HEAD = "head"
T = TypeVar("T")

log = logging.getLogger(__name__)


class StoreError(Exception):
    """The store cannot be opened or written; the message says what and where."""


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
        # Said once to whoever opens the store: what `open_store` had to do to open it.
        self.notice = ""

    @classmethod
    def sqlite(cls, path: Path) -> Store:
        path.parent.mkdir(parents=True, exist_ok=True)
        return cls(f"sqlite:///{path}")

    # -- schema ------------------------------------------------------------------------
    def migrate(self, revision: str = HEAD) -> None:
        """Bring the schema to `revision` with Alembic; a new store starts from nothing.

        A store stamped with a revision this version does not know was written by a newer
        version: it is refused untouched (`StoreError`), never half-migrated.
        """
        cfg = _alembic_config()
        known = {script.revision for script in ScriptDirectory.from_config(cfg).walk_revisions()}
        with self.engine.begin() as connection:
            current = MigrationContext.configure(connection).get_current_heads()
            unknown = [r for r in current if r not in known]
            if unknown:
                raise StoreError(f"the store {self.where} was written by a newer opiq-admin "
                                 f"(revision {', '.join(unknown)}); update the program")
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, revision)

    @property
    def where(self) -> str:
        """The store's file, or its URL without the password."""
        file = sqlite_file(self.url)
        if file is not None:
            return str(file)
        return make_url(self.url).render_as_string(hide_password=True)

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
    def decisions(self) -> dict[tuple[str, str], ReviewDecision]:
        with self.session() as s:
            return {(r.old, r.new): r for r in s.scalars(select(ReviewDecision))}


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def head_revision() -> str:
    """The newest schema revision this version knows."""
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def sqlite_file(url: str) -> Path | None:
    """The file of an SQLite URL; None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:" \
            or database.startswith("file:"):
        return None
    return Path(database)


def open_store(url: str, data_dir: Path) -> Store:
    """The store at `url`, migrated to this version's schema, ready to use.

    Every way this can fail ends in one `StoreError`. A SQLite file that is not a
    database, or a damaged one, is moved aside (renamed `<name>.corrupt-<time>`, never
    deleted) and a fresh store is started; `Store.notice` then says where the old file went,
    and it is logged as a warning.
    """
    _check_folder(data_dir, "the data folder")
    try:
        file = sqlite_file(url)
    except ArgumentError as exc:  # not echoed: it may hold a password
        raise StoreError("the store address in the settings (store_url) is not a database "
                         "URL") from exc
    if file is not None and file.parent.resolve() != data_dir.resolve():
        _check_folder(file.parent, "the store's folder")
    store = _migrated(url)
    if isinstance(store, Store):
        return store
    damage = store
    assert file is not None  # only an SQLite file is reported damaged
    moved = _move_aside(file)
    fresh = _migrated(url)
    if not isinstance(fresh, Store):
        raise StoreError(f"the store {file} cannot be opened: {fresh}")
    fresh.notice = (f"the store {file} was damaged ({damage}) and has been moved to "
                    f"{moved}; a new, empty store was started (cached lists fill again; "
                    f"earlier review decisions and the activity log stay in the moved file)")
    log.warning("%s", fresh.notice)
    return fresh


def _migrated(url: str) -> Store | str:
    """The migrated store; the damage, in words, when the SQLite file is not a database."""
    try:
        store = Store(url)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        shown = make_url(url).render_as_string(hide_password=True)
        raise StoreError(f"the store address {shown} in the settings cannot be used: "
                         f"{exc}") from exc
    try:
        store.migrate()
    except StoreError:
        store.close()
        raise
    except DBAPIError as exc:
        store.close()
        if _kind(exc) == "damaged" and sqlite_file(url) is not None:
            return str(exc.orig)
        raise _failure(store, exc) or StoreError(
            f"the store {store.where} cannot be opened: {exc.orig}") from exc
    except OSError as exc:
        store.close()
        raise StoreError(f"the store {store.where} cannot be opened: "
                         f"{_reason(exc)}") from exc
    return store


def _check_folder(folder: Path, what: str) -> None:
    """Make sure `folder` exists and a file can be created in it."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        reason = "it is a file, not a folder" if folder.is_file() else _reason(exc)
        raise StoreError(f"{what} {folder} cannot be written: {reason}") from exc


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    return exc.strerror or str(exc)


def _move_aside(file: Path) -> Path:
    """Rename a damaged store (and its WAL files, which belong to it) out of the way."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = file.with_name(f"{file.name}.corrupt-{stamp}")
    number = 1
    while target.exists():
        number += 1
        target = file.with_name(f"{file.name}.corrupt-{stamp}-{number}")
    try:
        file.rename(target)
        for suffix in ("-wal", "-shm"):
            sibling = file.with_name(file.name + suffix)
            if sibling.exists():
                sibling.rename(target.with_name(target.name + suffix))
    except OSError as exc:
        raise StoreError(f"the store {file} is damaged and cannot be moved aside: "
                         f"{_reason(exc)}") from exc
    return target


# SQLite's result codes, grouped by what an administrator can do about them.
_KINDS = {"SQLITE_FULL": "full", "SQLITE_READONLY": "read-only", "SQLITE_CANTOPEN": "cannot open",
          "SQLITE_CORRUPT": "damaged", "SQLITE_NOTADB": "damaged", "SQLITE_BUSY": "busy",
          "SQLITE_LOCKED": "busy", "SQLITE_IOERR": "io", "SQLITE_PERM": "read-only"}


def _kind(exc: DBAPIError) -> str | None:
    orig = exc.orig
    if not isinstance(orig, sqlite3.Error):
        return None
    name = getattr(orig, "sqlite_errorname", "") or ""
    for prefix, kind in _KINDS.items():
        if name == prefix or name.startswith(prefix + "_"):
            return kind
    text = str(orig)
    if "disk is full" in text:
        return "full"
    if "not a database" in text or "malformed" in text:
        return "damaged"
    if "readonly" in text:
        return "read-only"
    return None


def _failure(store: Store, exc: BaseException) -> StoreError | None:
    """A database error that the administrator can act on, in words; None for the rest."""
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return StoreError(f"the store {store.where} cannot be written: the disk is full")
    if not isinstance(exc, DBAPIError):
        return None
    kind = _kind(exc)
    where = store.where
    if kind == "full":
        return StoreError(f"the store {where} cannot be written: the disk is full")
    if kind == "read-only":
        return StoreError(f"the store {where} cannot be written: it or its folder is "
                          f"read-only")
    if kind == "cannot open":
        return StoreError(f"the store {where} cannot be opened: {exc.orig}")
    if kind == "damaged":
        return StoreError(f"the store {where} is damaged ({exc.orig}); rename it, and the "
                          f"program starts a new one")
    if kind == "busy":
        return StoreError(f"the store {where} is busy: another program holds it; try again")
    if kind == "io":
        return StoreError(f"the store {where} cannot be read or written: {exc.orig}")
    return None


class AsyncStore:
    """Runs every store call on one worker thread, with a timeout, for the event loop.

    A database error the administrator can act on (disk full, read-only, damaged) comes
    out as `StoreError`; any other error comes out as it is.
    """

    def __init__(self, store: Store, timeout: float = 30.0) -> None:
        self.store = store
        self.timeout = timeout
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store")

    async def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self._pool, lambda: fn(*args, **kwargs))
        try:
            return await asyncio.wait_for(future, self.timeout)
        except (DBAPIError, OSError) as exc:
            problem = _failure(self.store, exc)
            if problem is None:
                raise
            raise problem from exc

    # The store's calls the program makes, each on the worker thread; any other `Store`
    # method is reached the same way through `__getattr__`.
    async def log(self, actor: str, action: str, result: str, *, school: str = "",
                  target: str = "", detail: str = "") -> Activity:
        return await self.call(self.store.log, actor, action, result, school=school,
                               target=target, detail=detail)

    async def last_activity_id(self) -> int:
        return await self.call(self.store.last_activity_id)

    async def activity(self, *, text: str = "", action: str = "", school: str = "",
                       limit: int = 10_000) -> list[Activity]:
        return await self.call(self.store.activity, text=text, action=action, school=school,
                               limit=limit)

    async def put_snapshots(self, kind: str, school: str, items: dict[str, Any],
                            replace: bool = False) -> None:
        await self.call(self.store.put_snapshots, kind, school, items, replace)

    async def snapshots(self, kind: str, school: str | None = None) -> dict[str, Any]:
        return await self.call(self.store.snapshots, kind, school)

    async def synced_at(self, kind: str, school: str) -> str | None:
        return await self.call(self.store.synced_at, kind, school)

    async def decisions(self) -> dict[tuple[str, str], ReviewDecision]:
        return await self.call(self.store.decisions)

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
