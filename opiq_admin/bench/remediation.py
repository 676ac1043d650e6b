"""Throughput of a remediation run against the emulator with latency and a rate limit.

The floor is what the rate limit allows: N requests cannot take less than N / rate
seconds. The run is measured from its first step to its last answer; planning and signing
in are not counted. Usage: `python -m opiq_admin.bench remediation [--latency-ms 20
--rate-limit 50 --schools 6 --students 2400]`.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path
from typing import Any


async def _measure(args: argparse.Namespace, root: Path) -> dict[str, Any]:
    from opiq_admin.app import build_context
    from opiq_admin.sandbox.server import EmbeddedServer
    from opiq_admin.services.accounts import load_accounts
    from opiq_admin.services.clients.practice import PracticeClient
    from opiq_admin.services.config.paths import AppPaths
    from opiq_admin.services.duplicates import decisions
    from opiq_admin.services.remediation import engine as remediation

    server = EmbeddedServer(root / "emulator", seed=args.seed, schools=args.schools,
                            students=args.students, latency_ms=args.latency_ms,
                            rate_limit=args.rate_limit)
    await asyncio.to_thread(server.start)
    ctx = await build_context(AppPaths.under(root), emulator=server)
    try:
        await ctx.sign_in_practice()
        truth = await PracticeClient(server.url, http=ctx.http).ground_truth()
        approved = [{"old": p.old, "new": p.new, "kind": p.kind, "score": 1.0}
                    for p in truth if p.kind == "student"]
        # Only pairs a person approved are planned: the benchmark approves every pair of
        # the schools the practice administrator manages.
        _, per_school = await load_accounts(ctx)
        managed = {a.id for batch in per_school.values() for a in batch}
        await decisions.decide(ctx, [decisions.DecisionRow(n, p.old, p.new, decisions.APPROVED)
                                     for n, p in enumerate(truth, start=1)
                                     if p.kind == "student" and p.old in managed],
                               "benchmark")
        plan = await remediation.make_plan(ctx, approved)
        steps = sum(len(p.steps) for p in plan.pairs if not p.skip)
        runner = remediation.Runner(ctx, plan, concurrency=args.concurrency)
        started = time.perf_counter()
        results = await runner.run(allow_mass_change=True)
        seconds = time.perf_counter() - started
        failed = sum(1 for r in results if r["status"] == "failed")
        acted = sum(1 for p in plan.pairs if not p.skip)
        skips: dict[str, int] = {}
        for p in plan.pairs:
            if p.skip:
                skips[p.skip] = skips.get(p.skip, 0) + 1
        # Each acted pair is read again (both accounts) just before its first step.
        requests = steps + 2 * acted
        return {"pairs": acted, "skipped": skips, "steps": steps, "requests": requests,
                "seconds": seconds, "failed": failed,
                "floor": requests / args.rate_limit if args.rate_limit else 0.0}
    finally:
        await ctx.aclose()
        await asyncio.to_thread(server.stop)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m opiq_admin.bench remediation")
    parser.add_argument("--latency-ms", type=int, default=20)
    parser.add_argument("--rate-limit", type=float, default=50)
    parser.add_argument("--schools", type=int, default=6)
    parser.add_argument("--students", type=int, default=6000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--concurrency", type=int, default=6)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="opiq-bench-") as tmp:
        report = asyncio.run(_measure(args, Path(tmp)))
    ratio = report["floor"] / report["seconds"] if report["seconds"] else 0.0
    print(f"remediation   {report['pairs']} pairs acted on, {report['steps']} steps, "
          f"latency {args.latency_ms} ms, rate limit {args.rate_limit:g}/s")
    for reason, count in sorted(report["skipped"].items()):
        print(f"skipped       {count}: {reason} (the practice administrator manages "
              "three of the schools)")
    print(f"seconds       {report['seconds']:.2f} (floor {report['floor']:.2f})")
    print(f"throughput    {report['steps'] / report['seconds']:.1f} steps/s, "
          f"{report['requests'] / report['seconds']:.1f} requests/s with the re-checks = "
          f"{ratio:.0%} of the rate limit")
    print(f"failed pairs  {report['failed']}")
    within = ratio >= 0.85 and report["failed"] == 0
    print(f"verdict       {'within' if within else 'NOT within'} 15% of the floor, "
          f"{'no' if not report['failed'] else report['failed']} failed pairs")
    return 0 if within else 1
