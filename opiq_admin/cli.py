"""The command line over the same services as the window (interfaces.md §5).

`--json` output goes to stdout as one document; messages go to stderr. Exit status: 0 done,
1 the work failed, 2 bad usage or bad input.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import webbrowser
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from .services.errors import ApiError, InsecureUrl, InvalidEhisCode

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad input: the message says what and where; exit 2."""


def emit(document: Any) -> None:
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="opiq-admin",
        description="Run the Opiq ↔ eKool integration of your schools. Without a command, "
                    "opens the window.")
    parser.add_argument("--practice", metavar="DIR", type=Path,
                        help="practice mode: an emulator of Opiq and eKool whose data, and "
                             "this program's store, live under DIR")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("sandbox", help="run the emulator of Opiq and eKool (see docs/sandbox.md)",
                   add_help=False)

    p = sub.add_parser("status", help="who is signed in where")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("login", help="sign in to Opiq or eKool in the browser")
    p.add_argument("system", choices=("opiq", "ekool"))
    p.add_argument("--no-browser", action="store_true", help="print the URL to open by hand")

    p = sub.add_parser("logout", help="sign out and forget the stored sign-in")
    p.add_argument("system", choices=("opiq", "ekool", "all"), nargs="?", default="all")

    accounts = sub.add_parser("accounts", help="Opiq accounts of the managed schools")
    asub = accounts.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = asub.add_parser("list", help="list accounts as records (interfaces.md §4)")
    p.add_argument("--school", metavar="EHIS", help="only the school with this EHIS code")
    p.add_argument("--json", action="store_true")

    integ = sub.add_parser("integration", help="the eKool integration of the managed schools")
    isub = integ.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = isub.add_parser("check", help="compare each school's two sides and say what to fix")
    p.add_argument("--json", action="store_true")
    p.add_argument("--lang", choices=("et", "en"), help="language of the advice")
    p = isub.add_parser("enable", help="enable the integration for one school (Luba liidestus)")
    p.add_argument("--school", metavar="EHIS", required=True)
    p.add_argument("--link", action="store_true",
                   help="also link your own Opiq account to eKool (Kinnita liidestus), "
                        "only if both sign-ins are you")
    p.add_argument("--lang", choices=("et", "en"))
    p.add_argument("--json", action="store_true")

    jour = sub.add_parser("journals", help="journals (päevikud) of the managed schools")
    jsub = jour.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = jsub.add_parser("list", help="every journal, eKool and Opiq")
    p.add_argument("--compare", action="store_true",
                   help="also compare with eKool: untransferred and changed journals")
    p.add_argument("--json", action="store_true")
    p = jsub.add_parser("refresh", help="Uuenda päeviku andmeid: pull eKool's roster now")
    p.add_argument("ids", nargs="+", metavar="ID")
    p.add_argument("--json", action="store_true")
    p = jsub.add_parser("delete", help="delete eKool journals in Opiq (eKool keeps them)")
    p.add_argument("ids", nargs="+", metavar="ID")
    p.add_argument("--yes", action="store_true", help="confirm: the students lose the "
                   "journal in Opiq")
    p.add_argument("--json", action="store_true")

    dup = sub.add_parser("duplicates", help="find duplicate accounts")
    dsub = dup.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = dsub.add_parser("scan", help="scan account records, or the live managed schools")
    p.add_argument("--accounts", metavar="FILE", type=Path,
                   help="account records (.jsonl or .csv); without it, the live schools")
    p.add_argument("--school", metavar="EHIS")
    p.add_argument("--json", action="store_true")
    p = dsub.add_parser("prevention", help="people in journals not yet transferred who have an "
                        "unlinked Opiq account: tomorrow's duplicates")
    p.add_argument("--csv", metavar="FILE", type=Path, help="also write the list as CSV")
    p.add_argument("--letters", metavar="FILE", type=Path,
                   help="also write a ready text asking each person to link their account")
    p.add_argument("--lang", choices=("et", "en"))
    p.add_argument("--json", action="store_true")

    rem = sub.add_parser("remediate", help="remove old student roles, give licences to new "
                         "accounts")
    rsub = rem.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = rsub.add_parser("plan", help="make a plan from a scan: every pair taken as approved")
    p.add_argument("--pairs", metavar="SCAN.json", type=Path, required=True)
    p.add_argument("--out", metavar="PLAN.json", type=Path, required=True)
    p.add_argument("--json", action="store_true")
    for name, text in (("run", "carry out a plan"), ("resume", "finish an interrupted run")):
        p = rsub.add_parser(name, help=text)
        p.add_argument("plan", metavar="PLAN.json", type=Path)
        if name == "run":
            p.add_argument("--dry-run", action="store_true", help="show, change nothing")
        p.add_argument("--allow-mass-change", action="store_true",
                       help="confirm a plan that takes the student role from more than 10%% "
                            "of a school's students")
        p.add_argument("--json", action="store_true")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "sandbox":
        from .sandbox.server import main as sandbox_main

        return sandbox_main(argv[1:])
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) and EXIT_USAGE
    if args.command is None:
        from .ui.main import run_gui

        return run_gui(practice_dir=args.practice)
    handler = COMMANDS[(args.command, getattr(args, "action", None))]
    try:
        return asyncio.run(handler(args))
    except (UsageError, InvalidEhisCode, InsecureUrl) as exc:
        say(f"opiq-admin: {exc}")
        return EXIT_USAGE
    except ApiError as exc:
        say(f"opiq-admin: {exc}")
        return EXIT_FAILED
    except KeyboardInterrupt:
        say("opiq-admin: interrupted")
        return EXIT_FAILED


async def with_context(args: argparse.Namespace, work: Callable[[Any], Awaitable[int]], *,
                       sign_in: bool = True) -> int:
    """Build the context (practice or profile), sign in, run `work`, close everything."""
    from .app import build_context
    from .services.paths import AppPaths

    if args.practice is not None:
        paths = AppPaths.under(args.practice)
        context = await build_context(paths, practice_dir=args.practice, force_practice=True)
    else:
        paths = AppPaths.default()
        context = await build_context(paths)
        if context.practice:
            await context.aclose()
            raise UsageError("no server profile is configured; set one in the window's "
                             "Settings, or run in practice mode with --practice DIR")
    try:
        if sign_in:
            if context.practice:
                await context.sign_in_practice()
            else:
                await context.restore_sessions()
        return await work(context)
    finally:
        await context.aclose()


async def cmd_status(args: argparse.Namespace) -> int:
    async def work(ctx: Any) -> int:
        document = {side: ctx.connection(side).status().to_json() for side in ("opiq", "ekool")}
        if args.json:
            emit(document)
        else:
            for side, state in document.items():
                who = state["user"] if state["signed_in"] else "not signed in"
                say(f"{side}: {who} ({state['server']})")
        return EXIT_OK
    return await with_context(args, work)


async def cmd_login(args: argparse.Namespace) -> int:
    async def work(ctx: Any) -> int:
        if ctx.practice:
            await ctx.sign_in_practice()
        else:
            opener = (lambda _url: False) if args.no_browser else webbrowser.open
            await ctx.connection(args.system).sign_in_browser(
                opener, show_url=lambda url: say(f"Open this address to sign in:\n{url}"))
        status = ctx.connection(args.system).status()
        say(f"Signed in to {args.system} as {status.user}.")
        if not ctx.vault.persistent:
            say("No keyring on this computer: the sign-in lasts only for this run.")
        return EXIT_OK
    return await with_context(args, work, sign_in=False)


async def cmd_logout(args: argparse.Namespace) -> int:
    async def work(ctx: Any) -> int:
        systems = ("opiq", "ekool") if args.system == "all" else (args.system,)
        for system in systems:
            connection = ctx.connection(system)
            await connection.restore()
            await connection.sign_out()
            say(f"Signed out of {system}.")
        return EXIT_OK
    return await with_context(args, work, sign_in=False)


async def cmd_accounts_list(args: argparse.Namespace) -> int:
    from .services.accounts import list_accounts

    async def work(ctx: Any) -> int:
        document = await list_accounts(ctx, school=args.school)
        if args.json:
            emit(document)
        else:
            say(f"{len(document['accounts'])} accounts")
        return EXIT_OK
    return await with_context(args, work)


async def cmd_duplicates_scan(args: argparse.Namespace) -> int:
    from .services.matching import scan_file

    if args.accounts is not None:
        from .services.records import RecordError

        try:
            document = await asyncio.to_thread(scan_file, args.accounts)
        except (RecordError, OSError) as exc:
            raise UsageError(str(exc)) from exc
        return _print_scan(args, document)

    from .services.accounts import scan_live

    async def work(ctx: Any) -> int:
        return _print_scan(args, await scan_live(ctx, school=args.school))
    return await with_context(args, work)


def _lang(args: argparse.Namespace, ctx: Any) -> str:
    return args.lang or ctx.settings.get("language")


async def _ehis(ctx: Any) -> Any:
    from .services.ehis import EhisClient, EhisRegistry

    client = EhisClient(ctx.profile.ehis_url, http=ctx.http, token=None) \
        if ctx.profile.ehis_url else None
    return EhisRegistry(client, ctx.store)


async def cmd_integration_check(args: argparse.Namespace) -> int:
    from .services.integration import check_all

    async def work(ctx: Any) -> int:
        checks = await check_all(ctx, lang=_lang(args, ctx), ehis=await _ehis(ctx))
        await ctx.log("integration_check", "ok",
                      detail=", ".join(f"{c.opiq_ehis_id}={c.status}" for c in checks))
        if args.json:
            emit({"schools": [c.to_json() for c in checks]})
        else:
            for c in checks:
                say(f"{c.name} ({c.opiq_ehis_id}): {c.status}\n  {c.advice}")
        return EXIT_OK
    return await with_context(args, work)


async def cmd_integration_enable(args: argparse.Namespace) -> int:
    from .services import enable as steps
    from .services.ekool import check_ehis_code

    check_ehis_code(args.school)

    async def work(ctx: Any) -> int:
        ctx.settings.set("language", _lang(args, ctx))
        result: dict[str, Any] = {"school": args.school, "enabled": False, "linked": False}
        try:
            check = await steps.prechecks(ctx, args.school)
            steps.compare(check)
            await steps.enable(ctx, check)
            result["enabled"] = True
            identities = await steps.identity_check(ctx)
            if identities is None:
                result["linked"] = True
            else:
                result["identity"] = {
                    "opiq": {"name": identities.opiq.name, "id_code": identities.opiq.masked},
                    "ekool": {"name": identities.ekool.name,
                              "id_code": identities.ekool.masked},
                    "same_person": identities.same_person, "reason": identities.reason}
                if not identities.same_person:
                    await steps.link(ctx, check, identities)  # refuses, logs, raises
                elif args.link:
                    await steps.link(ctx, check, identities)
                    result["linked"] = True
                else:
                    say("Your own Opiq account is not linked to eKool yet; run again with "
                        "--link to confirm (Kinnita liidestus).")
        except steps.StepFailed as exc:
            result["failed_step"] = exc.step
            result["message"] = exc.message
            if args.json:
                emit(result)
            say(f"opiq-admin: {exc.step}: {exc.message}")
            return EXIT_FAILED
        if args.json:
            emit(result)
        else:
            say(f"Integration enabled for {args.school}.")
        return EXIT_OK
    return await with_context(args, work)


async def cmd_journals_list(args: argparse.Namespace) -> int:
    from .services import journals

    async def work(ctx: Any) -> int:
        overview = await journals.sync(ctx, compare=args.compare)
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


def _print_results(args: argparse.Namespace, results: list[dict[str, Any]]) -> int:
    if args.json:
        emit({"results": results})
    else:
        for r in results:
            say(f"{r['id']}: {r['status']} {r.get('detail', '')}".rstrip())
    return EXIT_OK if all(r["status"] == "done" for r in results) else EXIT_FAILED


async def cmd_journals_refresh(args: argparse.Namespace) -> int:
    from .services import journals

    async def work(ctx: Any) -> int:
        return _print_results(args, await journals.refresh(ctx, args.ids))
    return await with_context(args, work)


async def cmd_journals_delete(args: argparse.Namespace) -> int:
    from .services import journals

    if not args.yes:
        raise UsageError("deleting a journal in Opiq takes it away from its teachers and "
                         "students there (eKool keeps it); add --yes to confirm")

    async def work(ctx: Any) -> int:
        return _print_results(args, await journals.delete(ctx, args.ids))
    return await with_context(args, work)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"{path}: cannot be read ({exc.strerror})") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{path}: not JSON ({exc})") from exc


async def cmd_remediate_plan(args: argparse.Namespace) -> int:
    from .services import remediation

    try:
        approved = remediation.pairs_from_scan(_read_json(args.pairs), str(args.pairs))
    except remediation.PlanError as exc:
        raise UsageError(str(exc)) from exc

    async def work(ctx: Any) -> int:
        plan = await remediation.make_plan(ctx, approved)
        args.out.write_text(json.dumps(plan.to_json(), ensure_ascii=False, indent=2),
                            encoding="utf-8")
        await ctx.log("remediate_plan", "ok", target=str(args.out),
                      detail=f"{len(plan.pairs)} pairs")
        if args.json:
            emit(plan.to_json())
        say(f"Plan {plan.id}: {sum(1 for p in plan.pairs if not p.skip)} pairs to act on, "
            f"{sum(1 for p in plan.pairs if p.skip)} skipped; written to {args.out}")
        for line in plan.guard():
            say(f"Mass-change guard: {line} (run needs --allow-mass-change)")
        return EXIT_OK
    return await with_context(args, work)


async def cmd_remediate_run(args: argparse.Namespace) -> int:
    from .services import remediation

    try:
        plan = remediation.Plan.from_json(_read_json(args.plan), str(args.plan))
    except remediation.PlanError as exc:
        raise UsageError(str(exc)) from exc
    dry_run = getattr(args, "dry_run", False)

    async def work(ctx: Any) -> int:
        def progress(p: remediation.Progress, _result: dict[str, Any]) -> None:
            eta = f", about {p.seconds_left:.0f} s left" if p.seconds_left is not None else ""
            say(f"done {p.done}, failed {p.failed}, skipped {p.skipped}, left {p.left} "
                f"({p.rate:.1f}/s{eta})")

        runner = remediation.Runner(ctx, plan, concurrency=ctx.settings.get("concurrency"),
                                    on_progress=None if args.json else progress)
        try:
            results = await runner.run(dry_run=dry_run,
                                       allow_mass_change=args.allow_mass_change)
        except remediation.MassChangeRefused as exc:
            say(f"opiq-admin: {exc}")
            return EXIT_FAILED
        if dry_run:
            for line in plan.guard():
                say(f"Mass-change guard: {line} (a run needs --allow-mass-change)")
        licences = await remediation.pools_after(ctx, plan)
        if args.json:
            emit({"results": results, "licences": licences})
        failed = sum(1 for r in results if r["status"] == "failed")
        say(f"{len(results)} pairs: {failed} failed; licences {licences}")
        return EXIT_FAILED if failed else EXIT_OK
    return await with_context(args, work)


async def cmd_duplicates_prevention(args: argparse.Namespace) -> int:
    from .services import prevention

    async def work(ctx: Any) -> int:
        items = await prevention.report(ctx)
        if args.csv:
            args.csv.write_text(prevention.to_csv(items), encoding="utf-8")
        if args.letters:
            args.letters.write_text(prevention.letters(items, _lang(args, ctx)),
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


COMMANDS: dict[tuple[str, str | None], Callable[[argparse.Namespace], Awaitable[int]]] = {
    ("status", None): cmd_status,
    ("login", None): cmd_login,
    ("logout", None): cmd_logout,
    ("accounts", "list"): cmd_accounts_list,
    ("duplicates", "scan"): cmd_duplicates_scan,
    ("duplicates", "prevention"): cmd_duplicates_prevention,
    ("integration", "check"): cmd_integration_check,
    ("journals", "list"): cmd_journals_list,
    ("remediate", "plan"): cmd_remediate_plan,
    ("remediate", "run"): cmd_remediate_run,
    ("remediate", "resume"): cmd_remediate_run,
    ("journals", "refresh"): cmd_journals_refresh,
    ("journals", "delete"): cmd_journals_delete,
    ("integration", "enable"): cmd_integration_enable,
}
