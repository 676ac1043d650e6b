"""`activity list`: the activity log without the window, for a second administrator or a
script. Read from the store alone: no sign-in needed."""

from __future__ import annotations

import argparse
import asyncio
from dataclasses import asdict
from datetime import UTC, date, datetime

from opiq_admin.commands.base import EXIT_OK, UsageError, emit, say


def since_text(value: str | None) -> str:
    """`--since` as the log's own time format (UTC ISO 8601): a date is that day from
    midnight UTC; a time without a zone is UTC."""
    if not value:
        return ""
    text = value.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"--since {value!r}: not a date (YYYY-MM-DD) or time "
                         "(YYYY-MM-DDTHH:MM[:SS][+zone])") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


async def cmd_activity_list(args: argparse.Namespace) -> int:
    """Who did what, when, to what, and how it ended: oldest first. Opens the store alone:
    no server, no sign-in (and no practice emulator) is needed to read it."""
    from opiq_admin.app import store_url_of
    from opiq_admin.services.config.paths import AppPaths
    from opiq_admin.services.config.settings import Settings
    from opiq_admin.services.store import open_store

    since = since_text(args.since)
    paths = AppPaths.under(args.practice) if args.practice is not None else AppPaths.default()
    settings = await asyncio.to_thread(Settings.load, paths.settings_file)
    store = await asyncio.to_thread(open_store, store_url_of(settings, paths), paths.data_dir)
    try:
        rows = await asyncio.to_thread(store.activity, since=since, limit=None)
    finally:
        await asyncio.to_thread(store.close)
    rows.reverse()
    if args.json:
        emit({"activity": [asdict(r) for r in rows]})
    else:
        for r in rows:
            where = f" [{r.school}]" if r.school else ""
            say(f"{r.at}\t{r.actor}\t{r.action}{where}\t{r.target}\t{r.result}"
                f"\t{r.detail}".rstrip())
    return EXIT_OK
