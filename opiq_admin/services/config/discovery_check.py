"""Does an issuer answer with a discovery document? The settings window's Test connection.

`read_metadata` reads `{issuer}/.well-known/openid-configuration` (OpenID Connect Discovery
1.0), else `{issuer}/.well-known/oauth-authorization-server` (RFC 8414 as deployments serve
it), else, for an issuer with a path, RFC 8414's own
`{origin}/.well-known/oauth-authorization-server{path}`, and answers the endpoints the
document names. Whatever goes wrong is one `DiscoveryFailed`, whose `kind` says which case
it is so the window can say it in its own language.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

import httpx

ENDPOINT_KEYS = ("authorization_endpoint", "token_endpoint", "revocation_endpoint",
                 "userinfo_endpoint", "jwks_uri")
REQUIRED = ("issuer", "authorization_endpoint", "token_endpoint")

FailureKind = Literal["unreachable", "missing", "not_discovery", "wrong_issuer"]


@dataclass(frozen=True)
class Metadata:
    """What a discovery document says: where it was found, the issuer it names, and its
    endpoints by their metadata key (only those it names)."""

    url: str
    issuer: str
    endpoints: dict[str, str]
    scopes: tuple[str, ...] = ()


class DiscoveryFailed(Exception):
    """`kind`: unreachable (no answer at all), missing (no document at any address),
    not_discovery (an answer that is not a discovery document), wrong_issuer (a document
    of another issuer). `url` is the address it concerns; `detail` the reason, or the
    issuer the document named."""

    def __init__(self, kind: FailureKind, url: str, detail: str) -> None:
        self.kind = kind
        self.url = url
        self.detail = detail
        super().__init__(f"{url}: {kind.replace('_', ' ')} ({detail})")


def discovery_urls(issuer: str) -> list[str]:
    base = issuer.rstrip("/")
    urls = [f"{base}/.well-known/openid-configuration",
            f"{base}/.well-known/oauth-authorization-server"]
    parsed = httpx.URL(base)
    if parsed.path not in ("", "/"):
        origin = str(parsed.copy_with(path="/", query=None, fragment=None)).rstrip("/")
        urls.append(f"{origin}/.well-known/oauth-authorization-server{parsed.path}")
    return urls


def _reason(exc: httpx.TransportError) -> str:
    text = " ".join(str(exc).split())
    return text[:200] if text else type(exc).__name__


def _document_problem(response: httpx.Response) -> tuple[str, dict[str, Any]]:
    """Why the answer is not a discovery document ("" when it is), and the document."""
    try:
        document = json.loads(response.content)
    except (ValueError, RecursionError):
        return "the answer is not JSON", {}
    if not isinstance(document, dict):
        return "the answer is not a JSON object", {}
    lacking = [key for key in REQUIRED if not isinstance(document.get(key), str)
               or not document[key]]
    if lacking:
        return f"it lacks {', '.join(lacking)}", {}
    return "", document


async def read_metadata(http: httpx.AsyncClient, issuer: str, *,
                        timeout: float = 10.0) -> Metadata:  # noqa: ASYNC109
    """The discovery document of `issuer`, or `DiscoveryFailed` saying why not."""
    issuer = issuer.rstrip("/")
    statuses: list[tuple[str, str]] = []
    not_documents: list[tuple[str, str]] = []
    for url in discovery_urls(issuer):
        try:
            response = await http.get(url, timeout=httpx.Timeout(timeout),
                                      headers={"Accept": "application/json"})
        except httpx.InvalidURL as exc:
            raise DiscoveryFailed("unreachable", url, f"not a usable address: {exc}") from exc
        except httpx.TransportError as exc:
            raise DiscoveryFailed("unreachable", url, _reason(exc)) from exc
        if response.status_code != 200:
            statuses.append((url, f"HTTP {response.status_code}"))
            continue
        problem, document = _document_problem(response)
        if problem:
            not_documents.append((url, problem))
            continue
        if document["issuer"].rstrip("/") != issuer:
            raise DiscoveryFailed("wrong_issuer", url, document["issuer"])
        scopes = document.get("scopes_supported")
        return Metadata(
            url=url, issuer=document["issuer"],
            endpoints={key: document[key] for key in ENDPOINT_KEYS
                       if isinstance(document.get(key), str) and document[key]},
            scopes=tuple(s for s in scopes if isinstance(s, str))
            if isinstance(scopes, list) else ())
    if not_documents:
        raise DiscoveryFailed("not_discovery", *not_documents[0])
    raise DiscoveryFailed("missing", *statuses[0])
