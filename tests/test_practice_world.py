"""The practice world a person meets: its clock at today's date, and a journal changed in
eKool since its transfer to rehearse with."""

from __future__ import annotations

import datetime
import json

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


def test_the_practice_world_has_namesakes_a_person_must_tell_apart(tmp_path) -> None:
    from opiq_admin.services.duplicates.matching.engine import scan
    from opiq_admin.services.duplicates.records import read_records

    world = default_world(1, 3, 360)
    namesakes = [a for a in world.opiq_accounts.values() if a.email.endswith("@gmail.com")
                 and not a.ekool_id and not a.id_code]
    assert len(namesakes) >= 2
    rows = [{"id": a.id, "first_name": a.first_name, "last_name": a.last_name,
             "email": a.email, "id_code": a.id_code or None, "birth_date": a.birth_date or None,
             "ekool_id": a.ekool_id or None, "roles": sorted({r for rs in a.roles.values()
                                                              for r in rs}),
             "created_at": a.created_at, "has_license": bool(a.licence_school_id),
             "school": next(iter(a.roles), ""), "journals": []}
            for a in world.opiq_accounts.values() if a.roles]
    path = tmp_path / "accounts.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
                    encoding="utf-8")
    result = scan(read_records(path))
    assert len(result.ambiguous) >= 2
    assert {a.id for a in namesakes} & {c.old for c in result.ambiguous}
