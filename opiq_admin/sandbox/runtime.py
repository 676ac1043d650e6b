"""The running emulator: its world, its store, its sign-ins, and how a change is answered.

Every change goes through `Sandbox.mutate`, which runs the domain operation, writes what it
touched together with the call's idempotency record in one transaction, and only then
lets the answer go out.
"""

from __future__ import annotations

import datetime
import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import Response

from opiq_admin.sandbox.indexes import rebuild_index
from opiq_admin.sandbox.logic import Changes, DomainError
from opiq_admin.sandbox.model import World
from opiq_admin.sandbox.oauth import Grants
from opiq_admin.sandbox.oidc import Keys
from opiq_admin.sandbox.store import Store

Action = Callable[[], tuple[int, Any, Changes]]
WorldFactory = Callable[[int, int, int], World]
MAX_KEY = 200
IDPS = ("none", "harid")  # identity providers the emulator can serve besides Opiq and eKool


def default_world(seed: int, schools: int, students: int) -> World:
    from opiq_admin.sandbox import practice
    from opiq_admin.sandbox import (
        seed as seeding,  # imported late: generating is the first start's business
    )

    world = seeding.generate(seed=seed, schools=schools, students=students)
    practice.bring_to_today(world, datetime.datetime.now(datetime.UTC).date())
    return world


class Sandbox:
    def __init__(self, data_dir: Path, *, seed: int = 1, schools: int = 3, students: int = 360,
                 make_world: WorldFactory | None = None, idp: str | None = None) -> None:
        """`idp` ("none" or "harid") is kept in the settings; None keeps the stored one."""
        if idp is not None and idp not in IDPS:
            raise ValueError(f"idp must be one of {', '.join(IDPS)}, not {idp!r}")
        self.data_dir = data_dir
        if make_world is None:
            self._start_from_ready(seed, schools, students)
        self.store = Store(data_dir)
        if self.store.is_empty():
            world = (make_world or default_world)(seed, schools, students)
            rebuild_index(world)
            self.settings = {"seed": seed, "schools": schools, "students": students,
                             "idp": idp or "none"}
            self.store.save_world(world, self.settings)
            self.world = world
        else:
            self.world, self.settings = self.store.load_world()
            if idp is not None and self.settings.get("idp", "none") != idp:
                self.settings = {**self.settings, "idp": idp}
                self.store.commit(self.world, Changes(), extra_meta={"settings": self.settings})
        self.grants = Grants(self.store)
        if self.idp != "none":
            self.grants.federated.add(self.idp)
        self.keys = Keys(self.store)
        self.lock = threading.RLock()
        self.next_ekool_signin: str | None = None
        # How stingy list answers are, for rehearsing servers that page differently: at
        # most `page_cap` items a page whatever is asked, and no X-Total-Count when
        # `total_count` is off (the OneRoster 1.2 binding makes the header optional).
        self.page_cap: int | None = None
        self.total_count = True

    def _start_from_ready(self, seed: int, schools: int, students: int) -> None:
        """A fresh folder starts from a copy of the world made once (`sandbox.ready`)."""
        from opiq_admin.sandbox.ready import start_from_ready

        settings = {"seed": seed, "schools": schools, "students": students, "idp": "none"}

        def save(folder: Path) -> None:
            world = default_world(seed, schools, students)
            rebuild_index(world)
            store = Store(folder)
            try:
                store.save_world(world, settings)
            finally:
                store.close()

        start_from_ready(self.data_dir, settings, save)

    @property
    def idp(self) -> str:
        """The identity provider served besides Opiq and eKool: "none" or "harid"."""
        return str(self.settings.get("idp") or "none")

    def close(self) -> None:
        self.store.close()

    def sign_in(self, system: str, username: str, password: str) -> str | None:
        """The subject id for a practice sign-in form, or None when refused."""
        with self.lock:
            if system == "ekool":
                if self.next_ekool_signin is not None:
                    forced, self.next_ekool_signin = self.next_ekool_signin, None
                    return forced
                people = self.world.ekool_people.values()
            else:
                people = self.world.opiq_accounts.values()  # type: ignore[assignment]
            if not username or not password:
                return None
            for entity in people:
                if entity.username == username and entity.password == password:
                    return entity.id
        return None

    def mutate(self, request: Request, action: Action) -> Response:
        """Runs a change once per Idempotency-Key and path; stored before it is answered."""
        key = request.headers.get("idempotency-key")
        if key is not None and not 0 < len(key) <= MAX_KEY:
            raise DomainError(400, "bad_idempotency_key",
                              f"Idempotency-Key must be 1 to {MAX_KEY} characters.")
        path = request.url.path
        with self.lock:
            if key:
                prior = self.store.answer_for(key, path)
                if prior is not None:
                    status, body, media_type = prior
                    return Response(body, status_code=status, media_type=media_type or None,
                                    headers={"Idempotent-Replayed": "true"})
            status, payload, changes = action()
            body = b"" if status == 204 else json.dumps(
                payload, ensure_ascii=False).encode("utf-8")
            media_type = "" if status == 204 else "application/json"
            record = (key, path, status, body, media_type) if key else None
            self.store.commit(self.world, changes, idempotency=record)
        return Response(body, status_code=status, media_type=media_type or None)
