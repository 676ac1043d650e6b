"""The emulator's answers are built by hand in views.py and described for the OpenAPI
document in schemas.py; this keeps the two from drifting apart: every view, on the seeded
world, validates against its schema with exactly the schema's fields."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel

from opiq_admin.sandbox import schemas, views
from opiq_admin.sandbox.seed import generate

WORLD = generate()


def fields(model: type[BaseModel]) -> set[str]:
    return {f.alias or name for name, f in model.model_fields.items()}


def check(model: type[BaseModel], documents: list[dict[str, Any]]) -> None:
    """Every field the schema requires, and none it does not state. A field with a default
    may be left out: OneRoster 1.2 leaves an unknown optional field out rather than null."""
    assert documents
    required = {f.alias or name for name, f in model.model_fields.items() if f.is_required()}
    for document in documents:
        model.model_validate(document)
        assert required <= set(document) <= fields(model), (
            model.__name__, required - set(document), set(document) - fields(model))


def test_opiq_views_match_their_schemas() -> None:
    school_id = next(iter(WORLD.opiq_schools))
    accounts = [a for a in WORLD.opiq_accounts.values() if school_id in a.roles][:50]
    check(schemas.Account, [views.account(WORLD, a, school_id) for a in accounts])
    check(schemas.OpiqMe, [views.me(WORLD.opiq_accounts[WORLD.admin_opiq_id])])
    check(schemas.School, [views.school(WORLD, s) for s in WORLD.opiq_schools])
    check(schemas.Journal, [views.journal(j) for j in WORLD.opiq_journals.values()])


@pytest.mark.parametrize("kind", ["org", "user", "class", "enrollment", "me"])
def test_ekool_views_match_their_schemas(kind: str) -> None:
    people = list(WORLD.ekool_people.values())[:50]
    journals = list(WORLD.ekool_journals.values())[:20]
    documents = {
        "org": lambda: [views.org(WORLD, s) for s in WORLD.ekool_schools.values()],
        "user": lambda: [views.user(WORLD, p) for p in people],
        "class": lambda: [views.klass(WORLD, j) for j in journals],
        "enrollment": lambda: [e for j in journals for e in views.enrollments(WORLD, j)],
        "me": lambda: [views.ekool_me(WORLD, WORLD.ekool_people[WORLD.admin_ekool_id])],
    }[kind]()
    model = {"org": schemas.Org, "user": schemas.User, "class": schemas.Class,
             "enrollment": schemas.Enrollment, "me": schemas.EkoolMe}[kind]
    check(model, documents)
