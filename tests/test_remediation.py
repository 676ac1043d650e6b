"""The remedy on practice data: dry run changes nothing; a run keeps the licence count and
leaves every approved new account licensed and every old one without the student role; a
run killed with SIGKILL and resumed holds the same invariants."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import use_test_store

from opiq_admin.app import build_context
from opiq_admin.services.accounts import list_accounts
from opiq_admin.services.clients.practice import PracticeClient
from opiq_admin.services.config.paths import AppPaths
from opiq_admin.services.duplicates import decisions
from opiq_admin.services.remediation import engine as remediation

pytestmark = pytest.mark.store


async def practice_context(root: Path):
    use_test_store(root)
    ctx = await build_context(AppPaths.under(root), practice_dir=root, force_practice=True)
    await ctx.sign_in_practice()
    return ctx


async def ground_truth_scan(ctx) -> dict:
    practice = PracticeClient(ctx.emulator.url, http=ctx.http)
    pairs = await practice.ground_truth()
    return {"pairs": [{"old": p.old, "new": p.new, "kind": p.kind, "score": 1.0,
                       "reasons": ["ground truth"]} for p in pairs], "ambiguous": []}


async def approve(ctx, pairs: list[dict], decision: str = "approve") -> None:
    """A person's review: `duplicates decide` for each pair, the only way into a plan."""
    rows = [decisions.DecisionRow(n, p["old"], p["new"], decisions.parse_verb(decision, "t"))
            for n, p in enumerate(pairs, start=1)]
    await decisions.decide(ctx, rows, "test")


def invariants(before: dict, after: dict, pairs: list[dict]) -> None:
    accounts = {a["id"]: a for a in after["accounts"]}
    assert after["licences"]["total"] == before["licences"]["total"]
    assert after["licences"]["assigned"] + after["licences"]["free"] == \
        after["licences"]["total"]
    students = [p for p in pairs if p["kind"] == "student"]
    assert students
    for pair in students:
        assert "student" not in accounts[pair["old"]]["roles"], pair
        assert not accounts[pair["old"]]["has_license"], pair
        assert accounts[pair["new"]]["has_license"], pair
    # No licence counted twice: the pool's count is the number of licensed accounts.
    assert after["licences"]["assigned"] == sum(1 for a in after["accounts"] if a["has_license"])


async def test_dry_run_then_run_keep_the_invariants(tmp_path):
    ctx = await practice_context(tmp_path)
    try:
        scan = await ground_truth_scan(ctx)
        before = await list_accounts(ctx)
        await approve(ctx, scan["pairs"])
        plan = await remediation.make_plan(ctx, remediation.pairs_from_scan(scan))
        assert plan.pools_after and plan.pools_before
        teacher_pairs = [p for p in plan.pairs if p.kind == "teacher"]
        assert all(p.skip == remediation.TEACHER_ADVICE for p in teacher_pairs)

        dry = await remediation.Runner(ctx, plan).run(dry_run=True)
        assert {r["status"] for r in dry} <= {"planned", "skipped"}
        assert await list_accounts(ctx) == before, "a dry run changes nothing"

        if plan.guard():
            with pytest.raises(remediation.MassChangeRefused):
                await remediation.Runner(ctx, plan).run()
            assert await list_accounts(ctx) == before, "the guard stops before any change"
        results = await remediation.Runner(ctx, plan).run(allow_mass_change=True)
        assert {r["status"] for r in results} <= {"done", "skipped"}
        invariants(before, await list_accounts(ctx), scan["pairs"])

        # Running the same plan again does nothing twice.
        again = await remediation.Runner(ctx, plan).run(allow_mass_change=True)
        assert [r["status"] for r in again] == [r["status"] for r in results]
        invariants(before, await list_accounts(ctx), scan["pairs"])
        actions = {e.action for e in await ctx.store.activity()}
        assert {"remediate_pair", "remediate_step"} <= actions
        steps_logged = [e for e in await ctx.store.activity(action="remediate_step")]
        assert len(steps_logged) == sum(len(p.steps) for p in plan.pairs if not p.skip)
        assert await remediation.unfinished_plans(ctx) == []
    finally:
        await ctx.aclose()


async def test_pair_changed_since_review_is_skipped(tmp_path):
    ctx = await practice_context(tmp_path)
    try:
        scan = await ground_truth_scan(ctx)
        pair = next(p for p in scan["pairs"] if p["kind"] == "student")
        await approve(ctx, [pair])
        first = await remediation.make_plan(ctx, [pair])
        await remediation.Runner(ctx, first).run(allow_mass_change=True)
        second = await remediation.make_plan(ctx, [pair])
        assert second.pairs[0].skip == "the old account no longer has the student role"
        [result] = await remediation.Runner(ctx, second).run(allow_mass_change=True)
        assert result["status"] == "skipped"
    finally:
        await ctx.aclose()


async def test_run_completes_with_faults_on(tmp_path):
    """Latency, a rate limit, 500s and dropped connections: retried, nothing done twice."""
    from opiq_admin.sandbox.server import EmbeddedServer

    server = EmbeddedServer(tmp_path / "emulator", latency_ms=5, error_rate=0.1,
                            rate_limit=60)
    server.start()
    ctx = await build_context(AppPaths.under(tmp_path), emulator=server)
    try:
        await ctx.sign_in_practice()
        scan = await ground_truth_scan(ctx)
        before = await list_accounts(ctx)
        await approve(ctx, scan["pairs"])
        plan = await remediation.make_plan(ctx, remediation.pairs_from_scan(scan))
        results = await remediation.Runner(ctx, plan).run(allow_mass_change=True)
        assert {r["status"] for r in results} <= {"done", "skipped"}, results
        invariants(before, await list_accounts(ctx), scan["pairs"])
    finally:
        await ctx.aclose()
        server.stop()


def cli(*argv: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "opiq_admin", *argv], capture_output=True,
                          text=True, timeout=300, check=False, **kwargs)


@pytest.mark.slow
@pytest.mark.parametrize("kill_after", [1, 6])
def test_sigkill_then_resume_holds_the_invariants(tmp_path, kill_after):
    root = tmp_path / "practice"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    before = json.loads(cli("--practice", str(root), "accounts", "list", "--json",
                            env=env).stdout)

    async def make_files() -> list[dict]:
        ctx = await practice_context(root)
        try:
            scan = await ground_truth_scan(ctx)
            await approve(ctx, scan["pairs"])
            plan = await remediation.make_plan(ctx, remediation.pairs_from_scan(scan))
            (tmp_path / "plan.json").write_text(json.dumps(plan.to_json()))
            return scan["pairs"]
        finally:
            await ctx.aclose()

    import asyncio
    pairs = asyncio.run(make_files())
    plan = str(tmp_path / "plan.json")
    process = subprocess.Popen(
        [sys.executable, "-m", "opiq_admin", "--practice", str(root), "remediate", "run", plan,
         "--allow-mass-change"], stderr=subprocess.PIPE, text=True, env=env)
    seen = 0
    assert process.stderr is not None
    for line in process.stderr:
        if line.startswith("done "):
            seen += 1
            if seen >= kill_after:
                process.kill()  # TerminateProcess on Windows, SIGKILL elsewhere
                break
    process.wait(timeout=60)
    resumed = cli("--practice", str(root), "remediate", "resume", plan, "--allow-mass-change",
                  "--json", env=env)
    assert resumed.returncode == 0, resumed.stderr
    document = json.loads(resumed.stdout)
    assert {r["status"] for r in document["results"]} <= {"done", "skipped"}
    after = json.loads(cli("--practice", str(root), "accounts", "list", "--json",
                           env=env).stdout)
    invariants(before, after, pairs)
