"""CSV cells that a spreadsheet will not run as formulas (OWASP "CSV injection")."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """Prefix a cell that a spreadsheet would read as a formula with a single quote."""
    text = "" if value is None else str(value)
    if text.startswith(DANGEROUS_FIRST):
        return "'" + text
    return text


def csv_document(header: Sequence[object], rows: Iterable[Sequence[object]]) -> str:
    """A whole CSV file for a spreadsheet: a UTF-8 byte-order mark first (so Excel reads
    õ ä ö ü š ž right), CRLF line ends, and no cell that could start a formula — names and
    titles come from servers and are not ours to trust."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()
