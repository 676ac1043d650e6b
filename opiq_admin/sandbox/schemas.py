"""Request and response shapes of the emulator, for validation and for `/openapi.json`.

The OpenAPI document is the contract the program's clients are written against, so every
answer has a model here even where the route builds its JSON by hand.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

_ID = Field(min_length=1, max_length=200)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


class OAuthError(BaseModel):
    error: str
    error_description: str = ""


class TokenAnswer(BaseModel):
    access_token: str
    token_type: str
    expires_in: int
    refresh_token: str
    scope: str
    id_token: str | None = Field(default=None, description="When the scope has openid")


class HaridTokenAnswer(BaseModel):
    """HarID's token answer: never a refresh token."""

    access_token: str
    token_type: str
    expires_in: int
    scope: str
    id_token: str | None = Field(default=None, description="When the scope has openid")


class HaridRole(BaseModel):
    marker: str
    provider_name: str
    provider_ehis_id: str


class UserInfo(BaseModel):
    sub: str
    name: str
    given_name: str
    family_name: str
    email: str | None
    personal_code: str | None = Field(default=None, description="HarID, scope personal_code")
    roles: list[HaridRole] | None = Field(default=None, description="HarID, scope roles")


class Jwk(BaseModel):
    model_config = ConfigDict(extra="allow")
    kty: str
    kid: str
    use: str
    alg: str
    n: str
    e: str


class Jwks(BaseModel):
    keys: list[Jwk]


class ProviderMetadata(BaseModel):
    """OpenID Connect Discovery 1.0 / RFC 8414 provider metadata."""

    model_config = ConfigDict(extra="allow")
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    userinfo_endpoint: str
    jwks_uri: str
    revocation_endpoint: str | None = None
    scopes_supported: list[str]
    response_types_supported: list[str]
    grant_types_supported: list[str]
    code_challenge_methods_supported: list[str]
    token_endpoint_auth_methods_supported: list[str]
    id_token_signing_alg_values_supported: list[str]
    subject_types_supported: list[str]
    authorization_response_iss_parameter_supported: bool


# --- Opiq --------------------------------------------------------------------------------

class RoleAt(BaseModel):
    school_id: str
    role: str


class OpiqMe(BaseModel):
    id: str
    first_name: str
    last_name: str
    email: str | None
    id_code: str | None
    ekool_id: str | None
    roles: list[RoleAt]


class EkoolIntegration(BaseModel):
    enabled: bool
    ekool_org_id: str | None
    ekool_name: str | None
    enabled_at: str | None


class Integrations(BaseModel):
    ekool: EkoolIntegration


class School(BaseModel):
    id: str
    name: str
    ehis_id: str
    integration: Integrations


class SchoolList(BaseModel):
    items: list[School]


class Account(BaseModel):
    id: str
    first_name: str
    last_name: str
    email: str | None
    id_code: str | None
    birth_date: str | None
    ekool_id: str | None
    roles: list[str]
    created_at: str
    updated_at: str
    has_license: bool
    school: str | None
    journals: list[str]


class AccountPage(BaseModel):
    items: list[Account]
    total: int


class Activity(BaseModel):
    materials_added: int
    work_solved: int
    last_active_at: str | None


class Licences(BaseModel):
    total: int
    assigned: int
    free: int


class Journal(BaseModel):
    id: str
    school_id: str
    name: str
    origin: str
    ekool_class_id: str | None
    course_set: str
    teachers: list[str]
    students: list[str]
    refreshed_at: str | None
    created_at: str


class JournalPage(BaseModel):
    items: list[Journal]
    total: int


class RefreshAnswer(BaseModel):
    journal: Journal
    added: list[str]
    removed: list[str]


class EkoolTokenBody(_Strict):
    ekool_access_token: str = Field(min_length=1, max_length=500)


class AssignBody(_Strict):
    user_id: str = _ID


class JournalPatch(_Strict):
    name: str | None = Field(default=None, max_length=200)
    students: list[str] | None = Field(default=None, max_length=5000)
    teachers: list[str] | None = Field(default=None, max_length=500)


# --- eKool (OneRoster 1.2) ---------------------------------------------------------------
# The 1.2 types as the emulator serves them: the fields it fills, by their wire names. The
# full official types are in tests/oneroster/schemas (every answer is validated there).

class Ref(BaseModel):
    """A 1.2 reference (GUIDRef): the object's URI, its id, and its type."""

    href: str
    sourcedId: str
    type: str


class OrgRef(BaseModel):
    sourcedId: str
    name: str
    identifier: str


class Org(BaseModel):
    sourcedId: str
    status: str
    dateLastModified: str
    name: str
    type: str
    identifier: str
    metadata: dict[str, str | None] = Field(
        default_factory=dict, description="eKool's extensions: ee.ehisCode, the EHIS code")


class OrgList(BaseModel):
    orgs: list[Org]


class OrgOne(BaseModel):
    org: Org


class UserRole(BaseModel):
    roleType: str
    role: str = Field(description="student, teacher, siteAdministrator, …")
    org: Ref


class UserId(BaseModel):
    type: str = Field(description="EE_isikukood for an Estonian personal ID code")
    identifier: str


class User(BaseModel):
    sourcedId: str
    status: str
    dateLastModified: str
    enabledUser: Literal["true", "false"]
    username: str | None = None
    givenName: str
    familyName: str
    email: str | None = None
    identifier: str | None = Field(default=None, description="1.1's place of the ID code")
    userIds: list[UserId] = Field(default_factory=list)
    primaryOrg: Ref | None = None
    roles: list[UserRole]


class UserList(BaseModel):
    users: list[User]


class UserOne(BaseModel):
    user: User


class Demographics(BaseModel):
    sourcedId: str
    status: str
    dateLastModified: str
    birthDate: str | None = Field(default=None, description="YYYY-MM-DD")


class DemographicsList(BaseModel):
    demographics: list[Demographics]


class DemographicsOne(BaseModel):
    demographics: Demographics


class AcademicSession(BaseModel):
    sourcedId: str
    status: str
    dateLastModified: str
    title: str
    type: str
    startDate: str
    endDate: str = Field(description="The first day after the session")
    schoolYear: str


class AcademicSessionList(BaseModel):
    academicSessions: list[AcademicSession]


class AcademicSessionOne(BaseModel):
    academicSession: AcademicSession


class Course(BaseModel):
    sourcedId: str
    status: str
    dateLastModified: str
    title: str
    courseCode: str
    subjects: list[str]
    schoolYear: Ref
    org: Ref


class CourseList(BaseModel):
    courses: list[Course]


class CourseOne(BaseModel):
    course: Course


class MeRole(BaseModel):
    role: str
    org: OrgRef


class EkoolMe(BaseModel):
    sourcedId: str
    givenName: str
    familyName: str
    email: str
    identifier: str
    identifierCountry: str
    roles: list[MeRole]


class Class(BaseModel):
    sourcedId: str
    status: str
    dateLastModified: str
    title: str
    classCode: str
    classType: str
    subjects: list[str]
    course: Ref
    school: Ref
    terms: list[Ref]


class ClassList(BaseModel):
    classes: list[Class]


class ClassOne(BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    class_: Class = Field(alias="class")


class Enrollment(BaseModel):
    model_config = ConfigDict(populate_by_name=True)
    sourcedId: str
    status: str
    dateLastModified: str
    role: str
    user: Ref
    class_: Ref = Field(alias="class")
    school: Ref
    beginDate: str | None = Field(default=None, description="YYYY-MM-DD; absent when open")
    endDate: str | None = Field(default=None, description="YYYY-MM-DD; absent while it lasts")


class EnrollmentList(BaseModel):
    enrollments: list[Enrollment]


class EnrollmentOne(BaseModel):
    enrollment: Enrollment


class ClientCredentialsAnswer(BaseModel):
    """A client-credentials token (RFC 6749 §4.4.3): no refresh token, no ID token."""

    access_token: str
    token_type: str
    expires_in: int
    scope: str


class ProfileBody(_Strict):
    ehis_code: str = Field(max_length=20)


# --- practice ----------------------------------------------------------------------------

class Credentials(BaseModel):
    username: str
    password: str
    user_id: str


class HaridClient(BaseModel):
    client_id: str
    client_secret: str
    issuer: str


class RosterClient(BaseModel):
    """The practice OneRoster client: client-credentials access to the roster."""

    client_id: str
    client_secret: str
    token_url: str
    roster_url: str
    scope: str


class PracticeInfo(BaseModel):
    seed: int
    schools: int
    students: int
    clock: str
    client_id: str
    opiq: Credentials
    ekool: Credentials
    ekool_other: Credentials | None
    harid: HaridClient | None = Field(default=None, description="Only with --idp harid")
    roster_client: RosterClient | None = Field(default=None,
                                               description="OneRoster client credentials")


class RosterBody(_Strict):
    add: list[str] = Field(default_factory=list, max_length=1000)
    remove: list[str] = Field(default_factory=list, max_length=1000)
    new_students: int = Field(default=0, ge=0, le=500)


class ClockBody(_Strict):
    days: int = Field(ge=0, le=3650)


class TransferBody(_Strict):
    ekool_class_id: str = _ID
    course_set: str = Field(min_length=1, max_length=200)


class AccountChangeBody(_Strict):
    """Any of the fields; a field left out is left as it is."""

    school_id: str | None = Field(default=None, min_length=1, max_length=200)
    ekool_id: str | None = Field(default=None, max_length=200)
    roles: list[Literal["student", "teacher", "admin"]] | None = Field(default=None,
                                                                       max_length=3)
    has_license: bool | None = None


class NextSigninBody(_Strict):
    user_id: str = _ID


class TruthPair(BaseModel):
    old: str
    new: str
    kind: str


class GroundTruth(BaseModel):
    pairs: list[TruthPair]


class RosterAnswer(BaseModel):
    sourcedId: str
    students: list[str]
    added: list[str]


class ClockAnswer(BaseModel):
    clock: str
    refreshed: list[str]


class NextSigninAnswer(BaseModel):
    user_id: str
