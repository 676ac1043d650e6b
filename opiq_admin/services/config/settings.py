"""One typed registry of every setting: key, type, default, and the migrations between
schema versions. Stored as JSON in the platform's config folder.

Secrets never live here (tokens go to the OS keyring); a profile holds only URLs and
public OAuth client ids.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 2


@dataclass(frozen=True)
class ServerProfile:
    """Where the real services are. Base URLs per system; OAuth client ids are public."""

    name: str
    opiq_url: str
    ekool_url: str
    ehis_url: str = ""
    opiq_client_id: str = "opiq-admin"
    ekool_client_id: str = "opiq-admin"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ServerProfile:
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: str(v) for k, v in data.items() if k in known})


@dataclass(frozen=True)
class Option:
    key: str
    type: type[Any]
    default: Any
    doc: str
    low: int | None = None
    high: int | None = None


OPTIONS: dict[str, Option] = {o.key: o for o in (
    Option("language", str, "et", "User interface language: et or en."),
    Option("profile", str, "", "Name of the active server profile; empty = practice mode."),
    Option("profiles", list, [], "Server profiles (ServerProfile as dicts)."),
    Option("store_url", str, "", "SQLAlchemy URL of the local store; empty = SQLite in the "
           "data folder. A team may point it at a shared PostgreSQL."),
    Option("window_geometry", str, "", "Main window geometry, base64."),
    Option("window_state", str, "", "Main window toolbar/dock state, base64."),
    Option("last_page", str, "overview", "The page shown last."),
    Option("practice_dir", str, "", "Folder of practice data; empty = data folder/practice."),
    Option("concurrency", int, 6, "Concurrent requests per server, 1 to 32.", low=1,
           high=32),
)}

LANGUAGES = ("et", "en")


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    # Version 1 kept a single profile under "server"; version 2 keeps a named list.
    server = data.pop("server", None)
    if isinstance(server, dict) and server.get("opiq_url"):
        server.setdefault("name", "default")
        data["profiles"] = [server]
        data["profile"] = server["name"]
    return data


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


class SettingsError(ValueError):
    """A setting, or the settings file, that cannot be used; the message says which."""


_PROFILE_FIELDS = ("name", "opiq_url", "ekool_url")


def _check_profiles(value: list[Any]) -> None:
    for number, item in enumerate(value, start=1):
        if not isinstance(item, dict):
            raise SettingsError(f"server profile {number} must be an object")
        for name in _PROFILE_FIELDS:
            if not isinstance(item.get(name), str):
                raise SettingsError(f"server profile {number} lacks the text field {name!r}")


@dataclass
class Settings:
    """Settings values, checked against OPTIONS on every set."""

    path: Path | None = None
    values: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for key, value in list(self.values.items()):
            self.set(key, value)  # values handed in are checked like any other

    @classmethod
    def load(cls, path: Path) -> Settings:
        """Read, migrate and validate; a broken file is reported, not silently replaced."""
        settings = cls(path=path)
        if not path.exists():
            return settings
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise SettingsError(f"Settings file {path} cannot be read: "
                                f"{exc.strerror or exc}") from exc
        except json.JSONDecodeError as exc:
            raise SettingsError(f"Settings file {path} is not valid JSON: {exc.msg} at line "
                                f"{exc.lineno}, column {exc.colno}") from exc
        except UnicodeDecodeError as exc:
            raise SettingsError(f"Settings file {path} is not UTF-8 text (byte "
                                f"{exc.start})") from exc
        except RecursionError as exc:
            raise SettingsError(f"Settings file {path} is nested too deeply to read") from exc
        except ValueError as exc:  # the one other refusal: an integer too long to convert
            raise SettingsError(f"Settings file {path} holds a number too long to "
                                f"read") from exc
        if not isinstance(data, dict):
            raise SettingsError(f"Settings file {path} does not hold a JSON object")
        version = data.pop("schema_version", 1)
        if type(version) is not int or version < 1:
            raise SettingsError(f"Settings file {path}: schema_version must be a whole "
                                f"number from 1, not {json.dumps(version)[:40]}")
        try:
            while version < SCHEMA_VERSION:
                data = MIGRATIONS[version](data)
                version += 1
            for key, value in data.items():
                if key in OPTIONS:
                    settings.set(key, value)
        except SettingsError as exc:
            raise SettingsError(f"Settings file {path}: {exc}") from None
        return settings

    def get(self, key: str) -> Any:
        option = OPTIONS[key]
        value = self.values.get(key, option.default)
        return list(value) if isinstance(value, list) else value

    def set(self, key: str, value: Any) -> None:
        option = OPTIONS.get(key)
        if option is None:
            raise SettingsError(f"Unknown setting {key!r}")
        if not isinstance(value, option.type) or (option.type is int and isinstance(value, bool)):
            raise SettingsError(
                f"Setting {key!r} must be {option.type.__name__}, not {type(value).__name__}")
        if key == "language" and value not in LANGUAGES:
            raise SettingsError(f"Language must be one of {', '.join(LANGUAGES)}")
        if (option.low is not None and value < option.low) or (
                option.high is not None and value > option.high):
            raise SettingsError(f"Setting {key!r} must be from {option.low} to "
                                f"{option.high}, not {value}")
        if key == "profiles":
            _check_profiles(value)
        self.values[key] = value

    def profiles(self) -> list[ServerProfile]:
        return [ServerProfile.from_dict(p) for p in self.get("profiles") if isinstance(p, dict)]

    def active_profile(self) -> ServerProfile | None:
        """The configured profile in use, or None for practice mode."""
        name = self.get("profile")
        for profile in self.profiles():
            if profile.name == name:
                return profile
        return None

    def save_profile(self, profile: ServerProfile) -> None:
        others = [p for p in self.get("profiles") if p.get("name") != profile.name]
        self.set("profiles", [*others, asdict(profile)])

    def save(self) -> None:
        """Write atomically, so a crash mid-write never leaves half a file."""
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {"schema_version": SCHEMA_VERSION, **self.values}
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".settings-")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=2)
        os.replace(tmp, self.path)
