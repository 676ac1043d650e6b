"""One exception family for everything that can go wrong talking to Opiq or eKool.

The UI and CLI show these to administrators, so `str()` names the call and says in plain
words what happened; code that needs to branch uses the subclass or `.code` (the server's
snake_case error code, e.g. `ehis_code_missing`).
"""

from __future__ import annotations

from opiq_admin.services.i18n import N_, _


class ApiError(Exception):
    """A call that did not give the answer the contract promises."""

    summary = N_("the call failed")

    def __init__(self, call: str, status: int | None, code: str, message: str = "") -> None:
        super().__init__(call, status, code, message)
        self.call = call
        self.status = status
        self.code = code
        self.message = message

    def __str__(self) -> str:
        where = f"HTTP {self.status}" if self.status is not None else _("no answer")
        detail = f" ({where}, {self.code})" if self.code else f" ({where})"
        text = f"{self.call}: {_(self.summary)}{detail}"
        return f"{text}: {self.message}" if self.message else text


class InvalidRequest(ApiError):
    summary = N_("the server refused the request as invalid")


class NotSignedIn(ApiError):
    summary = N_("not signed in, or the sign-in has expired")


class Forbidden(ApiError):
    summary = N_("the signed-in user is not allowed to do this")


class NotFound(ApiError):
    summary = N_("not found")


class Conflict(ApiError):
    summary = N_("refused because of the current state")


class RateLimited(ApiError):
    summary = N_("the server kept asking to slow down; gave up after retrying")


class ServerError(ApiError):
    summary = N_("the server had trouble answering")


class MalformedResponse(ApiError):
    summary = N_("the answer was not what the contract describes")


class ConnectionFailed(ApiError):
    summary = N_("could not reach the server")


class SignInNeeded(NotSignedIn):
    """A command that needs a system this program is not signed in to."""

    def __init__(self, system: str) -> None:
        super().__init__(f"{system} sign-in", None, "sign_in_needed")
        self.system = system

    def __str__(self) -> str:
        return _("sign in first: opiq-admin login {system}").format(system=self.system)


class SignInLockBusy(ApiError):
    """Another run of the program held a sign-in's lock longer than we could wait."""

    summary = N_("another opiq-admin is renewing this sign-in and did not finish in time")


class SignInKept(ApiError):
    """A stored sign-in that could not be renewed now, for a reason other than the server
    refusing it (no connection, a server error, asked to slow down, the lock busy): it stays
    in the keyring for next time, and this run goes on without it."""

    def __init__(self, system: str, cause: ApiError) -> None:
        super().__init__(cause.call, cause.status, cause.code, cause.message)
        self.system = system
        self.cause = cause

    @property
    def unreachable(self) -> bool:
        return isinstance(self.cause, ConnectionFailed | ServerError | RateLimited)

    def __str__(self) -> str:
        if isinstance(self.cause, SignInLockBusy):
            reason = _("another opiq-admin is renewing the {system} sign-in").format(
                system=self.system)
        elif self.unreachable:
            reason = _("the {system} server cannot be reached").format(system=self.system)
        else:
            reason = _("the {system} server did not renew the sign-in ({summary})").format(
                system=self.system, summary=_(self.cause.summary))
        where = f"HTTP {self.status}" if self.status is not None else self.code
        return _("{reason}; your sign-in is kept ({where})").format(reason=reason, where=where) \
            if where else _("{reason}; your sign-in is kept").format(reason=reason)


class InsecureUrl(ValueError):
    """A plain-http URL to a host other than this computer: tokens would travel in clear."""


class InvalidEhisCode(ValueError):
    """An EHIS code that cannot be one; caught before anything is sent."""


def error_for_status(status: int) -> type[ApiError]:
    """The exception class for an HTTP error status."""
    if status == 401:
        return NotSignedIn
    if status == 403:
        return Forbidden
    if status == 404:
        return NotFound
    if status == 409:
        return Conflict
    if status == 429:
        return RateLimited
    if status >= 500:
        return ServerError
    if 400 <= status < 500:
        return InvalidRequest
    return MalformedResponse


class SignInServerUnusable(ApiError):
    """A sign-in server that cannot be used as the profile names it: no discovery document
    and no endpoints, a document of another issuer, an endpoint in plain http elsewhere.
    The message says what and where."""

    summary = N_("the sign-in server cannot be used as the profile names it")

    def __str__(self) -> str:
        return f"{self.call}: {self.message}" if self.message else super().__str__()
