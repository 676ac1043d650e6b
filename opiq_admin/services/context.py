"""What a service needs from the program around it, said as small Protocols.

A service takes the smallest of these that serves it. The composition root's `AppContext`
(`opiq_admin/app.py`) satisfies every one of them structurally, and the type checker checks
that where it is handed in; nothing here imports it, so a service never depends on how the
program is put together, and a test may hand in anything that has the same parts.

    OpiqSide ─┬─ BothSides ─┬─ BothStored   (+ Stored)
              │             └─ BothRecorder (+ Recorder)
              ├─ OpiqStored   (+ Stored)
              └─ OpiqRecorder (+ Recorder) ── OpiqWorker (+ Configured)
    Stored ── Recorder
    Configured ── ConfiguredBothSides (+ BothSides)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from opiq_admin.services.clients.ekool import EkoolClient
    from opiq_admin.services.clients.opiq import OpiqClient
    from opiq_admin.services.config.settings import Settings
    from opiq_admin.services.signin.connections import Connection
    from opiq_admin.services.store import AsyncStore


class OpiqSide(Protocol):
    """The Opiq sign-in: its client, the signed-in user and the schools they act for."""

    @property
    def opiq(self) -> Connection[OpiqClient]: ...


class BothSides(OpiqSide, Protocol):
    """The Opiq and the eKool sign-ins."""

    @property
    def ekool(self) -> Connection[EkoolClient]: ...


class Stored(Protocol):
    """The local store (snapshots, decisions, the write-ahead log of a remedy)."""

    @property
    def store(self) -> AsyncStore: ...


class Recorder(Stored, Protocol):
    """The store, and who is acting: what a change writes to the activity log."""

    def actor(self) -> str: ...

    async def log(self, action: str, result: str, **kwargs: str) -> None: ...


class Configured(Protocol):
    """The settings (language, concurrency)."""

    @property
    def settings(self) -> Settings: ...


class OpiqStored(OpiqSide, Stored, Protocol):
    """Reads Opiq and keeps what it read (or decided) in the store."""


class BothStored(BothSides, Stored, Protocol):
    """Reads both systems and keeps what it read in the store."""


class OpiqRecorder(OpiqSide, Recorder, Protocol):
    """Changes (or decides about) Opiq accounts and journals, and logs each change."""


class BothRecorder(BothSides, Recorder, Protocol):
    """Changes Opiq on the strength of the eKool sign-in, and logs each change."""


class OpiqWorker(OpiqRecorder, Configured, Protocol):
    """Changes many things in Opiq at once, as many at a time as the settings allow."""


class ConfiguredBothSides(BothSides, Configured, Protocol):
    """Both sign-ins, and the settings' language for what it says."""
