"""`remediate plan`, `remediate run`, `remediate resume`."""

from __future__ import annotations

import argparse
import json
from typing import Any

from .base import EXIT_FAILED, EXIT_OK, UsageError, emit, read_json, say, with_context


async def cmd_remediate_plan(args: argparse.Namespace) -> int:
    from ..services import remediation

    try:
        approved = remediation.pairs_from_scan(read_json(args.pairs), str(args.pairs))
    except remediation.PlanError as exc:
        raise UsageError(str(exc)) from exc

    async def work(ctx: Any) -> int:
        plan = await remediation.make_plan(ctx, approved)
        args.out.write_text(json.dumps(plan.to_json(), ensure_ascii=False, indent=2),
                            encoding="utf-8")
        await ctx.log("remediate_plan", "ok", target=str(args.out),
                      detail=f"{len(plan.pairs)} pairs")
        if args.json:
            emit(plan.to_json())
        say(f"Plan {plan.id}: {sum(1 for p in plan.pairs if not p.skip)} pairs to act on, "
            f"{sum(1 for p in plan.pairs if p.skip)} skipped; written to {args.out}")
        for line in plan.guard():
            say(f"Mass-change guard: {line} (run needs --allow-mass-change)")
        return EXIT_OK
    return await with_context(args, work)


async def cmd_remediate_run(args: argparse.Namespace) -> int:
    from ..services import remediation

    try:
        plan = remediation.Plan.from_json(read_json(args.plan), str(args.plan))
    except remediation.PlanError as exc:
        raise UsageError(str(exc)) from exc
    dry_run = getattr(args, "dry_run", False)

    async def work(ctx: Any) -> int:
        def progress(p: remediation.Progress, _result: dict[str, Any]) -> None:
            eta = f", about {p.seconds_left:.0f} s left" if p.seconds_left is not None else ""
            say(f"done {p.done}, failed {p.failed}, skipped {p.skipped}, left {p.left} "
                f"({p.rate:.1f}/s{eta})")

        runner = remediation.Runner(ctx, plan, concurrency=ctx.settings.get("concurrency"),
                                    on_progress=None if args.json else progress)
        try:
            results = await runner.run(dry_run=dry_run,
                                       allow_mass_change=args.allow_mass_change)
        except remediation.MassChangeRefused as exc:
            say(f"opiq-admin: {exc}")
            return EXIT_FAILED
        if dry_run:
            for line in plan.guard():
                say(f"Mass-change guard: {line} (a run needs --allow-mass-change)")
        licences = await remediation.pools_after(ctx, plan)
        if args.json:
            emit({"results": results, "licences": licences})
        failed = sum(1 for r in results if r["status"] == "failed")
        say(f"{len(results)} pairs: {failed} failed; licences {licences}")
        return EXIT_FAILED if failed else EXIT_OK
    return await with_context(args, work)

