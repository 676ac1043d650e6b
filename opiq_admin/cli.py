"""The command line over the same services as the window (interfaces.md §5).

This module parses and dispatches; the commands live in `opiq_admin.commands`. Whatever a
command ends in other than success is one line on stderr and an exit status (`_failure`):
a user's mistake is never answered with a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import codecs
import contextlib
import errno
import io
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from opiq_admin.commands.base import EXIT_FAILED, EXIT_USAGE, UsageError, say
from opiq_admin.services.config.paths import AppPaths
from opiq_admin.services.errors import ApiError, InsecureUrl, InvalidEhisCode
from opiq_admin.services.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    _,
    current_language,
    use_language,
)

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="opiq-admin",
        description="Run the Opiq ↔ eKool integration of your schools. Without a command, "
                    "opens the window.")
    parser.add_argument("--practice", metavar="DIR", type=Path,
                        help="practice mode: an emulator of Opiq and eKool whose data, and "
                             "this program's store, live under DIR")
    _add_global_options(parser)
    # `language`, not `lang`: the subcommands' own --lang would overwrite a shared name.
    parser.add_argument("--lang", dest="language", choices=LANGUAGES,
                        help="the language of every message (default: the settings' "
                             "language, else Estonian)")
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
    p.add_argument("--resync", action="store_true",
                   help="with --compare: read eKool's enrollments and Opiq's accounts whole, "
                        "not as changes (done by itself at least once a day)")
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

    p = dsub.add_parser("decide", help="record a review decision: approve, reject or clear "
                        "a pair (only approved pairs are ever remedied)")
    p.add_argument("old", nargs="?", metavar="OLD", help="the old, unlinked account's id")
    p.add_argument("new", nargs="?", metavar="NEW", help="the new, eKool-linked account's id")
    p.add_argument("verb", nargs="?", metavar="approve|reject|clear")
    p.add_argument("--note", metavar="TEXT", help="why, for whoever reads the log later")
    p.add_argument("--file", metavar="DECISIONS.csv", type=Path,
                   help="many decisions: columns old,new,decision[,note]; nothing is "
                        "recorded if any row is bad")
    p.add_argument("--json", action="store_true")
    p = dsub.add_parser("decisions", help="the review decisions recorded so far")
    p.add_argument("--json", action="store_true")

    rem = sub.add_parser("remediate", help="remove old student roles, give licences to new "
                         "accounts")
    rsub = rem.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = rsub.add_parser("plan", help="make a plan for the pairs of a scan that a person "
                        "approved; the others are listed and left alone")
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
    p = rsub.add_parser("give-up", help="leave an unfinished plan unfinished: it is no longer "
                        "offered for finishing")
    p.add_argument("plan", metavar="PLAN.json", type=Path)

    prof = sub.add_parser("profile", help="server profiles: import one your IT department "
                          "handed out, list, choose, export (no sign-in needed)")
    psub = prof.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = psub.add_parser("import", help="add a profile from a JSON file (or replace the one "
                        "of the same name); a client secret in it goes to the keyring only")
    p.add_argument("file", metavar="FILE.json", type=Path)
    p = psub.add_parser("list", help="the profiles, which one is in use, and whether a client "
                        "secret is stored (never the secret)")
    p.add_argument("--json", action="store_true")
    p = psub.add_parser("use", help='choose the profile in use; "" for practice mode')
    p.add_argument("name", metavar="NAME", help='a profile\'s name, or "" for practice mode')
    p = psub.add_parser("export", help="a profile as a file to import elsewhere, without "
                        "client secrets")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--out", metavar="FILE.json", type=Path,
                   help="write it here; without it, to stdout")

    act = sub.add_parser("activity", help="the activity log: who did what, when, to what, "
                         "and how it ended")
    acsub = act.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = acsub.add_parser("list", help="every entry, oldest first (no sign-in needed)")
    p.add_argument("--since", metavar="DATE",
                   help="only entries from this date (YYYY-MM-DD, UTC) or time on")
    p.add_argument("--json", action="store_true")
    return parser



def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    previous = current_language()
    use_language(_chosen_language(argv))
    try:
        return _run(argv)
    finally:
        use_language(previous)


def _run(argv: list[str]) -> int:
    _utf8_output()
    if argv and argv[0] == "sandbox":
        from opiq_admin.sandbox.server import main as sandbox_main

        return sandbox_main(argv[1:])
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) and EXIT_USAGE
    if getattr(args, "lang", None) is None and args.command is not None:
        args.lang = current_language()
    notices = _store_notices()
    _setup_logging(args)
    try:
        if args.command is None:
            from opiq_admin.ui.main import run_gui

            return run_gui(practice_dir=args.practice, log_level=args.log_level)
        # Imported only for a command: the window does not wait for the commands' modules.
        from opiq_admin.commands import COMMANDS

        handler = COMMANDS[(args.command, getattr(args, "action", None))]
        with _output_to(args.output):
            return asyncio.run(handler(args))
    except KeyboardInterrupt:
        say(_("opiq-admin: interrupted"))
        return EXIT_FAILED
    except Exception as exc:  # the last line: one sentence, never a traceback
        return _failure(args, exc)
    finally:
        logging.getLogger("opiq_admin.services.store").removeHandler(notices)


def _failure(args: argparse.Namespace, exc: Exception) -> int:
    """Say in one line on stderr how a command ended, and return its exit status: 2 for
    bad usage or bad input, 1 for work that failed."""
    from opiq_admin.services.config.settings import SettingsError
    from opiq_admin.services.duplicates.records import RecordError

    if isinstance(exc, UsageError | InvalidEhisCode | InsecureUrl | SettingsError | RecordError):
        say(f"opiq-admin: {exc}")
        return EXIT_USAGE
    store = sys.modules.get("opiq_admin.services.store")  # imported if a store was opened
    if isinstance(exc, ApiError) or (store is not None and isinstance(exc, store.StoreError)):
        say(f"opiq-admin: {exc}")
        return EXIT_FAILED
    if isinstance(exc, OSError):
        reason = _("the disk is full") if exc.errno == errno.ENOSPC else exc.strerror or str(exc)
        say(f"opiq-admin: {exc.filename}: {reason}" if exc.filename else f"opiq-admin: {reason}")
        return EXIT_FAILED
    where = _log_internal_error(args, exc)
    text = " ".join(str(exc).split())
    say(_("opiq-admin: internal error: {kind}: {text} (details in {where})").format(
        kind=type(exc).__name__, text=text[:300], where=where))
    return EXIT_FAILED


def _chosen_language(argv: list[str]) -> str:
    """`--lang`, else the settings' language (of the practice folder when `--practice` is
    given), else Estonian. Read before the arguments are parsed, so that even a mistake in
    them is said in the chosen language; a settings file that cannot be read chooses
    nothing here (the command says what is wrong with it)."""
    early = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    early.add_argument("--lang", dest="language")
    early.add_argument("--practice", type=Path)
    try:
        known, _rest = early.parse_known_args(argv)
    except (argparse.ArgumentError, SystemExit):  # the real parser says what is wrong
        return DEFAULT_LANGUAGE
    if known.language in LANGUAGES:
        return str(known.language)
    from opiq_admin.services.config.settings import Settings, SettingsError

    paths = AppPaths.under(known.practice) if known.practice else AppPaths.default()
    try:
        language = Settings.load(paths.settings_file).get("language") \
            if paths.settings_file.exists() else None
    except (SettingsError, OSError):
        language = None
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def _log_internal_error(args: argparse.Namespace, exc: Exception) -> str:
    """Write the traceback to the program's log file (never to stderr); where it went."""
    from opiq_admin.diagnostics import current_log_file

    configured = current_log_file()
    if configured is not None:  # the run's own log (`_setup_logging`)
        log.error("internal error in the command %s %s", args.command,
                  getattr(args, "action", "") or "", exc_info=exc)
        return str(configured)
    practice = getattr(args, "practice", None)
    paths = AppPaths.under(practice) if practice is not None else AppPaths.default()
    file = paths.log_file
    handler: logging.Handler
    try:
        paths.log_folder.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(file, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        where = str(file)
    except OSError:
        handler, where = logging.NullHandler(), "the log, which could not be written"
    log.addHandler(handler)
    try:
        log.error("internal error in the command %s %s", args.command,
                  getattr(args, "action", "") or "", exc_info=exc)
    finally:
        log.removeHandler(handler)
        handler.close()
    return where


def _store_notices() -> logging.Handler:
    """What opening the store had to do (a damaged store moved aside) is said on stderr."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("opiq-admin: %(message)s"))
    logging.getLogger("opiq_admin.services.store").addHandler(handler)
    return handler


def _utf8_output() -> None:
    """UTF-8 on stdout and stderr when they go to a file or a pipe, whatever the console's
    code page: Estonian and Russian names must not end a run half-written."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(ValueError, OSError, LookupError):
            if isinstance(stream, io.TextIOWrapper) and not stream.isatty() \
                    and codecs.lookup(stream.encoding).name != "utf-8":
                stream.reconfigure(encoding="utf-8")
            elif isinstance(stream, io.TextIOWrapper) and stream.isatty():
                # A console whose code page lacks a letter shows "?" for it, and the run
                # goes on; the JSON to keep is written with --output FILE, in UTF-8.
                stream.reconfigure(errors="replace")


# -- global options: version, log level, output file -------------------------------------

def _add_global_options(parser: argparse.ArgumentParser) -> None:
    from opiq_admin import __version__

    group = parser.add_argument_group("program")
    group.add_argument("--version", action="version", version=f"opiq-admin {__version__}")
    group.add_argument("--log-level", choices=("DEBUG", "INFO", "WARNING", "ERROR"),
                       type=str.upper,
                       help="how much goes to the log file this run (default: the setting "
                            "log_level, INFO)")
    group.add_argument("--output", metavar="FILE", type=Path,
                       help="write the command's result (its --json document) to FILE in "
                            "UTF-8 instead of to stdout; FILE is replaced only when the "
                            "command ends")


def _setup_logging(args: argparse.Namespace) -> None:
    """The run's log file (`opiq_admin.diagnostics`), at --log-level, else the setting."""
    from opiq_admin.diagnostics import setup_logging
    from opiq_admin.services.config.settings import Settings, SettingsError

    paths = AppPaths.under(args.practice) if args.practice is not None else AppPaths.default()
    level = args.log_level
    if level is None:
        with contextlib.suppress(SettingsError, OSError):  # said when the command opens it
            level = Settings.load(paths.settings_file).get("log_level")
    setup_logging(paths, level)


@contextlib.contextmanager
def _output_to(path: Path | None) -> Iterator[None]:
    """stdout into `path` (UTF-8, whatever the console), written beside it and moved into
    place at the end, so a failed run leaves an earlier file as it was."""
    if path is None:
        yield
        return
    part = path.with_name(path.name + ".part")
    with part.open("w", encoding="utf-8", newline="") as file, \
            contextlib.redirect_stdout(file):
        try:
            yield
        except BaseException:
            file.close()
            part.unlink(missing_ok=True)
            raise
    os.replace(part, path)

