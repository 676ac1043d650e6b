"""The Overview page and its chart."""
