"""Benchmark of the duplicate scan on generated national-scale data.

The scan runs in a child process on a JSON Lines file, exactly as
`opiq-admin duplicates scan --accounts FILE` would, so that the peak memory printed is the
scan's own and not the generator's. Precision and recall count proposed pairs only:
an ambiguous candidate is left to a person and is neither a hit nor a false pair.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from opiq_admin.sandbox.model import World
from opiq_admin.services.duplicates.records import ROLES, AccountRecord


def world_records(world: World) -> list[AccountRecord]:
    """The emulator's Opiq accounts as §4 records: one per (account, school) role pair."""
    journals: dict[tuple[str, str], list[str]] = defaultdict(list)
    for journal in world.opiq_journals.values():
        for account_id in (*journal.teacher_ids, *journal.student_ids):
            journals[account_id, journal.school_id].append(journal.name)
    records = []
    for account in world.opiq_accounts.values():
        for school_id, roles in account.roles.items():
            school = world.opiq_schools.get(school_id)
            records.append(AccountRecord(
                id=account.id,
                first_name=account.first_name,
                last_name=account.last_name,
                email=account.email or None,
                id_code=account.id_code or None,
                birth_date=account.birth_date or None,
                ekool_id=account.ekool_id or None,
                roles=tuple(r for r in roles if r in ROLES),
                created_at=account.created_at,
                has_license=account.licence_school_id == school_id,
                school=school.ehis_id if school else school_id,
                journals=tuple(sorted(set(journals.get((account.id, school_id), ())))),
            ))
    return records


def write_jsonl(records: list[AccountRecord], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record.to_dict(), ensure_ascii=False))
            out.write("\n")


def peak_memory_mib() -> float:
    """Peak resident memory of this process (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def scan_child(path: str, out: str) -> None:
    """Run in the child: read and scan one file, write the result and the costs."""
    from opiq_admin.services.duplicates.matching.engine import scan
    from opiq_admin.services.duplicates.records import read_records

    started = time.perf_counter()
    records = read_records(path)
    read_done = time.perf_counter()
    result = scan(records)
    done = time.perf_counter()
    document = result.to_dict()
    document["bench"] = {"read_seconds": read_done - started, "scan_seconds": done - read_done,
                         "accounts": result.accounts, "records": len(records),
                         "compared": result.compared, "peak_mib": peak_memory_mib()}
    Path(out).write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


def measure(world: World, show: int = 0) -> dict[str, Any]:
    """Scan a world's accounts in a child process and compare with its ground truth."""
    records = world_records(world)
    with tempfile.TemporaryDirectory(prefix="opiq-bench-") as tmp:
        path, out = Path(tmp) / "accounts.jsonl", Path(tmp) / "result.json"
        write_jsonl(records, path)
        command = [sys.executable, "-m", "opiq_admin.bench", "scan-child", str(path), str(out)]
        root = str(Path(__file__).resolve().parents[2])
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            p for p in (root, os.environ.get("PYTHONPATH", "")) if p)}
        subprocess.run(command, check=True, env=env)  # noqa: S603 -- our interpreter, our files
        document = json.loads(out.read_text(encoding="utf-8"))
    truth = {(d.old, d.new) for d in world.duplicates}
    proposed = {(p["old"], p["new"]) for p in document["pairs"]}
    hits = proposed & truth
    report = dict(document["bench"])
    report.update({
        "duplicates": len(truth), "proposed": len(proposed), "ambiguous": len(
            document["ambiguous"]),
        "true_pairs": len(hits),
        "precision": len(hits) / len(proposed) if proposed else 1.0,
        "recall": len(hits) / len(truth) if truth else 1.0,
    })
    if show:
        report["false_pairs"] = [_describe(world, p["old"], p["new"], p)
                                 for p in document["pairs"]
                                 if (p["old"], p["new"]) not in truth][:show]
        ambiguous = {(a["old"], a["new"]) for a in document["ambiguous"]}
        report["missed"] = [_describe(world, o, n, None, (o, n) in ambiguous)
                            for o, n in sorted(truth - proposed)][:show]
    return report


def _describe(world: World, old: str, new: str, pair: dict | None,
              ambiguous: bool = False) -> str:
    a, b = world.opiq_accounts[old], world.opiq_accounts[new]
    text = (f"{old} {a.first_name!r} {a.last_name!r} <{a.email}> {sorted(a.roles.items())} / "
            f"{new} {b.first_name!r} {b.last_name!r} <{b.email}> {sorted(b.roles.items())}")
    if pair:
        text += f" score {pair['score']}: {'; '.join(pair['reasons'])}"
    if ambiguous:
        text += " [ambiguous]"
    return text
