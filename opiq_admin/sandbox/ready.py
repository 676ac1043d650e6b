"""Ready worlds: a fresh practice folder starts from a copy of a seeded emulator store
rather than by generating the world again.

The first time a seed and size is needed, the world is generated once into the user's
cache folder (`platformdirs.user_cache_dir`, or `OPIQ_ADMIN_CACHE_DIR`); every later fresh
folder copies that file. The cache is kept, not shipped built with the program, because
the world depends on what the user asks for (seed and sizes) and a copy is only worth
keeping for the worlds actually used. Its name holds a hash of the emulator's own sources
and the day, so a changed generator, or a world whose dates follow the calendar, is never
served stale; an unreadable or unwritable cache only means generating as before.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from opiq_admin.sandbox.store import FILE_NAME

log = logging.getLogger(__name__)


def cache_dir() -> Path:
    given = os.environ.get("OPIQ_ADMIN_CACHE_DIR")
    if given:
        return Path(given) / "worlds"
    import platformdirs

    return Path(platformdirs.user_cache_dir("opiq-admin", appauthor=False)) / "worlds"


def generator_version() -> str:
    """A hash of the emulator's sources: whatever changes how a world is made or stored."""
    digest = hashlib.sha256()
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def ready_file(seed: int, schools: int, students: int) -> Path:
    day = datetime.date.today().isoformat()
    name = f"world-{generator_version()}-{day}-seed{seed}-{schools}x{students}.sqlite3"
    return cache_dir() / name


def start_from_ready(data_dir: Path, settings: dict[str, Any],
                     save: Callable[[Path], None]) -> bool:
    """Put a ready copy of the world of `settings` (seed, schools, students) into the new
    folder `data_dir`, making it first with `save(folder)` if the cache has none. False
    when no copy could be had (the caller generates in place, as without a cache)."""
    target = data_dir / FILE_NAME
    if target.exists():
        return False
    try:
        ready = ready_file(int(settings["seed"]), int(settings["schools"]),
                           int(settings["students"]))
        if not ready.exists():
            _make(ready, save)
        data_dir.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{FILE_NAME}.{os.getpid()}.copy")
        shutil.copyfile(ready, partial)
        os.replace(partial, target)
    except OSError as exc:
        log.info("no ready world (%s); generating it here", exc)
        return False
    return True


def _make(ready: Path, save: Callable[[Path], None]) -> None:
    ready.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="world-", dir=ready.parent) as folder:
        save(Path(folder))
        made = Path(folder) / FILE_NAME
        if any(Path(folder).glob(f"{FILE_NAME}-*")):  # a journal left: not a whole file
            raise OSError(f"{made}: the store did not close cleanly")
        # Another run may have made the same world meanwhile; either copy is the same.
        with contextlib.suppress(FileExistsError):
            os.replace(made, ready)
    # Worlds of another day or another version of the emulator are never used again.
    current = ready.name.split("-seed")[0]
    for old in ready.parent.glob("world-*.sqlite3"):
        if not old.name.startswith(current + "-seed"):
            with contextlib.suppress(OSError):
                old.unlink()
