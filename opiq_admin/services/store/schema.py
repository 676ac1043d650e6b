"""The local store's tables, as SQLAlchemy 2 declarative models.

Alembic migrations (./migrations) create and change them; `Base.metadata` is what they are
checked against in the tests, so the two cannot drift apart silently. Names, ids, paths and
details are `Text`: a school's official name or a folder's path has no length a column may
cut it at.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Float, Index, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class ActivityEntry(Base):
    """Append-only: the database refuses UPDATE, DELETE and (PostgreSQL) TRUNCATE on it."""

    __tablename__ = "activity_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[str] = mapped_column(String(32), index=True)
    actor: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(100), index=True)
    school: Mapped[str] = mapped_column(Text, default="")
    target: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str] = mapped_column(String(20))
    detail: Mapped[str] = mapped_column(Text, default="")


class RosterSnapshot(Base):
    """The last synced copy of one remote object (a journal, an account …) as JSON.

    `scope` is whose view it is: the server profile and the person signed in (eKool shows
    each person only their own schools), so one person's sync never stands in for another's.
    """

    __tablename__ = "roster_snapshot"
    scope: Mapped[str] = mapped_column(Text, primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    school: Mapped[str] = mapped_column(Text, primary_key=True)
    key: Mapped[str] = mapped_column(Text, primary_key=True)
    json: Mapped[str] = mapped_column(Text)
    fetched_at: Mapped[str] = mapped_column(String(32))


class SyncState(Base):
    __tablename__ = "sync_state"
    scope: Mapped[str] = mapped_column(Text, primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    school: Mapped[str] = mapped_column(Text, primary_key=True)
    synced_at: Mapped[str] = mapped_column(String(32))


class ReviewDecision(Base):
    """A person's verdict on a proposed or ambiguous pair; survives restarts."""

    __tablename__ = "review_decision"
    old: Mapped[str] = mapped_column(Text, primary_key=True)
    new: Mapped[str] = mapped_column(Text, primary_key=True)
    school: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(20), default="student")
    score: Mapped[float] = mapped_column(Float, default=0.0)
    decision: Mapped[str] = mapped_column(String(20))  # approved | rejected | pending
    note: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[str] = mapped_column(String(32))
    # The two accounts' identity as the person saw it (JSON); the remedy compares it with
    # the accounts as they are when it runs, and skips a pair whose accounts changed.
    reviewed: Mapped[str] = mapped_column(Text, default="")


class RemediationPlan(Base):
    __tablename__ = "remediation_plan"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[str] = mapped_column(String(32))
    # running | unfinished | done | given_up
    status: Mapped[str] = mapped_column(String(20))
    json: Mapped[str] = mapped_column(Text)
    # One runner at a time: who holds the plan, and until when (seconds since the epoch);
    # the runner extends it while it works, so a killed runner's lease runs out.
    lease_owner: Mapped[str | None] = mapped_column(Text, nullable=True)
    lease_until: Mapped[float] = mapped_column(Float, default=0.0)


class RemediationStep(Base):
    """The write-ahead log of a run: recorded before a step is sent and after it answers."""

    __tablename__ = "remediation_step"
    __table_args__ = (UniqueConstraint("plan_id", "idempotency_key"),
                      Index("ix_remediation_step_removals", "step", "status", "answered_at"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    plan_id: Mapped[str] = mapped_column(String(64), index=True)
    pair_index: Mapped[int] = mapped_column(Integer)
    step: Mapped[str] = mapped_column(String(30))
    idempotency_key: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(20))  # sending | done | failed
    sent_at: Mapped[str] = mapped_column(String(32), default="")
    answered_at: Mapped[str] = mapped_column(String(32), default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    school_id: Mapped[str] = mapped_column(Text, default="")
    account_id: Mapped[str] = mapped_column(Text, default="")  # the account changed


def insert_for(session: Session, model: type[Base]) -> Any:
    """The dialect's INSERT into `model`'s table (PostgreSQL's or SQLite's, both with
    ON CONFLICT). Whether a row was written is `wrote()`: psycopg gives no rowcount for an
    INSERT … ON CONFLICT."""
    dialect = session.get_bind().dialect.name
    table = cast(Table, model.__table__)
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table)
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(table)
    raise NotImplementedError(f"no INSERT … ON CONFLICT for {dialect} databases")


def wrote(session: Session, statement: Any) -> bool:
    """Run an INSERT … ON CONFLICT DO NOTHING (or DO UPDATE … WHERE); whether it inserted
    or updated a row: one comes back from its RETURNING exactly then."""
    key = next(iter(statement.table.primary_key.columns))
    return session.execute(statement.returning(key)).first() is not None


def upsert(session: Session, model: type[Base], rows: Sequence[dict[str, Any]],
           keys: Sequence[str], update: Sequence[str] | None = None) -> None:
    """Insert `rows`, or update the `update` columns (all but `keys`) of those already
    there, in one statement per batch: two writers at once never meet a unique-key error,
    as a read-then-write (`Session.merge`) does."""
    if not rows:
        return
    if session.get_bind().dialect.name not in ("postgresql", "sqlite"):
        for row in rows:  # a database without ON CONFLICT: one writer at a time, please
            session.merge(model(**row))
        return
    statement = insert_for(session, model)
    columns = update if update is not None else [c for c in rows[0] if c not in keys]
    statement = statement.on_conflict_do_update(
        index_elements=list(keys), set_={c: statement.excluded[c] for c in columns})
    session.execute(statement, list(rows))
