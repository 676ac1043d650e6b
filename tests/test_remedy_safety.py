"""The remedy touches only what a person approved, re-checked against today's state: review
decisions are the only way in, each pair is read again just before it is changed, the
mass-change guard counts what really happened, one runner holds a plan at a time, and a run
that left work undone stays unfinished until it is finished or given up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from conftest import use_test_store
from test_remediation import approve, ground_truth_scan, practice_context

from opiq_admin.sandbox.server import EmbeddedServer
from opiq_admin.sandbox.shared import attach
from opiq_admin.services.accounts import list_accounts
from opiq_admin.services.clients.practice import PracticeClient
from opiq_admin.services.remediation import engine as remediation
from opiq_admin.services.remediation import wal

ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
pytestmark = pytest.mark.store


def cli(*argv: str) -> subprocess.CompletedProcess:
    # The messages asserted are the English ones.
    return subprocess.run([sys.executable, "-m", "opiq_admin", "--lang", "en", *argv],
                          capture_output=True, text=True, encoding="utf-8", timeout=300,
                          check=False, env=ENV)


def student_pairs(scan: dict) -> list[dict]:
    return [p for p in scan["pairs"] if p["kind"] == "student"]


def one_line_no_traceback(result: subprocess.CompletedProcess) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines, "a refusal says why"
    return lines[-1]


def test_only_approved_pairs_are_changed_and_a_stale_one_is_skipped(tmp_path: Path) -> None:
    """The issue's own rehearsal, on the command line: approve two pairs, reject a third,
    plan from the whole scan, link the second pair's old account, run."""
    root = tmp_path / "practice"
    use_test_store(root)
    scan = cli("--practice", str(root), "duplicates", "scan", "--json")
    assert scan.returncode == 0, scan.stderr
    (tmp_path / "scan.json").write_text(scan.stdout, encoding="utf-8")
    first, second, third = student_pairs(json.loads(scan.stdout))[:3]
    for pair, verb in ((first, "approve"), (second, "approve"), (third, "reject")):
        decided = cli("--practice", str(root), "duplicates", "decide", pair["old"],
                      pair["new"], verb, "--note", "kontrollitud, sama inimene")
        assert decided.returncode == 0, decided.stderr
    listed = json.loads(cli("--practice", str(root), "duplicates", "decisions",
                            "--json").stdout)["decisions"]
    assert {(d["old"], d["decision"]) for d in listed} == {
        (first["old"], "approved"), (second["old"], "approved"), (third["old"], "rejected")}
    assert all(d["by"] == "Mari Maasikas" and d["decided_at"] for d in listed)

    plan_file = tmp_path / "plan.json"
    planned = cli("--practice", str(root), "remediate", "plan", "--pairs",
                  str(tmp_path / "scan.json"), "--out", str(plan_file))
    assert planned.returncode == 0, planned.stderr
    assert "not approved" in planned.stderr and "rejected in the review" in planned.stderr
    plan = json.loads(plan_file.read_text(encoding="utf-8"))
    acting = {(p["old"], p["new"]) for p in plan["pairs"] if p["steps"]}
    assert acting == {(first["old"], first["new"]), (second["old"], second["new"])}

    # Days pass; the pupil links the old account to eKool in Opiq's own pages. The folder's
    # emulator is the one the commands share (a second server on the same files could be
    # outlived by the first, still lingering, and the change lost).
    emulator = attach(root / "emulator")
    try:
        with httpx.Client(base_url=emulator.url, timeout=30) as http:
            linked = http.patch(f"/practice/opiq/users/{second['old']}",
                                json={"ekool_id": "ek-usr-9999"})
        assert linked.status_code == 200, linked.text
        assert linked.json()["ekool_id"] == "ek-usr-9999"
    finally:
        emulator.stop()

    ran = cli("--practice", str(root), "remediate", "run", str(plan_file), "--json")
    assert ran.returncode == 0, ran.stderr
    results = {r["old"]: r for r in json.loads(ran.stdout)["results"]}
    assert results[first["old"]]["status"] == "done"
    assert results[second["old"]]["status"] == "skipped"
    assert "linked to eKool since the review" in results[second["old"]]["detail"]
    assert results[third["old"]]["status"] == "skipped"
    assert results[third["old"]]["detail"] == remediation.REJECTED_IN_REVIEW
    assert "unfinished" in ran.stderr

    accounts = {a["id"]: a for a in json.loads(cli(
        "--practice", str(root), "accounts", "list", "--json").stdout)["accounts"]}
    assert "student" not in accounts[first["old"]]["roles"]
    assert accounts[first["new"]]["has_license"]
    assert "student" in accounts[second["old"]]["roles"], "the stale pair is untouched"
    assert "student" in accounts[third["old"]]["roles"], "the rejected pair is untouched"


async def test_a_scan_file_alone_changes_nothing(tmp_path: Path) -> None:
    ctx = await practice_context(tmp_path)
    try:
        scan = await ground_truth_scan(ctx)
        before = await list_accounts(ctx)
        plan = await remediation.make_plan(ctx, remediation.pairs_from_scan(scan))
        assert not any(p.steps for p in plan.pairs)
        assert {p.skip for p in plan.pairs} == {remediation.NOT_APPROVED}
        results = await remediation.Runner(ctx, plan).run(allow_mass_change=True)
        assert {r["status"] for r in results} == {"skipped"}
        assert await list_accounts(ctx) == before
    finally:
        await ctx.aclose()


async def test_an_approval_withdrawn_after_planning_is_honoured(tmp_path: Path) -> None:
    ctx = await practice_context(tmp_path)
    try:
        pair = student_pairs(await ground_truth_scan(ctx))[0]
        await approve(ctx, [pair])
        plan = await remediation.make_plan(ctx, [pair])
        assert plan.pairs[0].steps
        await approve(ctx, [pair], "reject")
        [dry] = await remediation.Runner(ctx, plan).run(dry_run=True)
        assert dry == {"old": pair["old"], "new": pair["new"], "status": "skipped",
                       "detail": remediation.APPROVAL_WITHDRAWN}
        [result] = await remediation.Runner(ctx, plan).run()
        assert result["status"] == "skipped"
        accounts = {a["id"]: a for a in (await list_accounts(ctx))["accounts"]}
        assert "student" in accounts[pair["old"]]["roles"]
        # Skipped at run time: the plan stays unfinished until finished or given up.
        assert [p.id for p in await remediation.unfinished_plans(ctx)] == [plan.id]
        await remediation.give_up(ctx, plan)
        assert await remediation.unfinished_plans(ctx) == []
        assert await ctx.store.activity(action="remediate_give_up")
    finally:
        await ctx.aclose()


async def test_accounts_changed_since_the_review_are_not_touched(tmp_path: Path) -> None:
    """The reviewer saw one identity; a renamed account is somebody else's business now."""
    ctx = await practice_context(tmp_path)
    try:
        pair = student_pairs(await ground_truth_scan(ctx))[0]
        await approve(ctx, [pair])
        plan = await remediation.make_plan(ctx, [pair])
        practice = PracticeClient(ctx.emulator.url, http=ctx.http)
        # The new account is relinked to another eKool person: not the pair reviewed.
        await practice.change_account(pair["new"], ekool_id="ek-usr-8888")
        [result] = await remediation.Runner(ctx, plan).run()
        assert (result["status"], result["detail"]) == ("skipped", remediation.CHANGED_SINCE)
    finally:
        await ctx.aclose()


async def test_the_guard_counts_removals_across_plans(tmp_path: Path) -> None:
    """Nine pupils at a time, each under 10%: the second plan is refused, and said so."""
    ctx = await practice_context(tmp_path)
    try:
        pairs = student_pairs(await ground_truth_scan(ctx))
        await approve(ctx, pairs[:18])
        first = await remediation.make_plan(ctx, pairs[:9])
        assert first.guard() == []
        results = await remediation.Runner(ctx, first).run()
        assert {r["status"] for r in results} == {"done"}

        second = await remediation.make_plan(ctx, pairs[9:18])
        [line] = second.guard_report
        assert (line.recent, line.planned) == (9, 9)
        assert line.students == line.count + (line.students - 18)
        before = await list_accounts(ctx)
        with pytest.raises(remediation.MassChangeRefused, match="last 7 days"):
            await remediation.Runner(ctx, second).run()
        assert await list_accounts(ctx) == before, "refused before any change"
        refused = await ctx.store.activity(action="remediate_guard")
        assert refused and refused[0].result == "refused"
        results = await remediation.Runner(ctx, second).run(allow_mass_change=True)
        assert {r["status"] for r in results} == {"done"}
    finally:
        await ctx.aclose()


async def test_one_runner_per_plan(tmp_path: Path) -> None:
    import asyncio

    ctx = await practice_context(tmp_path)
    sleeper = await asyncio.create_subprocess_exec(sys.executable, "-c",
                                                   "import time; time.sleep(60)")
    try:
        pair = student_pairs(await ground_truth_scan(ctx))[0]
        await approve(ctx, [pair])
        plan = await remediation.make_plan(ctx, [pair])
        saved = json.dumps(plan.to_json())
        # Another process on this computer is running the plan (its heartbeat is fresh).
        other = wal.lease_owner().split("/")
        other[1] = str(sleeper.pid)
        store = ctx.store
        assert await store.call(wal.take_lease, store.store, plan, saved, "/".join(other), 60)
        with pytest.raises(remediation.PlanBusy):
            await remediation.Runner(ctx, plan).run()
        assert await remediation.unfinished_plans(ctx) == [], "nobody is offered a held plan"
        # It dies without letting go: its lease is taken over at once, not after a minute.
        sleeper.kill()
        await sleeper.wait()
        [result] = await remediation.Runner(ctx, plan).run()
        assert result["status"] == "done"
        steps = await ctx.store.activity(action="remediate_step")
        assert len(steps) == len(plan.pairs[0].steps), "each step logged exactly once"
    finally:
        if sleeper.returncode is None:
            sleeper.kill()
            await sleeper.wait()
        await ctx.aclose()


def test_a_plan_held_by_a_running_process_is_refused_on_the_command_line(
        tmp_path: Path) -> None:
    import asyncio

    root = tmp_path / "practice"
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])

    async def hold() -> None:
        ctx = await practice_context(root)
        try:
            pair = student_pairs(await ground_truth_scan(ctx))[0]
            await approve(ctx, [pair])
            plan = await remediation.make_plan(ctx, [pair])
            (tmp_path / "plan.json").write_text(json.dumps(plan.to_json()))
            owner = wal.lease_owner().split("/")
            owner[1] = str(sleeper.pid)
            await ctx.store.call(wal.take_lease, ctx.store.store, plan,
                                 json.dumps(plan.to_json()), "/".join(owner), 120)
        finally:
            await ctx.aclose()

    try:
        asyncio.run(hold())
        for command in ("run", "resume"):
            refused = cli("--practice", str(root), "remediate", command,
                          str(tmp_path / "plan.json"))
            assert refused.returncode == 1
            assert "being carried out by another" in one_line_no_traceback(refused)
    finally:
        sleeper.kill()


@pytest.mark.parametrize("change, message", [
    (lambda p: p["pairs"][0].update(steps=["no_op"]), "steps"),
    (lambda p: p["pairs"][0].update(steps=["remove_student_role", "remove_student_role"]),
     "not a remedy"),
    (lambda p: p.update(students={"opq-sch-1": 100000}), "students"),
    (lambda p: p["pairs"].append(dict(p["pairs"][0])), "listed twice"),
    (lambda p: p.update(version=1), "version"),
])
def test_a_tampered_plan_file_is_refused(tmp_path: Path, change, message) -> None:
    plan = {"id": "3c3c7099-ebf0-4938-ba0f-7c961d7b9a30", "created_at": "2026-11-29T09:00:00",
            "version": 2, "pools_before": {}, "pools_after": {},
            "pairs": [{"old": "opq-usr-1", "new": "opq-usr-2", "kind": "student",
                       "score": 1.0, "school_id": "opq-sch-1", "ehis": "1",
                       "steps": ["remove_student_role"], "skip": ""}]}
    remediation.Plan.from_json(json.loads(json.dumps(plan)))  # the untouched one is fine
    change(plan)
    with pytest.raises(remediation.PlanError, match=message):
        remediation.Plan.from_json(plan, "plan.json")
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan), encoding="utf-8")
    refused = cli("--practice", str(tmp_path / "p"), "remediate", "run", str(path))
    assert refused.returncode == 2
    assert one_line_no_traceback(refused).startswith("opiq-admin: ")


async def test_practice_control_changes_an_account_as_opiq_would(
        fresh_emulator: EmbeddedServer) -> None:
    async with httpx.AsyncClient(timeout=30) as http:
        practice = PracticeClient(fresh_emulator.url, http=http)
        changed = await practice.change_account("opq-usr-2", roles=["teacher"])
        assert changed["roles"] == ["teacher"] and not changed["has_license"], \
            "losing the student role frees the licence"
        changed = await practice.change_account("opq-usr-2", roles=["student"],
                                                has_license=True, ekool_id="ek-usr-3")
        assert changed["has_license"] and changed["ekool_id"] == "ek-usr-3"
        assert changed["id_code"], "a linked account learns its ID code from eKool"
        taken = await http.patch(f"{fresh_emulator.url}/practice/opiq/users/opq-usr-3",
                                 json={"ekool_id": "ek-usr-3"})
        assert taken.status_code == 409 and taken.json()["error"]["code"] == "already_linked"
        unknown = await http.patch(f"{fresh_emulator.url}/practice/opiq/users/opq-usr-3",
                                   json={"colour": "blue"})
        assert unknown.status_code == 400 or unknown.status_code == 422


async def test_a_stopped_run_stays_unfinished_and_a_lapsed_lease_is_taken(tmp_path: Path
                                                                         ) -> None:
    ctx = await practice_context(tmp_path)
    try:
        pairs = student_pairs(await ground_truth_scan(ctx))[:2]
        await approve(ctx, pairs)
        plan = await remediation.make_plan(ctx, pairs)
        runner = remediation.Runner(ctx, plan)
        runner.cancel()
        results = await runner.run()
        assert {r["status"] for r in results} == {"failed"}
        assert [p.id for p in await remediation.unfinished_plans(ctx)] == [plan.id]

        # A runner on another computer stopped sending heartbeats: its lease runs out.
        store = ctx.store
        assert await store.call(wal.take_lease, store.store, plan, json.dumps(plan.to_json()),
                                "elsewhere/4242/abcd", 1.0)
        assert await remediation.unfinished_plans(ctx) == []
        import asyncio

        await asyncio.sleep(1.1)
        results = await remediation.Runner(ctx, plan).run()
        assert {r["status"] for r in results} == {"done"}
        assert await remediation.unfinished_plans(ctx) == []
    finally:
        await ctx.aclose()
