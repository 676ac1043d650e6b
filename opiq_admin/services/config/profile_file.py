"""A server profile as a file an IT department hands out, read the same way by
`opiq-admin profile import` and the settings window's Import….

The file is one JSON object, UTF-8 with or without a byte-order mark, in the shape of
`ServerProfile.to_dict()`; each system may also carry a `client_secret`, and eKool a
`roster_client_secret` (its OneRoster client's, kept as "ekool-roster"), which are taken out
here, go to the OS keyring only, and never reach the settings file or an export.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from opiq_admin.services.config.settings import SYSTEMS, ServerProfile, SettingsError
from opiq_admin.services.i18n import _

# Windows Credential Manager keeps a credential of at most 2,560 bytes
# (CRED_MAX_CREDENTIAL_BLOB_SIZE), stored as UTF-16: 1,280 characters of plain ASCII.
SECRET_LIMIT = 2560


class SecretTooLong(SettingsError):
    """A client secret larger than every keyring the program runs on can keep."""


def secret_size(secret: str) -> int:
    """The bytes a secret takes in Windows Credential Manager, which stores UTF-16."""
    return len(secret.encode("utf-16-le", "surrogatepass"))


def check_secret(secret: str, what: str = "the client secret") -> None:
    size = secret_size(secret)
    if size > SECRET_LIMIT:
        raise SecretTooLong(
            _("{what} is {size:,} bytes as the keyring stores it (UTF-16); Windows Credential "
              "Manager keeps at most {SECRET_LIMIT:,} bytes ({value:,} plain characters)").format(
                what=what, size=size, SECRET_LIMIT=SECRET_LIMIT, value=SECRET_LIMIT // 2))


@dataclass(frozen=True)
class ProfileFile:
    """A profile and what the file said of each system's client secret: a system in
    `secrets` with text has that secret; with None, the file said it has none (`""` or
    `null`), so a stored one is to be forgotten; a system missing said nothing."""

    profile: ServerProfile
    secrets: dict[str, str | None] = field(default_factory=dict)


def parse_profile(data: Any, where: str = "profile") -> ProfileFile:
    """Check a profile given as JSON data; `SettingsError` names the key that is wrong."""
    secrets: dict[str, str | None] = {}
    if isinstance(data, dict):
        # eKool's OneRoster client (client credentials) keeps its secret as "ekool-roster".
        for system, key, kept_as in (*((s, "client_secret", s) for s in SYSTEMS),
                                     ("ekool", "roster_client_secret", "ekool-roster")):
            part = data.get(system)
            if not isinstance(part, dict) or key not in part:
                continue
            secret = part[key]
            if secret is not None and not isinstance(secret, str):
                raise SettingsError(_("{where}.{system}.{key} must be text").format(
                                        where=where, system=system, key=key))
            if secret:
                check_secret(secret, f"{where}.{system}.{key}")
            secrets[kept_as] = secret or None
    return ProfileFile(ServerProfile.from_dict(data, where), secrets)


def read_profile_file(path: Path) -> ProfileFile:
    """Read and check a profile file; every problem is one `SettingsError` line that names
    the file (and the key or the place in it)."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise SettingsError(_("{path}: cannot be read ({value})").format(
                                path=path, value=exc.strerror or exc)) from exc
    except UnicodeDecodeError as exc:
        raise SettingsError(_("{path}: not UTF-8 text (byte {start})").format(
                                path=path, start=exc.start)) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SettingsError(_("{path}: not valid JSON: {msg} at line {lineno}, column "
                              "{colno}").format(path=path, msg=exc.msg, lineno=exc.lineno,
                                                colno=exc.colno)) from exc
    except RecursionError as exc:
        raise SettingsError(_("{path}: nested too deeply to read").format(path=path)) from exc
    except ValueError as exc:  # the one other refusal: an integer too long to convert
        raise SettingsError(_("{path}: holds a number too long to read").format(path=path)) from exc
    if not isinstance(data, dict):
        raise SettingsError(_("{path}: does not hold a server profile (a JSON object)").format(
                                path=path))
    try:
        return parse_profile(data)
    except SettingsError as exc:
        raise type(exc)(f"{path}: {exc}") from None


def export_text(profile: ServerProfile) -> str:
    """The profile as a file `read_profile_file` reads back; never with a secret."""
    return json.dumps(profile.to_dict(), ensure_ascii=False, indent=2) + "\n"
