"""`opiq-admin sandbox` as a process: the listening line, serving, and a clean exit on signal."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from opiq_admin.sandbox.server import main

ROOT = Path(__file__).resolve().parents[1]


def _start(*args: str) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "opiq_admin.sandbox.server", *args], cwd=ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    assert proc.stdout is not None
    line = proc.stdout.readline()
    return proc, line


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals: Windows has no SIGTERM "
                    "or SIGINT to send to a process (Popen.send_signal there kills it)")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_prints_one_line_serves_and_exits_zero_on_signal(tmp_path: Path, sig: int) -> None:
    proc, line = _start("--port", "0", "--data", str(tmp_path), "--schools", "1",
                        "--students", "30")
    try:
        match = re.fullmatch(r"listening on (http://127\.0\.0\.1:(\d+))\n", line)
        assert match, (line, proc.stderr.read() if proc.poll() is not None else "")
        assert int(match.group(2)) > 0
        info = httpx.get(f"{match.group(1)}/practice/info", timeout=10)
        assert info.status_code == 200
        assert httpx.get(f"{match.group(1)}/openapi.json", timeout=10).status_code == 200
        proc.send_signal(sig)
        out, _ = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0
    assert out == ""  # exactly one line on stdout
    assert (tmp_path / "emulator.sqlite3").is_file()


@pytest.mark.parametrize("argv", [["--error-rate", "2"], ["--port", "-1"], ["--bogus"],
                                  ["--rate-limit", "fast"]])
def test_bad_usage_exits_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert capsys.readouterr().err
