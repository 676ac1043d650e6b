"""One typed registry of every setting: key, type, default, and the migrations between
schema versions. Stored as JSON in the platform's config folder.

Secrets never live here (tokens and client secrets go to the OS keyring); a profile holds
only addresses, client ids, scopes and authorization parameters.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from opiq_admin.services.i18n import _

SCHEMA_VERSION = 3
SYSTEMS = ("opiq", "ekool")
ENDPOINTS = ("authorization_endpoint", "token_endpoint", "revocation_endpoint",
             "userinfo_endpoint")
ROSTER = ("roster_client_id", "roster_token_url", "roster_scope")


@dataclass(frozen=True)
class SystemProfile:
    """How to reach one system (Opiq or eKool) and sign in to it.

    The API and the sign-in are apart: `api_url` is where the API lives; `issuer` is the
    authorization server whose discovery document (`/.well-known/openid-configuration`,
    else RFC 8414's `oauth-authorization-server`) names its endpoints — an endpoint given
    here overrides the discovered one. `client_secret` is never here: a confidential
    client's secret lives in the OS keyring only.
    """

    api_url: str
    issuer: str = ""  # empty: the API's own address
    client_id: str = "opiq-admin"
    scopes: tuple[str, ...] = ()
    auth_params: tuple[tuple[str, str], ...] = ()  # extra authorization parameters
    authorization_endpoint: str = ""
    token_endpoint: str = ""
    revocation_endpoint: str = ""
    userinfo_endpoint: str = ""
    # OneRoster 1.2's own access (eKool): a client-credentials client that reads the roster
    # beside the signed-in person. Its secret is in the keyring (`roster_access`), never here.
    roster_client_id: str = ""
    roster_token_url: str = ""  # empty: the sign-in server's token endpoint
    roster_scope: str = ""  # empty: …/scope/roster-core.readonly

    @property
    def sign_in_issuer(self) -> str:
        return (self.issuer or self.api_url).rstrip("/")

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str = "system") -> SystemProfile:
        if not isinstance(data, dict):
            raise SettingsError(_("{where} must be an object").format(where=where))
        unknown = sorted(set(data) - {*cls.__dataclass_fields__, "client_secret",
                                      "roster_client_secret"})
        if unknown:
            raise SettingsError(_("{where} has unknown keys: {value}").format(
                                    where=where, value=', '.join(unknown)))
        text = {k: data[k] for k in ("api_url", "issuer", "client_id", *ENDPOINTS, *ROSTER)
                if k in data}
        for key, value in text.items():
            if not isinstance(value, str):
                raise SettingsError(_("{where}.{key} must be text").format(where=where, key=key))
        if not text.get("api_url"):
            raise SettingsError(_("{where} lacks its api_url").format(where=where))
        scopes = data.get("scopes", [])
        if isinstance(scopes, str):
            scopes = scopes.split()
        if not isinstance(scopes, list | tuple) or not all(
                isinstance(x, str) and x and " " not in x for x in scopes):
            raise SettingsError(_("{where}.scopes must be a list of scope names").format(
                                    where=where))
        params = data.get("auth_params", {})
        if isinstance(params, list | tuple):  # pairs, as the dataclass keeps them
            try:
                params = dict(params)
            except (TypeError, ValueError):  # not a list of pairs
                params = None
        if not isinstance(params, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in params.items()):
            raise SettingsError(_("{where}.auth_params must map names to text").format(
                                    where=where))
        return cls(**text, scopes=tuple(scopes),
                   auth_params=tuple(sorted(params.items())))

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"api_url": self.api_url}
        for key in ("issuer", "client_id", *ENDPOINTS, *ROSTER):
            if getattr(self, key):
                data[key] = getattr(self, key)
        data["scopes"] = list(self.scopes)
        data["auth_params"] = dict(self.auth_params)
        return data


@dataclass(frozen=True)
class ServerProfile:
    """Where the real services are: one `SystemProfile` per system, and EHIS open data."""

    name: str
    opiq: SystemProfile
    ekool: SystemProfile
    ehis_url: str = ""

    def system(self, name: str) -> SystemProfile:
        return self.opiq if name == "opiq" else self.ekool

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str = "server profile") -> ServerProfile:
        if not isinstance(data, dict):
            raise SettingsError(_("{where} must be an object").format(where=where))
        name = data.get("name")
        if not isinstance(name, str) or not name.strip():
            raise SettingsError(_("{where} lacks its name").format(where=where))
        ehis = data.get("ehis_url", "")
        if not isinstance(ehis, str):
            raise SettingsError(_("{where}.ehis_url must be text").format(where=where))
        unknown = sorted(set(data) - {"name", "ehis_url", *SYSTEMS})
        if unknown:
            raise SettingsError(_("{where} has unknown keys: {value}").format(
                                    where=where, value=', '.join(unknown)))
        systems = {}
        for system in SYSTEMS:
            if system not in data:
                raise SettingsError(_("{where} lacks its {system} part").format(
                                        where=where, system=system))
            systems[system] = SystemProfile.from_dict(data[system], f"{where}.{system}")
        return cls(name=name.strip(), ehis_url=ehis, **systems)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "opiq": self.opiq.to_dict(), "ekool": self.ekool.to_dict(),
                "ehis_url": self.ehis_url}


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
    Option("log_level", str, "INFO", "How much goes to the log file: DEBUG, INFO, WARNING "
           "or ERROR (the command line's --log-level overrides it for one run)."),
    Option("practice_server", dict, {}, "How the practice emulator behaves, to rehearse a "
           "slow or stingy server: roster_page_cap, total_count_header, latency_ms, "
           "error_rate."),
)}

LANGUAGES = ("et", "en")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    # Version 1 kept a single profile under "server"; version 2 keeps a named list.
    server = data.pop("server", None)
    if isinstance(server, dict) and server.get("opiq_url"):
        server.setdefault("name", "default")
        data["profiles"] = [server]
        data["profile"] = server["name"]
    return data


def _v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    # Version 2 kept one base URL and client id per system, whose sign-in lived under
    # {base}/oauth; version 3 keeps a system profile each, the base being the issuer too.
    profiles = []
    for item in data.get("profiles", []):
        if isinstance(item, dict) and "opiq_url" in item:
            item = {"name": item.get("name", ""), "ehis_url": item.get("ehis_url", ""),
                    **{system: {"api_url": item.get(f"{system}_url", ""),
                                "client_id": item.get(f"{system}_client_id", "opiq-admin")}
                       for system in SYSTEMS}}
        profiles.append(item)
    if "profiles" in data:
        data["profiles"] = profiles
    return data


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2,
                                                                     2: _v2_to_v3}


class SettingsError(ValueError):
    """A setting, or the settings file, that cannot be used; the message says which."""


# practice_server's keys: the type each takes and its range.
PRACTICE_SERVER: dict[str, tuple[type, float, float]] = {
    "roster_page_cap": (int, 1, 10_000), "total_count_header": (bool, 0, 1),
    "latency_ms": (int, 0, 60_000), "error_rate": (float, 0.0, 1.0)}


def _check_practice_server(value: dict[str, Any]) -> None:
    for key, given in value.items():
        if key not in PRACTICE_SERVER:
            raise SettingsError(_("practice_server has no key {key!r} (it takes {value})").format(
                                    key=key, value=', '.join(PRACTICE_SERVER)))
        kind, low, high = PRACTICE_SERVER[key]
        number = kind is float and isinstance(given, int) and not isinstance(given, bool)
        if not (isinstance(given, kind) or number) or (kind is int and isinstance(given, bool)):
            raise SettingsError(_("practice_server.{key} must be {kind}").format(
                                    key=key, kind=kind.__name__))
        if kind is not bool and not low <= given <= high:
            raise SettingsError(_("practice_server.{key} must be from {low:g} to {high:g}").format(
                                    key=key, low=low, high=high))


def _check_profiles(value: list[Any]) -> None:
    names = set()
    for number, item in enumerate(value, start=1):
        profile = ServerProfile.from_dict(item, f"server profile {number}")
        if profile.name in names:
            raise SettingsError(_("server profile {number}: the name {name!r} is taken by "
                                  "another profile").format(number=number, name=profile.name))
        names.add(profile.name)


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
            raise SettingsError(_("Settings file {path} cannot be read: {value}").format(
                                    path=path, value=exc.strerror or exc)) from exc
        except json.JSONDecodeError as exc:
            raise SettingsError(_("Settings file {path} is not valid JSON: {msg} at line "
                                  "{lineno}, column {colno}").format(
                                    path=path, msg=exc.msg, lineno=exc.lineno,
                                    colno=exc.colno)) from exc
        except UnicodeDecodeError as exc:
            raise SettingsError(_("Settings file {path} is not UTF-8 text (byte {start})").format(
                                    path=path, start=exc.start)) from exc
        except RecursionError as exc:
            raise SettingsError(_("Settings file {path} is nested too deeply to read").format(
                                    path=path)) from exc
        except ValueError as exc:  # the one other refusal: an integer too long to convert
            raise SettingsError(_("Settings file {path} holds a number too long to read").format(
                                    path=path)) from exc
        if not isinstance(data, dict):
            raise SettingsError(_("Settings file {path} does not hold a JSON object").format(
                                    path=path))
        version = data.pop("schema_version", 1)
        if type(version) is not int or version < 1:
            raise SettingsError(_("Settings file {path}: schema_version must be a whole number "
                                  "from 1, not {value}").format(
                                    path=path, value=json.dumps(version)[:40]))
        try:
            while version < SCHEMA_VERSION:
                data = MIGRATIONS[version](data)
                version += 1
            for key, value in data.items():
                if key in OPTIONS:
                    settings.set(key, value)
        except SettingsError as exc:
            raise SettingsError(_("Settings file {path}: {exc}").format(path=path, exc=exc)
                                ) from None
        return settings

    def get(self, key: str) -> Any:
        option = OPTIONS[key]
        value = self.values.get(key, option.default)
        return list(value) if isinstance(value, list) else value

    def set(self, key: str, value: Any) -> None:
        option = OPTIONS.get(key)
        if option is None:
            raise SettingsError(_("Unknown setting {key!r}").format(key=key))
        if not isinstance(value, option.type) or (option.type is int and isinstance(value, bool)):
            raise SettingsError(
                _("Setting {key!r} must be {kind}, not {given}").format(
                    key=key, kind=option.type.__name__, given=type(value).__name__))
        if key == "language" and value not in LANGUAGES:
            raise SettingsError(_("Language must be one of {value}").format(
                                    value=', '.join(LANGUAGES)))
        if key == "log_level" and value not in LOG_LEVELS:
            raise SettingsError(_("Setting 'log_level' must be one of {value}").format(
                                    value=', '.join(LOG_LEVELS)))
        if (option.low is not None and value < option.low) or (
                option.high is not None and value > option.high):
            raise SettingsError(_("Setting {key!r} must be from {low} to {high}, not "
                                  "{value}").format(key=key, low=option.low, high=option.high,
                                                    value=value))
        if key == "profiles":
            _check_profiles(value)
        if key == "practice_server":
            _check_practice_server(value)
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
        self.set("profiles", [*others, profile.to_dict()])

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
