"""The request journal: the last requests the emulator served, for QA (`GET /emulator/requests`).

`JournalMiddleware` sits outside everything but the body limit (a proxy's, in front of
Polar), so it sees each request as Polar would get it and each answer as the client got it:
Polar's routes, version refusals, injected faults, rate limits, the test checkout page. The
admin API (`/emulator/*`) is never journalled, so reading the journal does not fill it.

A request is journalled as it arrives (status and duration empty while it is
served; an event stream's stay empty until it closes) and filled in as its answer
goes out. The journal keeps the last `capacity` requests (a ring buffer), and of
each body its first `MAX_BODY_BYTES` bytes, so its memory stays bounded however
long the emulator runs. Bodies are text (UTF-8, undecodable bytes replaced); paths
keep the client secret of the emulator's own sessions as sent (demo data), and mask any
other (`polar_c_…f3a9`): a real session's secret sent here by mistake stays a credential.
"""

from __future__ import annotations

import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Final

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tui.emulator.model.clock import Clock
from tui.emulator.rules.wire import timestamp

from .faults import ADMIN_PREFIX

_SECRET: Final = re.compile(r"polar_c_[A-Za-z0-9]{8,}")
DEFAULT_CAPACITY: Final = 200
MAX_BODY_BYTES: Final = 32 * 1024


@dataclass(slots=True)
class _Body:
    """The first `MAX_BODY_BYTES` of a body, and whether more came."""

    data: bytearray = field(default_factory=bytearray)
    truncated: bool = False

    def add(self, chunk: bytes) -> None:
        room = MAX_BODY_BYTES - len(self.data)
        if len(chunk) > room:
            self.truncated = True
        self.data += chunk[: max(room, 0)]

    def text(self) -> str | None:
        return self.data.decode("utf-8", errors="replace") if self.data else None


@dataclass(slots=True)
class Entry:
    """One journalled request; the middleware fills it in as the answer goes out."""

    number: int
    at: str | None
    method: str
    path: str
    started: float
    status: int | None = None
    duration_ms: float | None = None
    finished: bool = False
    request: _Body = field(default_factory=_Body)
    response: _Body = field(default_factory=_Body)

    def session(self) -> str | None:
        """The client secret in the path, if any (`/v1/checkouts/client/{secret}/...`,
        `/checkout/{secret}`)."""
        return next((part for part in self.path.split("/") if part.startswith("polar_c_")), None)

    def cut_off(self) -> bool:
        """Whether the answer ended before its body did (a dropped fault, a closed stream)."""
        return self.duration_ms is not None and self.status is not None and not self.finished

    def as_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "at": self.at,
            "method": self.method,
            "path": self.path,
            "status": self.status,
            "duration_ms": self.duration_ms,
            "cut_off": self.duration_ms is not None
            and self.status is not None
            and not self.finished,
            "request_body": self.request.text(),
            "request_body_truncated": self.request.truncated,
            "response_body": self.response.text(),
            "response_body_truncated": self.response.truncated,
        }


class Journal:
    """The last `capacity` requests, oldest dropped first; safe to use from any thread."""

    def __init__(
        self,
        clock: Clock,
        capacity: int = DEFAULT_CAPACITY,
        *,
        knows: Callable[[str], bool] = lambda _secret: False,
    ) -> None:
        self.capacity = capacity
        self._clock = clock
        self._knows = knows
        self._lock = threading.Lock()
        self._entries: deque[Entry] = deque(maxlen=capacity)
        self._count = 0

    def open(self, method: str, path: str) -> Entry:
        path = _SECRET.sub(lambda found: self._shown(found.group()), path)
        with self._lock:
            self._count += 1
            entry = Entry(
                self._count, timestamp(self._clock.now()), method, path, time.perf_counter()
            )
            self._entries.append(entry)
        return entry

    def recent(self, *, session: str | None = None, limit: int | None = None) -> list[Entry]:
        """Newest first; only those of one session (its client secret) if `session` is set."""
        with self._lock:
            entries = [
                entry
                for entry in reversed(self._entries)
                if session is None or entry.session() == session
            ]
        return entries[:limit]

    def _shown(self, secret: str) -> str:
        return secret if self._knows(secret) else f"{secret[:8]}…{secret[-4:]}"

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


class JournalMiddleware:
    """Pure ASGI middleware: journals every request outside the admin API."""

    def __init__(self, app: ASGIApp, journal: Journal) -> None:
        self.app = app
        self.journal = journal

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(ADMIN_PREFIX):
            await self.app(scope, receive, send)
            return
        query = scope.get("query_string", b"").decode("latin-1")
        path = scope["path"] + (f"?{query}" if query else "")
        entry = self.journal.open(scope["method"], path)

        async def receive_journalled() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                entry.request.add(message.get("body", b""))
            return message

        async def send_journalled(message: Message) -> None:
            if message["type"] == "http.response.start":
                entry.status = message["status"]
            elif message["type"] == "http.response.body":
                entry.response.add(message.get("body", b""))
                entry.finished = not message.get("more_body", False)
            await send(message)

        try:
            await self.app(scope, receive_journalled, send_journalled)
        finally:
            elapsed = (time.perf_counter() - entry.started) * 1000
            entry.duration_ms = round(elapsed, 1)
