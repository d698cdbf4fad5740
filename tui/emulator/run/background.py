"""The emulator served for real: uvicorn in a background thread, on a loopback socket.

The socket is bound before the server starts, so the port (0 picks a free
one) is known at once and nothing races for it. Logging stays off: uvicorn's
output would draw over a terminal UI. Stopping first tells open event streams
to end (they finish within their poll interval), then lets uvicorn shut down
gracefully, forcing it if open requests still hold it after the grace period.
"""

from __future__ import annotations

import logging
import threading
import time
from email.utils import formatdate
from types import TracebackType
from typing import Final, Self

import uvicorn
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tui.emulator.http.server import create_app
from tui.emulator.http.stream import StreamSettings
from tui.emulator.model.clock import Clock, SystemClock
from tui.emulator.store import Store

from .listener import tcp_listener
from .timing import ServerTimed

HOST: Final = "127.0.0.1"
START_TIMEOUT: Final = 10.0
SHUTDOWN_TIMEOUT: Final = 2
KEEP_ALIVE: Final = 75
"""Seconds an idle connection stays open, as behind Polar's load balancers. uvicorn's own
5 s equals httpx's pool expiry: a request sent on a connection as the server closed it
fails with a read error ("Connection lost mid-answer" on a save)."""


def _silence_uvicorn() -> None:
    """Keep uvicorn's records (even a request's traceback) off the terminal.

    With `log_config=None` uvicorn configures nothing; without a handler of its
    own, Python would print its warnings and errors to stderr, over the UI.
    """
    logger = logging.getLogger("uvicorn")
    if not any(isinstance(handler, logging.NullHandler) for handler in logger.handlers):
        logger.addHandler(logging.NullHandler())


class Dated:
    """Each answer's `Date` stamped as it is sent, by the emulator's clock (so an advanced or
    frozen clock shows in it, as a client reads the server's time there). uvicorn's own is
    refreshed once a second by its loop, which the app sharing this process can hold back for
    seconds: the app would take that for the server's clock running behind
    (`CheckoutClient.clock_offset`), and its countdown would jump."""

    def __init__(self, app: ASGIApp, clock: Clock) -> None:
        self._app = app
        self._clock = clock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def dated(message: Message) -> None:
            if message["type"] == "http.response.start":
                now = formatdate(self._clock.now().timestamp(), usegmt=True).encode()
                message = {**message, "headers": [*message.get("headers", []), (b"date", now)]}
            await send(message)

        await self._app(scope, receive, dated)


class RunningEmulator:
    """An emulator on `base_url` (e.g. "http://127.0.0.1:54321"); a context manager.

    With no store given it makes one on the system clock (or `clock`). The
    store's `public_url` is set to `base_url` so sessions' `url` points here.
    `streams` tunes the event streams (tests shorten their intervals).
    """

    def __init__(
        self,
        store: Store | None = None,
        *,
        port: int = 0,
        clock: Clock | None = None,
        streams: StreamSettings | None = None,
    ) -> None:
        _silence_uvicorn()
        self.store = store if store is not None else Store(clock or SystemClock())
        self._socket = tcp_listener(HOST, port)
        self.port: int = self._socket.getsockname()[1]
        self.base_url = f"http://{HOST}:{self.port}"
        self.store.public_url = self.base_url
        self._stopping = threading.Event()
        config = uvicorn.Config(
            Dated(
                ServerTimed(create_app(self.store, streams=streams, shutdown=self._stopping)),
                self.store.clock,
            ),
            date_header=False,
            log_config=None,
            access_log=False,
            lifespan="off",
            timeout_graceful_shutdown=SHUTDOWN_TIMEOUT,
            timeout_keep_alive=KEEP_ALIVE,
        )
        self._server = uvicorn.Server(config)
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Serve in a daemon thread; returns once the server accepts connections."""
        if self._thread is not None:
            raise RuntimeError("this emulator was already started")
        self._thread = threading.Thread(
            target=self._server.run,
            kwargs={"sockets": [self._socket]},
            name=f"polar-emulator:{self.port}",
            daemon=True,
        )
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT
        while not self._server.started:
            if not self._thread.is_alive():
                raise RuntimeError("the emulator stopped while starting")
            if time.monotonic() > deadline:
                self.stop()
                raise TimeoutError(f"the emulator did not start within {START_TIMEOUT} s")
            time.sleep(0.005)

    def stop(self) -> None:
        """Ask the server to finish, force it after the grace period, release the port."""
        thread = self._thread
        self._stopping.set()
        if thread is not None and thread.is_alive():
            self._server.should_exit = True
            thread.join(SHUTDOWN_TIMEOUT + 1.0)
            if thread.is_alive():
                self._server.force_exit = True
                thread.join(SHUTDOWN_TIMEOUT)
        self._socket.close()

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
