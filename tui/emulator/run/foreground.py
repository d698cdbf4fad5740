"""The emulator on its own, in the foreground: `polar-checkout emulator`.

`serve` binds the socket first (a port in use is a clear message, not a
traceback), prints the address, every session's scenario name and client secret
(demo data, printed in full), where the test checkout pages are and a hint on the
admin API, then serves on the system clock until Ctrl+C. uvicorn logs warnings and
errors only, to stderr.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
import threading
from pathlib import Path
from types import FrameType
from typing import Final, TextIO

import uvicorn

from tui.emulator.http.server import create_app
from tui.emulator.model.clock import SystemClock
from tui.emulator.seed.loader import ScenarioFileError, load_scenarios
from tui.emulator.store import Store

from .background import KEEP_ALIVE, SHUTDOWN_TIMEOUT
from .listener import tcp_listener
from .timing import ServerTimed

EXIT_OK: Final = 0
EXIT_USAGE: Final = 2
MAX_PORT: Final = 65535
PAGE_HINT: Final = "Test checkout page (Pay and Decline buttons): {base}/checkout/{{secret}}"
ADMIN_HINT: Final = (
    "Admin API: {base}/emulator/ - GET|POST sessions, POST sessions/{{secret}}/"
    "pay|decline|expire|lock|block, GET|POST|DELETE faults, POST reset"
)


def serve(host: str, port: int, scenarios: Path | None) -> int:
    """Serve until Ctrl+C, then return 0; return 2 for a bad scenarios file or address."""
    try:
        loaded = load_scenarios(scenarios) if scenarios is not None else None
    except ScenarioFileError as error:
        print(error, file=sys.stderr)
        return EXIT_USAGE
    try:
        listener = _bind(host, port)
    except OSError as error:
        print(f"Cannot listen on {host}:{port}: {_reason(error)}.", file=sys.stderr)
        return EXIT_USAGE
    # uvicorn stops gracefully on Ctrl+C, then raises the signal it caught again; a
    # Ctrl+C before it has started stops the same way.
    with listener, contextlib.suppress(KeyboardInterrupt):
        base_url = f"http://{_url_host(host)}:{listener.getsockname()[1]}"
        store = Store(SystemClock(), public_url=base_url, scenarios=loaded)
        _announce(store, base_url, sys.stdout)
        stopping = threading.Event()
        config = uvicorn.Config(
            ServerTimed(create_app(store, shutdown=stopping)),
            log_level="warning",
            lifespan="off",
            timeout_graceful_shutdown=SHUTDOWN_TIMEOUT,
            timeout_keep_alive=KEEP_ALIVE,
        )
        _Server(config, stopping).run(sockets=[listener])
    print("Emulator stopped.", flush=True)
    return EXIT_OK


class _Server(uvicorn.Server):
    """uvicorn's server, telling open event streams to end as soon as it is asked to stop."""

    def __init__(self, config: uvicorn.Config, stopping: threading.Event) -> None:
        super().__init__(config)
        self._stopping = stopping

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        self._stopping.set()
        super().handle_exit(sig, frame)


def _reason(error: OSError) -> str:
    """The system's reason (e.g. "Address already in use"), without the address Python adds."""
    if isinstance(error, socket.gaierror) or not error.errno or error.errno < 0:
        return error.strerror or str(error)
    return os.strerror(error.errno)


def _bind(host: str, port: int) -> socket.socket:
    """A listening socket on the host's first address; OSError if that cannot be."""
    if not 0 <= port <= MAX_PORT:
        raise OSError(f"the port must be between 0 and {MAX_PORT}")
    return tcp_listener(host, port)


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _announce(store: Store, base_url: str, out: TextIO) -> None:
    sessions = store.list_sessions()
    width = max((len(entry.scenario) for entry in sessions), default=0)
    lines = [f"Polar checkout emulator on {base_url} (Ctrl+C to stop)", "Sessions:"]
    lines += [f"  {entry.scenario:<{width}}  {entry.client_secret}" for entry in sessions]
    lines.append(PAGE_HINT.format(base=base_url))
    lines.append(ADMIN_HINT.format(base=base_url))
    print("\n".join(lines), file=out, flush=True)
