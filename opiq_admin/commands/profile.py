"""Server profiles an IT department can hand out: import, list, use, export.

These need no sign-in, store or emulator: they work on the settings file and the keyring
only, so `open_profiles` builds just those. `--practice DIR` points them at the settings
under DIR instead of this computer's (a practice run ignores the profile in use there).
"""

from __future__ import annotations

import argparse
import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from opiq_admin.commands.base import EXIT_FAILED, EXIT_OK, UsageError, emit, say
from opiq_admin.services.config.paths import AppPaths
from opiq_admin.services.config.profile_file import export_text, read_profile_file
from opiq_admin.services.config.settings import SYSTEMS, ServerProfile, Settings
from opiq_admin.services.i18n import _
from opiq_admin.services.signin.vault import TokenVault

SYSTEM_NAMES = {"opiq": "Opiq", "ekool": "eKool", "ekool-roster": "eKool OneRoster"}


@dataclass
class ProfilePlace:
    """What the profile commands work on: the settings file and the keyring."""

    paths: AppPaths
    settings: Settings
    vault: TokenVault

    def find(self, name: str) -> ServerProfile:
        for profile in self.settings.profiles():
            if profile.name == name:
                return profile
        known = ", ".join(p.name for p in self.settings.profiles()) or "none yet"
        raise UsageError(_("there is no server profile named {name!r} (known: {known})").format(
                             name=name, known=known))


def open_profiles(args: argparse.Namespace, vault: TokenVault | None = None) -> ProfilePlace:
    """The settings (this computer's, or those under `--practice DIR`) and the OS keyring."""
    practice = getattr(args, "practice", None)
    paths = AppPaths.under(practice) if practice is not None else AppPaths.default()
    return ProfilePlace(paths=paths, settings=Settings.load(paths.settings_file),
                        vault=vault if vault is not None else TokenVault())


async def cmd_profile_import(args: argparse.Namespace) -> int:
    """Check the file, keep the profile in the settings and its secrets in the keyring.

    A secret the file names goes to the keyring; `"client_secret": ""` or `null` forgets a
    stored one; a system without the key keeps whatever secret is stored for it.
    """
    place = await asyncio.to_thread(open_profiles, args)
    loaded = await asyncio.to_thread(read_profile_file, args.file)
    profile = loaded.profile
    replaced = any(p.name == profile.name for p in place.settings.profiles())
    place.settings.save_profile(profile)
    await asyncio.to_thread(place.settings.save)
    if replaced:
        say(_("Replaced the server profile \"{name}\" with the one in {file}.").format(
                name=profile.name, file=args.file))
    else:
        say(_("Imported the server profile \"{name}\" from {file}.").format(
                name=profile.name, file=args.file))
    lost = []
    for system in (*SYSTEMS, "ekool-roster"):
        name = SYSTEM_NAMES[system]
        if system not in loaded.secrets:
            if replaced and await place.vault.get_secret(profile.name, system):
                say(_("The {name} client secret stored earlier is kept (the file names "
                      "none).").format(name=name))
            continue
        secret = loaded.secrets[system]
        if secret is None:
            await place.vault.forget_secret(profile.name, system)
            say(_("{name}: a public client; no client secret is kept.").format(name=name))
        elif await place.vault.put_secret(profile.name, system, secret):
            say(_("The {name} client secret is in this computer's keyring.").format(name=name))
        else:
            lost.append(name)
    if place.settings.get("profile") == profile.name:
        say(_("It is the profile in use."))
    else:
        say(_("Use it with: opiq-admin profile use \"{name}\"").format(name=profile.name))
    if lost:
        say(_("opiq-admin: this computer has no keyring, so the {value} client secret cannot "
              "be kept: it was written nowhere, and has to be imported again in the next run "
              "that needs it").format(value=' and '.join(lost)))
        return EXIT_FAILED
    return EXIT_OK


async def cmd_profile_list(args: argparse.Namespace) -> int:
    place = await asyncio.to_thread(open_profiles, args)
    active = place.settings.get("profile")
    entries: list[dict[str, Any]] = []
    for profile in place.settings.profiles():
        data = profile.to_dict()
        secrets = {system: await place.vault.get_secret(profile.name, system) is not None
                   for system in SYSTEMS}
        entries.append({"name": profile.name, "active": profile.name == active,
                        "opiq": data["opiq"], "ekool": data["ekool"],
                        "ehis_url": data["ehis_url"], "secrets": secrets})
    if args.json:
        emit({"profiles": entries})
        return EXIT_OK
    if not entries:
        say(_("No server profiles: practice mode. Import one with: opiq-admin profile import "
              "FILE.json"))
    for entry in entries:
        say(f"{'*' if entry['active'] else ' '} {entry['name']}")
        for system in SYSTEMS:
            part = entry[system]
            issuer = part.get("issuer") or part["api_url"]
            secret = "client secret stored" if entry["secrets"][system] else "no client secret"
            say(_("    {value}: {api_url} (sign-in {issuer}, client {value2}, {secret})").format(
                    value=SYSTEM_NAMES[system], api_url=part['api_url'], issuer=issuer,
                    value2=part.get('client_id', 'opiq-admin'), secret=secret))
    if entries and not active:
        say(_("In use: practice mode (no server profile)."))
    return EXIT_OK


async def cmd_profile_use(args: argparse.Namespace) -> int:
    """`profile use NAME` chooses a profile; `profile use ""` goes back to practice mode."""
    place = await asyncio.to_thread(open_profiles, args)
    name = args.name.strip()
    if name:
        name = place.find(name).name
    place.settings.set("profile", name)
    await asyncio.to_thread(place.settings.save)
    if name:
        say(_("The server profile \"{name}\" is in use (the window takes it at its next "
              "start).").format(name=name))
    else:
        say(_("Practice mode: no server profile is in use (the window takes it at its next "
              "start)."))
    return EXIT_OK


async def cmd_profile_export(args: argparse.Namespace) -> int:
    place = await asyncio.to_thread(open_profiles, args)
    profile = place.find(args.name)
    if args.out is None:
        emit(profile.to_dict())
        return EXIT_OK
    await asyncio.to_thread(_write, args.out, export_text(profile))
    say(_("Wrote the server profile \"{name}\" to {out} (without client secrets).").format(
            name=profile.name, out=args.out))
    return EXIT_OK


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
