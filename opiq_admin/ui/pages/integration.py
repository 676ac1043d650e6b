"""The integration page (being built; the placeholder stands in)."""

from .placeholders import IntegrationPage

__all__ = ["IntegrationPage"]
