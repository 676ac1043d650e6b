"""One log for the window and the command line, in the platform's log folder.

A support person asks for one file: `opiq-admin.log` in `platformdirs.user_log_dir`
(Windows: `%LOCALAPPDATA%\\opiq-admin\\Logs`), rotated at 2 MB, five kept. Whatever is
written there passes `redact` first: no OAuth code, token, client secret or password ever
reaches the disk, whichever library logged it. httpx and httpcore, which log every request
line (an authorization redirect's `code=` included), are kept at WARNING.

Crashes below Python (`faulthandler`) go to `faults.log` beside it, and an exception that
ends a thread is logged rather than printed to a console nobody sees.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import re
import threading
from pathlib import Path

from opiq_admin.services.config.paths import AppPaths

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
QUIET = ("httpx", "httpcore", "hpack", "uvicorn.access", "multipart", "python_multipart",
         "alembic.runtime.plugins")
FORMAT = "%(asctime)s %(levelname)s %(process)d %(threadName)s %(name)s: %(message)s"

_SECRET_NAMES = ("code", "access_token", "refresh_token", "id_token", "client_secret",
                 "code_verifier", "password", "assertion", "token")
_NAMES = "|".join(_SECRET_NAMES)
_PATTERNS = (
    # code=..., &refresh_token=... in URLs, form bodies and "key=value" text
    (re.compile(rf"(?i)\b({_NAMES})=[^&\s\"'<>]+"), r"\1=[hidden]"),
    # "access_token": "..." in JSON, and Python reprs of dicts
    (re.compile(rf"(?i)([\"']({_NAMES})[\"']\s*:\s*)[\"'][^\"']*[\"']"), r"\1'[hidden]'"),
    (re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}"), r"\1 [hidden]"),
    # JSON Web Tokens, wherever they turn up
    (re.compile(r"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*"), "[hidden JWT]"),
)


def redact(text: str) -> str:
    """`text` with every OAuth code, token, secret and password replaced by "[hidden]"."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFormatter(logging.Formatter):
    """Redacts the whole formatted record, the traceback included: a secret can hide in
    an exception's message as well as in a log call's arguments."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class LogFileHandler(logging.handlers.RotatingFileHandler):
    """The program's own handler, told apart from any other on the root logger. The
    folder and file are made at the first record, not before: a command refused for bad
    input leaves nothing behind."""

    def _open(self):  # type: ignore[no-untyped-def]  # typeshed: -> TextIOWrapper
        folder = Path(self.baseFilename).parent
        folder.mkdir(parents=True, exist_ok=True)
        _catch_crashes(folder)
        return super()._open()

    def handleError(self, record: logging.LogRecord) -> None:
        """A log that cannot be written (a full disk, a data folder that is a file) says
        nothing on stderr: the run goes on, and opening the store says what is wrong."""


def setup_logging(paths: AppPaths, level: str | None = None) -> Path | None:
    """Send the program's log to `paths.log_file`; the file, or None if it cannot be
    written (the program then runs on, without a log). Calling it again (the next
    command of a test, another practice folder) replaces the handler, never adds one."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, LogFileHandler)]:
        root.removeHandler(old)
        old.close()
    name = (level or "INFO").upper()
    root.setLevel(name if name in LEVELS else "INFO")
    for noisy in QUIET:
        logging.getLogger(noisy).setLevel(logging.WARNING)
    if paths.log_folder.exists() and not paths.log_folder.is_dir():
        return None
    handler = LogFileHandler(paths.log_file, maxBytes=2_000_000, backupCount=5,
                             encoding="utf-8", delay=True)
    handler.setFormatter(RedactingFormatter(FORMAT))
    root.addHandler(handler)
    threading.excepthook = _thread_excepthook
    return paths.log_file


def current_log_file() -> Path | None:
    """The log file the program writes now, to name it where an error is shown."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, LogFileHandler):
            return Path(handler.baseFilename)
    return None


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else "?"
    exc_info = (args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)
    logging.getLogger("opiq_admin").error("unhandled error in the thread %s", name,
                                          exc_info=exc_info)


def _catch_crashes(folder: Path) -> None:
    if faulthandler.is_enabled():
        return  # once a process: pytest, -X faulthandler or an earlier call chose where
    try:
        stream = (folder / "faults.log").open("a", encoding="utf-8")
    except OSError:
        return
    # faulthandler keeps the file (and so its descriptor) for as long as it is enabled.
    faulthandler.enable(file=stream, all_threads=True)
