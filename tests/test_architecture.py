"""The shape of the house, checked: feature folders of a readable size, no import cycle
between any two modules (function-level and type-checking imports included), and every
service says what it needs."""

from __future__ import annotations

import re
from pathlib import Path

import grimp

PACKAGE = Path(__file__).resolve().parent.parent / "opiq_admin"


def test_no_more_than_twelve_modules_directly_in_ui_or_services() -> None:
    for folder in ("ui", "services"):
        modules = sorted(p.name for p in (PACKAGE / folder).glob("*.py"))
        assert len(modules) <= 12, (folder, modules)


def test_no_import_cycle_between_modules() -> None:
    graph = grimp.build_graph("opiq_admin")
    edges = {m: graph.find_modules_directly_imported_by(m) for m in graph.modules}
    # Tarjan's strongly connected components, iteratively.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    cycles: list[list[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    cycles.append(sorted(component))
    assert cycles == []


def test_no_function_takes_the_whole_context_untyped() -> None:
    untyped = [f"{path.relative_to(PACKAGE)}:{n}"
               for path in PACKAGE.rglob("*.py")
               for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
               if re.search(r"\bctx: Any\b", line)]
    assert untyped == []
