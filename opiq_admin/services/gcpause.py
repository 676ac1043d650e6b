"""A pause of the cyclic garbage collector, for building many small objects at once.

Hundreds of thousands of records, table keys or comparison rows trigger collection after
collection that walks every object made so far and finds nothing to free (none of them is
in a reference cycle). Kept in a module of its own, without imports, so that the window can
use it before anything heavy is loaded.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def quiet_gc() -> Iterator[None]:
    """No cyclic collection inside the block; the collector as it was after it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
