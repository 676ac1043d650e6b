"""One practice emulator per practice folder, shared by every run of the program on it.

The first run on a folder starts the emulator as a process of its own
(`opiq-admin sandbox --data DIR/emulator --shared TOKEN`), which writes where it listens to
`DIR/emulator/server.json`; later runs, the window and the command line alike, read that
file and use the same server, so they all see one world. Each run holds a lease while it
uses the server: a lock file under `leases/` that it keeps locked (`filelock`, which works
the same on Windows, macOS and Linux). The operating system lets go of a lock when its
holder ends, however it ends, so the server can tell the runs still using it by trying
each lock; when none has held one for `linger` seconds, it removes `server.json` and exits.
The last one out stops it, and a run that crashed does not keep it alive.

Starting and stopping happen under `server.lock`, so two runs starting at once start one
server, and a run never reads the address of a server that is on its way out. A
`server.json` left by a server that died is known by its process: the file names the
process id and that process's start time, which a later process with the same id cannot
have. Nothing here sends a signal: it works where POSIX signals do not.

This module imports no web framework: a run that only uses the emulator never loads one.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import filelock
import psutil

SERVER_FILE = "server.json"
LOCK_FILE = "server.lock"
LEASES = "leases"
LOG_FILE = "emulator.log"
# How long a server nobody uses waits for the next run before it exits: a command right
# after another finds it running. `OPIQ_ADMIN_EMULATOR_LINGER` overrides it.
LINGER_SECONDS = 10.0
START_TIMEOUT = 60.0
POLL_SECONDS = 0.2
START_TIME_SLACK = 2.0
# A lease file younger than this is counted as held without being probed: its run may be
# between creating it and locking it.
LEASE_GRACE = 2.0


class EmulatorStartError(OSError):
    """The folder's emulator could not be started; the message says why and where. An
    OSError, so the command line says it in one line and exits 1."""


def default_linger() -> float:
    text = os.environ.get("OPIQ_ADMIN_EMULATOR_LINGER", "")
    try:
        return max(0.0, float(text)) if text else LINGER_SECONDS
    except ValueError:
        return LINGER_SECONDS


def _lock(path: Path, timeout: float) -> filelock.BaseFileLock:
    return filelock.FileLock(str(path), timeout=timeout, thread_local=False)


def _write_json(path: Path, document: dict[str, Any]) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(document, indent=2), encoding="utf-8")
    os.replace(temporary, path)


def _process_started(pid: int) -> float | None:
    try:
        return psutil.Process(pid).create_time()
    except (psutil.Error, OSError, ValueError):
        return None


def read_server(directory: Path) -> dict[str, Any] | None:
    """The server named by `directory/server.json` if its process still runs, else None
    (no file, a damaged one, or one left by a server that died)."""
    try:
        info = json.loads((directory / SERVER_FILE).read_text(encoding="utf-8"))
        pid, started, url = int(info["pid"]), float(info["created"]), str(info["url"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    running = _process_started(pid)
    # Start times are read anew by each process; on Linux they rest on the boot time the
    # kernel reports, which a clock adjustment can move by a second. A reused process id
    # cannot come back that soon.
    if running is None or abs(running - started) > START_TIME_SLACK or not url:
        return None
    return dict(info)


@dataclass
class SharedEmulator:
    """A run's hold on its practice folder's emulator: the address, while the lease is held.

    `stop()` gives the lease back (the server itself stops once no run holds one)."""

    directory: Path
    url: str
    pid: int
    token: str
    started_here: bool = False  # this run started the server, rather than finding it
    _lease: filelock.BaseFileLock | None = field(default=None, repr=False)

    def stop(self) -> None:
        lease, self._lease = self._lease, None
        if lease is not None:
            lease.release(force=True)
            with contextlib.suppress(OSError):
                Path(lease.lock_file).unlink()


def sandbox_options(behaviour: dict[str, Any] | None) -> list[str]:
    """The `practice_server` setting (how slow or stingy the emulator is, to rehearse) as
    `opiq-admin sandbox` flags."""
    behaviour = behaviour or {}
    options = []
    if behaviour.get("roster_page_cap") is not None:
        options += ["--roster-page-cap", str(behaviour["roster_page_cap"])]
    if not behaviour.get("total_count_header", True):
        options.append("--no-total-count")
    if behaviour.get("latency_ms"):
        options += ["--latency-ms", str(behaviour["latency_ms"])]
    if behaviour.get("error_rate"):
        options += ["--error-rate", str(float(behaviour["error_rate"]))]
    return options


def attach(directory: Path, options: Sequence[str] = (), *, linger: float | None = None,
           timeout: float = START_TIMEOUT) -> SharedEmulator:
    """The emulator of `directory` (a practice folder's `emulator`), started if none runs.

    `options` are `opiq-admin sandbox` flags for a server started now (how slow or stingy
    it is); a running server is used as it is. Blocks until the server answers, so call it
    off the event loop."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / LEASES).mkdir(exist_ok=True)
    lease = filelock.FileLock(str(directory / LEASES / f"{secrets.token_hex(8)}.lock"),
                              timeout=0, thread_local=False)
    try:
        with _lock(directory / LOCK_FILE, timeout):
            info = read_server(directory)
            started_here = info is None
            # The lease is taken before the server can look for one, so a new server never
            # sees no run, and a running one cannot decide to stop in between. Only the
            # server's probe can hold this new lock, and only for a moment.
            lease.acquire(timeout=5)
            if info is None:
                info = _spawn(directory, options, default_linger() if linger is None else linger,
                              timeout)
    except filelock.Timeout as exc:
        lease.release(force=True)
        raise EmulatorStartError(f"{directory / LOCK_FILE}: another run of the program has "
                                 f"held it for {timeout:.0f} s") from exc
    except BaseException:
        lease.release(force=True)
        raise
    return SharedEmulator(directory=directory, url=info["url"], pid=int(info["pid"]),
                          token=info["token"], started_here=started_here, _lease=lease)


def _this_program() -> list[str]:
    """This program as a command. A frozen bundle's executable is the program itself (both of
    its executables take the same commands) and has no `-m`; elsewhere, this interpreter."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "opiq_admin"]


def _spawn(directory: Path, options: Sequence[str], linger: float,
           timeout: float) -> dict[str, Any]:
    """Start the server as its own process and wait until it says where it listens."""
    with contextlib.suppress(OSError):
        (directory / SERVER_FILE).unlink()  # a dead server's
    token = secrets.token_hex(16)
    command = [*_this_program(), "sandbox", "--data", str(directory),
               "--port", "0", "--shared", token, "--linger", str(linger), *options]
    flags: dict[str, Any] = {}
    if sys.platform == "win32":
        # No console window, and Ctrl+C in the console that started the run is not its own.
        flags["creationflags"] = (subprocess.CREATE_NEW_PROCESS_GROUP
                                  | subprocess.CREATE_NO_WINDOW)
    else:
        flags["start_new_session"] = True  # outlives the terminal's Ctrl+C of this run
    log = directory / LOG_FILE
    with open(log, "ab") as errors:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL,  # noqa: S603
                                   stdout=subprocess.DEVNULL, stderr=errors, **flags)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        info = read_server(directory)
        if info is not None and info.get("token") == token:
            return info
        if process.poll() is not None:
            raise EmulatorStartError(f"the practice emulator did not start (see {log}): "
                                     f"{_last_line(log)}")
        time.sleep(0.02)
    process.kill()
    raise EmulatorStartError(f"the practice emulator did not start within {timeout:.0f} s "
                             f"(see {log})")


def _last_line(path: Path) -> str:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    except OSError:
        return "no output"
    return lines[-1] if lines else "no output"


# -- the server's side -------------------------------------------------------------------

def leases_held(directory: Path) -> int:
    """How many runs hold a lease now; the leases of runs that ended are cleared away."""
    held = 0
    now = time.time()
    for path in (directory / LEASES).glob("*.lock"):
        try:
            if now - path.stat().st_mtime < LEASE_GRACE:  # being taken: count it as held
                held += 1
                continue
        except OSError:
            continue
        probe = filelock.FileLock(str(path), timeout=0, thread_local=False)
        try:
            probe.acquire()
        except filelock.Timeout:
            held += 1
            continue
        except OSError:
            continue
        probe.release(force=True)
        with contextlib.suppress(OSError):
            path.unlink()
    return held


def announce(directory: Path, url: str, token: str) -> None:
    """Say where this server listens, for the runs that share it."""
    me = psutil.Process()
    _write_json(directory / SERVER_FILE, {"url": url, "pid": me.pid,
                                          "created": me.create_time(), "token": token})


def serve_until_unused(directory: Path, token: str, linger: float, stop: Callable[[], None],
                       should_exit: Callable[[], bool]) -> None:
    """Wait while some run holds a lease (or less than `linger` seconds since the last
    one let go), then take the folder's lock, remove `server.json` and call `stop`, so no
    run can find this server after it decided to go. `should_exit` ends it sooner."""
    last_used = time.monotonic()
    while not should_exit():
        time.sleep(POLL_SECONDS)
        if leases_held(directory):
            last_used = time.monotonic()
            continue
        if time.monotonic() - last_used < linger:
            continue
        try:
            with _lock(directory / LOCK_FILE, timeout=0):
                if leases_held(directory):  # a run came while the lock was being taken
                    continue
                _forget(directory, token)
                stop()
                return
        except filelock.Timeout:
            continue  # a run is attaching: it will hold a lease in a moment
    with _lock(directory / LOCK_FILE, timeout=START_TIMEOUT):
        _forget(directory, token)
        stop()


def _forget(directory: Path, token: str) -> None:
    """Remove `server.json` if it is still this server's."""
    path = directory / SERVER_FILE
    try:
        if json.loads(path.read_text(encoding="utf-8")).get("token") == token:
            path.unlink()
    except (OSError, ValueError, AttributeError):
        pass
