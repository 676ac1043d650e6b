"""eKool: a OneRoster 1.2 rostering API, the signed-in person, and the school profile.

Lists show only the schools of the reader: the signed-in person's, as eKool does, or the
roster client's (`roster_auth`). The roster's answers are the 1.2 types exactly (the tests
validate them against JSON schemas written from the official OpenAPI document); what eKool
adds is in `metadata` under `ee.` keys, and `/api/me` and the profile are eKool's own calls.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response

from opiq_admin.sandbox import logic, roster, roster_auth, views
from opiq_admin.sandbox.logic import DomainError
from opiq_admin.sandbox.model import EkoolJournal, World
from opiq_admin.sandbox.routes_common import (
    READ_ERRORS,
    WRITE_ERRORS,
    IdempotencyKey,
    Limit,
    Offset,
    ekool_actor,
    paged,
    sandbox,
)
from opiq_admin.sandbox.schemas import (
    AcademicSessionList,
    AcademicSessionOne,
    ClassList,
    ClassOne,
    CourseList,
    CourseOne,
    DemographicsList,
    DemographicsOne,
    EkoolMe,
    EnrollmentList,
    EnrollmentOne,
    Org,
    OrgList,
    OrgOne,
    ProfileBody,
    UserList,
    UserOne,
)

router = APIRouter(prefix="/ekool", tags=["ekool"])
ROSTER = "/ims/oneroster/rostering/v1p2"
Actor = Annotated[str, Depends(ekool_actor)]
Filter = Annotated[str | None, Query(
    max_length=500, description="OneRoster 1.2 filter: field op 'value' (op = != > >= < <= ~), "
    "joined by AND or OR, e.g. dateLastModified>'2026-09-01T00:00:00Z'")]
Sort = Annotated[str | None, Query(max_length=100, description="The field to sort by")]
OrderBy = Annotated[Literal["asc", "desc"] | None, Query(alias="orderBy",
                                                         description="asc or desc")]
Fields = Annotated[str | None, Query(max_length=1000,
                                     description="Comma-separated fields to return")]
Reader = Annotated[roster_auth.Reader, Depends(roster_auth.roster_reader)]


def _classes(world: World, orgs: list[str]) -> list[EkoolJournal]:
    wanted = set(orgs)
    return [c for c in world.ekool_journals.values() if c.school_id in wanted]


def _base(request: Request) -> str:
    """The roster's own address, for the `href` of references."""
    return str(request.base_url).rstrip("/") + router.prefix + ROSTER


def _people(world: World, ids: Iterable[str], base: str) -> list[dict[str, Any]]:
    return [views.user(world, world.ekool_people[i], base) for i in ids
            if i in world.ekool_people]


@router.get("/api/me", response_model=EkoolMe, responses=READ_ERRORS)
async def get_me(request: Request, actor: Actor) -> JSONResponse:
    world = sandbox(request).world
    return JSONResponse(views.ekool_me(world, world.ekool_people[actor]))


@router.put("/api/schools/{org_id}/profile", response_model=Org, responses=WRITE_ERRORS)
async def put_profile(request: Request, actor: Actor, org_id: str, body: ProfileBody,
                      idempotency_key: IdempotencyKey = None) -> Response:
    """The school profile page: the school's administrator sets its EHIS code."""
    sb = sandbox(request)

    def act() -> tuple[int, object, logic.Changes]:
        changes = logic.set_ehis_code(sb.world, actor, org_id, body.ehis_code)
        return 200, views.org(sb.world, sb.world.ekool_schools[org_id]), changes
    return sb.mutate(request, act)


# --- OneRoster 1.2 rostering --------------------------------------------------------------
# Every collection takes limit/offset/sort/orderBy/filter/fields; the readers are a signed-in
# eKool person (their schools) or the roster client (the practice administrator's schools).

Rows = Callable[[World, roster_auth.Reader, str], list[dict[str, Any]]]


def _query(kind: str, filter_: str | None, sort: str | None, order_by: str | None,
           fields: str | None, rows: list[dict[str, Any]]
           ) -> tuple[list[dict[str, Any]], list[str] | None]:
    try:
        chosen = roster.apply(rows, roster.FIELDS[kind], filter_=filter_, sort=sort,
                              order_by=order_by)
        return chosen, roster.parse_fields(fields, roster.FIELDS[kind])
    except roster.QueryError as exc:
        raise DomainError(400, exc.minor, exc.message) from None


def _allowed(reader: roster_auth.Reader, scope: str = roster.SCOPE_CORE) -> None:
    if not reader.may(scope):
        raise DomainError(403, "forbidden", "The token's scopes do not open this collection.")


def _collection(request: Request, reader: roster_auth.Reader, envelope: str, kind: str,
                rows: Rows, limit: int, offset: int, filter_: str | None, sort: str | None,
                order_by: str | None, fields: str | None,
                scope: str = roster.SCOPE_CORE) -> JSONResponse:
    _allowed(reader, scope)
    records = rows(sandbox(request).world, reader, _base(request))
    chosen, selected = _query(kind, filter_, sort, order_by, fields, records)
    return paged(request, chosen, limit, offset, envelope,
                 render=lambda record: roster.select(record, selected))


def _one(request: Request, reader: roster_auth.Reader, envelope: str, kind: str,
         rows: Rows, sourced_id: str, fields: str | None, what: str,
         scope: str = roster.SCOPE_CORE) -> JSONResponse:
    _allowed(reader, scope)
    found = next((r for r in rows(sandbox(request).world,
                                  dataclasses.replace(reader, only=sourced_id), _base(request))
                  if r["sourcedId"] == sourced_id), None)
    if found is None:
        raise DomainError(404, "not_found", f"{what} {sourced_id} not found.")
    _, selected = _query(kind, None, None, None, fields, [])
    return JSONResponse({envelope: roster.select(found, selected)})


def _visible_people(world: World, reader: roster_auth.Reader) -> list[Any]:
    orgs = set(reader.orgs)
    wanted = reader.only
    people = world.ekool_people.values() if wanted is None else \
        [world.ekool_people[wanted]] if wanted in world.ekool_people else []
    return [p for p in people if orgs.intersection(p.roles)]


def _org_rows(world: World, reader: roster_auth.Reader, base: str) -> list[dict[str, Any]]:
    return [views.org(world, world.ekool_schools[o]) for o in reader.orgs]


def _user_rows(world: World, reader: roster_auth.Reader, base: str) -> list[dict[str, Any]]:
    return [views.user(world, p, base) for p in _visible_people(world, reader)]


def _demographic_rows(world: World, reader: roster_auth.Reader, base: str
                      ) -> list[dict[str, Any]]:
    return [views.demographics(world, p) for p in _visible_people(world, reader)]


def _reader_classes(world: World, reader: roster_auth.Reader) -> list[EkoolJournal]:
    """The reader's classes; for one record, only the class it is or belongs to."""
    wanted = reader.only
    if wanted is None:
        return _classes(world, list(reader.orgs))
    cls = world.ekool_journals.get(wanted.split(":", 1)[0])
    return [cls] if cls is not None and cls.school_id in reader.orgs else []


def _class_rows(world: World, reader: roster_auth.Reader, base: str) -> list[dict[str, Any]]:
    return [views.klass(world, c, base) for c in _reader_classes(world, reader)]


def _course_rows(world: World, reader: roster_auth.Reader, base: str) -> list[dict[str, Any]]:
    courses: dict[str, dict[str, Any]] = {}
    for cls in _classes(world, list(reader.orgs)):
        courses.setdefault(views.course_id(cls), views.course(world, cls, base))
    return list(courses.values())


def _enrollment_rows(world: World, reader: roster_auth.Reader, base: str
                     ) -> list[dict[str, Any]]:
    return [e for c in _reader_classes(world, reader)
            for e in views.enrollments(world, c, base)]


def _session_rows(world: World, reader: roster_auth.Reader, base: str
                  ) -> list[dict[str, Any]]:
    return [views.school_year(world)]


def _register(path: str, envelope: str, single: str, kind: str, rows: Rows, what: str,
              list_model: Any, one_model: Any, scope: str = roster.SCOPE_CORE) -> None:
    """A collection at `path` and its items at `path/{sourcedId}`."""

    async def collection(request: Request, reader: Reader, limit: Limit = 100,
                         offset: Offset = 0, filter: Filter = None, sort: Sort = None,
                         order_by: OrderBy = None, fields: Fields = None) -> JSONResponse:
        return _collection(request, reader, envelope, kind, rows, limit, offset, filter, sort,
                           order_by, fields, scope)

    async def item(request: Request, reader: Reader, sourced_id: str,
                   fields: Fields = None) -> JSONResponse:
        return _one(request, reader, single, kind, rows, sourced_id, fields, what, scope)

    name = path.strip("/").replace("/", "_")
    router.add_api_route(ROSTER + path, collection, methods=["GET"], response_model=list_model,
                         responses=READ_ERRORS, name=f"oneroster_{name}")
    router.add_api_route(ROSTER + path + "/{sourced_id}", item, methods=["GET"],
                         response_model=one_model, responses=READ_ERRORS,
                         name=f"oneroster_{name}_one")


_register("/orgs", "orgs", "org", "orgs", _org_rows, "Org", OrgList, OrgOne)
# Every org eKool shows is a school, so 1.2's /schools gives what /orgs gives.
_register("/schools", "orgs", "org", "orgs", _org_rows, "School", OrgList, OrgOne)
_register("/users", "users", "user", "users", _user_rows, "User", UserList, UserOne)
_register("/classes", "classes", "class", "classes", _class_rows, "Class", ClassList,
          ClassOne)
_register("/courses", "courses", "course", "courses", _course_rows, "Course", CourseList,
          CourseOne)
_register("/enrollments", "enrollments", "enrollment", "enrollments", _enrollment_rows,
          "Enrollment", EnrollmentList, EnrollmentOne)
_register("/academicSessions", "academicSessions", "academicSession", "academicSessions",
          _session_rows, "Academic session", AcademicSessionList, AcademicSessionOne)
_register("/demographics", "demographics", "demographics", "demographics", _demographic_rows,
          "Demographics", DemographicsList, DemographicsOne, roster.SCOPE_DEMOGRAPHICS)


@router.get(ROSTER + "/schools/{org_id}/classes", response_model=ClassList,
            responses=READ_ERRORS)
async def school_classes(request: Request, reader: Reader, org_id: str, limit: Limit = 100,
                         offset: Offset = 0, filter: Filter = None, sort: Sort = None,
                         order_by: OrderBy = None, fields: Fields = None) -> JSONResponse:
    if org_id not in reader.orgs:
        raise DomainError(404, "not_found", f"School {org_id} not found.")

    def rows(world: World, reader: roster_auth.Reader, base: str) -> list[dict[str, Any]]:
        return [views.klass(world, c, base) for c in _classes(world, [org_id])]
    return _collection(request, reader, "classes", "classes", rows, limit, offset, filter,
                       sort, order_by, fields)


def _members(request: Request, reader: roster_auth.Reader, class_id: str, role: str,
             limit: int, offset: int, filter_: str | None, sort: str | None,
             order_by: str | None, fields: str | None) -> JSONResponse:
    """The pupils or the teachers of a class the reader can see."""
    cls = sandbox(request).world.ekool_journals.get(class_id)
    if cls is None or cls.school_id not in reader.orgs:
        raise DomainError(404, "not_found", f"Class {class_id} not found.")
    ids = cls.student_ids if role == "student" else cls.teacher_ids

    def rows(world: World, reader: roster_auth.Reader, base: str) -> list[dict[str, Any]]:
        return _people(world, ids, base)
    return _collection(request, reader, "users", "users", rows, limit, offset, filter_, sort,
                       order_by, fields)


@router.get(ROSTER + "/classes/{class_id}/students", response_model=UserList,
            responses=READ_ERRORS)
async def class_students(request: Request, reader: Reader, class_id: str, limit: Limit = 100,
                         offset: Offset = 0, filter: Filter = None, sort: Sort = None,
                         order_by: OrderBy = None, fields: Fields = None) -> JSONResponse:
    return _members(request, reader, class_id, "student", limit, offset, filter, sort,
                    order_by, fields)


@router.get(ROSTER + "/classes/{class_id}/teachers", response_model=UserList,
            responses=READ_ERRORS)
async def class_teachers(request: Request, reader: Reader, class_id: str, limit: Limit = 100,
                         offset: Offset = 0, filter: Filter = None, sort: Sort = None,
                         order_by: OrderBy = None, fields: Fields = None) -> JSONResponse:
    return _members(request, reader, class_id, "teacher", limit, offset, filter, sort,
                    order_by, fields)
