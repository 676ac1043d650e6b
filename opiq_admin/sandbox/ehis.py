"""EHIS's open data as the emulator serves it: the public list of educational institutions.

The official EHIS code of a school (`koolId`) is distinct from its business registry number
(`regNr`); the integration check uses this list to say which of two differing codes is the
official one. No sign-in: it is public data. In the seeded world Opiq holds the official
code, so a school whose eKool code differs has the wrong one in eKool.
"""

from __future__ import annotations

import zlib
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from opiq_admin.sandbox.model import World
from opiq_admin.sandbox.routes_common import sandbox

router = APIRouter(prefix="/ehis", tags=["ehis"])


class Institution(BaseModel):
    koolId: int  # EHIS's own field names
    regNr: str
    nimetus: str
    liik: str
    maakond: str


class InstitutionList(BaseModel):
    items: list[Institution]
    total: int


def _kind(name: str) -> str:
    lower = name.casefold()
    for word, kind in (("gümnaasium", "gümnaasium"), ("põhikool", "põhikool"),
                       ("lasteaed", "lasteaed"), ("kool", "põhikool")):
        if word in lower:
            return kind
    return "muu"


def institutions(world: World) -> list[dict[str, Any]]:
    """One institution per school in the world, official name from eKool where it has one."""
    ekool_names = {s.ehis_code: s.name for s in world.ekool_schools.values() if s.ehis_code}
    by_org = {s.id: s.name for s in world.ekool_schools.values()}
    rows: list[dict[str, Any]] = []
    for school in world.opiq_schools.values():
        if not school.ehis_id.isdigit():
            continue
        name = ekool_names.get(school.ehis_id) or by_org.get(school.ekool_org_id) or school.name
        reg = 75_000_000 + zlib.crc32(school.ehis_id.encode()) % 1_000_000
        rows.append({"koolId": int(school.ehis_id), "regNr": str(reg), "nimetus": name,
                     "liik": _kind(name), "maakond": "Harju maakond"})
    rows.sort(key=lambda r: r["koolId"])
    return rows


@router.get("/api/institutions", response_model=InstitutionList)
async def list_institutions(request: Request, limit: int = Query(100, ge=1, le=1000),
                            offset: int = Query(0, ge=0, le=10_000_000)) -> JSONResponse:
    """EHIS's list of educational institutions (open data), paged."""
    rows = institutions(sandbox(request).world)
    return JSONResponse({"items": rows[offset:offset + limit], "total": len(rows)},
                        headers={"X-Total-Count": str(len(rows))})


@router.get("/api/institutions/{kool_id}", response_model=Institution,
            responses={404: {"description": "No such institution"}})
async def get_institution(request: Request, kool_id: int) -> JSONResponse:
    for row in institutions(sandbox(request).world):
        if row["koolId"] == kool_id:
            return JSONResponse(row)
    return JSONResponse({"error": {"code": "not_found",
                                   "message": f"No institution has the EHIS code {kool_id}."}},
                        status_code=404)
