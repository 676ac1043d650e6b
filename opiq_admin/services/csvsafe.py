"""Files for and from spreadsheets, the way Estonian Windows machines make and read them.

Out: CSV cells that a spreadsheet will not run as formulas (OWASP "CSV injection"), in the
Estonian Excel convention: `;` between cells, a decimal comma, a UTF-8 byte-order mark and
CRLF line ends, so a double-click opens the file in columns with õ ä ö ü š ž intact.
In: text as Windows programs save it: UTF-8 with or without a BOM, UTF-16 with a BOM
(Excel's "Unicode text", PowerShell 5's `>`), and a clear word for anything else.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from opiq_admin.services.i18n import _

DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r")
DELIMITER = ";"  # Estonian Windows' list separator, which Excel splits CSV cells at


class NotUtf8(ValueError):
    """Text in a legacy code page; the message says how to save it as UTF-8."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def safe_cell(value: object) -> str:
    """Prefix a cell that a spreadsheet would read as a formula with a single quote; a
    fractional number with a decimal comma, as Estonian Excel reads numbers."""
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    text = "" if value is None else str(value)
    if text.startswith(DANGEROUS_FIRST):
        return "'" + text
    return text


def csv_document(header: Sequence[object], rows: Iterable[Sequence[object]]) -> str:
    """A whole CSV file for a spreadsheet: a UTF-8 byte-order mark first (so Excel reads
    õ ä ö ü š ž right), `;` between cells, CRLF line ends, and no cell that could start a
    formula — names and titles come from servers and are not ours to trust. Write it with
    `newline=""`, or Windows turns each CRLF into CR CR LF."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()


def delimiter_of(header_line: str) -> str:
    """`;` for a file from Estonian Excel, else `,`: whichever the header line has more of."""
    return ";" if header_line.count(";") > header_line.count(",") else ","


def decode_text(raw: bytes) -> str:
    """The text of a file: UTF-8 (a BOM or none), or UTF-16 with its BOM. Anything else
    raises `NotUtf8`, whose message names the line and tells how to save it right."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise NotUtf8(_("damaged UTF-16 text; save the file as CSV UTF-8"),
                          raw.count(b"\n", 0, exc.start) + 1) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        if raw[exc.start:exc.start + 1].decode("cp1257", "replace") in "õäöüšžÕÄÖÜŠŽ":
            raise NotUtf8(_("not valid UTF-8 text: it looks like Windows-1257 (Baltic), as "
                            "Excel saves “CSV (semicolon delimited)”; in Excel choose "
                            "Save As → “CSV UTF-8”, or save it as UTF-8 in your "
                            "editor"), line) from None
        raise NotUtf8(_("not valid UTF-8 text; save the file as UTF-8 (in Excel: “CSV "
                        "UTF-8”)"), line) from None
