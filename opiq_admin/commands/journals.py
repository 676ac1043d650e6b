"""`journals list`, `journals refresh`, `journals delete`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from opiq_admin.commands.base import (
    EXIT_OK,
    UsageError,
    emit,
    out,
    print_results,
    say,
    with_context,
)
from opiq_admin.services.i18n import _, ngettext

if TYPE_CHECKING:
    from opiq_admin.app import AppContext
    from opiq_admin.services.journals import JournalOverview


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
                out(_("{id}\t{school}\t{name}\t{origin}\t{n_students} students").format(
                    id=row.id, school=row.school, name=row.name, origin=row.origin,
                    n_students=len(row.students)))
            if args.compare:
                _print_comparison(overview)
            count = len(overview.rows)
            say(ngettext("{n} journal", "{n} journals", count).format(n=count))
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



def _print_comparison(overview: JournalOverview) -> None:
    """`--compare` for people: what eKool has that Opiq does not, and what changed."""
    changed = [r for r in overview.rows if r.added_in_ekool or r.removed_in_ekool]
    out("")
    out(_("Changed in eKool since the journal was sent to Opiq: {n}").format(n=len(changed)))
    for row in changed:
        out("  " + _("{id}\t{school}\t{name}\t+{added} -{removed} students (journals refresh "
                     "{id})").format(id=row.id, school=row.school, name=row.name,
                                     added=len(row.added_in_ekool),
                                     removed=len(row.removed_in_ekool)))
    out(_("Not sent to Opiq yet (untransferred): {n}").format(n=len(overview.untransferred)))
    for journal in overview.untransferred:
        out("  " + _("{id}\t{school}\t{name}\t{n_students} students").format(
            id=journal.ekool_class_id, school=journal.school, name=journal.title,
            n_students=len(journal.students)))
