"""Paging that cannot lose records: a server that caps its pages below what is asked and
sends no X-Total-Count gives the program exactly what an obliging one does; a server whose
count and records disagree fails the call instead of handing on a partial list."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from opiq_admin.app import build_context
from opiq_admin.sandbox.server import EmbeddedServer
from opiq_admin.services import journals
from opiq_admin.services.accounts import list_accounts
from opiq_admin.services.clients.http import ApiClient
from opiq_admin.services.config.paths import AppPaths
from opiq_admin.services.errors import MalformedResponse


async def read_everything(root: Path, **paging: Any) -> tuple[dict, dict]:
    server = EmbeddedServer(root / "emulator", **paging)
    server.start()
    ctx = await build_context(AppPaths.under(root / "program"), emulator=server)
    try:
        await ctx.sign_in_practice()
        accounts = await list_accounts(ctx)
        overview = (await journals.sync(ctx, compare=True)).to_json()
        return accounts, overview
    finally:
        await ctx.aclose()
        server.stop()


async def test_a_stingy_server_gives_the_same_as_an_obliging_one(tmp_path: Path) -> None:
    stingy = await read_everything(tmp_path / "stingy", page_cap=37, total_count=False)
    obliging = await read_everything(tmp_path / "obliging")
    assert len(obliging[0]["accounts"]) > 200, "enough records for several pages"
    assert stingy[0] == obliging[0]
    assert stingy[1]["journals"] == obliging[1]["journals"]
    assert stingy[1]["untransferred"] == obliging[1]["untransferred"]


async def test_a_capped_server_with_a_count_is_read_whole(tmp_path: Path) -> None:
    capped = await read_everything(tmp_path / "capped", page_cap=37)
    obliging = await read_everything(tmp_path / "obliging")
    assert capped[0] == obliging[0]


def serve(pages: list[list[int]], total: int | None, links: bool = False
          ) -> httpx.MockTransport:
    """A broken or unusual server, answering by offset (a real part cannot lie on cue)."""
    def answer(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params["offset"])
        starts = [sum(len(p) for p in pages[:n]) for n in range(len(pages))]
        index = starts.index(offset) if offset in starts else len(pages)
        body = pages[index] if index < len(pages) else []
        headers = {} if total is None else {"X-Total-Count": str(total)}
        if links and index + 1 < len(pages):
            headers["Link"] = (f'<{request.url.copy_merge_params({"offset": offset + len(body)})}'
                               '>; rel="next"')
        return httpx.Response(200, json={"items": body}, headers=headers)
    return httpx.MockTransport(answer)


async def read(transport: httpx.MockTransport) -> list[int]:
    async with httpx.AsyncClient(transport=transport) as http:
        client = ApiClient("http://127.0.0.1:9", http=http, token=None)
        return await client.get_pages("/list", lambda body: list(body["items"]))


@pytest.mark.parametrize("pages, total, links", [
    ([[1, 2, 3], [4, 5, 6], [7]], 7, False),
    ([[1, 2, 3], [4, 5, 6], [7]], None, False),
    ([[1, 2, 3], [4, 5, 6], [7, 8, 9]], None, False),  # an exact multiple: one empty page
    ([[1, 2, 3], [4, 5], [6, 7, 8], [9]], None, True),  # a short page, Link says go on
    ([[1, 2, 3], [4, 5], [6, 7, 8], [9]], 9, False),  # a short page, the count says go on
])
async def test_every_record_is_read(pages: list[list[int]], total: int | None,
                                    links: bool) -> None:
    assert await read(serve(pages, total, links)) == [i for p in pages for i in p]


async def test_a_count_that_disagrees_fails_the_call() -> None:
    with pytest.raises(MalformedResponse, match="counted 9 records and gave 7"):
        await read(serve([[1, 2, 3], [4, 5, 6], [7]], 9))


def test_practice_mode_rehearses_a_stingy_server_and_loses_nothing(tmp_path: Path) -> None:
    """The issue's own check: `practice_server` caps pages at 37 and sends no count; the
    command line gives exactly what it gives without those limits."""
    import json
    import os
    import subprocess
    import sys

    def run(root: Path, *argv: str) -> dict:
        done = subprocess.run([sys.executable, "-m", "opiq_admin", "--practice", str(root),
                               *argv], capture_output=True, text=True, encoding="utf-8",
                              timeout=300, check=False,
                              env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    stingy = tmp_path / "stingy"
    (stingy / "config").mkdir(parents=True)
    (stingy / "config" / "settings.json").write_text(json.dumps({
        "schema_version": 3,
        "practice_server": {"roster_page_cap": 37, "total_count_header": False}}))
    obliging = tmp_path / "obliging"
    for argv in (("accounts", "list", "--json"), ("journals", "list", "--compare", "--json")):
        assert run(stingy, *argv) == run(obliging, *argv), argv
