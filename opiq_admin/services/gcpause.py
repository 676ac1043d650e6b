"""Pauses of the cyclic garbage collector, and where a collection may run.

Hundreds of thousands of records, table keys or comparison rows trigger collection after
collection that walks every object made so far and finds nothing to free (none of them is
in a reference cycle), so building them pauses the collector. Kept in a module of its own,
with nothing but the standard library's lightest modules, so that the window can use it
before anything heavy is loaded.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0  # blocks inside quiet_gc, in any thread
_was_enabled = False
_timer_owned = False  # a collector on the window's thread's timer does all collecting


@contextmanager
def quiet_gc() -> Iterator[None]:
    """No cyclic collection inside the block; the collector as it was once the last block
    of any thread ends (a scan in a worker and the window's table may overlap)."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled and not _timer_owned:
                gc.enable()


def hand_collection_to_a_timer() -> None:
    """Switch automatic collection off for good: a timer on one thread collects instead
    (`ui/common/collector.py`), and no `quiet_gc` block switches it back on."""
    global _timer_owned
    with _lock:
        _timer_owned = True
        gc.disable()


def paused() -> bool:
    """Whether some thread is inside `quiet_gc` (a collector on a timer then waits too)."""
    return _depth > 0


def collect_young() -> None:
    """Collect the youngest generation, on the main thread only: with the window open,
    collection belongs to its thread (`ui/common/collector.py`)."""
    if threading.current_thread() is threading.main_thread():
        gc.collect(0)
