"""The table of timed steps that the start-up and table benchmarks print."""

from __future__ import annotations

from collections.abc import Iterable

# (step, median, worst, limit or None)
Step = tuple[str, float, float, float | None]


def print_steps(steps: Iterable[Step], unit: str = "", digits: int = 2) -> bool:
    """Print each step's median and worst beside its limit; whether every limit held."""
    head = f" {unit}" if unit else ""
    width = 8 + len(head)
    print(f"{'step':<36} {'median' + head:>{width}} {'worst' + head:>{width}} {'limit':>7}")
    within = True
    for step, median, worst, limit in steps:
        mark = ""
        if limit:
            ok = worst <= limit
            within = within and ok
            mark = "ok" if ok else "SLOW"
        print(f"{step:<36} {median:>{width}.{digits}f} {worst:>{width}.{digits}f} "
              f"{limit or '':>7} {mark}")
    return within
