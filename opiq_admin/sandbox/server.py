"""Running the emulator: in a background thread for the program and tests, or as
`opiq-admin sandbox` in the foreground until a signal says stop.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any

import uvicorn

from opiq_admin.sandbox.app import create_asgi
from opiq_admin.sandbox.runtime import IDPS, Sandbox, WorldFactory


def _url(host: str, port: int) -> str:
    try:
        if ipaddress.ip_address(host).version == 6:
            return f"http://[{host}]:{port}"
    except ValueError:
        pass
    return f"http://{host}:{port}"


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET
    try:
        if ipaddress.ip_address(host).version == 6:
            family = socket.AF_INET6
    except ValueError:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


class EmbeddedServer:
    """The emulator on a loopback port, served by uvicorn in a thread with its own loop."""

    def __init__(self, data_dir: Path, *, host: str = "127.0.0.1", port: int = 0,
                 seed: int = 1, schools: int = 3, students: int = 360, latency_ms: int = 0,
                 error_rate: float = 0.0, rate_limit: float = 0.0,
                 make_world: WorldFactory | None = None, idp: str | None = None,
                 page_cap: int | None = None, total_count: bool = True) -> None:
        """`idp="harid"` serves HarID too; None keeps what the data folder says.
        `page_cap` and `total_count=False` rehearse a server that pages stingily."""
        self.data_dir = Path(data_dir)
        self.host, self.port = host, port
        self._sizes = {"seed": seed, "schools": schools, "students": students}
        self._faults: dict[str, Any] = {"latency_ms": latency_ms, "error_rate": error_rate,
                        "rate_limit": rate_limit}
        self._make_world = make_world
        self._idp = idp
        self._paging = (page_cap, total_count)
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._failure: BaseException | None = None
        self.sandbox: Sandbox | None = None
        self.url = ""

    def start(self) -> str:
        """Loads (or seeds) the state, starts serving, and returns the base URL."""
        if self._thread is not None:
            return self.url
        self.sandbox = Sandbox(self.data_dir, make_world=self._make_world, idp=self._idp,
                               **self._sizes)
        self.sandbox.page_cap, self.sandbox.total_count = self._paging
        sock = _bind(self.host, self.port)
        self.port = sock.getsockname()[1]
        self.url = _url(self.host, self.port)
        config = uvicorn.Config(create_asgi(self.sandbox, **self._faults), log_level="warning",
                                access_log=False, lifespan="off", timeout_graceful_shutdown=3)
        self._server = uvicorn.Server(config)

        def run() -> None:
            loop = asyncio.new_event_loop()
            try:
                assert self._server is not None
                loop.run_until_complete(self._server.serve(sockets=[sock]))
            except BaseException as exc:  # reported to start() or stop()
                self._failure = exc
            finally:
                loop.close()
                sock.close()

        self._thread = threading.Thread(target=run, name="opiq-sandbox", daemon=True)
        self._thread.start()
        while not self._server.started:
            if not self._thread.is_alive():
                self._cleanup()
                raise RuntimeError(f"the emulator did not start: {self._failure!r}")
            time.sleep(0.01)
        return self.url

    def stop(self) -> None:
        """Stops serving and closes the store; the state stays in the data folder."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._cleanup()

    def _cleanup(self) -> None:
        if self.sandbox is not None:
            self.sandbox.close()
        self.sandbox = None
        self._server = None
        self._thread = None

    def __enter__(self) -> EmbeddedServer:
        self.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()


def _parser() -> argparse.ArgumentParser:
    def share(text: str) -> float:
        value = float(text)
        if not 0.0 <= value <= 1.0:
            raise argparse.ArgumentTypeError("must be between 0 and 1")
        return value

    def non_negative(kind: type[int] | type[float]) -> Callable[[str], int | float]:
        def parse(text: str) -> int | float:
            value = kind(text)
            if value < 0:
                raise argparse.ArgumentTypeError("must not be negative")
            return value
        parse.__name__ = kind.__name__
        return parse

    parser = argparse.ArgumentParser(
        prog="opiq-admin sandbox",
        description="Serve the practice emulator of Opiq and eKool (the data is not real).")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (loopback)")
    parser.add_argument("--port", type=non_negative(int), default=0, help="0 = a free port")
    parser.add_argument("--data", type=Path, help="state folder (default: a fresh temporary "
                        "folder, removed on exit)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--schools", type=non_negative(int), default=3)
    parser.add_argument("--students", type=non_negative(int), default=360)
    parser.add_argument("--latency-ms", type=non_negative(int), default=0)
    parser.add_argument("--error-rate", type=share, default=0.0)
    parser.add_argument("--rate-limit", type=non_negative(float), default=0.0,
                        help="requests per second, 0 = unlimited")
    parser.add_argument("--roster-page-cap", type=non_negative(int), default=None,
                        metavar="N", help="at most N items a page of any list, whatever the "
                        "client asks (a stingy server)")
    parser.add_argument("--no-total-count", action="store_true",
                        help="send no X-Total-Count header with lists (it is optional in "
                             "OneRoster 1.2)")
    parser.add_argument("--idp", choices=IDPS, default=None,
                        help="an identity provider to serve too (kept in --data; "
                        "default: as last time, else none)")
    parser.add_argument("--shared", metavar="TOKEN", default=None,
                        help="serve the runs of the program on a practice folder: write "
                             "server.json to --data, stop when no run has held a lease for "
                             "--linger seconds (started by the program itself)")
    parser.add_argument("--linger", type=non_negative(float), default=10.0, metavar="SECONDS")
    return parser


def main(argv: list[str] | None = None) -> int:
    """`opiq-admin sandbox`: serve until SIGINT or SIGTERM, then exit 0."""
    args = _parser().parse_args(argv)
    if args.shared is not None and args.data is None:
        print("opiq-admin sandbox: --shared needs --data", file=sys.stderr)
        return 2
    temporary = args.data is None
    data_dir = Path(tempfile.mkdtemp(prefix="opiq-sandbox-")) if temporary else args.data
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    server = EmbeddedServer(data_dir, host=args.host, port=args.port, seed=args.seed,
                            schools=args.schools, students=args.students,
                            latency_ms=args.latency_ms, error_rate=args.error_rate,
                            rate_limit=args.rate_limit, idp=args.idp,
                            page_cap=args.roster_page_cap,
                            total_count=not args.no_total_count)
    try:
        try:
            url = server.start()
        except (OSError, RuntimeError) as exc:
            print(f"opiq-admin sandbox: cannot start: {exc}", file=sys.stderr)
            return 1
        print(f"listening on {url}", flush=True)
        if args.shared is not None:
            from opiq_admin.sandbox import shared

            shared.announce(data_dir, url, args.shared)
            print(f"opiq-admin sandbox: serving {data_dir} on {url} for the runs of the "
                  f"program on it", file=sys.stderr, flush=True)
            shared.serve_until_unused(data_dir, args.shared, args.linger, server.stop,
                                      stop.is_set)
            print(f"opiq-admin sandbox: stopped, no run has used {url} for {args.linger} s",
                  file=sys.stderr, flush=True)
            return 0
        while not stop.wait(0.5):
            pass
        return 0
    finally:
        server.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if temporary:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
