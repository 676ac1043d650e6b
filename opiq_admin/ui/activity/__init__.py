"""The Activity log page."""
