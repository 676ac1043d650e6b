"""Tomorrow's duplicates: people in eKool journals not yet transferred who already have an
Opiq account that is not linked to eKool.

Found by the same matching engine as today's duplicates: each eKool person of such a
journal stands in as the "new" account the transfer would create, so the report is exactly
as careful as the scan. Each person found is asked to link their account before the
teacher transfers the journal (Settings → Integrations → eKool → "Lisa liidestus").
"""

from __future__ import annotations

import asyncio
from dataclasses import asdict, dataclass
from typing import Any

from .accounts import managed_schools
from .csvsafe import csv_document
from .records import AccountRecord


@dataclass(frozen=True)
class AtRisk:
    school: str
    ehis: str
    journal: str
    ekool_class_id: str
    person: str
    ekool_user_id: str
    account_id: str
    account_name: str
    email: str | None
    score: float
    reasons: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["reasons"] = list(self.reasons)
        return data


async def report(ctx: Any) -> list[AtRisk]:
    """Every (untransferred journal, person, unlinked account) of the managed schools."""
    from .journals import sync
    from .matching import scan

    schools = {s.id: s for s in managed_schools(ctx)}
    overview, ekool_users = await asyncio.gather(sync(ctx), ctx.ekool.client.users())
    people = {u.sourced_id: u for u in ekool_users}
    accounts = await asyncio.gather(*(ctx.opiq.client.users(s) for s in schools))
    linked_people = {a.ekool_id for batch in accounts for a in batch if a.ekool_id}
    unlinked = {a.id: a for batch in accounts for a in batch if not a.ekool_id}
    at_risk: list[AtRisk] = []
    for journal in overview.untransferred:
        school = schools[journal.school_id]
        stand_ins = []
        for person_id in journal.students:
            person = people.get(person_id)
            if person is None or person_id in linked_people:
                continue
            stand_ins.append(AccountRecord(
                id=person_id, first_name=person.given_name, last_name=person.family_name,
                email=person.email, id_code=person.identifier, birth_date=person.birth_date,
                ekool_id=person_id, roles=("student",), created_at="9999-12-31T00:00:00Z",
                school=school.ehis_id, journals=(journal.title,)))
        old = [AccountRecord(
            id=a.id, first_name=a.first_name, last_name=a.last_name, email=a.email,
            id_code=a.id_code, birth_date=a.birth_date, ekool_id=None, roles=a.roles,
            created_at=a.created_at, has_license=a.has_license, school=a.school,
            journals=a.journals) for a in unlinked.values() if a.school == school.ehis_id]
        if not stand_ins or not old:
            continue
        result = await asyncio.to_thread(scan, [*old, *stand_ins])
        for pair in result.pairs:
            account, person = unlinked[pair.old], people[pair.new]
            at_risk.append(AtRisk(
                school=school.name, ehis=school.ehis_id, journal=journal.title,
                ekool_class_id=journal.ekool_class_id,
                person=f"{person.given_name} {person.family_name}",
                ekool_user_id=person.sourced_id, account_id=account.id,
                account_name=f"{account.first_name} {account.last_name}",
                email=account.email, score=pair.score, reasons=tuple(pair.reasons)))
    at_risk.sort(key=lambda r: (r.school, r.journal, r.person))
    return at_risk


CSV_COLUMNS = ("school", "journal", "person", "account_id", "account_name", "email", "score")


def to_csv(items: list[AtRisk]) -> str:
    return csv_document(CSV_COLUMNS, ([getattr(i, c) for c in CSV_COLUMNS] for i in items))


_LETTER = {
    "et": ("Tere, {person}!\n\nSinu klassi päevik „{journal}“ tuuakse peagi eKoolist Opiqusse. "
           "Sul on Opiqus juba konto ({email}), mis ei ole eKooliga liidestatud. Et Sul ei "
           "tekiks teist kontot ja Sinu senine töö ei jääks vanasse kontosse, logi palun "
           "oma Opiqu kontoga sisse ja vali Seaded → Liidestused → eKool → „Lisa liidestus“.\n\n"
           "Tänan!\n{school}\n"),
    "en": ("Hello {person},\n\nYour class journal \"{journal}\" will soon be transferred from "
           "eKool to Opiq. You already have an Opiq account ({email}) that is not linked to "
           "eKool. So that you do not get a second account and your work does not stay "
           "behind in the old one, please sign in to Opiq with that account and choose "
           "Settings → Integrations → eKool → \"Lisa liidestus\" (Add integration).\n\n"
           "Thank you!\n{school}\n"),
}


def letters(items: list[AtRisk], lang: str = "et") -> str:
    """A ready text per person asking them to link their account before the transfer."""
    template = _LETTER["en" if lang == "en" else "et"]
    seen: set[str] = set()
    parts = []
    for item in items:
        if item.account_id in seen:
            continue
        seen.add(item.account_id)
        parts.append(template.format(person=item.person, journal=item.journal,
                                     email=item.email or "—", school=item.school))
    return "\n---\n\n".join(parts)
