"""The shared machinery of the Opiq and eKool clients: retries, idempotency, paging, errors.

Both systems are reached through one `ApiClient` so that every call gets the same
behaviour the contract (docs/api.md) asks for: bounded retries with backoff that honour
`Retry-After`, one `Idempotency-Key` per logical mutation reused across its retries, a
single token refresh on `401`, and errors that name the call. The `httpx.AsyncClient` is
given by the caller so that one connection pool (and its TLS settings) serves the program.
"""

from __future__ import annotations

import asyncio
import email.utils
import ipaddress
import logging
import random
import time
import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar
from urllib.parse import quote

import httpx

from opiq_admin.services.clients.models import SchemaError
from opiq_admin.services.clients.pacing import Pacer
from opiq_admin.services.errors import (
    ApiError,
    ConnectionFailed,
    InsecureUrl,
    MalformedResponse,
    RateLimited,
    error_for_status,
)
from opiq_admin.services.i18n import N_, _

log = logging.getLogger(__name__)

T = TypeVar("T")

MUTATING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
RETRYABLE_EXCEPTIONS: tuple[type[Exception], ...] = (
    httpx.ConnectError,
    httpx.ReadError,
    httpx.WriteError,
    httpx.RemoteProtocolError,
    httpx.TimeoutException,
)


class TokenSource(Protocol):
    """Whatever holds the current access token (see `services.auth.Session`)."""

    async def access_token(self) -> str:
        """A token valid for a while yet; refreshes first when it is about to expire."""
        ...

    async def refresh_after_401(self, rejected: str) -> str | None:
        """A new token after the server rejected `rejected`, or None when there is none."""
        ...


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try. Attempts include the first one."""

    attempts: int = 5
    base_delay: float = 0.25
    max_delay: float = 8.0
    max_retry_after: float = 30.0
    # 500 is not in the contract's list either way; with an Idempotency-Key a repeat is safe.
    statuses: frozenset[int] = frozenset({429, 500, 502, 503, 504})

    def backoff(self, attempt: int) -> float:
        """Exponential backoff with full jitter: attempt 1 → up to base, 2 → 2·base, …"""
        ceiling = min(self.max_delay, self.base_delay * (2 ** (attempt - 1)))
        return random.uniform(ceiling / 2, ceiling)

    def delay_after(self, attempt: int, response: httpx.Response) -> float:
        """The wait before repeating an answer in `statuses`: its `Retry-After` (capped,
        with a little jitter so that concurrent calls do not return together), else the
        backoff."""
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        if retry_after is None:
            return self.backoff(attempt)
        return min(self.max_retry_after, retry_after) + random.uniform(0, 0.05)


DEFAULT_TIMEOUT = httpx.Timeout(connect=10.0, read=30.0, write=30.0, pool=30.0)


def make_http_client(*, timeout: httpx.Timeout = DEFAULT_TIMEOUT,
                     max_connections: int = 16) -> httpx.AsyncClient:
    """The program's one HTTP client: TLS verified, timeouts set, redirects not followed."""
    return httpx.AsyncClient(
        timeout=timeout,
        verify=True,
        follow_redirects=False,
        limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=8),
        headers={"User-Agent": "opiq-admin"},
    )


def is_loopback_host(host: str) -> bool:
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_base_url(url: str) -> httpx.URL:
    """Accept https anywhere and plain http only to this computer (RFC 8252 §8.3)."""
    parsed = httpx.URL(url)
    if parsed.scheme == "https" and parsed.host:
        return parsed
    if parsed.scheme == "http" and parsed.host and is_loopback_host(parsed.host):
        return parsed
    if parsed.scheme == "http":
        raise InsecureUrl(_(
            "refusing plain http to {host!r}: use https, or a loopback address "
            "(127.0.0.1, ::1, localhost) for a server on this computer").format(
                host=parsed.host))
    raise InsecureUrl(_("not an http(s) URL: {url!r}").format(url=url))


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a `Retry-After` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def segment(value: str) -> str:
    """One path segment; ids are opaque strings and must not change the path."""
    return quote(value, safe="")


def error_from_response(call: str, response: httpx.Response) -> ApiError:
    """The `ApiError` for an error answer, reading either error shape the contract uses."""
    code, message = f"http_{response.status_code}", response.reason_phrase or ""
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict):
        err = body.get("error")
        if isinstance(err, dict):
            code = str(err.get("code") or code)
            message = str(err.get("message") or message)
        elif isinstance(err, str):  # RFC 6749 shape of the OAuth endpoints
            code = err
            message = str(body.get("error_description") or message)
        else:
            code, message = _status_info(body, code, message)
    return error_for_status(response.status_code)(call, response.status_code, code, message)


# OneRoster 1.2's minor codes, in words a person can act on.
# Marked N_, said through _ when the error is made.
STATUS_WORDS = {
    "unknownobject": N_("no such record on the roster server"),
    "unauthorisedrequest": N_("the roster server did not accept the sign-in"),
    "forbidden": N_("the roster server refused access to this"),
    "invalid_filter_field": N_("the roster server does not filter on that field"),
    "invalid_selection_field": N_("the roster server does not know a field asked for"),
    "invalid_sort_field": N_("the roster server cannot sort on that field"),
    "invalid_blank_selection_field": N_("a field asked for was left blank"),
    "invalid_uuid": N_("an id sent to the roster server is not one it can read"),
    "server_busy": N_("the roster server is busy"),
    "internal_server_error": N_("the roster server failed on its side"),
}


def _status_info(body: dict[str, Any], code: str, message: str) -> tuple[str, str]:
    """OneRoster's `imsx_StatusInfo` error (bare, or under `imsx_statusInfo`): the minor
    code, and the server's description or the code's meaning in words."""
    info = body.get("imsx_statusInfo", body)
    if not isinstance(info, dict) or "imsx_codeMajor" not in info:
        return code, message
    minor = info.get("imsx_CodeMinor")
    fields = minor.get("imsx_codeMinorField") if isinstance(minor, dict) else None
    values = [f.get("imsx_codeMinorFieldValue") for f in fields or ()
              if isinstance(f, dict)]
    found = next((str(v) for v in values if v), "")
    described = info.get("imsx_description")
    words = str(described) if isinstance(described, str) and described.strip() else \
        _(STATUS_WORDS[found]) if found in STATUS_WORDS else message
    return found or code, words


def json_body(call: str, response: httpx.Response) -> Any:
    """The decoded body of an answer; `MalformedResponse` when it is not JSON."""
    try:
        return response.json()
    except ValueError as exc:
        raise MalformedResponse(call, response.status_code, "not_json",
                                _("the body is not JSON")) from exc


async def send_retrying(http: httpx.AsyncClient, method: str, url: str, *, call: str,
                        policy: RetryPolicy,
                        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
                        headers: Mapping[str, str] | None = None,
                        pacer: Pacer | None = None,
                        reauthorize: Callable[[Mapping[str, str]],
                                              Awaitable[dict[str, str] | None]] | None = None,
                        **kwargs: Any) -> httpx.Response:
    """One request to an absolute URL, repeated on the faults the policy names.

    The one retry loop of the program: `ApiClient` calls go through it with their pacer
    and a `reauthorize` that gives new headers after a `401` (once per call, and that
    round trip is not counted as a fault); the sign-in pages use it bare. The last answer
    is returned as it is, error or not; only a connection that keeps failing raises.
    """
    attempt = 0
    while True:
        attempt += 1
        if pacer is not None:
            await pacer.wait()
        try:
            response = await http.request(method, url, headers=headers, **kwargs)
        except RETRYABLE_EXCEPTIONS as exc:
            if attempt >= policy.attempts:
                raise ConnectionFailed(call, None, type(exc).__name__,
                                       str(exc) or _("the connection was dropped")) from exc
            delay = policy.backoff(attempt)
            log.info("%s: %s, retrying in %.2f s", call, type(exc).__name__, delay)
            await sleep(delay)
            continue
        except httpx.HTTPError as exc:
            raise ConnectionFailed(call, None, type(exc).__name__, str(exc)) from exc
        if pacer is not None:
            pacer.learn(response.headers)
        status = response.status_code
        if status == 401 and reauthorize is not None:
            fresh = await reauthorize(headers or {})
            reauthorize = None  # once per call
            if fresh is not None:
                headers = fresh
                attempt -= 1  # the refresh round trip is not a fault
                continue
        if status not in policy.statuses or attempt >= policy.attempts:
            return response
        delay = policy.delay_after(attempt, response)
        log.info("%s: HTTP %s, retrying in %.2f s", call, status, delay)
        await sleep(delay)


class ApiClient:
    """A base for the clients of one system at `base_url` (e.g. `https://…/opiq`)."""

    def __init__(self, base_url: str, *, http: httpx.AsyncClient, token: TokenSource | None,
                 retry: RetryPolicy | None = None, page_concurrency: int = 6,
                 sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep) -> None:
        self.base_url = str(check_base_url(base_url)).rstrip("/")
        self._base_path = httpx.URL(self.base_url).path.rstrip("/")
        self.http = http
        self.token = token
        self.retry = retry or RetryPolicy()
        self.page_concurrency = max(1, page_concurrency)
        self._sleep = sleep
        self.pacer = Pacer()

    def call_name(self, method: str, path: str) -> str:
        return f"{method} {self._base_path}{path}"

    async def _headers(self, method: str, key: str | None) -> dict[str, str]:
        headers = {"Accept": "application/json"}
        if self.token is not None:
            headers["Authorization"] = f"Bearer {await self.token.access_token()}"
        if method in MUTATING:
            headers["Idempotency-Key"] = key or str(uuid.uuid4())
        return headers

    async def request(self, method: str, path: str, *, params: Mapping[str, Any] | None = None,
                      json: Any = None, data: Mapping[str, str] | None = None,
                      key: str | None = None, idempotency: bool = True) -> httpx.Response:
        """One logical call: retried as the policy says, raising `ApiError` unless 2xx.

        `idempotency=False` leaves out the `Idempotency-Key` (the OAuth endpoints take none).
        """
        method = method.upper()
        call = self.call_name(method, path)
        headers = await self._headers(method if idempotency else "GET", key)
        response = await send_retrying(
            self.http, method, self.base_url + path, call=call, policy=self.retry,
            sleep=self._sleep, headers=headers, pacer=self.pacer,
            reauthorize=self._reauthorize if self.token is not None else None,
            params=params, json=json, data=data)
        if response.status_code < 400:
            return response
        raise error_from_response(call, response)

    async def _reauthorize(self, headers: Mapping[str, str]) -> dict[str, str] | None:
        """The headers again with a new token after a `401`, or None when there is none."""
        assert self.token is not None
        rejected = headers.get("Authorization", "").removeprefix("Bearer ")
        fresh = await self.token.refresh_after_401(rejected)
        return {**headers, "Authorization": f"Bearer {fresh}"} if fresh else None

    async def get_json(self, path: str, params: Mapping[str, Any] | None = None) -> Any:
        response = await self.request("GET", path, params=params)
        return json_body(self.call_name("GET", path), response)

    async def send_json(self, method: str, path: str, body: Any = None,
                        key: str | None = None) -> Any:
        """A mutating call; None for an answer without a body (204)."""
        response = await self.request(method, path, json=body, key=key)
        if response.status_code == 204 or not response.content:
            return None
        return json_body(self.call_name(method.upper(), path), response)

    def parse(self, call: str, body: Any, parser: Callable[[Any], T]) -> T:
        """Apply a model parser, turning any shape surprise into `MalformedResponse`."""
        try:
            return parser(body)
        except (SchemaError, KeyError, TypeError, ValueError, AttributeError) as exc:
            raise MalformedResponse(call, 200, "unexpected_shape", str(exc)) from exc

    async def get(self, path: str, parser: Callable[[Any], T],
                  params: Mapping[str, Any] | None = None) -> T:
        return self.parse(self.call_name("GET", path), await self.get_json(path, params), parser)

    async def send(self, method: str, path: str, parser: Callable[[Any], T], body: Any = None,
                   key: str | None = None) -> T:
        body = await self.send_json(method, path, body, key)
        return self.parse(self.call_name(method.upper(), path), body, parser)

    async def get_all(self, path: str, items: Callable[[Any], list[Any]],
                      parser: Callable[[Any], T], params: Mapping[str, Any] | None = None,
                      page_size: int = 100) -> list[T]:
        """Every item of a paged list, `items` finding them in a page and `parser` reading
        each one (see `get_pages`)."""
        return await self.get_pages(path, lambda body: [parser(item) for item in items(body)],
                                    params, page_size)

    async def get_pages(self, path: str, page: Callable[[Any], list[T]],
                        params: Mapping[str, Any] | None = None,
                        page_size: int = 100) -> list[T]:
        """Every item of a paged list, in the server's order, losing none.

        A server may give fewer items than asked (a page cap of its own) and may send no
        `X-Total-Count` (optional in OneRoster 1.2), so the offset steps by what each page
        really held. With a total, the pages after the first are fetched concurrently (at
        most `page_concurrency` at a time) and the count read must equal it, or the call
        fails rather than hand on a partial list. Without one, pages are read in turn,
        following `Link: rel="next"` where the server gives it, until an empty page or one
        shorter than the server's own page size. `page` reads a whole page as it arrives
        (e.g. `models.page_of(Account, "items")`), so no page's JSON outlives its reading.
        """
        call = self.call_name("GET", path)
        base = dict(params or {})

        async def fetch(offset: int, limit: int = page_size
                        ) -> tuple[httpx.Response, list[T]]:
            response = await self.request("GET", path,
                                          params={**base, "limit": limit, "offset": offset})
            return response, self.parse(call, json_body(call, response), page)

        first_response, items = await fetch(0)
        total = _total_count(first_response)
        if total is None:
            return await self._pages_in_turn(first_response, items, fetch)
        step = len(items) or page_size
        semaphore = asyncio.Semaphore(self.page_concurrency)

        async def bounded(offset: int) -> tuple[int, list[T]]:
            async with semaphore:
                return offset, (await fetch(offset, step))[1]

        for offset, chunk in await asyncio.gather(
                *(bounded(o) for o in range(len(items), total, step))):
            if offset != len(items):
                # A page came back shorter than the first: read the rest in turn.
                break
            items.extend(chunk)
        while len(items) < total:
            _response, chunk = await fetch(len(items), step)
            if not chunk:
                break
            items.extend(chunk)
        if len(items) != total:
            raise MalformedResponse(call, first_response.status_code, "incomplete_list",
                                    _("the server counted {total} records and gave "
                                      "{given}; nothing was kept").format(
                                          total=total, given=len(items)))
        return items

    async def _pages_in_turn(self, response: httpx.Response, items: list[T],
                             fetch: Callable[[int, int], Awaitable[tuple[httpx.Response,
                                                                          list[T]]]]
                             ) -> list[T]:
        page_size = len(items)  # the server's own page size, learnt from the first page
        last = len(items)
        while last:
            following = _next_offset(response, self.base_url)
            if following is None and ("link" in response.headers or last < page_size):
                break  # the server says, or shows by a short page, that this was the last
            offset = following if following is not None else len(items)
            response, chunk = await fetch(offset, max(page_size, 1))
            items.extend(chunk)
            page_size = max(page_size, len(chunk))
            last = len(chunk)
        return items


def _total_count(response: httpx.Response) -> int | None:
    """`X-Total-Count` when the server sends a usable one (it is optional)."""
    try:
        total = int(response.headers.get("X-Total-Count", ""))
    except ValueError:
        return None
    return total if total >= 0 else None


def _next_offset(response: httpx.Response, base_url: str) -> int | None:
    """The offset of `Link: rel="next"` when it points into this API; links elsewhere are
    not followed (the bearer token stays with the server it belongs to)."""
    for link in response.links.values():
        if link.get("rel") != "next" or not link.get("url", "").startswith(base_url):
            continue
        offset = httpx.URL(link["url"]).params.get("offset")
        if offset is not None and offset.isdigit():
            return int(offset)
    return None


__all__ = [
    "ApiClient",
    "ApiError",
    "RateLimited",
    "RetryPolicy",
    "TokenSource",
    "check_base_url",
    "error_from_response",
    "is_loopback_host",
    "json_body",
    "make_http_client",
    "parse_retry_after",
    "segment",
]
