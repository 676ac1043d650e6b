"""HarID, the Estonian education identity provider, as `--idp harid` serves it.

An OpenID Connect provider at `/harid` with HarID's own paths (`/et/authorizations/new`,
`/et/access_tokens`, `/et/user_info`), a confidential client (a client secret, sent with
HTTP Basic or in the form), no refresh tokens, and the `personal_code` and `roles` scopes.

A HarID person is whoever the practice credentials are on each side: the credentials that
sign in to Opiq as an account and to eKool as a person sign in to HarID as one person, and
that person's HarID access token is accepted by the Opiq and eKool APIs as that account and
that person.
"""

from __future__ import annotations

import hashlib
from typing import Any

from opiq_admin.sandbox.model import World
from opiq_admin.sandbox.oidc import Provider, Subject

CLIENT_SECRET = "harid-harjutus-saladus"  # noqa: S105 - the published practice secret
# HarID's `roles` markers for the roles of eKool and Opiq.
_MARKERS = {"student": "student", "teacher": "faculty", "administrator": "admin",
            "admin": "admin"}


def subject_id(username: str) -> str:
    """HarID's own user id for a practice username: stable, and not the ID code."""
    return "hid-" + hashlib.sha256(f"harid:{username}".encode()).hexdigest()[:12]


def sign_in(sandbox: Any, username: str, password: str) -> Subject | None:
    if not username or not password:
        return None
    with sandbox.lock:
        world: World = sandbox.world
        opiq = next((a.id for a in world.opiq_accounts.values()
                     if a.username == username and a.password == password), None)
        ekool = next((p.id for p in world.ekool_people.values()
                      if p.username == username and p.password == password), None)
    if opiq is None and ekool is None:
        return None
    return {"sub": subject_id(username), "links": {"opiq": opiq, "ekool": ekool}}


def _roles(world: World, ekool_id: str | None, opiq_id: str | None) -> list[dict[str, Any]]:
    person = world.ekool_people.get(ekool_id or "")
    if person is not None:
        return [{"marker": _MARKERS.get(role, role), "provider_name": org.name,
                 "provider_ehis_id": org.ehis_code}
                for org_id, role in person.roles.items()
                if (org := world.ekool_schools.get(org_id)) is not None]
    account = world.opiq_accounts.get(opiq_id or "")
    if account is None:
        return []
    return [{"marker": _MARKERS.get(role, role), "provider_name": school.name,
             "provider_ehis_id": school.ehis_id}
            for school_id, roles in account.roles.items()
            if (school := world.opiq_schools.get(school_id)) is not None for role in roles]


def claims(world: World, record: dict[str, Any], scope: set[str]) -> dict[str, Any] | None:
    """The HarID person of a grant: names from eKool where HarID knows them, else Opiq."""
    links = record.get("links") or {}
    person = world.ekool_people.get(links.get("ekool") or "")
    account = world.opiq_accounts.get(links.get("opiq") or "")
    if person is not None:
        given, family, email, code = (person.given_name, person.family_name, person.email,
                                      person.id_code)
    elif account is not None:
        given, family, email, code = (account.first_name, account.last_name, account.email,
                                      account.id_code)
    else:
        return None
    answer: dict[str, Any] = {"sub": record["sub"], "name": f"{given} {family}".strip(),
                              "given_name": given, "family_name": family,
                              "email": email or None}
    if "personal_code" in scope:
        answer["personal_code"] = code or None
    if "roles" in scope:
        answer["roles"] = _roles(world, links.get("ekool"), links.get("opiq"))
    return answer


HARID = Provider(
    name="harid", title="HarID", authorize_path="/harid/et/authorizations/new",
    token_path="/harid/et/access_tokens",  # noqa: S106 - a path, not a secret
    userinfo_path="/harid/et/user_info",
    jwks_path="/harid/jwks", revocation_path=None,
    scopes=("openid", "profile", "email", "personal_code", "roles"), default_scope="openid",
    response_types=("code", "id_token", "id_token token"),
    grant_types=("authorization_code", "implicit"),
    auth_methods=("client_secret_basic", "client_secret_post"),
    client_secret=CLIENT_SECRET, sign_in=sign_in, claims=claims)
