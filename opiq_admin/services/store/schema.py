"""The local store's tables, as SQLAlchemy 2 declarative models.

Alembic migrations (./migrations) create and change them; `Base.metadata` is what they are
checked against in the tests, so the two cannot drift apart silently.
"""

from __future__ import annotations

from sqlalchemy import Float, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class ActivityEntry(Base):
    """Append-only: the database refuses UPDATE and DELETE on it (a trigger)."""

    __tablename__ = "activity_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[str] = mapped_column(String(32), index=True)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(100), index=True)
    school: Mapped[str] = mapped_column(String(50), default="")
    target: Mapped[str] = mapped_column(String(200), default="")
    result: Mapped[str] = mapped_column(String(20))
    detail: Mapped[str] = mapped_column(Text, default="")


class RosterSnapshot(Base):
    """The last synced copy of one remote object (a journal, an account …) as JSON."""

    __tablename__ = "roster_snapshot"
    kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    school: Mapped[str] = mapped_column(String(50), primary_key=True)
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    json: Mapped[str] = mapped_column(Text)
    fetched_at: Mapped[str] = mapped_column(String(32))


class SyncState(Base):
    __tablename__ = "sync_state"
    kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    school: Mapped[str] = mapped_column(String(50), primary_key=True)
    synced_at: Mapped[str] = mapped_column(String(32))


class ReviewDecision(Base):
    """A person's verdict on a proposed or ambiguous pair; survives restarts."""

    __tablename__ = "review_decision"
    old: Mapped[str] = mapped_column(String(100), primary_key=True)
    new: Mapped[str] = mapped_column(String(100), primary_key=True)
    school: Mapped[str] = mapped_column(String(50), default="")
    kind: Mapped[str] = mapped_column(String(20), default="student")
    score: Mapped[float] = mapped_column(Float, default=0.0)
    decision: Mapped[str] = mapped_column(String(20))  # approved | rejected | pending
    note: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str] = mapped_column(String(200), default="")
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
    lease_owner: Mapped[str | None] = mapped_column(String(200), nullable=True)
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
    school_id: Mapped[str] = mapped_column(String(100), default="")
    account_id: Mapped[str] = mapped_column(String(100), default="")  # the account changed
