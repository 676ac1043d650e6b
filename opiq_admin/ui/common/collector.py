"""Python's cyclic garbage collection on the window's thread only.

A Qt object caught in a reference cycle is destroyed by whichever thread's allocations
start a collection. In a worker thread (the store's, a scan's, an emulator's run in the
same process) its C++ destructor takes Qt's lock on the object's connections and then
waits for the interpreter's lock, which the window's thread may be holding while it waits
for that same connection lock (showing a widget connects signals): both threads stop for
good.

So automatic collection is switched off and a timer on the window's thread collects as
the interpreter would, generation by generation (pyqtgraph's GarbageCollector does the
same for the same reason).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

from opiq_admin.services.gcpause import hand_collection_to_a_timer, paused

INTERVAL_MS = 100


class MainThreadCollector(QObject):
    """Collects on its own thread's timer; made on the window's thread, it keeps every
    collection there for as long as it lives (its parent, the application)."""

    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        hand_collection_to_a_timer()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def check(self) -> None:
        """Collect the oldest generation past its threshold, as the interpreter would
        have; nothing while a scan or a table build has paused collection."""
        if paused():
            return
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.threshold[generation]:
                gc.collect(generation)
                return
