"""What every command shares: output, exit codes, and running work in a context.

`--json` output goes to stdout as one document; messages go to stderr. Exit status: 0 done,
1 the work failed, 2 bad usage or bad input.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from opiq_admin.services.i18n import N_, _

if TYPE_CHECKING:
    from opiq_admin.app import AppContext
    from opiq_admin.services.context import Configured

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad input: the message says what and where; exit 2."""


_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape_surrogates(text: str) -> str:
    """Lone surrogates (from `\\ud800` escapes in a file read) as JSON escapes: UTF-8
    cannot carry them, and `\\udXXX` inside a JSON string is valid JSON."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def emit(document: Any) -> None:
    text = json.dumps(document, ensure_ascii=False, indent=2)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = _escape_surrogates(text)
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def out(line: str) -> None:
    """A line of a command's result for people (without --json): stdout, so it can be
    piped and saved, while messages and progress stay on stderr."""
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = line.encode("utf-8", "backslashreplace").decode("utf-8")
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def write_text(path: Path, text: str) -> None:
    """A file written as given: UTF-8, and no newline translation, so a CSV's CRLF stays
    CRLF on Windows instead of becoming CR CR LF."""
    path.write_text(text, encoding="utf-8", newline="")


def progress_bar(total: int, unit: str) -> Any:
    """A progress bar on stderr when stderr is a terminal (tqdm), else None: then the
    command writes plain progress lines, which a log or a pipe can read."""
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit=f" {unit}", file=sys.stderr, dynamic_ncols=True,
                leave=True)


def say(message: str) -> None:
    try:
        message.encode("utf-8")
    except UnicodeEncodeError:
        message = message.encode("utf-8", "backslashreplace").decode("utf-8")
    print(message, file=sys.stderr, flush=True)



async def with_context(args: argparse.Namespace, work: Callable[[AppContext], Awaitable[int]],
                       *,
                       sign_in: bool = True, needs: tuple[str, ...] | None = None) -> int:
    """Build the context (practice or profile), sign in, run `work`, close everything.

    `needs` names the systems the command works with (both when not said; `()` for one
    that reports whatever it finds). Each must be signed in before `work` runs, or the
    command ends with one line: "sign in first: opiq-admin login opiq", or why a stored
    sign-in could not be used this time (`SignInKept`).
    """
    from opiq_admin.app import build_context
    from opiq_admin.services.config.paths import AppPaths
    from opiq_admin.services.config.settings import Settings
    from opiq_admin.services.errors import SignInNeeded

    if needs is None:
        # The commands that read or change Opiq alone; everything else needs both.
        command = (args.command, getattr(args, "action", None))
        opiq_only = {("accounts", "list"), ("duplicates", "scan"), ("journals", "refresh"),
                     ("journals", "delete"), ("remediate", "plan"), ("remediate", "run"),
                     ("remediate", "resume")}
        if command in opiq_only or (command == ("journals", "list")
                                    and not getattr(args, "compare", False)):
            needs = ("opiq",)
        else:
            needs = ("opiq", "ekool")

    # In the log once the input has passed its checks: a refused command leaves nothing.
    logging.getLogger("opiq_admin.cli").info(
        "command: %s %s", args.command, getattr(args, "action", "") or "")
    if args.practice is not None:
        paths = AppPaths.under(args.practice)
        context = await build_context(paths, practice_dir=args.practice, force_practice=True)
    else:
        paths = AppPaths.default()
        if Settings.load(paths.settings_file).active_profile() is None:
            raise UsageError(_("no server profile is configured; set one in the window's "
                               "Settings, or run in practice mode with --practice DIR"))
        context = await build_context(paths)
    try:
        if sign_in:
            if context.practice:
                await context.sign_in_practice()
            else:
                await context.restore_sessions()
            for system in needs:
                connection = context.connection(system)
                if connection.user is None:
                    raise connection.trouble or SignInNeeded(system)
        return await work(context)
    finally:
        await context.aclose()


def lang(args: argparse.Namespace, ctx: Configured) -> str:
    return getattr(args, "lang", None) or ctx.settings.get("language")


def read_json(path: Path) -> Any:
    """A JSON file as Windows leaves it too: PowerShell 5's `>` writes UTF-16 with a BOM,
    Notepad may add a UTF-8 BOM."""
    from opiq_admin.services.csvsafe import NotUtf8, decode_text
    from opiq_admin.services.duplicates.records import json_problem

    try:
        return json.loads(decode_text(path.read_bytes()))
    except NotUtf8 as exc:
        raise UsageError(f"{path}: line {exc.line}: {exc}") from exc
    except OSError as exc:
        raise UsageError(_("{path}: cannot be read ({value})").format(
                             path=path, value=exc.strerror or exc)) from exc
    except json.JSONDecodeError as exc:
        raise UsageError(_("{path}: not JSON ({exc})").format(path=path, exc=exc)) from exc
    except (ValueError, RecursionError) as exc:
        raise UsageError(f"{path}: {json_problem(exc)}") from exc


# A result's status as the text output says it (the --json document keeps the code).
RESULT_WORDS = {"done": N_("done"), "failed": N_("failed"), "skipped": N_("skipped")}


def print_results(args: argparse.Namespace, results: list[dict[str, Any]]) -> int:
    if args.json:
        emit({"results": results})
    else:
        for r in results:
            status = _(RESULT_WORDS[r["status"]]) if r["status"] in RESULT_WORDS \
                else r["status"]
            out(f"{r['id']}: {status} {r.get('detail', '')}".rstrip())
    return EXIT_OK if all(r["status"] == "done" for r in results) else EXIT_FAILED

