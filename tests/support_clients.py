"""Shared ground for the client and sign-in tests: signing in to a running emulator, and a
tiny real HTTP server on loopback that answers from a script (for faults the emulator cannot
produce on demand, such as a malformed body)."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx

from opiq_admin.services.clients.ekool import EkoolClient
from opiq_admin.services.clients.http import RetryPolicy, make_http_client
from opiq_admin.services.clients.opiq import OpiqClient
from opiq_admin.services.clients.practice import PracticeClient
from opiq_admin.services.signin.oauth import OAuthFlow, Session, practice_sign_in

CLIENT_ID = "opiq-admin"
FAST = RetryPolicy(attempts=6, base_delay=0.01, max_delay=0.05)


@dataclass
class Clients:
    http: httpx.AsyncClient
    opiq: OpiqClient
    ekool: EkoolClient
    practice: PracticeClient
    info: dict[str, Any]
    opiq_session: Session
    ekool_session: Session


@contextlib.asynccontextmanager
async def admin_clients(url: str, retry: RetryPolicy = FAST) -> AsyncIterator[Clients]:
    """Both sides signed in as the practice administrator, through the real OAuth flow."""
    async with make_http_client() as http:
        practice = PracticeClient(url, http=http, retry=retry)
        info = await practice.info()
        sessions = {}
        for system in ("opiq", "ekool"):
            flow = OAuthFlow(f"{url}/{system}", CLIENT_ID, http)
            creds = info[system]
            tokens = await practice_sign_in(flow, creds["username"], creds["password"])
            sessions[system] = Session(flow, tokens)
        yield Clients(
            http,
            OpiqClient(f"{url}/opiq", http=http, token=sessions["opiq"], retry=retry),
            EkoolClient(f"{url}/ekool", http=http, token=sessions["ekool"], retry=retry),
            practice, info, sessions["opiq"], sessions["ekool"])


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # dict/list → JSON; bytes → as is
    headers: dict[str, str] = field(default_factory=dict)
    drop: bool = False  # close the connection without answering


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class ScriptedServer:
    """Answers requests in turn from `replies` (the last one repeats); records each request."""

    def __init__(self, replies: list[Reply]) -> None:
        self.replies = replies
        self.seen: list[Seen] = []
        self._server: asyncio.base_events.Server | None = None
        self.url = ""

    async def __aenter__(self) -> ScriptedServer:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        port = self._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, target, _ = lines[0].split(" ")
            headers = {}
            for line in lines[1:]:
                if ":" in line:
                    k, v = line.split(":", 1)
                    headers[k.strip().lower()] = v.strip()
            body = await reader.readexactly(int(headers.get("content-length", "0")))
            self.seen.append(Seen(method, target, headers, body))
            reply = self.replies[min(len(self.seen) - 1, len(self.replies) - 1)]
            if reply.drop:
                return
            if isinstance(reply.body, bytes):
                payload = reply.body
            else:
                payload = json.dumps(reply.body, ensure_ascii=False).encode("utf-8")
            extra = "".join(f"{k}: {v}\r\n" for k, v in reply.headers.items())
            writer.write(
                f"HTTP/1.1 {reply.status} X\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(payload)}\r\n{extra}Connection: close\r\n\r\n"
                .encode("latin-1") + payload)
            await writer.drain()
        finally:
            writer.close()
