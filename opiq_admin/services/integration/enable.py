"""Enabling the integration for one school, step by step as the guide runs.

The window's wizard and the CLI both walk these steps, so a refusal says the same thing
in both. Linking the administrator's own account is offered only when the Opiq and eKool
sign-ins are provably one person: linking two different people is the one mistake the
guide warns about in bold.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from opiq_admin.services import accounts
from opiq_admin.services.clients.ekool import check_ehis_code
from opiq_admin.services.context import BothRecorder, BothSides, ConfiguredBothSides
from opiq_admin.services.errors import SignInNeeded
from opiq_admin.services.i18n import _
from opiq_admin.services.integration.check import SchoolCheck, check_all, fold

STEPS = ("prechecks", "compare", "enable", "link", "done")


class StepFailed(Exception):
    """A step that cannot go on: which step, and what to do about it."""

    def __init__(self, step: str, message: str) -> None:
        super().__init__(f"{step}: {message}")
        self.step = step
        self.message = message


def mask_id_code(code: str | None) -> str:
    """The shared masking, with a dash where there is no code to show."""
    return accounts.mask_id_code(code) or "—"


@dataclass(frozen=True)
class Identity:
    name: str
    id_code: str | None
    country: str | None = "EE"

    @property
    def masked(self) -> str:
        return mask_id_code(self.id_code)


@dataclass(frozen=True)
class IdentityCheck:
    opiq: Identity
    ekool: Identity
    same_person: bool
    reason: str


def compare_identities(opiq_user: Any, ekool_person: Any) -> IdentityCheck:
    opiq = Identity(f"{opiq_user.first_name} {opiq_user.last_name}", opiq_user.id_code)
    ekool = Identity(f"{ekool_person.given_name} {ekool_person.family_name}",
                     ekool_person.identifier, ekool_person.identifier_country)
    if opiq.id_code and ekool.id_code:
        same = opiq.id_code == ekool.id_code
        reason = ("personal ID codes match" if same else "personal ID codes differ")
    else:
        same = fold(opiq.name) == fold(ekool.name)
        reason = ("names match (Opiq has no personal ID code)" if same
                  else "names differ (Opiq has no personal ID code)")
    return IdentityCheck(opiq, ekool, same, reason)


async def prechecks(ctx: ConfiguredBothSides, ehis_code: str, lang: str | None = None
                    ) -> SchoolCheck:
    """Signed in to both; the Opiq user administers the school; eKool user is of it too."""
    code = check_ehis_code(ehis_code)
    if not ctx.opiq.signed_in or not ctx.ekool.signed_in:
        sides = {"opiq": ctx.opiq.signed_in, "ekool": ctx.ekool.signed_in}
        missing = [s for s, signed_in in sides.items() if not signed_in]
        raise StepFailed("prechecks", _("sign in to {value} first").format(
                                          value=' and '.join(missing)))
    checks = await check_all(ctx, lang=lang or ctx.settings.get("language"))
    check = next((c for c in checks if c.opiq_ehis_id == code), None)
    if check is None:
        raise StepFailed("prechecks", _("the Opiq user is not an administrator of a school "
                                        "with the EHIS code {code}").format(code=code))
    ekool_me = await ctx.ekool.client.me()
    if check.ekool_school_id and check.ekool_school_id not in {r.org_id for r in ekool_me.roles}:
        raise StepFailed("prechecks", _("the eKool sign-in is not a user of this school; sign "
                                        "in to eKool as a user of the same school"))
    return check


def compare(check: SchoolCheck) -> None:
    """The two sides' name and EHIS code must agree before anything is enabled."""
    if check.status not in ("ok", "not_enabled"):
        raise StepFailed("compare", check.advice)


async def _ekool_token(ctx: BothSides) -> str:
    """The eKool sign-in's access token, which Opiq checks the eKool person with."""
    session = ctx.ekool.session
    if session is None:
        raise SignInNeeded("ekool")
    return await session.access_token()


async def enable(ctx: BothRecorder, check: SchoolCheck) -> None:
    if check.enabled:
        return
    token = await _ekool_token(ctx)
    key = str(uuid.uuid5(uuid.NAMESPACE_URL, f"enable:{check.school_id}:{check.ekool_school_id}"))
    try:
        await ctx.opiq.client.enable_ekool(check.school_id, token, key=key)
    except Exception as exc:
        await ctx.log("enable_integration", "failed", school=check.opiq_ehis_id,
                      target=check.name, detail=str(exc))
        raise
    await ctx.log("enable_integration", "ok", school=check.opiq_ehis_id, target=check.name)


async def identity_check(ctx: BothSides) -> IdentityCheck | None:
    """None when the administrator's own account is linked already."""
    me = await ctx.opiq.client.me()
    if me.ekool_id:
        return None
    return compare_identities(me, await ctx.ekool.client.me())


async def link(ctx: BothRecorder, check: SchoolCheck, identities: IdentityCheck) -> None:
    """"Kinnita liidestus": only for one and the same person."""
    if not identities.same_person:
        await ctx.log("link_account", "refused", school=check.opiq_ehis_id,
                      target=identities.opiq.name,
                      detail=f"eKool sign-in was {identities.ekool.name}: {identities.reason}")
        raise StepFailed("link", _("the eKool sign-in was someone else's ({name}); press "
                                   "Katkesta, sign out of eKool and sign in with your own "
                                   "eKool account").format(name=identities.ekool.name))
    token = await _ekool_token(ctx)
    await ctx.opiq.client.link_me(token, key=str(uuid.uuid4()))
    await ctx.log("link_account", "ok", school=check.opiq_ehis_id, target=identities.opiq.name)
