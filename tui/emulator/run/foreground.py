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
import signal
import socket
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Final, TextIO

import uvicorn

from tui.emulator.http.server import SUPPORTED_VERSIONS, create_app, parse_versions
from tui.emulator.model.clock import SystemClock
from tui.emulator.seed.loader import BUILTIN, ScenarioFileError, load_scenarios
from tui.emulator.seed.scenario import Scenario
from tui.emulator.state.file import StateFile, StateRefused, fingerprint
from tui.emulator.store import Store

from .background import KEEP_ALIVE, SHUTDOWN_TIMEOUT, Dated
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


def serve(
    host: str,
    port: int,
    scenarios: Path | None,
    *,
    versions: str | None = None,
    state: Path | None = None,
) -> int:
    """Serve until Ctrl+C, then return 0; return 2 for a bad scenarios file, API version list
    (`--versions`, comma-separated; default: every version Polar serves), state file or
    address."""
    try:
        served = SUPPORTED_VERSIONS if versions is None else parse_versions(versions)
    except ValueError as error:
        print(f"--versions: {error}", file=sys.stderr)
        return EXIT_USAGE
    try:
        loaded = load_scenarios(scenarios) if scenarios is not None else None
        kept = _open_state(state, scenarios) if state is not None else None
    except (ScenarioFileError, StateRefused) as error:
        print(error, file=sys.stderr)
        return EXIT_USAGE
    try:
        return _serve(host, port, loaded, kept, served)
    finally:
        if kept is not None:
            kept.close()


def _open_state(state: Path, scenarios: Path | None) -> StateFile:
    return StateFile(state, fingerprint(scenarios if scenarios is not None else BUILTIN))


def _serve(
    host: str,
    port: int,
    loaded: tuple[Scenario, ...] | None,
    kept: StateFile | None,
    served: frozenset[str],
) -> int:
    try:
        listener = _bind(host, port)
    except OSError as error:
        print(f"Cannot listen on {host}:{port}: {_reason(error)}.", file=sys.stderr)
        return EXIT_USAGE
    # uvicorn stops gracefully on Ctrl+C, then raises the signal it caught again; a
    # Ctrl+C before it has started stops the same way.
    with listener, contextlib.suppress(KeyboardInterrupt):
        base_url = f"http://{_url_host(host)}:{listener.getsockname()[1]}"
        store = Store(SystemClock(), public_url=base_url, scenarios=loaded, state=kept)
        _announce(store, base_url, served, sys.stdout)
        if kept is not None:
            print(f"State kept in {kept.path}", flush=True)
        stopping = threading.Event()
        config = uvicorn.Config(
            Dated(ServerTimed(create_app(store, shutdown=stopping, versions=served)), store.clock),
            date_header=False,
            log_level="warning",
            lifespan="off",
            timeout_graceful_shutdown=SHUTDOWN_TIMEOUT,
            timeout_keep_alive=KEEP_ALIVE,
        )
        with _terminate_like_interrupt():
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


@contextlib.contextmanager
def _terminate_like_interrupt() -> Iterator[None]:
    """SIGTERM (a service manager, `kill`) stops as Ctrl+C does, so what follows the server
    (the state file's last write) still runs: uvicorn raises the signal it caught again once
    it has stopped, and the default action would end the process there."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupt(_signal: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt


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


def _announce(store: Store, base_url: str, versions: frozenset[str], out: TextIO) -> None:
    sessions = store.list_sessions()
    width = max((len(entry.scenario) for entry in sessions), default=0)
    lines = [
        f"Polar checkout emulator on {base_url} (Ctrl+C to stop)",
        f"API versions (Polar-Version): {', '.join(sorted(versions))}",
        "Sessions:",
    ]
    lines += [f"  {entry.scenario:<{width}}  {entry.client_secret}" for entry in sessions]
    lines.append(PAGE_HINT.format(base=base_url))
    lines.append(ADMIN_HINT.format(base=base_url))
    print("\n".join(lines), file=out, flush=True)
