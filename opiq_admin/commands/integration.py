"""`integration check` and `integration enable`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from opiq_admin.commands.base import EXIT_FAILED, EXIT_OK, emit, lang, out, say, with_context
from opiq_admin.services.i18n import _

if TYPE_CHECKING:
    from opiq_admin.app import AppContext
    from opiq_admin.services.clients.ehis import EhisRegistry


async def _ehis(ctx: AppContext) -> EhisRegistry:
    from opiq_admin.services.clients.ehis import EhisClient, EhisRegistry

    client = EhisClient(ctx.profile.ehis_url, http=ctx.http, token=None) \
        if ctx.profile.ehis_url else None
    return EhisRegistry(client, ctx.store, scope=ctx.profile.name)


async def cmd_integration_check(args: argparse.Namespace) -> int:
    from opiq_admin.services.integration.check import check_all

    async def work(ctx: AppContext) -> int:
        checks = await check_all(ctx, lang=lang(args, ctx), ehis=await _ehis(ctx))
        await ctx.log("integration_check", "ok",
                      detail=", ".join(f"{c.opiq_ehis_id}={c.status}" for c in checks))
        if args.json:
            emit({"schools": [c.to_json() for c in checks]})
        else:
            for c in checks:
                out(f"{c.name} ({c.opiq_ehis_id}): {c.status}\n  {c.advice}")
        return EXIT_OK
    return await with_context(args, work)


async def cmd_integration_enable(args: argparse.Namespace) -> int:
    from opiq_admin.services.clients.ekool import check_ehis_code
    from opiq_admin.services.integration import enable as steps

    check_ehis_code(args.school)

    async def work(ctx: AppContext) -> int:
        result: dict[str, Any] = {"school": args.school, "enabled": False, "linked": False}
        try:
            check = await steps.prechecks(ctx, args.school, lang(args, ctx))
            steps.compare(check)
            await steps.enable(ctx, check)
            result["enabled"] = True
            identities = await steps.identity_check(ctx)
            if identities is None:
                result["linked"] = True
            else:
                result["identity"] = {
                    "opiq": {"name": identities.opiq.name, "id_code": identities.opiq.masked},
                    "ekool": {"name": identities.ekool.name,
                              "id_code": identities.ekool.masked},
                    "same_person": identities.same_person, "reason": identities.reason}
                if not identities.same_person:
                    await steps.link(ctx, check, identities)  # refuses, logs, raises
                elif args.link:
                    await steps.link(ctx, check, identities)
                    result["linked"] = True
                else:
                    say(_("Your own Opiq account is not linked to eKool yet; run again with "
                          "--link to confirm (Kinnita liidestus)."))
        except steps.StepFailed as exc:
            result["failed_step"] = exc.step
            result["message"] = exc.message
            if args.json:
                emit(result)
            say(f"opiq-admin: {exc.step}: {exc.message}")
            return EXIT_FAILED
        if args.json:
            emit(result)
        else:
            say(_("Integration enabled for {school}.").format(school=args.school))
        return EXIT_OK
    return await with_context(args, work)

