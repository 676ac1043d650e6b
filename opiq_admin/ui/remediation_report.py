"""The remedy's report for the school's records: one CSV row per pair, what was done to whom.

Kept free of Qt so the same rows can be written by any front end; the caller passes the
column titles in the language the report is for.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..services.csvsafe import safe_cell


def report_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV text in which no cell can start a spreadsheet formula (names come from servers
    and are not ours to trust)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()


def write_report(path: Path, text: str) -> None:
    # utf-8-sig: spreadsheet programs then read õ, ä, ö, ü, š and ž correctly.
    path.write_text(text, encoding="utf-8-sig", newline="")
