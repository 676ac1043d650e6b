"""Typed results of the Opiq and eKool calls, checked against the contract as they arrive.

Every model is a frozen pydantic dataclass whose every value is strict: a field of the
wrong type (a string where the contract has a number or true/false) is refused, not
coerced, and fields a server adds are ignored. What fails surfaces as one `SchemaError`
naming the object and the field (turned into `MalformedResponse` by the client) at the
edge, instead of a `KeyError` or a wrong-typed value deep in the matching engine. The
emulator states the same contract in `sandbox.schemas`; the two readings are kept apart on
purpose and tested against each other.

The leniencies are deliberate and field by field: "" counts as absent for an optional
string (the emulator and the real systems differ there), a OneRoster reference is taken as
`{"sourcedId": …}` or as a bare id, and an optional list may be missing or null.

Why dataclasses and not `BaseModel`: a model instance carries a `__dict__` and a
fields-set of its own, three objects for the cycle collector where a slotted dataclass has
one, which makes reading a city's accounts slower than by hand; and the program builds,
copies (`dataclasses.replace`) and compares these records as the dataclasses they were.
Strictness is therefore on each value (`Str`, `Int`, `Bool`) rather than in the config: a
strict pydantic dataclass would refuse the very JSON object it is read from.

eKool speaks OneRoster, where a journal is a "class"; here it is `EkoolJournal` and
`journal_id`. Python names are snake_case; the camelCase wire names are aliases.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, ClassVar, Literal, Self, TypeVar

from pydantic import (
    AliasPath,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    TypeAdapter,
    ValidationError,
    model_validator,
)
from pydantic.dataclasses import dataclass
from pydantic_core import ErrorDetails, PydanticCustomError

from opiq_admin.services.i18n import N_, _

__all__ = [
    "CONTRACT",
    "EHIS_CODE_KEY",
    "ID_CODE_TYPE",
    "AcademicSession",
    "Account",
    "Activity",
    "ContractModel",
    "Demographics",
    "EkoolIntegration",
    "EkoolJournal",
    "EkoolPerson",
    "EkoolRole",
    "EkoolSchool",
    "EkoolUser",
    "Enrollment",
    "Journal",
    "JournalRefresh",
    "LicencePool",
    "OpiqUser",
    "RosterRef",
    "SchemaError",
    "School",
    "SchoolRole",
    "Str",
    "UserId",
    "enrollment_current",
    "envelope",
    "page_of",
    "single",
]


class SchemaError(ValueError):
    """A JSON value that does not have the shape the contract describes."""


# Field types: strict values, and the leniencies of the contract where they apply ----------


def _blank_is_none(value: Any) -> Any:
    return None if value == "" else value


def _none_is_blank(value: Any) -> Any:
    return "" if value is None else value


def _none_is_empty(value: Any) -> Any:
    return () if value is None else value


def _ref(value: Any) -> Any:
    """A OneRoster reference, `{"sourcedId": …}`, as its id; a bare id string is taken too."""
    if isinstance(value, str):
        return value
    got = type(value).__name__
    if isinstance(value, dict):
        if isinstance(value.get("sourcedId"), str):
            return value["sourcedId"]
        got = "an object without a string sourcedId"
    raise PydanticCustomError(
        "ref_type", "expected a reference (an object with sourcedId, or an id), got {got}",
        {"got": got})


Str = Annotated[str, Strict()]
Int = Annotated[int, Strict()]  # not a bool, not a float, not a numeric string
Bool = Annotated[bool, Strict()]  # true or false, not 1 or "yes"
OptStr = Annotated[Str | None, BeforeValidator(_blank_is_none)]
"""A string or null; "" counts as absent (the emulator and real systems differ)."""
StrOrEmpty = Annotated[Str, BeforeValidator(_none_is_blank)]
"""A string where null (or a missing field, given the default "") reads as ""."""
# A JSON array is read as a tuple; its items stay strict.
Strs = tuple[Str, ...]
OptStrs = Annotated[tuple[Str, ...], BeforeValidator(_none_is_empty)]
Ref = Annotated[Str, BeforeValidator(_ref)]

CONTRACT = ConfigDict(extra="ignore", populate_by_name=True)
"""Extra fields are ignored (servers add fields); a field is found by its wire name or its
Python name. Strictness is per value (see above), so a JSON object is taken as the input."""


# The base: parse errors become SchemaError, naming object and field ----------------------


class ContractModel:
    """One object of the contract; `from_json` raises `SchemaError` on a wrong shape.

    Subclasses are `@dataclass(frozen=True, slots=True, kw_only=True, config=CONTRACT)`.
    """

    __slots__ = ()

    what: ClassVar[str] = "answer"
    """The object's name in complaints: `account.has_license: expected true or false`."""

    @classmethod
    def from_json(cls, value: Any) -> Self:
        """The model of a decoded JSON value; `SchemaError` naming the field when it is not."""
        try:
            model: Self = _adapter(cls).validate_python(value)
        except ValidationError as exc:
            raise SchemaError(describe(cls.what, exc)) from exc
        return model

    @classmethod
    def list_from_json(cls, values: Any) -> list[Self]:
        """Every item of a decoded JSON list, validated in one pass (a whole page)."""
        try:
            models: list[Self] = _list_adapter(cls).validate_python(values)
        except ValidationError as exc:
            raise SchemaError(describe(cls.what, exc)) from exc
        return models


M = TypeVar("M", bound=ContractModel)


_ADAPTERS: dict[type[ContractModel], TypeAdapter[Any]] = {}
_LIST_ADAPTERS: dict[type[ContractModel], TypeAdapter[list[Any]]] = {}


def _adapter(model: type[ContractModel]) -> TypeAdapter[Any]:
    """The model's validator, built once (on first use, so that every model is defined)."""
    adapter = _ADAPTERS.get(model)
    if adapter is None:
        adapter = _ADAPTERS[model] = TypeAdapter(model)
    return adapter


def _list_adapter(model: type[ContractModel]) -> TypeAdapter[list[Any]]:
    """A validator of a whole list of the model: one pass in pydantic-core for a page."""
    adapter = _LIST_ADAPTERS.get(model)
    if adapter is None:
        adapter = _LIST_ADAPTERS[model] = TypeAdapter(list[model])  # type: ignore[valid-type]
    return adapter


_EXPECTED = {
    "string_type": N_("a string"),
    "bool_type": N_("true or false"),
    "int_type": N_("an integer"),
    "list_type": N_("a list"),
    "tuple_type": N_("a list"),
    "dataclass_type": N_("an object"),
    "dataclass_exact_type": N_("an object"),
    "dict_type": N_("an object"),
}


def _path(what: str, loc: tuple[int | str, ...]) -> str:
    return what + "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc)


def _complaint(what: str, error: ErrorDetails) -> str:
    loc = tuple(error["loc"])
    kind = error["type"]
    if kind == "missing" and loc:
        return _("{where}: missing field {field!r}").format(where=_path(what, loc[:-1]),
                                                              field=loc[-1])
    where = _path(what, loc)
    if kind in _EXPECTED:
        return _("{where}: expected {expected}, got {got}").format(
            where=where, expected=_(_EXPECTED[kind]), got=type(error["input"]).__name__)
    if kind == "literal_error":
        return _("{where}: expected {expected}, got {got}").format(
            where=where, expected=error.get("ctx", {}).get("expected"),
            got=f"{error['input']!r:.60}")
    return f"{where}: {error['msg']}"


def describe(what: str, exc: ValidationError) -> str:
    """The first complaint, naming object and field (`account.email: expected a string…`);
    in a list, the item too (`account[3].email`)."""
    errors = exc.errors(include_url=False)
    first = _complaint(what, errors[0])
    return first if len(errors) == 1 else _("{first} (and {more} more)").format(
        first=first, more=len(errors) - 1)


def envelope(body: Any, key: str) -> list[Any]:
    """The list inside `{key: [...]}` (Opiq's `items`, OneRoster's `users`, `orgs`, …)."""
    if not isinstance(body, dict):
        raise SchemaError(_("{where}: expected {expected}, got {got}").format(
            where="answer", expected=_("an object"), got=type(body).__name__))
    if key not in body:
        raise SchemaError(_("{where}: missing field {field!r}").format(where="answer", field=key))
    value = body[key]
    if not isinstance(value, list):
        raise SchemaError(_("{where}: expected {expected}, got {got}").format(
            where=f"answer.{key}", expected=_("a list"), got=type(value).__name__))
    return value


def page_of(model: type[M], key: str) -> Callable[[Any], list[M]]:
    """A reader of a list answer `{key: [...]}` whose every item is a `model`."""

    def read(body: Any) -> list[M]:
        return model.list_from_json(envelope(body, key))

    return read


def single(body: Any, key: str) -> Any:
    """The object inside `{key: {...}}` (OneRoster's single-item answers)."""
    if not isinstance(body, dict):
        raise SchemaError(_("{where}: expected {expected}, got {got}").format(
            where="answer", expected=_("an object"), got=type(body).__name__))
    if key not in body:
        raise SchemaError(_("{where}: missing field {field!r}").format(where="answer", field=key))
    value = body[key]
    if not isinstance(value, dict):
        raise SchemaError(_("{where}: expected {expected}, got {got}").format(
            where=key, expected=_("an object"), got=type(value).__name__))
    return value


# Opiq ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True, config=CONTRACT)
class SchoolRole(ContractModel):
    what: ClassVar[str] = "role"

    school_id: Str
    role: Str


@dataclass(frozen=True, slots=True, kw_only=True, config=CONTRACT)
class OpiqUser(ContractModel):
    """The signed-in Opiq user (`GET /me`)."""

    what: ClassVar[str] = "me"

    id: Str
    first_name: Str
    last_name: Str
    email: OptStr = None
    id_code: OptStr = None
    ekool_id: OptStr = None
    roles: tuple[SchoolRole, ...]

    def schools_with_role(self, role: str) -> tuple[str, ...]:
        return tuple(r.school_id for r in self.roles if r.role == role)


@dataclass(frozen=True, slots=True, kw_only=True, config=CONTRACT)
class EkoolIntegration(ContractModel):
    what: ClassVar[str] = "integration"

    enabled: Bool
    ekool_org_id: OptStr = None
    ekool_name: OptStr = None
    enabled_at: OptStr = None


@dataclass(frozen=True, slots=True, kw_only=True, config=CONTRACT)
class School(ContractModel):
    """An Opiq school; the wire nests the eKool integration as `integration.ekool`."""

    what: ClassVar[str] = "school"

    id: Str
    name: Str
    ehis_id: StrOrEmpty = ""
    ekool: Annotated[EkoolIntegration, Field(validation_alias=AliasPath("integration", "ekool"))]


@dataclass(frozen=True, slots=True, kw_only=True, config=CONTRACT)
class Account(ContractModel):
    """An Opiq account at one school: the record of interfaces.md §4 plus `updated_at`."""

    what: ClassVar[str] = "account"

    id: Str
    first_name: Str
    last_name: Str
    email: OptStr = None
    id_code: OptStr = None
    birth_date: OptStr = None
    ekool_id: OptStr = None
    roles: Strs
    created_at: Str
    has_license: Bool
    school: StrOrEmpty = ""
    journals: OptStrs = ()
    updated_at: OptStr = None

    @property
    def linked(self) -> bool:
        return self.ekool_id is not None

    def to_record(self) -> dict[str, Any]:
        """The §4 record, as written to `.jsonl` and read by the duplicate scan."""
        return {
            "id": self.id,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "email": self.email,
            "id_code": self.id_code,
            "birth_date": self.birth_date,
            "ekool_id": self.ekool_id,
            "roles": list(self.roles),
            "created_at": self.created_at,
            "has_license": self.has_license,
            "school": self.school,
            "journals": list(self.journals),
        }


@dataclass(frozen=True, slots=True, kw_only=True, config=CONTRACT)
class Activity(ContractModel):
    """What stays behind in an old account when its person moves to a new one."""

    what: ClassVar[str] = "activity"

    materials_added: Int
    work_solved: Int
    last_active_at: OptStr = None


@dataclass(frozen=True, slots=True, kw_only=True, config=CONTRACT)
class LicencePool(ContractModel):
    what: ClassVar[str] = "licences"

    total: Int
    assigned: Int
    free: Int


@dataclass(frozen=True, slots=True, kw_only=True, config=CONTRACT)
class Journal(ContractModel):
    """An Opiq journal (päevik); `teachers` and `students` are Opiq account ids."""

    what: ClassVar[str] = "journal"

    id: Str
    school_id: Str
    name: Str
    origin: Literal["ekool", "opiq"]
    ekool_class_id: OptStr = None
    course_set: StrOrEmpty = ""
    teachers: Strs
    students: Strs
    refreshed_at: OptStr = None
    created_at: Str

    @property
    def from_ekool(self) -> bool:
        return self.origin == "ekool"


@dataclass(frozen=True, slots=True, kw_only=True, config=CONTRACT)
class JournalRefresh(ContractModel):
    what: ClassVar[str] = "refresh"

    journal: Journal
    added: Strs
    removed: Strs


# eKool (OneRoster 1.2) -----------------------------------------------------------------


def _role_word(value: Any) -> Any:
    """OneRoster 1.2 names a school's administrator `siteAdministrator` on a user; the
    program (and eKool's own `/api/me`, and 1.2's enrollments) says `administrator`."""
    return ROLE_WORDS.get(value, value) if isinstance(value, str) else value


ROLE_WORDS = {"siteAdministrator": "administrator"}
EHIS_CODE_KEY = "ee.ehisCode"
"""eKool's extension: the school profile's EHIS code, in an org's `metadata`."""
ID_CODE_TYPE = "EE_isikukood"
"""The `userIds` type of an Estonian personal ID code."""


@dataclass(frozen=True, slots=True, kw_only=True, config=CONTRACT)
class RosterRef(ContractModel):
    """A OneRoster 1.2 reference (a GUIDRef): the id, and the URI and type the standard
    adds (absent from servers older than 1.2, or given as a bare id)."""

    what: ClassVar[str] = "reference"

    sourced_id: Annotated[Str, Field(alias="sourcedId")]
    href: OptStr = None
    type: OptStr = None

    @model_validator(mode="before")
    @classmethod
    def _bare_id(cls, value: Any) -> Any:
        return {"sourcedId": value} if isinstance(value, str) else value


@dataclass(frozen=True, slots=True, kw_only=True, config=CONTRACT)
class UserId(ContractModel):
    """One of a user's `userIds`: an identifier and what kind it is (`EE_isikukood`)."""

    what: ClassVar[str] = "userId"

    type: Str
    identifier: Str


@dataclass(frozen=True, slots=True, kw_only=True, config=CONTRACT)
class EkoolRole(ContractModel):
    """A role at an org; `/api/me` also names the org and its EHIS code, rosters do not."""

    what: ClassVar[str] = "role"

    role: Annotated[Str, BeforeValidator(_role_word)]  # "student" | "teacher" | "administrator"
    org_id: Annotated[Ref, Field(alias="org")]
    org_name: OptStr = None
    org_ehis_code: OptStr = None

    @model_validator(mode="before")
    @classmethod
    def _named_org(cls, value: Any) -> Any:
        """`/api/me` gives the org as `{"sourcedId", "name", "identifier"}`."""
        if isinstance(value, dict):
            org = value.get("org")
            if isinstance(org, dict) and ("name" in org or "identifier" in org):
                return {**value, "org_name": org.get("name"),
                        "org_ehis_code": org.get("identifier")}
        return value


@dataclass(frozen=True, slots=True, kw_only=True, config=CONTRACT)
class EkoolPerson(ContractModel):
    """The signed-in eKool person (`GET /api/me`)."""

    what: ClassVar[str] = "ekool me"

    sourced_id: Annotated[Str, Field(alias="sourcedId")]
    given_name: Annotated[Str, Field(alias="givenName")]
    family_name: Annotated[Str, Field(alias="familyName")]
    email: OptStr = None
    identifier: OptStr = None  # personal ID code
    identifier_country: Annotated[OptStr, Field(alias="identifierCountry")] = None
    roles: tuple[EkoolRole, ...]


@dataclass(frozen=True, slots=True, config=CONTRACT)
class EkoolSchool(ContractModel):
    """A OneRoster org of type school; `ehis_code` is "" when eKool's profile lacks it.

    The EHIS code is eKool's extension `metadata["ee.ehisCode"]`; a server without it gives
    the code as the org's standard `identifier` (human-readable, "e.g. NCES ID"), read then.
    Its fields may be given in order (`EkoolSchool(id, name, code, status, modified)`), so
    none has a default: a missing `identifier` or `dateLastModified` is filled in first.
    """

    what: ClassVar[str] = "org"

    sourced_id: Annotated[Str, Field(alias="sourcedId")]
    name: Str
    ehis_code: Annotated[StrOrEmpty, Field(alias="identifier")]
    status: Str
    date_last_modified: Annotated[StrOrEmpty, Field(alias="dateLastModified")]

    @model_validator(mode="before")
    @classmethod
    def _optional_fields(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value  # given in order, or not an object at all
        metadata = value.get("metadata")
        if isinstance(metadata, dict) and EHIS_CODE_KEY in metadata:
            value = {**{k: v for k, v in value.items() if k != "ehis_code"},
                     "identifier": metadata[EHIS_CODE_KEY]}
        absent = {wire: "" for wire, name in (("identifier", "ehis_code"),
                                               ("dateLastModified", "date_last_modified"))
                  if wire not in value and name not in value}
        return {**absent, **value} if absent else value


@dataclass(frozen=True, slots=True, kw_only=True, config=CONTRACT)
class _RosterItem(ContractModel):
    """What every OneRoster list item carries first: its id, `status` and change time."""

    sourced_id: Annotated[Str, Field(alias="sourcedId")]
    status: Str
    date_last_modified: Annotated[StrOrEmpty, Field(alias="dateLastModified")] = ""

    @property
    def deleted(self) -> bool:
        """Marked `tobedeleted`: how a delta says the item is gone."""
        return self.status == "tobedeleted"


@dataclass(frozen=True, slots=True, kw_only=True, config=CONTRACT)
class EkoolUser(_RosterItem):
    """A OneRoster 1.2 user. The personal ID code is among `userIds` (type `EE_isikukood`;
    `identifier` where a server still uses 1.1's place for it); the birth date is not on
    the user in 1.2 but in `/demographics`, and `EkoolClient.users` fills it in from there.
    """

    what: ClassVar[str] = "user"

    given_name: Annotated[Str, Field(alias="givenName")]
    family_name: Annotated[Str, Field(alias="familyName")]
    enabled_user: Annotated[OptStr, Field(alias="enabledUser")] = None  # "true" | "false"
    email: OptStr = None
    identifier: OptStr = None
    user_ids: Annotated[tuple[UserId, ...], BeforeValidator(_none_is_empty),
                        Field(alias="userIds")] = ()
    roles: tuple[EkoolRole, ...]
    birth_date: OptStr = None  # from the person's demographics record

    @property
    def enabled(self) -> bool:
        """1.2's `enabledUser`: "false" when the school has curtailed the person's access."""
        return self.enabled_user != "false"

    @property
    def id_code(self) -> str | None:
        """The personal ID code: the Estonian one among `userIds`, else another country's
        personal code there, else 1.1's `identifier`."""
        for wanted in (ID_CODE_TYPE.casefold(), "_personalcode", "_isikukood"):
            for user_id in self.user_ids:
                kind = user_id.type.casefold()
                if (kind == wanted or kind.endswith(wanted)) and user_id.identifier:
                    return user_id.identifier
        return self.identifier


@dataclass(frozen=True, slots=True, kw_only=True, config=CONTRACT)
class Demographics(_RosterItem):
    """A person's demographics record: same sourcedId as the user; the birth date."""

    what: ClassVar[str] = "demographics"

    birth_date: Annotated[OptStr, Field(alias="birthDate")] = None


@dataclass(frozen=True, slots=True, kw_only=True, config=CONTRACT)
class AcademicSession(_RosterItem):
    """A school year, term or grading period: the `terms` a class is held in."""

    what: ClassVar[str] = "academicSession"

    title: Str
    type: Str
    start_date: Annotated[Str, Field(alias="startDate")]
    end_date: Annotated[Str, Field(alias="endDate")]  # the first day after it (excluded)
    school_year: Annotated[StrOrEmpty, Field(alias="schoolYear")] = ""


@dataclass(frozen=True, slots=True, kw_only=True, config=CONTRACT)
class EkoolJournal(_RosterItem):
    """An eKool journal: a OneRoster class."""

    what: ClassVar[str] = "class"

    title: Str
    class_code: Annotated[StrOrEmpty, Field(alias="classCode")] = ""
    class_type: Annotated[StrOrEmpty, Field(alias="classType")] = ""
    subjects: OptStrs = ()
    school_id: Annotated[Ref, Field(alias="school")]
    # 1.2 requires both; a server older than 1.2 may leave them out.
    course: RosterRef | None = None
    terms: Annotated[tuple[RosterRef, ...], BeforeValidator(_none_is_empty)] = ()


@dataclass(frozen=True, slots=True, kw_only=True, config=CONTRACT)
class Enrollment(_RosterItem):
    what: ClassVar[str] = "enrollment"

    role: Str
    user_id: Annotated[Ref, Field(alias="user")]
    journal_id: Annotated[Ref, Field(alias="class")]
    school_id: Annotated[Ref, Field(alias="school")]
    # OneRoster 1.2's dates of the membership (YYYY-MM-DD): absent or null when open.
    begin_date: Annotated[OptStr, Field(alias="beginDate")] = None
    end_date: Annotated[OptStr, Field(alias="endDate")] = None

    def current_on(self, day: str) -> bool:
        """Whether the membership holds on `day` (YYYY-MM-DD): begun and not yet ended."""
        return enrollment_current(self.begin_date, self.end_date, day)


def enrollment_current(begin: str | None, end: str | None, day: str) -> bool:
    """A membership with these dates holds on `day`: not begun after it, not ended before.
    ISO dates compare as strings; only the date part of a timestamp counts."""
    return not (begin and begin[:10] > day) and not (end and end[:10] < day)
