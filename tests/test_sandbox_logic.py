"""The lookups `World` keeps beside its entities stay what a rebuild would make of them."""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import small_world

from opiq_admin.sandbox import logic
from opiq_admin.sandbox.indexes import licence_pool, rebuild_index
from opiq_admin.sandbox.model import World

ADMIN = "opq-usr-1"


def _indexes(world: World) -> tuple[dict[str, str], Counter[str], dict[str, str]]:
    return dict(world.linked), +world.licences_held, dict(world.transferred)


def _assert_kept(world: World) -> None:
    kept = _indexes(world)
    rebuild_index(world)
    assert kept == _indexes(world)


@pytest.fixture
def world() -> World:
    world = small_world()
    rebuild_index(world)
    logic.enable_integration(world, ADMIN, "opq-sch-1", "ek-usr-1")
    return world


def test_licence_counts_follow_every_change_of_a_licence(world: World) -> None:
    assert licence_pool(world, "opq-sch-1") == {"total": 4, "assigned": 1, "free": 3}
    journal = logic.transfer_journal(world, "ek-jnl-1", "Matemaatika 7", world.clock)
    _assert_kept(world)
    assert licence_pool(world, "opq-sch-1")["free"] == 0
    logic.remove_role(world, ADMIN, "opq-sch-1", journal.student_ids[0], "student")
    _assert_kept(world)
    assert licence_pool(world, "opq-sch-1")["free"] == 1
    unlicensed = world.opiq_accounts[journal.student_ids[-1]]
    assert not unlicensed.licence_school_id
    logic.assign_licence(world, ADMIN, "opq-sch-1", unlicensed.id)
    _assert_kept(world)
    assert licence_pool(world, "opq-sch-1")["free"] == 0


def test_a_deleted_journal_can_be_transferred_again(world: World) -> None:
    first = logic.transfer_journal(world, "ek-jnl-2", "Klass", world.clock)
    assert world.transferred == {"ek-jnl-2": first.id}
    with pytest.raises(logic.DomainError) as refused:
        logic.transfer_journal(world, "ek-jnl-2", "Klass", world.clock)
    assert refused.value.code == "already_transferred" and first.id in refused.value.message
    logic.delete_journal(world, ADMIN, first.id)
    _assert_kept(world)
    second = logic.transfer_journal(world, "ek-jnl-2", "Klass", world.clock)
    logic.refresh_journal(world, second.id)
    _assert_kept(world)
    assert world.transferred == {"ek-jnl-2": second.id}
