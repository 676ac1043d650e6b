"""Render every page of the window to PNG, in practice mode, for the README:
`python -m opiq_admin.ui.screenshots docs/screenshots [--language en|et]`.

Runs offscreen over a temporary data folder, so it never touches the user's own settings,
store or keyring.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_API", "pyside6")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from opiq_admin.app import build_context
from opiq_admin.services.config.paths import AppPaths
from opiq_admin.ui.common.app_parts import one_per_application
from opiq_admin.ui.common.i18n import Languages
from opiq_admin.ui.shell.main_window import MainWindow

PAGES = {"overview": "overview.png", "integration": "integration.png",
         "journals": "journals.png", "duplicates": "duplicates.png",
         "activity": "activity.png"}
SIZE = (1200, 760)


async def render(out_dir: Path, languages: Languages, language: str) -> list[Path]:
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="opiq-admin-shots-") as tmp:
        # An emulator of this run's own: the folder goes when the pictures are made.
        ctx = await build_context(AppPaths.under(Path(tmp)), force_practice=True,
                                  share_emulator=False)
        window: MainWindow | None = None
        try:
            languages.apply(language)
            await ctx.sign_in_practice()
            await ctx.log("sign_in", "ok", target="Opiq, eKool", detail="practice")
            window = MainWindow(ctx, languages)
            window.resize(*SIZE)
            window.show()
            for page_id, name in PAGES.items():
                # Every page loads itself when shown; wait for that, then let Qt paint.
                # (No processEvents() here: inside a task it re-enters the loop.)
                window.show_page(page_id)
                await asyncio.sleep(0.1)
                await window.host.wait_idle()
                await asyncio.sleep(0.3)
                path = out_dir / name
                if not window.grab().save(str(path)):
                    raise OSError(f"could not write {path}")
                written.append(path)
        finally:
            if window is not None:
                await window.host.wait_idle()
                window.hide()
                window.deleteLater()
            await ctx.aclose()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m opiq_admin.ui.screenshots")
    parser.add_argument("out_dir", type=Path, nargs="?", default=Path("docs/screenshots"))
    parser.add_argument("--language", choices=("en", "et"), default="en")
    args = parser.parse_args(argv)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    import qasync

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    try:
        languages = one_per_application(app, Languages)
        written = loop.run_until_complete(render(args.out_dir, languages, args.language))
    finally:
        loop.close()
        asyncio.set_event_loop(None)
    for path in written:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
