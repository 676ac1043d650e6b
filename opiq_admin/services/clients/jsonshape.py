"""Checked access to JSON values: the ground the typed models of `models` stand on.

Every complaint names the object and field, so a `MalformedResponse` says what was wrong.
"""

from __future__ import annotations

from typing import Any


class SchemaError(ValueError):
    """A JSON value that does not have the shape the contract describes."""


class Obj:
    """Typed access to one JSON object, naming the object and field in any complaint."""

    def __init__(self, value: Any, what: str) -> None:
        if not isinstance(value, dict):
            raise SchemaError(f"{what}: expected an object, got {type(value).__name__}")
        self.d = value
        self.what = what

    def _get(self, key: str, required: bool) -> Any:
        if key not in self.d:
            if required:
                raise SchemaError(f"{self.what}: missing field {key!r}")
            return None
        return self.d[key]

    def _bad(self, key: str, expected: str) -> SchemaError:
        return SchemaError(f"{self.what}.{key}: expected {expected}, "
                           f"got {type(self.d.get(key)).__name__}")

    def str(self, key: str) -> str:
        value = self._get(key, True)
        if not isinstance(value, str):
            raise self._bad(key, "a string")
        return value

    def opt_str(self, key: str) -> str | None:
        """A string or null; "" counts as absent (the emulator and real systems differ)."""
        value = self._get(key, False)
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            raise self._bad(key, "a string or null")
        return value

    def str_or_empty(self, key: str) -> str:
        return self.opt_str(key) or ""

    def int(self, key: str) -> int:
        value = self._get(key, True)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self._bad(key, "an integer")
        return value

    def bool(self, key: str) -> bool:
        value = self._get(key, True)
        if not isinstance(value, bool):
            raise self._bad(key, "true or false")
        return value

    def list(self, key: str, required: bool = True) -> list[Any]:
        value = self._get(key, required)
        if value is None and not required:
            return []
        if not isinstance(value, list):
            raise self._bad(key, "a list")
        return value

    def strs(self, key: str, required: bool = True) -> tuple[str, ...]:
        values = self.list(key, required)
        if not all(isinstance(v, str) for v in values):
            raise SchemaError(f"{self.what}.{key}: expected a list of strings")
        return tuple(values)

    def obj(self, key: str, required: bool = True) -> Obj | None:
        value = self._get(key, required)
        if value is None:
            if required:
                raise self._bad(key, "an object")
            return None
        return Obj(value, f"{self.what}.{key}")

    def ref(self, key: str) -> str:
        """A OneRoster reference: `{"sourcedId": …}` (a bare id string is taken too)."""
        value = self._get(key, True)
        if isinstance(value, str):
            return value
        return Obj(value, f"{self.what}.{key}").str("sourcedId")


def envelope(body: Any, key: str) -> list[Any]:
    """The list inside `{key: [...]}` (Opiq's `items`, OneRoster's `users`, `orgs`, …)."""
    return Obj(body, "answer").list(key)


def single(body: Any, key: str) -> Any:
    """The object inside `{key: {...}}` (OneRoster's single-item answers)."""
    value = Obj(body, "answer")._get(key, True)
    return Obj(value, key).d
