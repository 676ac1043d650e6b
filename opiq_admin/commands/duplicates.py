"""`duplicates scan` (a file or the live schools) and `duplicates prevention`."""

from __future__ import annotations

import argparse
import asyncio
from typing import TYPE_CHECKING, Any

from opiq_admin.commands.base import (
    EXIT_OK,
    UsageError,
    emit,
    lang,
    out,
    say,
    with_context,
    write_text,
)
from opiq_admin.services.i18n import _, ngettext

if TYPE_CHECKING:
    from opiq_admin.app import AppContext


async def cmd_duplicates_scan(args: argparse.Namespace) -> int:
    from opiq_admin.services.duplicates.matching import scan_file

    if args.accounts is not None:
        from opiq_admin.services.duplicates.records import RecordError

        try:
            document = await asyncio.to_thread(scan_file, args.accounts)
        except (RecordError, OSError) as exc:
            raise UsageError(str(exc)) from exc
        return _print_scan(args, document)

    from opiq_admin.services.duplicates.live import scan_live

    async def work(ctx: AppContext) -> int:
        return _print_scan(args, await scan_live(ctx, school=args.school))
    return await with_context(args, work)


async def cmd_duplicates_prevention(args: argparse.Namespace) -> int:
    from opiq_admin.services.duplicates import prevention

    async def work(ctx: AppContext) -> int:
        items = await prevention.report(ctx)
        if args.csv:
            write_text(args.csv, prevention.to_csv(items))
        if args.letters:
            write_text(args.letters, prevention.letters(items, lang(args, ctx)))
        if args.json:
            emit({"at_risk": [i.to_json() for i in items]})
        else:
            for i in items:
                out(f"{i.school}\t{i.journal}\t{i.person}\t{i.account_id}")
            say(f"{len(items)} people at risk of a second account")
        return EXIT_OK
    return await with_context(args, work)


async def cmd_duplicates_decide(args: argparse.Namespace) -> int:
    """Record decisions: one pair from the command line, or a whole spreadsheet."""
    from opiq_admin.services.duplicates import decisions

    try:
        if args.file is not None:
            if args.old or args.new or args.verb:
                raise UsageError(_("give either --file or OLD NEW approve|reject|clear, not both"))
            rows = await asyncio.to_thread(decisions.read_decisions_csv, args.file)
            where = str(args.file)
        else:
            if not (args.old and args.new and args.verb):
                raise UsageError(_("give OLD NEW approve|reject|clear, or --file DECISIONS.csv"))
            where = "duplicates decide"
            rows = [decisions.check_row(0, args.old, args.new, args.verb, args.note or "",
                                        where)]
    except decisions.DecisionError as exc:
        raise UsageError(str(exc)) from None

    async def work(ctx: AppContext) -> int:
        try:
            count = await decisions.decide(ctx, rows, where)
        except decisions.DecisionError as exc:
            raise UsageError(str(exc)) from None
        if args.json:
            emit({"recorded": count})
        say(ngettext("{count} decision recorded.", "{count} decisions recorded.", count
                     ).format(count=count))
        return EXIT_OK
    return await with_context(args, work, needs=("opiq",))


async def cmd_duplicates_decisions(args: argparse.Namespace) -> int:
    """Every recorded decision: read from the store, no sign-in needed."""
    from opiq_admin.services.duplicates import decisions

    async def work(ctx: AppContext) -> int:
        rows = decisions.as_json(await ctx.store.decisions())
        if args.json:
            emit({"decisions": rows})
        else:
            for r in rows:
                out(f"{r['decision']}\t{r['old']} → {r['new']}\t{r['decided_at']}\t{r['by']}"
                    f"\t{r['note']}".rstrip())
        return EXIT_OK
    return await with_context(args, work, sign_in=False)


def _print_scan(args: argparse.Namespace, document: dict[str, Any]) -> int:
    if args.json:
        emit(document)
        return EXIT_OK
    for pair in document["pairs"]:
        out(f"{pair['old']} → {pair['new']}\t{pair['score']}\t{pair['kind']}\t"
            f"{'; '.join(pair['reasons'])}")
    pairs, ambiguous = len(document["pairs"]), len(document["ambiguous"])
    say(ngettext("{n} pair", "{n} pairs", pairs).format(n=pairs) + ", " + ngettext(
        "{n} ambiguous", "{n} ambiguous", ambiguous).format(n=ambiguous))
    return EXIT_OK

