"""The duplicates page (being built; the placeholder stands in)."""

from .placeholders import DuplicatesPage

__all__ = ["DuplicatesPage"]
