"""`duplicates scan` (a file or the live schools) and `duplicates prevention`."""

from __future__ import annotations

import argparse
import asyncio
from typing import Any

from .base import EXIT_OK, UsageError, emit, lang, say, with_context


async def cmd_duplicates_scan(args: argparse.Namespace) -> int:
    from ..services.matching import scan_file

    if args.accounts is not None:
        from ..services.records import RecordError

        try:
            document = await asyncio.to_thread(scan_file, args.accounts)
        except (RecordError, OSError) as exc:
            raise UsageError(str(exc)) from exc
        return _print_scan(args, document)

    from ..services.accounts import scan_live

    async def work(ctx: Any) -> int:
        return _print_scan(args, await scan_live(ctx, school=args.school))
    return await with_context(args, work)


async def cmd_duplicates_prevention(args: argparse.Namespace) -> int:
    from ..services import prevention

    async def work(ctx: Any) -> int:
        items = await prevention.report(ctx)
        if args.csv:
            args.csv.write_text(prevention.to_csv(items), encoding="utf-8")
        if args.letters:
            args.letters.write_text(prevention.letters(items, lang(args, ctx)),
                                    encoding="utf-8")
        if args.json:
            emit({"at_risk": [i.to_json() for i in items]})
        else:
            for i in items:
                say(f"{i.school}\t{i.journal}\t{i.person}\t{i.account_id}")
        return EXIT_OK
    return await with_context(args, work)


def _print_scan(args: argparse.Namespace, document: dict[str, Any]) -> int:
    if args.json:
        emit(document)
    else:
        say(f"{len(document['pairs'])} pairs, {len(document['ambiguous'])} ambiguous")
    return EXIT_OK

