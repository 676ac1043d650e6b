"""Who is signed in where; signing in and out; the accounts as records."""

from __future__ import annotations

import argparse
import webbrowser
from typing import TYPE_CHECKING

from opiq_admin.commands.base import EXIT_FAILED, EXIT_OK, emit, out, say, with_context
from opiq_admin.services.i18n import _, ngettext

if TYPE_CHECKING:
    from opiq_admin.app import AppContext


async def cmd_status(args: argparse.Namespace) -> int:
    async def work(ctx: AppContext) -> int:
        document = {side: ctx.connection(side).status().to_json() for side in ("opiq", "ekool")}
        if args.json:
            emit(document)
        else:
            for side, state in document.items():
                who = state["user"] if state["signed_in"] else "not signed in"
                until = ""
                if state["signed_in"] and state["renewable"] is False:
                    until = f", until {state['expires_at']}, then sign in again"
                out(f"{side}: {who} ({state['server']}{until})")
        # A stored sign-in that could not be renewed this time is kept; say why, and fail.
        troubles = [t for t in (ctx.opiq.trouble, ctx.ekool.trouble) if t is not None]
        for trouble in troubles:
            say(f"opiq-admin: {trouble}")
        return EXIT_FAILED if troubles else EXIT_OK
    return await with_context(args, work, needs=())


async def cmd_login(args: argparse.Namespace) -> int:
    async def work(ctx: AppContext) -> int:
        if ctx.practice:
            await ctx.sign_in_practice()
        else:
            opener = (lambda _url: False) if args.no_browser else webbrowser.open
            await ctx.connection(args.system).sign_in_browser(
                opener, show_url=lambda url: say(_("Open this address to sign in:\n{url}").format(
                                                     url=url)))
        status = ctx.connection(args.system).status()
        say(_("Signed in to {system} as {user}.").format(system=args.system, user=status.user))
        if not ctx.vault.persistent:
            say(_("No keyring on this computer: the sign-in lasts only for this run."))
        return EXIT_OK
    return await with_context(args, work, sign_in=False)


async def cmd_logout(args: argparse.Namespace) -> int:
    async def work(ctx: AppContext) -> int:
        systems = ("opiq", "ekool") if args.system == "all" else (args.system,)
        for system in systems:
            # Revokes what the keyring keeps, where the server can, and forgets it in any
            # case; nothing needs renewing first.
            await ctx.connection(system).sign_out()
            say(_("Signed out of {system}.").format(system=system))
        return EXIT_OK
    return await with_context(args, work, sign_in=False)


async def cmd_accounts_list(args: argparse.Namespace) -> int:
    from opiq_admin.services.accounts import list_accounts

    async def work(ctx: AppContext) -> int:
        document = await list_accounts(ctx, school=args.school)
        if args.json:
            emit(document)
        else:
            for a in document["accounts"]:
                out(f"{a['id']}\t{a['first_name']} {a['last_name']}\t{a.get('school') or ''}"
                    f"\t{','.join(a.get('roles') or ())}")
            count = len(document["accounts"])
            say(ngettext("{n} account", "{n} accounts", count).format(n=count))
        return EXIT_OK
    return await with_context(args, work, needs=("opiq",))

