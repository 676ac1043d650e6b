"""Practice controls under `/practice`: no sign-in, for rehearsals and tests only."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from opiq_admin.sandbox import harid, logic, oidc, practice, roster, roster_auth, views
from opiq_admin.sandbox.logic import DomainError
from opiq_admin.sandbox.routes_common import WRITE_ERRORS, IdempotencyKey, sandbox
from opiq_admin.sandbox.schemas import (
    Account,
    AccountChangeBody,
    ClockAnswer,
    ClockBody,
    GroundTruth,
    Journal,
    NextSigninAnswer,
    NextSigninBody,
    PracticeInfo,
    RosterAnswer,
    RosterBody,
    TransferBody,
)

router = APIRouter(prefix="/practice", tags=["practice"])


def _credentials(entity: Any) -> dict[str, str] | None:
    if entity is None or not entity.username:
        return None
    return {"username": entity.username, "password": entity.password, "user_id": entity.id}


@router.get("/info", response_model=PracticeInfo)
async def info(request: Request) -> JSONResponse:
    """The seed, the sizes, the practice sign-ins on both sides and the emulator's clock;
    the OneRoster client's credentials (`roster_client`); with `--idp harid`, HarID's
    client credentials and issuer."""
    sb = sandbox(request)
    world = sb.world
    none = {"username": "", "password": "", "user_id": ""}
    answer: dict[str, Any] = {
        "seed": world.seed, "schools": sb.settings.get("schools", len(world.opiq_schools)),
        "students": sb.settings.get("students", 0), "clock": world.clock,
        "client_id": "opiq-admin",
        "opiq": _credentials(world.opiq_accounts.get(world.admin_opiq_id)) or none,
        "ekool": _credentials(world.ekool_people.get(world.admin_ekool_id)) or none,
        "ekool_other": _credentials(world.ekool_people.get(world.other_ekool_id)),
    }
    root = oidc.root_of(request.base_url)
    answer["roster_client"] = {
        "client_id": roster_auth.CLIENT_ID, "client_secret": roster_auth.CLIENT_SECRET,
        "token_url": root + roster_auth.TOKEN_PATH, "roster_url": f"{root}/ekool{roster.PATH}",
        "scope": roster.SCOPE_CORE}
    if sb.idp == "harid":
        answer["harid"] = {"client_id": oidc.CLIENT_ID, "client_secret": harid.CLIENT_SECRET,
                           "issuer": harid.HARID.issuer(oidc.root_of(request.base_url))}
    return JSONResponse(answer)


@router.post("/ekool/classes/{class_id}/roster", response_model=RosterAnswer,
             responses=WRITE_ERRORS)
async def change_roster(request: Request, class_id: str, body: RosterBody,
                        idempotency_key: IdempotencyKey = None) -> Response:
    """Changes an eKool roster as a teacher would in eKool; Opiq sees it on refresh."""
    sb = sandbox(request)

    def act() -> tuple[int, object, logic.Changes]:
        changes, created = practice.change_roster(sb.world, class_id, body.add, body.remove,
                                                  body.new_students)
        cls = sb.world.ekool_journals[class_id]
        return 200, {"sourcedId": cls.id, "students": list(cls.student_ids),
                     "added": created}, changes
    return sb.mutate(request, act)


@router.post("/clock/advance", response_model=ClockAnswer, responses=WRITE_ERRORS)
async def advance_clock(request: Request, body: ClockBody,
                        idempotency_key: IdempotencyKey = None) -> Response:
    """Moves the clock; each advance of a day or more runs Opiq's daily journal refresh."""
    sb = sandbox(request)

    def act() -> tuple[int, object, logic.Changes]:
        changes, refreshed = logic.advance_clock(sb.world, body.days)
        return 200, {"clock": sb.world.clock, "refreshed": refreshed}, changes
    return sb.mutate(request, act)


@router.post("/transfers", response_model=Journal, responses=WRITE_ERRORS)
async def transfer(request: Request, body: TransferBody,
                   idempotency_key: IdempotencyKey = None) -> Response:
    """A teacher's "Seo päevik Opiquga": unlinked people get a second account."""
    sb = sandbox(request)

    def act() -> tuple[int, object, logic.Changes]:
        changes = logic.Changes()
        journal = logic.transfer_journal(sb.world, body.ekool_class_id, body.course_set,
                                         sb.world.clock, changes)
        return 200, views.journal(journal), changes
    return sb.mutate(request, act)


@router.patch("/opiq/users/{user_id}", response_model=Account, responses=WRITE_ERRORS)
async def change_account(request: Request, user_id: str, body: AccountChangeBody,
                         idempotency_key: IdempotencyKey = None) -> Response:
    """Changes an Opiq account as Opiq's own pages would: linked to eKool (or not), its
    roles at a school, its licence. Rehearses a reviewed pair that went stale."""
    sb = sandbox(request)
    given = body.model_fields_set

    def act() -> tuple[int, object, logic.Changes]:
        changes, school = practice.change_account(
            sb.world, user_id, body.school_id,
            body.ekool_id if "ekool_id" in given else practice.UNSET,
            body.roles, body.has_license)
        return 200, views.account(sb.world, sb.world.opiq_accounts[user_id], school), changes
    return sb.mutate(request, act)


@router.post("/ekool/next-signin", response_model=NextSigninAnswer, responses=WRITE_ERRORS)
async def next_signin(request: Request, body: NextSigninBody,
                      idempotency_key: IdempotencyKey = None) -> Response:
    """The next eKool sign-in is this person, whoever types: the wrong-person rehearsal."""
    sb = sandbox(request)
    if body.user_id not in sb.world.ekool_people:
        raise DomainError(404, "not_found", f"eKool user {body.user_id} does not exist.")
    with sb.lock:
        sb.next_ekool_signin = body.user_id
    return JSONResponse({"user_id": body.user_id})


@router.get("/ground-truth", response_model=GroundTruth)
async def ground_truth(request: Request) -> JSONResponse:
    """The duplicate pairs the world holds, for measuring a scan; never shown to clients."""
    pairs = [{"old": d.old, "new": d.new, "kind": d.kind}
             for d in sandbox(request).world.duplicates]
    return JSONResponse({"pairs": pairs})
