"""One practice emulator per practice folder, shared by every run of the program on it:
the first run starts it, later ones use it, the last one out stops it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import httpx
import psutil
import pytest

from opiq_admin.sandbox.shared import SERVER_FILE, attach, read_server

LINGER = 0.3


def stopped(pid: int, timeout: float = 20) -> bool:
    try:
        psutil.Process(pid).wait(timeout=timeout)
    except psutil.NoSuchProcess:
        return True
    except psutil.TimeoutExpired:
        return False
    return True


def servers_of(directory: Path) -> list[int]:
    """The emulator processes serving `directory`, wherever they were started from."""
    pids = []
    for process in psutil.process_iter(["cmdline"]):
        command = process.info["cmdline"] or []
        if "--shared" in command and str(directory) in command:
            pids.append(process.pid)
    return pids


def test_a_second_run_uses_the_first_ones_server_and_the_last_one_out_stops_it(
        tmp_path: Path) -> None:
    directory = tmp_path / "emulator"
    first = attach(directory, linger=LINGER)
    second = attach(directory, linger=LINGER)
    try:
        assert first.started_here and not second.started_here
        assert (second.url, second.pid) == (first.url, first.pid)
        assert servers_of(directory) == [first.pid]
        answer = httpx.get(f"{first.url}/practice/info", timeout=10)
        assert answer.status_code == 200
        first.stop()
        assert not stopped(first.pid, timeout=LINGER * 5)  # the second run still uses it
        assert read_server(directory) is not None
    finally:
        first.stop()
        second.stop()
    assert stopped(first.pid)
    assert not (directory / SERVER_FILE).exists()
    # The next run starts a new one over the same world.
    third = attach(directory, linger=LINGER)
    try:
        assert third.started_here and third.pid != first.pid
    finally:
        third.stop()
    assert stopped(third.pid)


def test_a_server_file_left_by_a_dead_server_is_not_used(tmp_path: Path) -> None:
    directory = tmp_path / "emulator"
    directory.mkdir()
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    (directory / SERVER_FILE).write_text(json.dumps(
        {"url": "http://127.0.0.1:9", "pid": gone.pid, "created": 0.0, "token": "old"}),
        encoding="utf-8")
    # This test's own process is alive, but did not start at the time the file says.
    me = psutil.Process()
    assert read_server(directory) is None
    (directory / SERVER_FILE).write_text(json.dumps(
        {"url": "http://127.0.0.1:9", "pid": me.pid, "created": me.create_time() - 5,
         "token": "old"}), encoding="utf-8")
    assert read_server(directory) is None
    emulator = attach(directory, linger=LINGER)
    try:
        assert emulator.started_here and emulator.url != "http://127.0.0.1:9"
        assert read_server(directory)["token"] == emulator.token  # type: ignore[index]
    finally:
        emulator.stop()
    assert stopped(emulator.pid)


def test_a_run_that_dies_without_letting_go_does_not_keep_the_server(tmp_path: Path) -> None:
    directory = tmp_path / "emulator"
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from pathlib import Path
            from opiq_admin.sandbox.shared import attach
            emulator = attach(Path({str(directory)!r}), linger={LINGER})
            print(emulator.pid, flush=True)
            time.sleep(600)
        """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None
        pid = int(holder.stdout.readline())
        assert not stopped(pid, timeout=LINGER * 5)
    finally:
        holder.kill()  # no chance to give the lease back
        holder.wait()
        holder.stdout.close()  # type: ignore[union-attr]
    assert stopped(pid)


def test_two_status_commands_at_once_both_succeed_and_see_one_server(tmp_path: Path) -> None:
    env = {**os.environ, "OPIQ_ADMIN_EMULATOR_LINGER": str(LINGER)}
    command = [sys.executable, "-m", "opiq_admin", "--practice", str(tmp_path), "status",
               "--json"]
    # The program's own store is made first: two first starts of one store at once are
    # the store's business (migrations under a lock), not the emulator's.
    subprocess.run(command, env=env, capture_output=True, check=True, timeout=120)
    for pid in servers_of(tmp_path / "emulator"):
        assert stopped(pid)
    # Started together, one may still be starting when the other is done: a few seconds'
    # linger keeps "at once" true on a busy machine.
    env["OPIQ_ADMIN_EMULATOR_LINGER"] = "3"
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env=env, text=True) for _ in range(2)]
    outputs = []
    for run in runs:
        out, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
        outputs.append(json.loads(out))
    for output in outputs:  # the same sign-ins, to the same server; only the expiry differs
        for side in output.values():
            side.pop("expires_at", None)
    assert outputs[0] == outputs[1]
    assert outputs[0]["opiq"]["signed_in"] and outputs[0]["ekool"]["signed_in"]
    assert outputs[0]["opiq"]["server"].startswith("http://127.0.0.1:")
    log = (tmp_path / "emulator" / "emulator.log").read_text(encoding="utf-8")
    assert log.count("serving") == 2, log  # the first command's, then one for both
    for pid in servers_of(tmp_path / "emulator"):
        assert stopped(pid)
    assert servers_of(tmp_path / "emulator") == []


def test_a_server_that_cannot_start_is_said_in_one_line(tmp_path: Path) -> None:
    from opiq_admin.sandbox.shared import EmulatorStartError

    with pytest.raises(EmulatorStartError, match=r"emulator\.log.*must not be negative"):
        attach(tmp_path / "emulator", ["--latency-ms", "-1"], linger=LINGER)
    assert not (tmp_path / "emulator" / SERVER_FILE).exists()


def test_a_fresh_practice_folder_starts_from_a_ready_world(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    from opiq_admin.sandbox import ready
    from opiq_admin.sandbox import seed as seeding
    from opiq_admin.sandbox.runtime import Sandbox

    monkeypatch.setenv("OPIQ_ADMIN_CACHE_DIR", str(tmp_path / "cache"))
    first = Sandbox(tmp_path / "one", seed=7)
    try:
        made = ready.ready_file(7, 3, 360)
        assert made.exists()
        expected = sorted(first.world.opiq_accounts)
    finally:
        first.close()

    def no_generating(*args: object, **kwargs: object) -> None:
        raise AssertionError("a fresh folder generated its world instead of copying it")

    monkeypatch.setattr(seeding, "generate", no_generating)
    second = Sandbox(tmp_path / "two", seed=7, idp="harid")
    try:
        assert sorted(second.world.opiq_accounts) == expected
        assert second.idp == "harid" and second.settings["seed"] == 7
    finally:
        second.close()
    # Another seed is another world, made when first asked for.
    with pytest.raises(AssertionError, match="generated its world"):
        Sandbox(tmp_path / "three", seed=8)
