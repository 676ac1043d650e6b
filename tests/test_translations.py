"""The translations are finished: every string of the window has its Estonian, and no
Estonian is kept for a string the code no longer has."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from opiq_admin.ui import i18n_build


def messages(ts: Path) -> list[tuple[str, str, str]]:
    """(context, source, state) of each message; state is the translation's type, or
    "finished"."""
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            state = "missing" if translation is None else translation.get("type", "finished")
            found.append((name, message.findtext("source") or "", state))
    return found


def test_lupdate_finds_nothing_unfinished_or_obsolete(tmp_path: Path) -> None:
    for ts in i18n_build.SOURCE_DIR.glob("*.ts"):
        shutil.copy(ts, tmp_path / ts.name)
    updated = i18n_build.update(tmp_path, drop_obsolete=False)
    assert updated
    left = [(ts.name, *message) for ts in updated for message in messages(ts)
            if message[2] != "finished"]
    assert not left, "\n".join(map(str, left))
