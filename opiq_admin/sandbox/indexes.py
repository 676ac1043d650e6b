"""The lookups a `World` keeps beside its entities, and the one way to change a licence.

`rebuild_index` derives them from the entities (on load, and for a world made by hand);
the operations of `logic` and the seed generator then keep them current, so that no
operation scans every account or journal of a world with a quarter of a million accounts.
"""

from __future__ import annotations

from collections import Counter

from opiq_admin.sandbox.model import OpiqAccount, World


def next_id(prefix: str, existing: dict) -> str:
    """The next free id with a prefix; ids are dense, so the count is a good start."""
    n = len(existing) + 1
    while f"{prefix}-{n}" in existing:
        n += 1
    return f"{prefix}-{n}"


def licences_assigned(world: World, school_id: str) -> int:
    return world.licences_held[school_id]


def licence_pool(world: World, school_id: str) -> dict[str, int]:
    total = world.opiq_schools[school_id].licence_total
    assigned = licences_assigned(world, school_id)
    return {"total": total, "assigned": assigned, "free": max(total - assigned, 0)}


def set_licence(world: World, account: OpiqAccount, school_id: str) -> None:
    """Gives the account the school's licence ("" takes it back), keeping the pool counts."""
    if account.licence_school_id:
        world.licences_held[account.licence_school_id] -= 1
    if school_id:
        world.licences_held[school_id] += 1
    account.licence_school_id = school_id


def rebuild_index(world: World) -> None:
    """Derives the lookups the operations keep up to date from the entities themselves."""
    world.linked = {a.ekool_id: a.id for a in world.opiq_accounts.values() if a.ekool_id}
    world.licences_held = Counter(
        a.licence_school_id for a in world.opiq_accounts.values() if a.licence_school_id)
    world.transferred = {j.ekool_class_id: j.id for j in world.opiq_journals.values()
                         if j.ekool_class_id}
