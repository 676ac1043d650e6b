"""The emulator's state on disk: one SQLite file, written before every answer.

The `World` in memory is the source of truth while the server runs; SQLite holds a copy
that is exactly as fresh as the last answer sent. Entities are stored as JSON rows keyed by
(kind, id) so that a change writes only the rows an operation touched, and the
idempotency record of that call goes into the same transaction: a client that repeats a
call after a crash gets the first answer, never a second execution.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import threading
from pathlib import Path
from typing import Any

from opiq_admin.sandbox.indexes import rebuild_index
from opiq_admin.sandbox.logic import Changes
from opiq_admin.sandbox.model import (
    DuplicatePair,
    EkoolJournal,
    EkoolPerson,
    EkoolSchool,
    OpiqAccount,
    OpiqJournal,
    OpiqSchool,
    World,
)

FILE_NAME = "emulator.sqlite3"

# Changes attribute → (World attribute, entity class)
KINDS: dict[str, tuple[str, type]] = {
    "accounts": ("opiq_accounts", OpiqAccount),
    "journals": ("opiq_journals", OpiqJournal),
    "schools": ("opiq_schools", OpiqSchool),
    "ekool_journals": ("ekool_journals", EkoolJournal),
    "ekool_people": ("ekool_people", EkoolPerson),
    "ekool_schools": ("ekool_schools", EkoolSchool),
}
_META_FIELDS = ("seed", "clock", "old_account_of", "admin_opiq_id", "admin_ekool_id",
                "other_ekool_id")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS entity (
    kind TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL, body TEXT NOT NULL,
    PRIMARY KEY (kind, id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS idempotency (
    key TEXT NOT NULL, path TEXT NOT NULL, status INTEGER NOT NULL, body BLOB NOT NULL,
    media_type TEXT NOT NULL, PRIMARY KEY (key, path));
CREATE TABLE IF NOT EXISTS oauth (handle TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS signing_key (
    issuer TEXT PRIMARY KEY, kid TEXT NOT NULL, pem TEXT NOT NULL);
"""


def _id_order(entity_id: str) -> tuple[str, int, str]:
    """"opq-usr-9" before "opq-usr-10": the ids' own order, as the world was made."""
    prefix, _, number = entity_id.rpartition("-")
    return (prefix, int(number), "") if number.isdigit() else (entity_id, -1, entity_id)


def _encode(entity: Any) -> str:
    # vars() rather than asdict(): attributes set beyond the dataclass fields survive too.
    return json.dumps(vars(entity), ensure_ascii=False, separators=(",", ":"))


def _decode(cls: type, text: str) -> Any:
    data = json.loads(text)
    names = {f.name for f in dataclasses.fields(cls)}
    entity = cls(**{k: v for k, v in data.items() if k in names})
    for key, value in data.items():
        if key not in names:
            setattr(entity, key, value)
    return entity


class Store:
    """One SQLite connection, shared by the server's threads under a lock."""

    def __init__(self, data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        self.path = data_dir / FILE_NAME
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        self._seq = self._db.execute("SELECT COALESCE(MAX(seq), 0) FROM entity").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def is_empty(self) -> bool:
        return self._db.execute("SELECT 1 FROM meta LIMIT 1").fetchone() is None

    # --- world ---------------------------------------------------------------------

    def save_world(self, world: World, settings: dict[str, Any]) -> None:
        """Writes a whole world (the first start); `settings` are the sizes it was made with."""
        everything = Changes(world_meta=True)
        for name, (attr, _cls) in KINDS.items():
            getattr(everything, name).update(getattr(world, attr))
        self.commit(world, everything, extra_meta={"settings": settings})

    def load_world(self) -> tuple[World, dict[str, Any]]:
        meta = {k: json.loads(v) for k, v in self._db.execute("SELECT key, body FROM meta")}
        world = World(**{k: meta[k] for k in _META_FIELDS if k in meta})
        world.duplicates = [DuplicatePair(**d) for d in meta.get("duplicates", [])]
        by_kind = {cls.__name__: (attr, cls) for attr, cls in KINDS.values()}
        rows = self._db.execute("SELECT kind, id, body FROM entity ORDER BY kind, seq")
        for kind, entity_id, body in rows:
            attr, cls = by_kind[kind]
            getattr(world, attr)[entity_id] = _decode(cls, body)
        rebuild_index(world)
        return world, meta.get("settings", {})

    def commit(self, world: World, changes: Changes, *,
               idempotency: tuple[str, str, int, bytes, str] | None = None,
               extra_meta: dict[str, Any] | None = None) -> None:
        """Writes the touched entities (deleting the ones gone) and the call's record."""
        with self._lock:
            db = self._db
            db.execute("BEGIN")
            try:
                for name, (attr, cls) in KINDS.items():
                    table = getattr(world, attr)
                    # Changes are sets, whose order differs from run to run; new entities
                    # are written in id order so that a reloaded world lists them in the
                    # same order every time.
                    for entity_id in sorted(getattr(changes, name), key=_id_order):
                        self._write(cls.__name__, entity_id, table.get(entity_id))
                if changes.world_meta:
                    self._write_meta(world)
                for key, value in (extra_meta or {}).items():
                    db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                               (key, json.dumps(value, ensure_ascii=False)))
                if idempotency is not None:
                    db.execute("INSERT OR REPLACE INTO idempotency VALUES (?, ?, ?, ?, ?)",
                               idempotency)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    def _write(self, kind: str, entity_id: str, entity: Any) -> None:
        if entity is None:
            self._db.execute("DELETE FROM entity WHERE kind = ? AND id = ?", (kind, entity_id))
            return
        row = self._db.execute("SELECT seq FROM entity WHERE kind = ? AND id = ?",
                               (kind, entity_id)).fetchone()
        if row is None:
            self._seq += 1
            seq = self._seq
        else:
            seq = row[0]
        self._db.execute("INSERT OR REPLACE INTO entity VALUES (?, ?, ?, ?)",
                         (kind, entity_id, seq, _encode(entity)))

    def _write_meta(self, world: World) -> None:
        values = {k: getattr(world, k) for k in _META_FIELDS}
        values["duplicates"] = [dataclasses.asdict(d) for d in world.duplicates]
        self._db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                             [(k, json.dumps(v, ensure_ascii=False)) for k, v in values.items()])

    # --- idempotency and OAuth -----------------------------------------------------

    def answer_for(self, key: str, path: str) -> tuple[int, bytes, str] | None:
        with self._lock:
            row = self._db.execute(
                "SELECT status, body, media_type FROM idempotency WHERE key = ? AND path = ?",
                (key, path)).fetchone()
        return (row[0], bytes(row[1]), row[2]) if row else None

    def oauth_put(self, records: dict[str, dict[str, Any] | None]) -> None:
        """Writes OAuth grants by handle (a hash of the token); None deletes one."""
        with self._lock:
            db = self._db
            db.execute("BEGIN")
            try:
                for handle, record in records.items():
                    if record is None:
                        db.execute("DELETE FROM oauth WHERE handle = ?", (handle,))
                    else:
                        db.execute("INSERT OR REPLACE INTO oauth VALUES (?, ?)",
                                   (handle, json.dumps(record)))
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    def oauth_all(self) -> dict[str, dict[str, Any]]:
        with self._lock:
            rows = self._db.execute("SELECT handle, body FROM oauth").fetchall()
        return {handle: json.loads(body) for handle, body in rows}

    def signing_key(self, issuer: str) -> tuple[str, str] | None:
        """The (kid, PKCS#8 PEM) of the key that signs an issuer's ID tokens, if made yet."""
        with self._lock:
            row = self._db.execute("SELECT kid, pem FROM signing_key WHERE issuer = ?",
                                   (issuer,)).fetchone()
        return (row[0], row[1]) if row else None

    def add_signing_key(self, issuer: str, kid: str, pem: str) -> tuple[str, str]:
        """Keeps a new key unless the issuer has one already; answers the one kept."""
        with self._lock:
            self._db.execute("INSERT OR IGNORE INTO signing_key VALUES (?, ?, ?)",
                             (issuer, kid, pem))
            row = self._db.execute("SELECT kid, pem FROM signing_key WHERE issuer = ?",
                                   (issuer,)).fetchone()
        return row[0], row[1]
