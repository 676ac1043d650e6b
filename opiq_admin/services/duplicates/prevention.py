"""Tomorrow's duplicates: people in eKool journals not yet transferred who already have an
Opiq account that is not linked to eKool.

Found by the same matching engine as today's duplicates: each eKool person of such a
journal stands in as the "new" account the transfer would create, so the report is exactly
as careful as the scan. Each person found is asked to link their account before the
teacher transfers the journal (Settings → Integrations → eKool → "Lisa liidestus").
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import Any

from opiq_admin.services.accounts import full_name, load_accounts
from opiq_admin.services.context import BothStored
from opiq_admin.services.csvsafe import csv_document
from opiq_admin.services.duplicates.live import as_records
from opiq_admin.services.duplicates.records import AccountRecord


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


async def report(ctx: BothStored) -> list[AtRisk]:
    """Every (untransferred journal, person, unlinked account) of the managed schools."""
    from opiq_admin.services.duplicates.matching import scan
    from opiq_admin.services.journals import sync

    (school_list, per_school), overview, ekool_users = await asyncio.gather(
        load_accounts(ctx), sync(ctx), ctx.ekool.client.users())
    schools = {s.id: s for s in school_list}
    people = {u.sourced_id: u for u in ekool_users}
    linked_people = {a.ekool_id for b in per_school.values() for a in b if a.ekool_id}
    unlinked = {a.id: a for b in per_school.values() for a in b if not a.ekool_id}
    # One scan per school: every person of its untransferred journals stands in once for
    # the account a transfer would create, with all their journals as evidence.
    journals_of: dict[str, dict[str, list[Any]]] = {}
    for journal in overview.untransferred:
        school_people = journals_of.setdefault(journal.school_id, {})
        for person_id in journal.students:
            if person_id in people and person_id not in linked_people:
                school_people.setdefault(person_id, []).append(journal)
    at_risk: list[AtRisk] = []
    for school_id, school_people in journals_of.items():
        school = schools[school_id]
        old = as_records(a for a in unlinked.values() if a.school == school.ehis_id)
        if not school_people or not old:
            continue
        stand_ins = [AccountRecord(
            id=pid, first_name=people[pid].given_name, last_name=people[pid].family_name,
            email=people[pid].email, id_code=people[pid].id_code,
            birth_date=people[pid].birth_date, ekool_id=pid, roles=("student",),
            created_at="9999-12-31T00:00:00Z", school=school.ehis_id,
            journals=tuple(j.title for j in found)) for pid, found in school_people.items()]
        result = await asyncio.to_thread(scan, [*old, *stand_ins])
        for pair in result.pairs:
            account, person = unlinked[pair.old], people[pair.new]
            at_risk.extend(AtRisk(
                school=school.name, ehis=school.ehis_id, journal=journal.title,
                ekool_class_id=journal.ekool_class_id,
                person=f"{person.given_name} {person.family_name}",
                ekool_user_id=person.sourced_id, account_id=account.id,
                account_name=full_name(account), email=account.email, score=pair.score,
                reasons=tuple(pair.reasons)) for journal in school_people[pair.new])
    at_risk.sort(key=lambda r: (r.school, r.journal, r.person))
    return at_risk


@dataclass(frozen=True)
class SchoolRisk:
    """One school's line of the report: journals at risk and people to ask."""

    school: str
    journals: int
    people: int


def per_school(items: list[AtRisk]) -> list[SchoolRisk]:
    journals: dict[str, set[str]] = defaultdict(set)
    people: dict[str, set[str]] = defaultdict(set)
    for item in items:
        journals[item.school].add(item.ekool_class_id)
        people[item.school].add(item.account_id)
    return [SchoolRisk(s, len(journals[s]), len(people[s])) for s in sorted(journals)]


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
