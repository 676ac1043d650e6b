"""The practice world a person meets: its clock at today's date, and a journal changed in
eKool since its transfer to rehearse with."""

from __future__ import annotations

import datetime

from opiq_admin.sandbox.logic import revision
from opiq_admin.sandbox.runtime import default_world


def test_the_practice_world_starts_today_with_one_journal_changed_since_its_transfer() -> None:
    before = datetime.datetime.now(datetime.UTC).date()
    world = default_world(1, 3, 360)
    after = datetime.datetime.now(datetime.UTC).date()
    assert world.clock[:10] in {before.isoformat(), after.isoformat()}
    changed = [j for j in world.opiq_journals.values()
               if j.origin == "ekool" and j.ekool_class_id in world.ekool_journals
               and getattr(j, "ekool_revision", 0) != revision(
                   world.ekool_journals[j.ekool_class_id])]
    assert len(changed) == 1
    # The nightly refresh of the days crossed ran before the change: nothing else waits.
    cls = world.ekool_journals[changed[0].ekool_class_id]
    assert set(cls.student_ids) != set(changed[0].student_ids)
