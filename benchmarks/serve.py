"""The emulator for the benchmarks, started as the demo starts it (`tui.demo.start_demo`: a
free loopback port, the built-in scenarios, the system clock), in a process of its own so
its CPU is not the measuring client's. Prints its URL, serves until stdin closes.

    python -m benchmarks.serve [--https FOLDER]   # https: a local CA's certificate in FOLDER
    python -m benchmarks.serve --floor            # the floor server on the same stack
    python -m benchmarks.serve --state FILE       # the emulator keeping its state in FILE
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import uvicorn

from tui.demo import start_demo
from tui.emulator.run.listener import tcp_listener


def _start_floor() -> tuple[str, Callable[[], None]]:
    """The floor server (`floor_server`), served as the emulator is: uvicorn in a thread, on
    a loopback socket made by the emulator's own listener."""
    from benchmarks.floor_server import FloorServer

    listener = tcp_listener("127.0.0.1", 0)
    config = uvicorn.Config(FloorServer(), log_config=None, access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.005)

    def stop() -> None:
        server.should_exit = True
        thread.join(5)
        listener.close()

    return f"http://127.0.0.1:{listener.getsockname()[1]}", stop


def _start_stateful(path: Path) -> tuple[str, Callable[[], None]]:
    """The emulator as `polar-checkout emulator --state FILE` keeps it: every change written
    to the SQLite file by its writer thread."""
    from tui.emulator.model.clock import SystemClock
    from tui.emulator.run.background import RunningEmulator
    from tui.emulator.seed.loader import BUILTIN
    from tui.emulator.state.file import StateFile, fingerprint
    from tui.emulator.store import Store

    store = Store(SystemClock(), state=StateFile(path, fingerprint(BUILTIN)))
    emulator = RunningEmulator(store)
    emulator.start()

    def stop() -> None:
        emulator.stop()
        store.close()

    return emulator.base_url, stop


def main(argv: list[str]) -> int:
    if argv[:1] == ["--state"]:
        base_url, stop = _start_stateful(Path(argv[1]))
    elif argv[:1] == ["--floor"]:
        base_url, stop = _start_floor()
    elif argv[:1] == ["--https"]:
        from benchmarks.tls import start_https

        emulator, base_url = start_https(Path(argv[1]))
        stop = emulator.stop
    else:
        demo = start_demo()
        base_url, stop = demo.base_url, demo.stop
    print(base_url, flush=True)
    sys.stdin.read()
    stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
