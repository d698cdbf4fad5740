"""A session's live events as server-sent events, framed as Polar's server frames them.

Polar serves `GET .../client/{secret}/stream` with sse-starlette over a Redis
subscription; on the wire that is:
- `text/event-stream; charset=utf-8`, with `Cache-Control: no-store`,
  `Connection: keep-alive` and `X-Accel-Buffering: no`;
- one `data: <json>` line per event and no `event:` or `id:` line, each event
  ended by a blank line, lines ended by CRLF:
  `data: {"id":"…","key":"checkout.updated","payload":{"status":"open"}}\\r\\n\\r\\n`;
- a keep-alive comment every 15 s: `: ping - <time>\\r\\n\\r\\n` (the time on the
  injected clock here, so it repeats in tests);
- after 10 minutes (on the injected clock here) `data: {"type": "reconnect"}` and
  the end of the response: clients reconnect, then GET the session;
- when the server shuts down, the end of the response (no reconnect line).

Between checks the stream sleeps `poll_interval` (Polar waits up to 1 s for a
message); each check also applies the transitions the clock has made due
(`Store.tick`), so a confirmed session turns `succeeded` on an open stream even
when nobody reads the session.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final, Protocol

import anyio

from tui.emulator.rules.events import Subscription
from tui.emulator.store import Store

MEDIA_TYPE: Final = "text/event-stream"
HEADERS: Final = {
    "Cache-Control": "no-store",
    "Connection": "keep-alive",
    "X-Accel-Buffering": "no",
}
SEPARATOR: Final = "\r\n"
RECONNECT: Final = '{"type": "reconnect"}'


class ShutdownSignal(Protocol):
    """Set when the server stops (a `threading.Event` will do)."""

    def is_set(self) -> bool: ...


class NeverShutdown:
    """For an app whose server never says it stops: uvicorn's graceful-shutdown timeout
    then cancels open streams."""

    def is_set(self) -> bool:
        return False


@dataclass(frozen=True, slots=True)
class StreamSettings:
    lifetime: timedelta = timedelta(minutes=10)
    """On the injected clock: how long a stream lasts before it asks the client to reconnect."""
    ping_interval: float = 15.0
    """Real seconds between keep-alive comments."""
    poll_interval: float = 0.1
    """Real seconds between checks for events, expiry of the lifetime and shutdown."""


def data_frame(data: str) -> bytes:
    return f"data: {data}{SEPARATOR}{SEPARATOR}".encode()


def comment_frame(text: str) -> bytes:
    return f": {text}{SEPARATOR}{SEPARATOR}".encode()


def open_stream(
    store: Store, client_secret: str, settings: StreamSettings, shutdown: ShutdownSignal
) -> AsyncIterator[bytes]:
    """The stream's body; raises PolarFailure (404, 410, 403) at once, as Polar answers
    before the stream starts. Events and the lifetime count from this call."""
    subscription = store.subscribe(client_secret)
    deadline = store.clock.now() + settings.lifetime
    return _frames(store, subscription, deadline, settings, shutdown)


async def _frames(
    store: Store,
    subscription: Subscription,
    deadline: datetime,
    settings: StreamSettings,
    shutdown: ShutdownSignal,
) -> AsyncIterator[bytes]:
    next_ping = time.monotonic() + settings.ping_interval
    try:
        while not shutdown.is_set():
            store.tick()
            for published in subscription.drain():
                yield data_frame(published.as_json())
            if store.clock.now() >= deadline:
                yield data_frame(RECONNECT)
                return
            if time.monotonic() >= next_ping:
                next_ping += settings.ping_interval
                yield comment_frame(f"ping - {store.clock.now()}")
            await anyio.sleep(settings.poll_interval)
    finally:
        subscription.close()
