"""Cyclic garbage is collected on the window's thread, never in a worker thread.

A Qt object destroyed by a collection a worker thread started can stop the program for
good (`ui/common/collector.py`); the practice emulator, the store and the scans all run
Python code in threads of their own.
"""

from __future__ import annotations

import gc
import subprocess
import sys
import threading
import weakref
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from opiq_admin.services.gcpause import collect_young, quiet_gc
from opiq_admin.ui.common.app_parts import one_per_application
from opiq_admin.ui.common.collector import MainThreadCollector


class Cyclic(QObject):
    """A Qt object that refers to itself, so only a cyclic collection frees it."""

    def __init__(self, died_in: list[str]) -> None:
        super().__init__()
        self.itself = self
        self.died_in = died_in

    def __del__(self) -> None:
        self.died_in.append(threading.current_thread().name)


def churn() -> None:
    """What a worker thread does: allocate enough to start a collection, end a paused
    stretch (a scan) of its own, read a file in chunks."""
    junk = [[] for _ in range(20_000)]
    with quiet_gc():
        junk += [[] for _ in range(20_000)]
    junk += [[] for _ in range(20_000)]
    collect_young()


def test_garbage_of_the_window_thread_dies_there_whatever_a_worker_does(
        qapp: QApplication, qtbot: Any) -> None:
    assert one_per_application(qapp, MainThreadCollector) is qapp.findChild(MainThreadCollector)
    died_in: list[str] = []
    made = Cyclic(died_in)
    alive = weakref.ref(made)
    del made
    worker = threading.Thread(target=churn, name="worker")
    worker.start()
    worker.join()
    assert died_in == [] and alive() is not None
    assert not gc.isenabled()  # the worker's paused stretch did not switch it back on
    # The window's thread goes on making objects, as a program does: past the youngest
    # generation's threshold, the timer collects.
    kept = [[] for _ in range(gc.get_threshold()[0] * 2)]
    qtbot.waitUntil(lambda: alive() is None, timeout=10_000)
    assert kept
    assert died_in == [threading.main_thread().name]


def test_a_paused_stretch_begun_before_the_timer_took_over_leaves_collection_off() -> None:
    # In a process of its own: the hand-over lasts as long as the process.
    code = ("import gc\n"
            "from opiq_admin.services import gcpause\n"
            "with gcpause.quiet_gc():\n"
            "    gcpause.hand_collection_to_a_timer()\n"
            "print(gc.isenabled())\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=60)
    assert done.stdout.strip() == "False"
