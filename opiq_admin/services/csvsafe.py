"""CSV cells that a spreadsheet will not run as formulas (OWASP "CSV injection")."""

from __future__ import annotations

DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """Prefix a cell that a spreadsheet would read as a formula with a single quote."""
    text = "" if value is None else str(value)
    if text.startswith(DANGEROUS_FIRST):
        return "'" + text
    return text
