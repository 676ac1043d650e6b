"""OneRoster 1.2's query parameters and error answers, as the rostering service serves them.

`filter`, `sort`/`orderBy` and `fields` (1.2 REST binding §3.4) are applied to the JSON
records a route has already built, so every collection gets them alike. The filter language
is the binding's: `field op 'value'` with `=`, `!=`, `>`, `>=`, `<`, `<=` and `~` (contains),
joined by `AND` or `OR` (one kind of join per filter); a dotted field reaches into a
reference (`school.sourcedId='…'`). `dateLastModified` and the dates compare as instants,
everything else as text. Errors are `imsx_StatusInfo` objects, which is what a OneRoster
client reads, with the binding's minor codes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from opiq_admin.sandbox.clock import parse_time

PATH = "/ims/oneroster/rostering/v1p2"
SCOPE_CORE = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly"
SCOPE_ALL = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster.readonly"
SCOPE_DEMOGRAPHICS = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-demographics.readonly"
SCOPES = (SCOPE_CORE, SCOPE_ALL, SCOPE_DEMOGRAPHICS)

# The binding's minor codes for the emulator's error codes and statuses.
_MINOR = {"invalid_filter": "invalid_filter_field", "invalid_fields": "invalid_selection_field",
          "not_found": "unknownobject", "unauthorized": "unauthorisedrequest",
          "forbidden": "forbidden", "rate_limited": "server_busy"}
_MINOR_BY_STATUS = {401: "unauthorisedrequest", 403: "forbidden", 404: "unknownobject",
                    429: "server_busy", 500: "internal_server_error"}
_OPS = ("!=", ">=", "<=", "=", ">", "<", "~")
_CLAUSE = re.compile(r"\s*([A-Za-z][A-Za-z0-9_.]*)\s*(!=|>=|<=|=|>|<|~)\s*'([^']*)'\s*")
_JOIN = re.compile(r"\s+(AND|OR)\s+")
_TIMES = {"dateLastModified"}
_DATES = {"beginDate", "endDate", "startDate", "birthDate"}


class QueryError(Exception):
    """A query parameter the service cannot apply: 400 with this minor code."""

    def __init__(self, minor: str, message: str) -> None:
        super().__init__(message)
        self.minor = minor
        self.message = message


def status_info(status: int, code: str, message: str) -> dict[str, Any]:
    """An `imsx_StatusInfo` error answer for an emulator error (`code` its own word)."""
    minor = _MINOR.get(code) or _MINOR_BY_STATUS.get(status)
    if minor is None:
        minor = code if code in ("invalid_filter_field", "invalid_selection_field") \
            else "invaliddata"
    return {"imsx_codeMajor": "failure", "imsx_severity": "error",
            "imsx_description": message,
            "imsx_CodeMinor": {"imsx_codeMinorField": [
                {"imsx_codeMinorFieldName": "TargetEndSystem",
                 "imsx_codeMinorFieldValue": minor}]}}


@dataclass(frozen=True)
class Clause:
    field: str
    op: str
    value: str

    def holds(self, record: dict[str, Any]) -> bool:
        found = _lookup(record, self.field)
        if found is None:
            return self.op == "!="
        if isinstance(found, list):  # a list field holds when any of its items does
            return any(Clause(self.field, self.op, self.value)._compare(v) for v in found)
        return self._compare(found)

    def _compare(self, found: Any) -> bool:
        if isinstance(found, dict):
            found = found.get("sourcedId")
        text = "" if found is None else str(found)
        if self.op == "~":
            return self.value.casefold() in text.casefold()
        left: Any = text
        right: Any = self.value
        last = self.field.rsplit(".", 1)[-1]
        if last in _TIMES and text:
            left, right = parse_time(text), parse_time(self.value)
        elif last in _DATES and text:
            left, right = text[:10], self.value[:10]
        return {"=": left == right, "!=": left != right, ">": left > right,
                ">=": left >= right, "<": left < right, "<=": left <= right}[self.op]


@dataclass(frozen=True)
class Filter:
    clauses: tuple[Clause, ...]
    join: str = "AND"

    def holds(self, record: dict[str, Any]) -> bool:
        results = (c.holds(record) for c in self.clauses)
        return all(results) if self.join == "AND" else any(results)


def _lookup(record: dict[str, Any], path: str) -> Any:
    """The value at a dotted path; through a list (a user's `roles`), every item's."""
    value: Any = record
    for part in path.split("."):
        if isinstance(value, list):
            value = [item.get(part) for item in value if isinstance(item, dict)]
        elif isinstance(value, dict):
            value = value.get(part)
        else:
            return None
    return value


def parse_filter(text: str | None, known: Iterable[str]) -> Filter | None:
    """The filter of `text`, its fields checked against `known` (a record's fields)."""
    if text is None or not text.strip():
        return None
    joins = set(_JOIN.findall(text))
    if len(joins) > 1:
        raise QueryError("invalid_filter_field", "A filter joins its parts with AND or with "
                         "OR, not both.")
    parts = _JOIN.split(text)[::2] if joins else [text]
    fields = set(known)
    clauses = []
    for part in parts:
        match = _CLAUSE.fullmatch(part)
        if match is None:
            raise QueryError("invalid_filter_field",
                             f"Not a filter: {part.strip()!r}; write field op 'value' "
                             f"(op one of {' '.join(_OPS)}), joined by AND or OR.")
        field, op, value = match.groups()
        if field.split(".", 1)[0] not in fields:
            raise QueryError("invalid_filter_field", f"No field {field!r} to filter on.")
        last = field.rsplit(".", 1)[-1]
        try:
            if last in _TIMES:
                parse_time(value)
            elif last in _DATES:
                date.fromisoformat(value[:10])
        except ValueError:
            raise QueryError("invalid_filter_field",
                             f"{field} compares with an ISO 8601 "
                             f"{'instant' if last in _TIMES else 'date'}, not {value!r}."
                             ) from None
        clauses.append(Clause(field, op, value))
    return Filter(tuple(clauses), joins.pop() if joins else "AND")


def parse_fields(text: str | None, known: Iterable[str]) -> list[str] | None:
    """The fields asked for (`fields=sourcedId,givenName`), each one the type has."""
    if text is None or not text.strip():
        return None
    asked = [f.strip() for f in text.split(",") if f.strip()]
    allowed = set(known)
    unknown = [f for f in asked if f not in allowed]
    if unknown or not asked:
        raise QueryError("invalid_selection_field",
                         f"No such field to select: {', '.join(unknown) or '(none)'}.")
    return asked


def apply(records: list[dict[str, Any]], known: Iterable[str], *, filter_: str | None,
          sort: str | None, order_by: str | None) -> list[dict[str, Any]]:
    """The records a query selects, in the order it asks (else the service's own)."""
    known = tuple(known)
    chosen = parse_filter(filter_, known)
    if chosen is not None:
        records = [r for r in records if chosen.holds(r)]
    if order_by is not None and order_by not in ("asc", "desc"):
        raise QueryError("invaliddata", "orderBy is asc or desc.")
    if sort:
        if sort not in known:
            raise QueryError("invaliddata", f"No field {sort!r} to sort on.")
        # Unicode order, as the binding says; records without the field go last.
        present = [r for r in records if r.get(sort) is not None]
        absent = [r for r in records if r.get(sort) is None]
        present.sort(key=lambda r: str(_lookup(r, sort) if not isinstance(
            r.get(sort), dict) else r[sort].get("sourcedId")), reverse=order_by == "desc")
        records = present + absent
    return records


def select(record: dict[str, Any], fields: list[str] | None) -> dict[str, Any]:
    return record if fields is None else {k: record[k] for k in fields if k in record}


# Every property each 1.2 type has (the official schemas), for `filter`, `sort` and `fields`.
_BASE = ("sourcedId", "status", "dateLastModified", "metadata")
FIELDS: dict[str, tuple[str, ...]] = {
    "users": (*_BASE, "userMasterIdentifier", "username", "userIds", "enabledUser",
              "givenName", "familyName", "middleName", "preferredFirstName",
              "preferredMiddleName", "preferredLastName", "pronouns", "roles", "userProfiles",
              "primaryOrg", "identifier", "email", "sms", "phone", "agents", "grades",
              "password", "resources"),
    "orgs": (*_BASE, "name", "type", "identifier", "parent", "children"),
    "classes": (*_BASE, "title", "classCode", "classType", "location", "grades", "subjects",
                "course", "school", "terms", "subjectCodes", "periods", "resources"),
    "courses": (*_BASE, "title", "schoolYear", "courseCode", "grades", "subjects", "org",
                "subjectCodes", "resources"),
    "enrollments": (*_BASE, "user", "class", "school", "role", "primary", "beginDate",
                    "endDate"),
    "demographics": (*_BASE, "birthDate", "sex", "americanIndianOrAlaskaNative", "asian",
                     "blackOrAfricanAmerican", "nativeHawaiianOrOtherPacificIslander",
                     "white", "demographicRaceTwoOrMoreRaces", "hispanicOrLatinoEthnicity",
                     "countryOfBirthCode", "stateOfBirthAbbreviation", "cityOfBirth",
                     "publicSchoolResidenceStatus"),
    "academicSessions": (*_BASE, "title", "startDate", "endDate", "type", "parent",
                         "children", "schoolYear"),
}
