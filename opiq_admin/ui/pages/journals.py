"""The journals page (being built; the placeholder stands in)."""

from .placeholders import JournalsPage

__all__ = ["JournalsPage"]
