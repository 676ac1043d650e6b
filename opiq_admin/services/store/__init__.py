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
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, func, make_url, select, text
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from opiq_admin.services.csvsafe import csv_document
from opiq_admin.services.i18n import N_, _
from opiq_admin.services.store.schema import (
    ActivityEntry,
    ReviewDecision,
    RosterSnapshot,
    SyncState,
    upsert,
)

if TYPE_CHECKING:
    from alembic.config import Config

# Through importlib.resources, so an installed wheel and a frozen bundle find them too.
MIGRATIONS = Path(str(resources.files(__name__) / "migrations"))
HEAD = "head"
# The newest migration, said here too so that opening a store already at it costs one query
# and no import of Alembic (a test checks it against the migrations).
HEAD_REVISION = "0004"
# Whoever migrates holds this lock (PostgreSQL: a transaction-level advisory lock, per schema).
MIGRATION_LOCK = "opiq-admin:migrate"
T = TypeVar("T")

log = logging.getLogger(__name__)
# How long a writer waits for another process's write on the same SQLite file.
SQLITE_BUSY_SECONDS = 30.0


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
        parsed = make_url(url)
        options: dict[str, Any] = {}
        if parsed.get_backend_name() == "sqlite":
            options["connect_args"] = {"timeout": SQLITE_BUSY_SECONDS}
        elif parsed.get_backend_name() == "postgresql":
            options["pool_pre_ping"] = True
        self.engine: Engine = create_engine(url, **options)
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

        A store already at this version's head costs one query. Otherwise one process at a
        time migrates (an advisory lock on PostgreSQL, an exclusive transaction on SQLite),
        so two first starts on an empty store both succeed: the second finds it done.
        A store stamped with a revision this version does not know was written by a newer
        version: it is refused untouched (`StoreError`), never half-migrated.
        """
        if revision == HEAD and self.revision() == HEAD_REVISION:
            return
        from alembic import command
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        cfg = _alembic_config()
        known = {script.revision for script in ScriptDirectory.from_config(cfg).walk_revisions()}
        with self._migration_lock() as connection:
            current = MigrationContext.configure(connection).get_current_heads()
            unknown = [r for r in current if r not in known]
            if unknown:
                raise StoreError(_("the store {where} was written by a newer opiq-admin "
                                   "(revision {revision}); update the program").format(
                                       where=self.where, revision=", ".join(unknown)))
            cfg.attributes["connection"] = connection
            if _is_upgrade(current, revision):
                command.upgrade(cfg, revision)
            else:
                command.downgrade(cfg, revision)

    @contextmanager
    def _migration_lock(self) -> Iterator[Connection]:
        """A connection in a transaction that no other process migrating this store holds
        at the same time; committed when the block ends."""
        dialect = self.engine.dialect.name
        with self.engine.connect() as connection:
            if dialect == "sqlite":
                # pysqlite begins transactions lazily and only before DML; an explicit
                # BEGIN EXCLUSIVE takes the write lock first (waiting up to the timeout).
                connection.exec_driver_sql("BEGIN EXCLUSIVE")
            else:
                connection.begin()
                if dialect == "postgresql":
                    connection.execute(text(
                        "SELECT pg_advisory_xact_lock(hashtext(current_schema() || :name))"),
                        {"name": MIGRATION_LOCK})
            try:
                yield connection
            except BaseException:
                connection.rollback()
                raise
            connection.commit()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def where(self) -> str:
        """The store's file, or its URL without the password."""
        file = sqlite_file(self.url)
        if file is not None:
            return str(file)
        return make_url(self.url).render_as_string(hide_password=True)

    def revision(self) -> str | None:
        """The schema's revision, with one plain query; None for an empty store."""
        with self.engine.connect() as connection:
            try:
                value = connection.exec_driver_sql(
                    "SELECT version_num FROM alembic_version").scalar()
            except DBAPIError as exc:
                if _missing_table(exc):
                    return None
                raise
            return str(value) if value is not None else None

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
                 limit: int | None = 10_000, since: str = "") -> list[Activity]:
        """Newest first; `since` an ISO date or UTC time (`at` is compared as text)."""
        query = select(ActivityEntry).order_by(ActivityEntry.id.desc()).limit(limit)
        if since:
            query = query.where(ActivityEntry.at >= since)
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
    # `scope` says whose view a snapshot is (`cache_scope`: server profile and person);
    # "" for what is the same for everyone.
    def put_snapshots(self, kind: str, school: str, items: dict[str, Any],
                      replace: bool = False, *, scope: str = "") -> None:
        stamp = now_iso()
        rows = [{"scope": scope, "kind": kind, "school": school, "key": key,
                 "json": json.dumps(value, ensure_ascii=False), "fetched_at": stamp}
                for key, value in items.items()]
        with self.session() as s, s.begin():
            if replace:
                s.query(RosterSnapshot).filter_by(scope=scope, kind=kind, school=school) \
                    .delete(synchronize_session=False)
            for start in range(0, len(rows), 1000):
                upsert(s, RosterSnapshot, rows[start:start + 1000],
                       ("scope", "kind", "school", "key"))
            upsert(s, SyncState, [{"scope": scope, "kind": kind, "school": school,
                                   "synced_at": stamp}], ("scope", "kind", "school"))

    def snapshots(self, kind: str, school: str | None = None, *, scope: str = ""
                  ) -> dict[str, Any]:
        query = select(RosterSnapshot).where(RosterSnapshot.scope == scope,
                                             RosterSnapshot.kind == kind)
        if school is not None:
            query = query.where(RosterSnapshot.school == school)
        with self.session() as s:
            return {r.key: json.loads(r.json) for r in s.scalars(query)}

    def synced_at(self, kind: str, school: str, *, scope: str = "") -> str | None:
        with self.session() as s:
            row = s.get(SyncState, (scope, kind, school))
            return row.synced_at if row else None

    # -- review decisions --------------------------------------------------------------
    def decisions(self) -> dict[tuple[str, str], ReviewDecision]:
        with self.session() as s:
            return {(r.old, r.new): r for r in s.scalars(select(ReviewDecision))}


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        _write_ahead_log(cursor)
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
    finally:
        cursor.close()


def _write_ahead_log(cursor: Any) -> None:
    """Put the file in WAL mode, which it keeps once set.

    A new file opened by several programs at once lets only one switch it: SQLite answers
    the others "database is locked" at once rather than wait (waiting could deadlock), so
    the switch is tried again for as long as a writer would wait for a lock.
    """
    deadline = time.monotonic() + SQLITE_BUSY_SECONDS
    while True:
        try:
            mode = cursor.execute("PRAGMA journal_mode").fetchone()
            if mode and str(mode[0]).lower() != "wal":
                cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def head_revision() -> str:
    """The newest schema revision this version knows, from the migrations themselves."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def _is_upgrade(current: tuple[str, ...], revision: str) -> bool:
    """Whether reaching `revision` from `current` goes forward (the revisions are numbered)."""
    if revision == "base":
        return False
    if revision == HEAD or not current:
        return True
    return revision >= max(current)


def _missing_table(exc: DBAPIError) -> bool:
    """The error of a query on a table that is not there (an empty store)."""
    if getattr(exc.orig, "sqlstate", None) == "42P01":  # PostgreSQL: undefined_table
        return True
    return isinstance(exc.orig, sqlite3.OperationalError) and "no such table" in str(exc.orig)


def _alembic_config() -> Config:
    from alembic.config import Config

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
    _check_folder(data_dir, N_("the data folder {folder} cannot be written: {reason}"))
    try:
        file = sqlite_file(url)
    except ArgumentError as exc:  # not echoed: it may hold a password
        raise StoreError(_("the store address in the settings (store_url) is not a database "
                           "URL")) from exc
    if file is not None and file.parent.resolve() != data_dir.resolve():
        _check_folder(file.parent, N_("the store's folder {folder} cannot be written: {reason}"))
    store = _migrated(url)
    if isinstance(store, Store):
        return store
    damage = store
    assert file is not None  # only an SQLite file is reported damaged
    moved = _move_aside(file)
    fresh = _migrated(url)
    if not isinstance(fresh, Store):
        raise StoreError(_("the store {where} cannot be opened: {reason}").format(
            where=file, reason=fresh))
    fresh.notice = _("the store {where} was damaged ({damage}) and has been moved to "
                     "{moved}; a new, empty store was started (cached lists fill again; "
                     "earlier review decisions and the activity log stay in the moved "
                     "file)").format(where=file, damage=damage, moved=moved)
    log.warning("%s", fresh.notice)
    return fresh


def _migrated(url: str) -> Store | str:
    """The migrated store; the damage, in words, when the SQLite file is not a database."""
    try:
        store = Store(url)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        shown = make_url(url).render_as_string(hide_password=True)
        hint = _("; install opiq-admin[postgres] (the psycopg driver)") \
            if isinstance(exc, ImportError) and "psycopg" in str(exc) else ""
        raise StoreError(_("the store address {address} in the settings cannot be used: "
                           "{reason}").format(address=shown, reason=_one_line(exc))
                         + hint) from exc
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
            _("the store {where} cannot be opened: {reason}").format(
                where=store.where, reason=_one_line(exc.orig))) from exc
    except OSError as exc:
        store.close()
        raise StoreError(_("the store {where} cannot be opened: {reason}").format(
            where=store.where, reason=_reason(exc))) from exc
    return store


def _check_folder(folder: Path, complaint: str) -> None:
    """Make sure `folder` exists and a file can be created in it; else `complaint`
    (marked `N_`, with {folder} and {reason}) in the current language."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        reason = _("it is a file, not a folder") if folder.is_file() else _reason(exc)
        raise StoreError(_(complaint).format(folder=folder, reason=reason)) from exc


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return _("the disk is full")
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
        raise StoreError(_("the store {where} is damaged and cannot be moved aside: "
                           "{reason}").format(where=file, reason=_reason(exc))) from exc
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
        return StoreError(_("the store {where} cannot be written: the disk is full").format(
            where=store.where))
    if not isinstance(exc, DBAPIError):
        return None
    server = _server_failure(store, exc)
    if server is not None:
        return server
    kind = _kind(exc)
    where = store.where
    said = {"full": N_("the store {where} cannot be written: the disk is full"),
            "read-only": N_("the store {where} cannot be written: it or its folder is "
                            "read-only"),
            "cannot open": N_("the store {where} cannot be opened: {reason}"),
            "damaged": N_("the store {where} is damaged ({reason}); rename it, and the "
                          "program starts a new one"),
            "busy": N_("the store {where} is busy: another program holds it; try again"),
            "io": N_("the store {where} cannot be read or written: {reason}")}
    if kind not in said:
        return None
    return StoreError(_(said[kind]).format(where=where, reason=exc.orig))


def _one_line(error: object) -> str:
    """A driver's message as one line: PostgreSQL's own primary message where the server
    gave one (without the SQL it quotes), else the driver's text, its lines joined."""
    primary = getattr(getattr(error, "diag", None), "message_primary", None)
    return " ".join(str(primary or error).split())[:400]


# PostgreSQL's error classes (SQLSTATE's first two characters) an administrator can act on.
_SERVER_CLASSES = {"08": N_("the store {where} cannot be reached: {reason}"),
                   "28": N_("the store {where} refuses the sign-in: {reason}"),
                   "3D": N_("the store {where} cannot be opened: {reason}"),
                   "3F": N_("the store {where} cannot be opened: {reason}"),
                   "42501": N_("the store {where} refuses this user: {reason}"),
                   "53": N_("the store {where} is out of resources: {reason}"),
                   "57": N_("the store {where} is shutting down or refuses connections: "
                            "{reason}")}


def _server_failure(store: Store, exc: DBAPIError) -> StoreError | None:
    """A database server's refusal or absence, in one line: the server cannot be reached
    (no SQLSTATE: the connection never came about), refuses the sign-in or this user, has
    no such database."""
    if isinstance(exc.orig, sqlite3.Error):
        return None
    state = getattr(exc.orig, "sqlstate", None)
    if state is None and isinstance(exc, OperationalError):
        # The server answered the connection with a refusal (an unknown user or database,
        # a wrong password), or never answered at all.
        what = N_("the store {where} refuses the connection: {reason}") \
            if "FATAL" in str(exc.orig) else _SERVER_CLASSES["08"]
    elif state is not None and (state in _SERVER_CLASSES or state[:2] in _SERVER_CLASSES):
        what = _SERVER_CLASSES.get(state) or _SERVER_CLASSES[state[:2]]
    else:
        return None
    return StoreError(_(what).format(where=store.where, reason=_one_line(exc.orig)))


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
                       limit: int | None = 10_000, since: str = "") -> list[Activity]:
        return await self.call(self.store.activity, text=text, action=action, school=school,
                               limit=limit, since=since)

    async def put_snapshots(self, kind: str, school: str, items: dict[str, Any],
                            replace: bool = False, *, scope: str = "") -> None:
        await self.call(self.store.put_snapshots, kind, school, items, replace, scope=scope)

    async def snapshots(self, kind: str, school: str | None = None, *, scope: str = ""
                        ) -> dict[str, Any]:
        return await self.call(self.store.snapshots, kind, school, scope=scope)

    async def synced_at(self, kind: str, school: str, *, scope: str = "") -> str | None:
        return await self.call(self.store.synced_at, kind, school, scope=scope)

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
