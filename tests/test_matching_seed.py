"""The scan on the emulator's own generated worlds, against the generator's ground truth."""

from __future__ import annotations

from opiq_admin.bench.duplicates import world_records
from opiq_admin.sandbox.seed import generate
from opiq_admin.services.duplicates.matching import scan


def _counts(worlds) -> tuple[int, int, int]:
    truth_total = proposed_total = hits = 0
    for world in worlds:
        result = scan(world_records(world))
        truth = {(d.old, d.new) for d in world.duplicates}
        proposed = {(p.old, p.new) for p in result.pairs}
        truth_total += len(truth)
        proposed_total += len(proposed)
        hits += len(truth & proposed)
        olds = [p.old for p in result.pairs]
        news = [p.new for p in result.pairs]
        assert len(set(olds)) == len(olds) and len(set(news)) == len(news)
        kinds = {(d.old, d.new): d.kind for d in world.duplicates}
        assert all(p.kind == kinds[p.old, p.new] for p in result.pairs
                   if (p.old, p.new) in kinds)
    return truth_total, proposed_total, hits


def test_default_worlds_reach_precision_and_recall():
    truth, proposed, hits = _counts(generate(seed) for seed in range(1, 21))
    assert truth > 300
    assert hits / proposed >= 0.99
    assert hits / truth >= 0.95


def test_larger_worlds_reach_precision_and_recall():
    truth, proposed, hits = _counts(generate(seed, schools=10, students=4000)
                                    for seed in range(5, 11))
    assert truth > 3000
    assert hits / proposed >= 0.99
    assert hits / truth >= 0.95


def test_records_of_a_world_carry_school_licence_and_journals():
    world = generate(3)
    records = world_records(world)
    ehis = {s.ehis_id for s in world.opiq_schools.values()}
    assert {r.school for r in records} <= ehis
    assert any(r.journals for r in records) and any(r.has_license for r in records)
    linked = {a.id for a in world.opiq_accounts.values() if a.ekool_id}
    assert {r.id for r in records if r.linked} == linked & {r.id for r in records}
