"""`remediate plan`, `remediate run`, `remediate resume`."""

from __future__ import annotations

import argparse
import asyncio
import json
from typing import TYPE_CHECKING, Any

from opiq_admin.commands.base import (
    EXIT_FAILED,
    EXIT_OK,
    UsageError,
    emit,
    progress_bar,
    read_json,
    say,
    with_context,
)
from opiq_admin.services.i18n import _, ngettext

if TYPE_CHECKING:
    from pathlib import Path

    from opiq_admin.app import AppContext
    from opiq_admin.services.remediation.engine import Plan


async def cmd_remediate_plan(args: argparse.Namespace) -> int:
    from opiq_admin.services.remediation import engine as remediation

    try:
        candidates = remediation.pairs_from_scan(read_json(args.pairs), str(args.pairs))
    except remediation.PlanError as exc:
        raise UsageError(str(exc)) from exc

    async def work(ctx: AppContext) -> int:
        plan = await remediation.make_plan(ctx, candidates)
        text = json.dumps(plan.to_json(), ensure_ascii=False, indent=2)
        await asyncio.to_thread(args.out.write_text, text, encoding="utf-8")
        acting = [p for p in plan.pairs if p.acts]
        await ctx.log("remediate_plan", "ok", target=str(args.out),
                      detail=f"plan {plan.id}: {len(acting)} of {len(plan.pairs)} pairs")
        if args.json:
            emit(plan.to_json())
        for pair in plan.pairs:
            if not pair.acts:
                say(_("left alone: {old} → {new}: {skip}").format(
                        old=pair.old, new=pair.new, skip=pair.skip))
        say(_("Plan {id}: {n_acting} approved pairs to act on, {value} left alone; written to "
              "{out}").format(
                id=plan.id, n_acting=len(acting), value=len(plan.pairs) - len(acting),
                out=args.out))
        for line in plan.guard():
            say(_("Mass-change guard: {line} (a run needs --allow-mass-change)").format(
                    line=line))
        return EXIT_OK
    return await with_context(args, work)


def _read_plan(path: Path) -> Plan:
    from opiq_admin.services.remediation import engine as remediation

    try:
        return remediation.Plan.from_json(read_json(path), str(path))
    except remediation.PlanError as exc:
        raise UsageError(str(exc)) from exc


async def cmd_remediate_run(args: argparse.Namespace) -> int:
    from opiq_admin.services.remediation import engine as remediation

    plan = _read_plan(args.plan)
    dry_run = getattr(args, "dry_run", False)

    async def work(ctx: AppContext) -> int:
        bar = None if args.json else progress_bar(len(plan.pairs), "pairs")

        def progress(p: remediation.Progress, _result: dict[str, Any]) -> None:
            if bar is not None:  # a terminal: one bar, redrawn in place
                bar.n = p.done + p.failed + p.skipped
                bar.set_postfix(failed=p.failed, skipped=p.skipped)
                return
            eta = f", about {p.seconds_left:.0f} s left" if p.seconds_left is not None else ""
            say(_("done {done}, failed {failed}, skipped {skipped}, left {left} "
                  "({rate:.1f}/s{eta})").format(
                    done=p.done, failed=p.failed, skipped=p.skipped, left=p.left,
                    rate=p.rate, eta=eta))

        runner = remediation.Runner(ctx, plan, concurrency=ctx.settings.get("concurrency"),
                                    on_progress=None if args.json else progress)
        try:
            results = await runner.run(dry_run=dry_run,
                                       allow_mass_change=args.allow_mass_change)
        except (remediation.MassChangeRefused, remediation.PlanBusy) as exc:
            say(f"opiq-admin: {exc}")
            return EXIT_FAILED
        finally:
            if bar is not None:
                bar.close()
        if dry_run:
            for line in plan.guard():
                say(_("Mass-change guard: {line} (a run needs --allow-mass-change)").format(
                        line=line))
        licences = await remediation.pools_after(ctx, plan)
        if args.json:
            emit({"results": results, "licences": licences})
        acting = {(p.old, p.new) for p in plan.pairs if p.acts}
        failed = sum(1 for r in results if r["status"] == "failed")
        stale = sum(1 for r in results if r["status"] == "skipped"
                    and (r["old"], r["new"]) in acting)
        say(ngettext("{n_results} pair: {failed} failed, {stale} skipped as changed since "
                     "the review; licences {licences}",
                     "{n_results} pairs: {failed} failed, {stale} skipped as changed since "
                     "the review; licences {licences}", len(results)).format(
                n_results=len(results), failed=failed, stale=stale, licences=licences))
        if (failed or stale) and not dry_run:
            say(_("The plan is unfinished: `opiq-admin remediate resume {plan}` tries again, "
                  "`opiq-admin remediate give-up {plan}` leaves it.").format(plan=args.plan))
        return EXIT_FAILED if failed else EXIT_OK
    return await with_context(args, work)


async def cmd_remediate_give_up(args: argparse.Namespace) -> int:
    from opiq_admin.services.remediation import engine as remediation

    plan = _read_plan(args.plan)

    async def work(ctx: AppContext) -> int:
        await remediation.give_up(ctx, plan)
        say(_("Plan {id} given up: it is no longer offered for finishing.").format(id=plan.id))
        return EXIT_OK
    return await with_context(args, work, needs=("opiq",))
