"""eKool: a OneRoster 1.2 rostering API, the signed-in person, and the school profile.

Lists show only the schools of the signed-in person, as eKool does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response

from opiq_admin.sandbox import logic, views
from opiq_admin.sandbox.clock import later, parse_time
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
    ClassList,
    ClassOne,
    EkoolMe,
    EnrollmentList,
    Org,
    OrgList,
    OrgOne,
    ProfileBody,
    UserList,
)

router = APIRouter(prefix="/ekool", tags=["ekool"])
ROSTER = "/ims/oneroster/rostering/v1p2"
Actor = Annotated[str, Depends(ekool_actor)]
Filter = Annotated[str | None, Query(max_length=200,
                                     description="Only dateLastModified>'ISO 8601 instant'")]
_FILTER = re.compile(r"\s*dateLastModified\s*>\s*'([^']+)'\s*")


def _since(filter_: str | None) -> str | None:
    if filter_ is None:
        return None
    match = _FILTER.fullmatch(filter_)
    if match:
        try:
            parse_time(match.group(1))
            return match.group(1)
        except ValueError:
            pass
    raise DomainError(400, "invalid_filter",
                      "Only filter=dateLastModified>'YYYY-MM-DDTHH:MM:SSZ' is supported.")


def _orgs(world: World, person_id: str) -> list[str]:
    return [o for o in world.ekool_people[person_id].roles if o in world.ekool_schools]


def _delta(items: Iterable[dict[str, Any]], since: str | None) -> list[dict[str, Any]]:
    if since is None:
        return list(items)
    return [item for item in items if later(item["dateLastModified"], since)]


def _classes(world: World, orgs: list[str]) -> list[EkoolJournal]:
    wanted = set(orgs)
    return [c for c in world.ekool_journals.values() if c.school_id in wanted]


def _visible_class(world: World, actor: str, class_id: str) -> EkoolJournal:
    cls = world.ekool_journals.get(class_id)
    if cls is None or cls.school_id not in _orgs(world, actor):
        raise DomainError(404, "not_found", f"Class {class_id} not found.")
    return cls


def _visible_org(world: World, actor: str, org_id: str) -> str:
    if org_id not in _orgs(world, actor):
        raise DomainError(404, "not_found", f"Org {org_id} not found.")
    return org_id


def _people(world: World, ids: Iterable[str]) -> list[dict[str, Any]]:
    return [views.user(world, world.ekool_people[i]) for i in ids if i in world.ekool_people]


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


def _list(request: Request, envelope: str, rows: Callable[[World], list[dict[str, Any]]],
          filter_: str | None, limit: int, offset: int) -> JSONResponse:
    since = _since(filter_)
    return paged(request, _delta(rows(sandbox(request).world), since), limit, offset,
                 envelope)


def _members(request: Request, actor: str, class_id: str, role: str, filter_: str | None,
             limit: int, offset: int) -> JSONResponse:
    """The pupils or the teachers of a class the signed-in person can see."""
    cls = _visible_class(sandbox(request).world, actor, class_id)
    ids = cls.student_ids if role == "student" else cls.teacher_ids
    return _list(request, "users", lambda w: _people(w, ids), filter_, limit, offset)


@router.get(ROSTER + "/orgs", response_model=OrgList, responses=READ_ERRORS)
@router.get(ROSTER + "/schools", response_model=OrgList, responses=READ_ERRORS)
async def list_orgs(request: Request, actor: Actor, limit: Limit = 100, offset: Offset = 0,
                    filter: Filter = None) -> JSONResponse:
    """The person's schools, in the `orgs` envelope: every org here is a school, so
    OneRoster 1.2's `/schools` gives the same as `/orgs`."""
    return _list(request, "orgs", lambda w: [views.org(w, w.ekool_schools[o])
                                             for o in _orgs(w, actor)], filter, limit, offset)


@router.get(ROSTER + "/orgs/{org_id}", response_model=OrgOne, responses=READ_ERRORS)
@router.get(ROSTER + "/schools/{org_id}", response_model=OrgOne, responses=READ_ERRORS)
async def get_org(request: Request, actor: Actor, org_id: str) -> JSONResponse:
    world = sandbox(request).world
    org = world.ekool_schools[_visible_org(world, actor, org_id)]
    return JSONResponse({"org": views.org(world, org)})


@router.get(ROSTER + "/users", response_model=UserList, responses=READ_ERRORS)
async def list_users(request: Request, actor: Actor, limit: Limit = 100, offset: Offset = 0,
                     filter: Filter = None) -> JSONResponse:
    def rows(world: World) -> list[dict[str, Any]]:
        orgs = set(_orgs(world, actor))
        return [views.user(world, p) for p in world.ekool_people.values()
                if orgs.intersection(p.roles)]
    return _list(request, "users", rows, filter, limit, offset)


@router.get(ROSTER + "/classes", response_model=ClassList, responses=READ_ERRORS)
async def list_classes(request: Request, actor: Actor, limit: Limit = 100, offset: Offset = 0,
                       filter: Filter = None) -> JSONResponse:
    return _list(request, "classes", lambda w: [views.klass(w, c) for c in
                                                _classes(w, _orgs(w, actor))],
                 filter, limit, offset)


@router.get(ROSTER + "/classes/{class_id}", response_model=ClassOne, responses=READ_ERRORS)
async def get_class(request: Request, actor: Actor, class_id: str) -> JSONResponse:
    world = sandbox(request).world
    return JSONResponse({"class": views.klass(world, _visible_class(world, actor, class_id))})


@router.get(ROSTER + "/enrollments", response_model=EnrollmentList, responses=READ_ERRORS)
async def list_enrollments(request: Request, actor: Actor, limit: Limit = 100,
                           offset: Offset = 0, filter: Filter = None
                           ) -> JSONResponse:
    def rows(world: World) -> list[dict[str, Any]]:
        return [e for c in _classes(world, _orgs(world, actor))
                for e in views.enrollments(world, c)]
    return _list(request, "enrollments", rows, filter, limit, offset)


@router.get(ROSTER + "/schools/{org_id}/classes", response_model=ClassList,
            responses=READ_ERRORS)
async def school_classes(request: Request, actor: Actor, org_id: str, limit: Limit = 100,
                         offset: Offset = 0, filter: Filter = None
                         ) -> JSONResponse:
    _visible_org(sandbox(request).world, actor, org_id)
    return _list(request, "classes", lambda w: [views.klass(w, c) for c in
                                                _classes(w, [org_id])], filter, limit, offset)


@router.get(ROSTER + "/classes/{class_id}/students", response_model=UserList,
            responses=READ_ERRORS)
async def class_students(request: Request, actor: Actor, class_id: str, limit: Limit = 100,
                         offset: Offset = 0, filter: Filter = None
                         ) -> JSONResponse:
    return _members(request, actor, class_id, "student", filter, limit, offset)


@router.get(ROSTER + "/classes/{class_id}/teachers", response_model=UserList,
            responses=READ_ERRORS)
async def class_teachers(request: Request, actor: Actor, class_id: str, limit: Limit = 100,
                         offset: Offset = 0, filter: Filter = None
                         ) -> JSONResponse:
    return _members(request, actor, class_id, "teacher", filter, limit, offset)
