"""Paint first: the window's frame is on screen before the store, the emulator and the
clients exist, and what it needs imports nothing that talks to a database or a server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import psutil
import pytest
from PySide6.QtWidgets import QApplication

import opiq_admin.app
from opiq_admin.ui import main as ui_main
from opiq_admin.ui.shell.startup import PAGE_TITLES, StartupShell


def test_the_frame_is_shown_before_the_context_is_made(tmp_path: Path, qapp: Any,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    async def build_context(*args: Any, **kwargs: Any) -> Any:
        shells = [w for w in QApplication.topLevelWidgets()
                  if isinstance(w, StartupShell) and w.isVisible()]
        seen["shells"] = len(shells)
        if shells:
            seen["painted"] = shells[0].was_painted
            seen["status"] = shells[0].status_label.text()
            seen["pages"] = shells[0].nav.count()
        attaching = kwargs.get("attaching")
        if attaching is not None:  # practice: the emulator is being started meanwhile
            seen["emulator"] = (await attaching).url
        raise RuntimeError("the test stops here")

    said: list[str] = []
    # In English: the translators run_gui installs would outlive it in this test process.
    settings = tmp_path / "config" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"language": "en"}), encoding="utf-8")
    monkeypatch.setattr(opiq_admin.app, "build_context", build_context)
    monkeypatch.setattr(ui_main, "_fatal", lambda message: said.append(message) or 1)
    assert ui_main.run_gui(practice_dir=tmp_path) == 1
    assert seen["shells"] == 1 and seen["painted"]
    assert seen["pages"] == len(PAGE_TITLES)
    assert seen["status"] == "Connecting…"
    assert seen["emulator"].startswith("http://127.0.0.1:")
    assert said and "the test stops here" in said[0]
    assert not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, StartupShell) and w.isVisible()]


def test_the_frame_needs_no_store_client_or_web_framework() -> None:
    code = textwrap.dedent("""
        import json, sys
        import opiq_admin.ui.main
        heavy = ("sqlalchemy", "alembic", "httpx", "fastapi", "uvicorn", "pydantic",
                 "opiq_admin.app", "opiq_admin.services.store", "opiq_admin.ui.shell.main_window")
        print(json.dumps([name for name in heavy if name in sys.modules]))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert json.loads(out.stdout) == []


def test_the_window_of_a_practice_folder_never_loads_the_web_framework(tmp_path: Path) -> None:
    """The emulator runs in a process of its own; the window only talks to it."""
    code = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from opiq_admin.ui import main
        status = main.run_gui(practice_dir=Path({str(tmp_path)!r}))
        print(status, "fastapi" in sys.modules, "uvicorn" in sys.modules)
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "OPIQ_ADMIN_STARTUP_PROBE": "signed_in",
           "OPIQ_ADMIN_EMULATOR_LINGER": "0"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=180, env=env)
    lines = out.stdout.strip().splitlines()
    assert lines[0].startswith("signed_in "), out.stderr
    assert lines[-1] == "0 False False"
    server = tmp_path / "emulator" / "server.json"
    if server.exists():  # the emulator stops once the window is gone
        pid = json.loads(server.read_text(encoding="utf-8"))["pid"]
        try:
            psutil.Process(pid).wait(timeout=20)
        except psutil.NoSuchProcess:
            pass
    assert not server.exists()
