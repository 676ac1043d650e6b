"""A store a team shares: two processes or people at once on one store (PostgreSQL when
OPIQ_ADMIN_TEST_STORE_URL names one, else one SQLite file) never collide, never do a step
twice, and never write a log entry twice; the audit log cannot be emptied; real data fits."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import uuid
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from opiq_admin.services.config.paths import AppPaths
from opiq_admin.services.config.settings import Settings
from opiq_admin.services.duplicates.decisions import Decided, DecisionRow
from opiq_admin.services.duplicates.decisions import write as write_decisions
from opiq_admin.services.remediation import wal
from opiq_admin.services.store import HEAD_REVISION, Store, open_store

pytestmark = pytest.mark.store
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


# The messages these tests read are the English ones.
PROGRAM = [sys.executable, "-m", "opiq_admin", "--lang", "en"]


def cli(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*PROGRAM, *argv], capture_output=True,
                          text=True, encoding="utf-8", timeout=300, check=False, env=ENV)


def at_once(*commands: list[str]) -> list[subprocess.CompletedProcess[str]]:
    """The commands as processes started together; their results in the same order."""
    processes = [subprocess.Popen([*PROGRAM, *argv], env=ENV,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  encoding="utf-8") for argv in commands]
    results = []
    for argv, process in zip(commands, processes, strict=True):
        out, err = process.communicate(timeout=300)
        results.append(subprocess.CompletedProcess(argv, process.returncode, out, err))
    return results


def together(workers: int, work: Callable[[int], Any]) -> list[Any]:
    """`work(n)` in `workers` threads released at the same moment, each on its own
    connection; what each answered, or raised."""
    barrier = threading.Barrier(workers)
    answers: list[Any] = [None] * workers

    def run(n: int) -> None:
        barrier.wait()
        try:
            answers[n] = work(n)
        except Exception as exc:
            answers[n] = exc

    threads = [threading.Thread(target=run, args=(n,)) for n in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return answers


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


def practice_root(root: Path, store_url: str, **practice_server: Any) -> Path:
    settings = Settings.load(AppPaths.under(root).settings_file)
    settings.set("store_url", store_url)
    if practice_server:
        settings.set("practice_server", practice_server)
    settings.save()
    return root


# -- opening and migrating ------------------------------------------------------------------

def test_simultaneous_first_starts_on_an_empty_store_all_succeed(store_url: str) -> None:
    def first_start(_n: int) -> str | None:
        store = Store(store_url)
        try:
            store.migrate()
            return store.revision()
        finally:
            store.close()

    assert together(4, first_start) == [HEAD_REVISION] * 4


@pytest.mark.parametrize("round_", range(20))
def test_many_stores_opening_one_new_sqlite_file_at_once_all_get_in(tmp_path: Path,
                                                                     round_: int) -> None:
    """A new SQLite file is switched to write-ahead logging by whichever connection comes
    first; SQLite turns the others away at once rather than let them wait (each store here
    has its own engine, as each program has), and they must try again instead of failing
    ("database is locked")."""
    url = f"sqlite:///{(tmp_path / f'new-{round_}.sqlite3').as_posix()}"

    def open_it(_n: int) -> str:
        store = Store(url)
        try:
            with store.engine.connect() as connection:
                return str(connection.exec_driver_sql("PRAGMA journal_mode").scalar())
        finally:
            store.close()

    assert together(8, open_it) == ["wal"] * 8


def test_opening_a_store_at_its_head_does_not_import_alembic(store_url: str,
                                                              tmp_path: Path) -> None:
    open_store(store_url, tmp_path).close()
    probe = ("import sys; from pathlib import Path; "
             "from opiq_admin.services.store import open_store; "
             f"store = open_store({store_url!r}, Path({str(tmp_path)!r})); "
             "store.log('Mari', 'sign_in', 'ok'); "
             "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))")
    shown = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                           check=True, env=ENV)
    assert shown.stdout.strip() == "[]", shown.stdout


def test_downgrade_then_upgrade_works(store_url: str) -> None:
    store = Store(store_url)
    try:
        store.migrate()
        store.log("Mari", "sign_in", "ok")
        store.migrate("0003")
        store.migrate()
        assert [e.action for e in store.activity()] == ["sign_in"]
        store.migrate("base")
        assert store.revision() is None
        store.migrate()
        assert store.revision() == HEAD_REVISION
        store.log("Mari", "sign_in", "ok")
        with store.engine.begin() as conn, pytest.raises(DBAPIError, match="append-only"):
            conn.exec_driver_sql("DELETE FROM activity_log")
    finally:
        store.close()


def test_the_activity_log_cannot_be_emptied(store_url: str) -> None:
    store = Store(store_url)
    store.migrate()
    store.log("Mari", "remediate_step", "ok", target="opq-usr-2")
    statements = ["UPDATE activity_log SET result = 'failed'", "DELETE FROM activity_log"]
    if store.dialect == "postgresql":
        statements.append("TRUNCATE activity_log")
    for statement in statements:
        with store.engine.begin() as conn, pytest.raises(DBAPIError, match="append-only"):
            conn.exec_driver_sql(statement)
    assert [e.result for e in store.activity()] == ["ok"]
    store.close()


def test_long_names_and_paths_fit(store_url: str) -> None:
    school = "Tallinna Kesklinna Vene Gümnaasiumi ja Põhikooli Täiskasvanute Õppe Osakond"
    assert len(school) > 62
    path = "C:\\Users\\Õie Sööt\\" + "Dokumendid\\" * 30 + "plaan.json"
    store = Store(store_url)
    store.migrate()
    store.log("Õie Sööt-Kõrvemaa " * 15, "remediate_plan", "ok", school=school, target=path)
    write_decisions(store, [Decided(DecisionRow(0, "opq-usr-" + "1" * 150, "opq-usr-2",
                                                "approved"), school=school)], "Õie " * 80)
    store.put_snapshots("journal", "opq-sch-" + "9" * 120, {"k" * 300: {"name": school}},
                        scope="profile/opiq/" + "x" * 300)
    [entry] = store.activity(action="remediate_plan")
    assert entry.school == school and entry.target == path
    store.close()


def test_an_unreachable_store_is_one_line(tmp_path: Path) -> None:
    root = practice_root(tmp_path / "p", "postgresql+psycopg://mari:s3cret@127.0.0.1:9/opiq")
    result = cli("--practice", str(root), "activity", "list")
    assert result.returncode == 1
    line = one_line(result)
    assert "cannot be reached" in line and "127.0.0.1:9" in line and "s3cret" not in line


# -- many writers at once -------------------------------------------------------------------

def test_insert_or_update_writes_never_collide(store_url: str) -> None:
    """Snapshots, sync state and review decisions written by four writers at once, over
    and over, on the same keys: no unique-key error, and the last word of each kept."""
    Store(store_url).migrate()
    stores = [Store(store_url) for _ in range(4)]

    def write(n: int) -> int:
        store = stores[n]
        for round_ in range(15):
            store.put_snapshots("ekool_enrollment", "*", {f"e{k}": {"n": n, "round": round_}
                                                          for k in range(20)},
                                replace=round_ % 2 == 0, scope="practice/ekool/ek-usr-1")
            write_decisions(store, [Decided(DecisionRow(0, "opq-usr-2", "opq-usr-9",
                                                        "approved", f"{n}/{round_}"))],
                            f"admin {n}")
        return n

    try:
        assert together(4, write) == [0, 1, 2, 3]
        kept = stores[0].snapshots("ekool_enrollment", "*", scope="practice/ekool/ek-usr-1")
        assert set(kept) == {f"e{k}" for k in range(20)}
        assert len(stores[0].decisions()) == 1
        assert len(stores[0].activity(action="review_approve")) == 60
    finally:
        for store in stores:
            store.close()


def test_of_two_runners_starting_a_plan_at_once_one_takes_it(store_url: str) -> None:
    Store(store_url).migrate()
    stores = [Store(store_url) for _ in range(2)]
    try:
        for _ in range(10):
            plan = type("Plan", (), {"id": str(uuid.uuid4()), "created_at": "2026-09-01"})()
            owners = [wal.lease_owner() for _ in stores]
            taken = together(2, lambda n, plan=plan, owners=owners: wal.take_lease(
                stores[n], plan, "{}", owners[n], 60))
            assert sorted(taken) == [False, True], taken
    finally:
        for store in stores:
            store.close()


def test_a_step_answered_done_is_never_sent_again(store_url: str) -> None:
    store = Store(store_url)
    store.migrate()
    entry = wal.LogEntry("Mari", "remediate_step", "12345", "opq-usr-2")
    assert wal.mark_sending(store, "p1", 0, "remove_student_role", "k1", "opq-sch-1",
                            "opq-usr-2")
    assert wal.mark_sending(store, "p1", 0, "remove_student_role", "k1", "opq-sch-1",
                            "opq-usr-2"), "sent but unanswered: sent again, same key"
    wal.mark_answered(store, "p1", "k1", "done", "remove_student_role", entry)
    assert not wal.mark_sending(store, "p1", 0, "remove_student_role", "k1", "opq-sch-1",
                                "opq-usr-2")
    assert wal.step_states(store, "p1") == {"k1": "done"}
    assert len(store.activity(action="remediate_step")) == 1
    store.close()


# -- caches are the signed-in person's ------------------------------------------------------

async def test_the_enrollment_cache_is_the_signed_in_persons(ctx) -> None:
    from opiq_admin.services import journals

    await journals.sync(ctx)
    mine = ctx.ekool.cache_scope
    assert mine.startswith("practice/ekool/") and mine != "practice/ekool/"
    assert await ctx.store.snapshots("ekool_enrollment", "*", scope=mine)
    # Someone else's sync on the same store is not this person's cache, nor theirs this.
    assert await ctx.store.snapshots("ekool_enrollment", "*",
                                     scope="practice/ekool/ek-usr-2") == {}
    assert await ctx.store.snapshots("ekool_enrollment", "*") == {}


# -- the headless audit trail ---------------------------------------------------------------

def test_activity_list_reads_the_log_without_signing_in(tmp_path: Path, store_url: str
                                                        ) -> None:
    root = practice_root(tmp_path / "p", store_url)
    store = open_store(store_url, tmp_path)
    store.log("Mari Maasikas", "review_approve", "ok", school="12345",
              target="Kätlin Õunapuu (opq-usr-2) → Kätlin Õunapuu (opq-usr-9)")
    with store.engine.begin() as conn:  # an entry of an earlier day, as the log keeps it
        conn.execute(text("INSERT INTO activity_log (at, actor, action, school, target, "
                          "result, detail) VALUES ('2026-01-05T09:00:00+00:00', 'Jüri', "
                          "'sign_in', '', '', 'ok', '')"))
    store.close()

    listed = cli("--practice", str(root), "activity", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    entries = json.loads(listed.stdout)["activity"]
    assert [e["action"] for e in entries] == ["review_approve", "sign_in"], "log order"
    assert {"at", "actor", "action", "target", "result", "school", "detail"} <= set(entries[0])
    assert entries[0]["target"].startswith("Kätlin Õunapuu")

    recent = cli("--practice", str(root), "activity", "list", "--since", "2026-02-01")
    assert recent.returncode == 0, recent.stderr
    assert "Mari Maasikas\treview_approve [12345]\tKätlin" in recent.stderr
    assert "sign_in" not in recent.stderr

    bad = cli("--practice", str(root), "activity", "list", "--since", "eile")
    assert bad.returncode == 2 and "--since 'eile'" in one_line(bad)


# -- two administrators, two processes, one store -------------------------------------------

@pytest.mark.slow
def test_two_admins_decide_plan_and_run_one_plan_at_once(tmp_path: Path, store_url: str
                                                         ) -> None:
    """Two administrators, each a process with a practice server of its own (the same
    practice world), on one store: both decide the same pairs, both plan, and both run the
    first one's plan at the same moment. One runs it; the other refuses in one line, or,
    starting after the first finished, finds every step done and sends none. No error, no
    step sent twice (the second server is untouched), no log entry written twice."""
    roots = [practice_root(tmp_path / name, store_url) for name in ("mari", "juri")]

    # Both start at once on an empty store: both migrate it, neither fails.
    scans = at_once(*[["--practice", str(r), "duplicates", "scan", "--json"] for r in roots])
    assert [s.returncode for s in scans] == [0, 0], [s.stderr for s in scans]
    pairs = [p for p in json.loads(scans[0].stdout)["pairs"] if p["kind"] == "student"][:4]
    assert len(pairs) == 4 and all(p in json.loads(scans[1].stdout)["pairs"] for p in pairs)
    scan_file = tmp_path / "scan.json"
    scan_file.write_text(json.dumps({"pairs": pairs}), encoding="utf-8")
    decisions = tmp_path / "decisions.csv"
    decisions.write_text("old,new,decision,note\r\n" + "".join(
        f"{p['old']},{p['new']},approve,sama inimene\r\n" for p in pairs), encoding="utf-8")

    decided = at_once(*[["--practice", str(r), "duplicates", "decide", "--file",
                         str(decisions)] for r in roots])
    assert [d.returncode for d in decided] == [0, 0], [d.stderr for d in decided]
    plans = [tmp_path / f"plan-{r.name}.json" for r in roots]
    planned = at_once(*[["--practice", str(r), "remediate", "plan", "--pairs", str(scan_file),
                         "--out", str(plan)] for r, plan in zip(roots, plans, strict=True)])
    assert [p.returncode for p in planned] == [0, 0], [p.stderr for p in planned]
    plan = json.loads(plans[0].read_text(encoding="utf-8"))
    assert sum(1 for p in plan["pairs"] if p["steps"]) == 4

    for root in roots:  # a server slow to answer: the two runs overlap
        practice_root(root, store_url, latency_ms=100)
    runs = at_once(*[["--practice", str(r), "remediate", "run", str(plans[0]),
                      "--allow-mass-change", "--json"] for r in roots])
    for run in runs:
        assert "Traceback" not in run.stderr and "internal error" not in run.stderr, run.stderr
        if run.returncode != 0:
            assert run.returncode == 1 and "being carried out by another" in one_line(run)
        else:
            assert {r["status"] for r in json.loads(run.stdout)["results"]} == {"done"}
    assert 0 in [run.returncode for run in runs], [run.stderr for run in runs]

    # Every step sent exactly once: the winner's server has every pair remedied, the
    # other server none (its process refused, or found every step done and sent nothing).
    for root in roots:
        practice_root(root, store_url, latency_ms=0)
    worlds = [{a["id"]: a for a in json.loads(listed.stdout)["accounts"]}
              for listed in at_once(*[["--practice", str(r), "accounts", "list", "--json"]
                                      for r in roots])]
    changed = [all("student" not in w[p["old"]]["roles"] and w[p["new"]]["has_license"]
                   for p in pairs) for w in worlds]
    untouched = [all("student" in w[p["old"]]["roles"] for p in pairs) for w in worlds]
    assert sorted(zip(changed, untouched, strict=True)) == [(False, True), (True, False)]

    store = Store(store_url)
    try:
        states = wal.step_states(store, plan["id"])
        assert len(states) == sum(len(p["steps"]) for p in plan["pairs"])
        assert set(states.values()) == {"done"}
    finally:
        store.close()
    listed = cli("--practice", str(roots[1]), "activity", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    entries = json.loads(listed.stdout)["activity"]
    steps = Counter((e["target"], e["detail"]) for e in entries
                    if e["action"] == "remediate_step")
    assert len(steps) == sum(len(p["steps"]) for p in plan["pairs"])
    assert set(steps.values()) == {1}, "no step logged twice"
    remedied = Counter(e["target"] for e in entries if e["action"] == "remediate_pair")
    assert len(remedied) == 4 and set(remedied.values()) == {1}, "no pair logged twice"
    approvals = Counter(e["actor"] for e in entries if e["action"] == "review_approve")
    assert sum(approvals.values()) == 8, "each admin's decisions logged once each"
