"""`journals list`, `journals refresh`, `journals delete`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from opiq_admin.commands.base import EXIT_OK, UsageError, emit, print_results, say, with_context
from opiq_admin.services.i18n import _

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
                say(_("{id}\t{school}\t{name}\t{origin}\t{n_students} students").format(
                        id=row.id, school=row.school, name=row.name, origin=row.origin,
                        n_students=len(row.students)))
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
        raise UsageError(_("deleting a journal in Opiq takes it away from its teachers and "
                           "students there (eKool keeps it); add --yes to confirm"))

    async def work(ctx: AppContext) -> int:
        return print_results(args, await journals.delete(ctx, args.ids))
    return await with_context(args, work)

