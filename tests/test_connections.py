"""Signing in through the program's own connections: the system browser played by the test,
refresh tokens in the keyring (a test backend) and in no file, restore, sign-out."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from opiq_admin.app import build_context
from opiq_admin.services.auth import parse_sign_in_form
from opiq_admin.services.paths import AppPaths
from opiq_admin.services.settings import ServerProfile, Settings
from opiq_admin.services.vault import SERVICE, MemoryKeyring, TokenVault


def browser(username: str, password: str, opened: list[str]):
    """An `opener` that plays the system browser: fills the sign-in form, follows the
    redirect to the loopback listener."""
    tasks: list[asyncio.Task] = []

    async def browse(url: str) -> None:
        async with httpx.AsyncClient() as http:
            page = await http.get(url)
            form = parse_sign_in_form(page.text, str(page.url))
            answer = await http.request(form.method, form.action,
                                        data=form.filled(username, password))
            await http.get(answer.headers["Location"])

    def opener(url: str) -> bool:
        opened.append(url)
        tasks.append(asyncio.get_running_loop().create_task(browse(url)))
        return True

    opener.tasks = tasks  # type: ignore[attr-defined]
    return opener


@pytest.fixture
def profile_paths(tmp_path, emulator) -> AppPaths:
    paths = AppPaths.under(tmp_path)
    settings = Settings.load(paths.settings_file)
    settings.save_profile(ServerProfile("Koolivõrk", f"{emulator.url}/opiq",
                                        f"{emulator.url}/ekool", f"{emulator.url}/ehis"))
    settings.set("profile", "Koolivõrk")
    settings.save()
    return paths


async def test_browser_sign_in_keeps_refresh_token_only_in_keyring(profile_paths):
    backend = MemoryKeyring()
    ctx = await build_context(profile_paths, vault=TokenVault(backend))
    try:
        assert not ctx.practice
        opened: list[str] = []
        await ctx.opiq.sign_in_browser(browser("mari.maasikas", "harjutus", opened))
        assert opened and "code_challenge_method=S256" in opened[0]
        status = ctx.opiq.status()
        assert status.signed_in and status.user == "Mari Maasikas"
        stored = backend.secrets[(SERVICE, "Koolivõrk:opiq")]
        assert stored
        for path in profile_paths.config_dir.parent.rglob("*"):
            if path.is_file():
                assert stored.encode() not in path.read_bytes(), path
        await ctx.log("sign_in", "ok")
    finally:
        await ctx.aclose()

    # A new run signs in again from the keyring, without a browser.
    ctx = await build_context(profile_paths, vault=TokenVault(backend))
    try:
        assert await ctx.opiq.restore()
        assert ctx.opiq.status().user == "Mari Maasikas"
        rotated = backend.secrets[(SERVICE, "Koolivõrk:opiq")]
        assert rotated != stored, "refresh tokens rotate and the keyring keeps the new one"
        await ctx.opiq.sign_out()
        assert (SERVICE, "Koolivõrk:opiq") not in backend.secrets
        assert not ctx.opiq.signed_in
    finally:
        await ctx.aclose()

    # The revoked token no longer works.
    ctx = await build_context(profile_paths, vault=TokenVault(backend))
    try:
        backend.secrets[(SERVICE, "Koolivõrk:opiq")] = rotated
        assert not await ctx.opiq.restore()
    finally:
        await ctx.aclose()


async def test_no_browser_shows_the_url_to_open_by_hand(profile_paths):
    ctx = await build_context(profile_paths, vault=TokenVault(MemoryKeyring()))
    shown: list[str] = []
    play = browser("mari.maasikas", "harjutus", [])

    def show_url(url: str) -> None:
        shown.append(url)
        play(url)  # the person copies the address into a browser by hand

    try:
        await ctx.ekool.sign_in_browser(lambda _url: False, show_url=show_url)
        await asyncio.gather(*play.tasks)
        assert shown and shown[0].startswith(ctx.ekool.base_url)
        assert ctx.ekool.status().user == "Mari Maasikas"
    finally:
        await ctx.aclose()
