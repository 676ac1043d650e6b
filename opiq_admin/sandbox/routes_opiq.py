"""Opiq's API under `/opiq/api`: routes translate HTTP to `logic` and back, nothing more."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response

from opiq_admin.sandbox import indexes, logic, views
from opiq_admin.sandbox.logic import DomainError
from opiq_admin.sandbox.routes_common import (
    READ_ERRORS,
    WRITE_ERRORS,
    IdempotencyKey,
    Limit,
    Offset,
    opiq_actor,
    paged,
    sandbox,
)
from opiq_admin.sandbox.schemas import (
    Account,
    AccountPage,
    Activity,
    AssignBody,
    EkoolTokenBody,
    Journal,
    JournalPage,
    JournalPatch,
    Licences,
    OpiqMe,
    RefreshAnswer,
    School,
    SchoolList,
)

router = APIRouter(prefix="/opiq/api", tags=["opiq"])
Actor = Annotated[str, Depends(opiq_actor)]
Role = Literal["student", "teacher", "admin"]


def _ekool_person(request: Request, token: str) -> str:
    person = sandbox(request).grants.subject("ekool", token)
    if person is None or person not in sandbox(request).world.ekool_people:
        raise DomainError(400, "invalid_ekool_token",
                          "The eKool access token is unknown or expired; sign in to eKool.")
    return person


@router.get("/me", response_model=OpiqMe, responses=READ_ERRORS)
async def get_me(request: Request, actor: Actor) -> JSONResponse:
    return JSONResponse(views.me(sandbox(request).world.opiq_accounts[actor]))


@router.post("/me/integrations/ekool", response_model=OpiqMe, responses=WRITE_ERRORS)
async def link_me(request: Request, actor: Actor, body: EkoolTokenBody,
                  idempotency_key: IdempotencyKey = None) -> Response:
    """"Lisa liidestus" / "Kinnita liidestus": link the signed-in account to eKool."""
    sb = sandbox(request)
    person = _ekool_person(request, body.ekool_access_token)

    def act() -> tuple[int, object, logic.Changes]:
        changes = logic.link_account(sb.world, actor, person)
        return 200, views.me(sb.world.opiq_accounts[actor]), changes
    return sb.mutate(request, act)


@router.get("/schools", response_model=SchoolList, responses=READ_ERRORS)
async def list_schools(request: Request, actor: Actor) -> JSONResponse:
    world = sandbox(request).world
    account = world.opiq_accounts[actor]
    items = [views.school(world, s) for s, roles in account.roles.items()
             if roles and s in world.opiq_schools]
    return JSONResponse({"items": items})


@router.get("/schools/{school_id}", response_model=School, responses=READ_ERRORS)
async def get_school(request: Request, actor: Actor, school_id: str) -> JSONResponse:
    world = sandbox(request).world
    logic.require_school(world, actor, school_id)
    return JSONResponse(views.school(world, school_id))


@router.post("/schools/{school_id}/integrations/ekool", response_model=School,
             responses=WRITE_ERRORS)
async def enable_integration(request: Request, actor: Actor, school_id: str,
                             body: EkoolTokenBody,
                             idempotency_key: IdempotencyKey = None) -> Response:
    """"Luba liidestus": the eKool person's schools must include this EHIS code."""
    sb = sandbox(request)
    logic.require_admin(sb.world, actor, school_id)
    person = _ekool_person(request, body.ekool_access_token)

    def act() -> tuple[int, object, logic.Changes]:
        changes = logic.enable_integration(sb.world, actor, school_id, person)
        return 200, views.school(sb.world, school_id), changes
    return sb.mutate(request, act)


@router.get("/schools/{school_id}/users", response_model=AccountPage, responses=READ_ERRORS)
async def list_users(request: Request, actor: Actor, school_id: str, limit: Limit = 100,
                     offset: Offset = 0, role: Role | None = None, linked: bool | None = None,
                     changed_since: Annotated[datetime | None, Query()] = None
                     ) -> JSONResponse:
    world = sandbox(request).world
    logic.require_school(world, actor, school_id)
    since = changed_since.isoformat() if changed_since else None
    found = logic.school_users(world, school_id, role, linked, since)
    names = views.journal_names(world, school_id)
    return paged(request, found, limit, offset,
                 render=lambda a: views.account(world, a, school_id, names))


@router.get("/users/{user_id}", response_model=Account, responses=READ_ERRORS)
async def get_user(request: Request, actor: Actor, user_id: str,
                   school_id: str | None = None) -> JSONResponse:
    """The account at `school_id` (its roles and licence there), else at its first school."""
    world = sandbox(request).world
    account = logic.require_account(world, actor, user_id)
    if school_id is not None and school_id not in account.roles:
        raise logic.DomainError(404, "not_found", f"User {user_id} not found at the school.")
    return JSONResponse(views.account(world, account, school_id or next(iter(account.roles),
                                                                        None)))


@router.get("/users/{user_id}/activity", response_model=Activity, responses=READ_ERRORS)
async def get_activity(request: Request, actor: Actor, user_id: str) -> JSONResponse:
    account = logic.require_account(sandbox(request).world, actor, user_id)
    active = account.updated_at if (account.materials_added or account.work_solved) else ""
    return JSONResponse({"materials_added": account.materials_added,
                         "work_solved": account.work_solved,
                         "last_active_at": active or None})


@router.delete("/schools/{school_id}/users/{user_id}/roles/{role}", response_model=Account,
               responses=WRITE_ERRORS)
async def remove_role(request: Request, actor: Actor, school_id: str, user_id: str,
                      role: Role, idempotency_key: IdempotencyKey = None) -> Response:
    """Removing the student role frees the account's licence."""
    sb = sandbox(request)

    def act() -> tuple[int, object, logic.Changes]:
        changes = logic.remove_role(sb.world, actor, school_id, user_id, role)
        return 200, views.account(sb.world, sb.world.opiq_accounts[user_id], school_id), changes
    return sb.mutate(request, act)


@router.get("/schools/{school_id}/licences", response_model=Licences, responses=READ_ERRORS)
async def get_licences(request: Request, actor: Actor, school_id: str) -> JSONResponse:
    world = sandbox(request).world
    logic.require_school(world, actor, school_id)
    return JSONResponse(indexes.licence_pool(world, school_id))


@router.post("/schools/{school_id}/licences/assignments", response_model=Licences,
             responses=WRITE_ERRORS)
async def assign_licence(request: Request, actor: Actor, school_id: str, body: AssignBody,
                         idempotency_key: IdempotencyKey = None) -> Response:
    sb = sandbox(request)

    def act() -> tuple[int, object, logic.Changes]:
        changes = logic.assign_licence(sb.world, actor, school_id, body.user_id)
        return 200, indexes.licence_pool(sb.world, school_id), changes
    return sb.mutate(request, act)


@router.get("/schools/{school_id}/journals", response_model=JournalPage,
            responses=READ_ERRORS)
async def list_journals(request: Request, actor: Actor, school_id: str, limit: Limit = 100,
                        offset: Offset = 0) -> JSONResponse:
    world = sandbox(request).world
    logic.require_school(world, actor, school_id)
    found = [j for j in world.opiq_journals.values() if j.school_id == school_id]
    return paged(request, found, limit, offset, render=views.journal)


@router.get("/journals/{journal_id}", response_model=Journal, responses=READ_ERRORS)
async def get_journal(request: Request, actor: Actor, journal_id: str) -> JSONResponse:
    journal = logic.require_journal(sandbox(request).world, actor, journal_id)
    return JSONResponse(views.journal(journal))


@router.patch("/journals/{journal_id}", response_model=Journal, responses=WRITE_ERRORS)
async def patch_journal(request: Request, actor: Actor, journal_id: str, body: JournalPatch,
                        idempotency_key: IdempotencyKey = None) -> Response:
    """A journal from eKool answers 409 managed_by_ekool: eKool owns its roster."""
    sb = sandbox(request)

    def act() -> tuple[int, object, logic.Changes]:
        changes = logic.patch_journal(sb.world, actor, journal_id, body.name, body.students,
                                      body.teachers)
        return 200, views.journal(sb.world.opiq_journals[journal_id]), changes
    return sb.mutate(request, act)


@router.delete("/journals/{journal_id}", status_code=204, response_class=Response,
               responses=WRITE_ERRORS)
async def delete_journal(request: Request, actor: Actor, journal_id: str,
                         idempotency_key: IdempotencyKey = None) -> Response:
    """Only the school's administrator; the journal stays in eKool."""
    sb = sandbox(request)

    def act() -> tuple[int, object, logic.Changes]:
        return 204, None, logic.delete_journal(sb.world, actor, journal_id)
    return sb.mutate(request, act)


@router.post("/journals/{journal_id}/refresh", response_model=RefreshAnswer,
             responses=WRITE_ERRORS)
async def refresh_journal(request: Request, actor: Actor, journal_id: str,
                          idempotency_key: IdempotencyKey = None) -> Response:
    """"Uuenda päeviku andmeid": pull the eKool roster now."""
    sb = sandbox(request)

    def act() -> tuple[int, object, logic.Changes]:
        logic.require_journal(sb.world, actor, journal_id)
        changes = logic.Changes()
        journal, added, removed = logic.refresh_journal(sb.world, journal_id, changes)
        body = {"journal": views.journal(journal), "added": added, "removed": removed}
        return 200, body, changes
    return sb.mutate(request, act)
