"""`journals list`, `journals refresh`, `journals delete`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from opiq_admin.commands.base import EXIT_OK, UsageError, emit, print_results, say, with_context

if TYPE_CHECKING:
    from opiq_admin.app import AppContext


async def cmd_journals_list(args: argparse.Namespace) -> int:
    from opiq_admin.services import journals

    async def work(ctx: AppContext) -> int:
        overview = await journals.sync(ctx, compare=args.compare, full=args.resync)
        document = overview.to_json()
        if not args.compare:
            del document["untransferred"]
        if args.json:
            emit(document)
        else:
            for row in overview.rows:
                say(f"{row.id}\t{row.school}\t{row.name}\t{row.origin}\t"
                    f"{len(row.students)} students")
        return EXIT_OK
    return await with_context(args, work)


async def cmd_journals_refresh(args: argparse.Namespace) -> int:
    from opiq_admin.services import journals

    async def work(ctx: AppContext) -> int:
        return print_results(args, await journals.refresh(ctx, args.ids))
    return await with_context(args, work)


async def cmd_journals_delete(args: argparse.Namespace) -> int:
    from opiq_admin.services import journals

    if not args.yes:
        raise UsageError("deleting a journal in Opiq takes it away from its teachers and "
                         "students there (eKool keeps it); add --yes to confirm")

    async def work(ctx: AppContext) -> int:
        return print_results(args, await journals.delete(ctx, args.ids))
    return await with_context(args, work)

