"""What went over the wire: every exchange the checkout clients make (each retry its own,
the event stream's opening and closing too), masked as it is recorded, kept in memory for
the request log screen, `--log FILE` and the exports (`tui.polar.request_export`).

Nothing here holds a credential: paths, headers and bodies go through the one redactor
(`tui.polar.secret`) before they are stored, so whoever reads the log reads masked text.
"""

from __future__ import annotations

import json
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from tui.polar.secret import redact, redact_data, redact_secrets

LIMIT = 500
"""Exchanges kept: the oldest go first."""
BODY_KEPT = 256 * 1024
"""Characters of a body kept: the rest is dropped (and counted), so 500 exchanges stay small."""
REQUEST_HEADERS = ("Polar-Version", "Content-Type", "Accept", "User-Agent")
"""The request headers worth showing: never Authorization, never a cookie."""
_HIDDEN_RESPONSE_HEADERS = frozenset({"set-cookie", "authorization", "proxy-authenticate"})
STREAM_OPENED = "event stream opened"
STREAM_CLOSED = "event stream closed"

Listener = Callable[["Exchange"], None]
ProblemListener = Callable[[str], None]
Headers = tuple[tuple[str, str], ...]


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Exchange:
    """One request and what came back, every credential masked."""

    number: int
    """1 for the first exchange of the run, then counting up."""
    at: datetime
    method: str
    url: str
    status: int | None
    """None: no answer (`error` names why)."""
    duration_ms: int
    request_body: str | None = None
    response_body: str | None = None
    error: str = ""
    """The transport error's name (`ConnectTimeout`), when there was no answer."""
    reason: str = ""
    """The status's phrase (`OK`)."""
    http_version: str = "HTTP/1.1"
    request_headers: Headers = ()
    response_headers: Headers = ()
    note: str = ""
    """`STREAM_OPENED` / `STREAM_CLOSED` for the event stream, else empty."""
    request_dropped: int = 0
    """Characters of the request body not kept (past `BODY_KEPT`)."""
    response_dropped: int = 0
    """Characters of the response body not kept (past `BODY_KEPT`)."""

    @property
    def path(self) -> str:
        return urlsplit(self.url).path

    @property
    def outcome(self) -> str:
        """The status, or the transport error's name."""
        return str(self.status) if self.status is not None else self.error or "no answer"

    def summary(self) -> str:
        """`PATCH /v1/checkouts/client/polar_c_…f3a9 200 42 ms`, plus the note if any."""
        line = f"{self.method} {self.path} {self.outcome} {self.duration_ms} ms"
        return f"{line} ({self.note})" if self.note else line


@dataclass(frozen=True, slots=True)
class Started:
    """When a request left: the clock's time, and the timer's."""

    at: datetime
    timer: float


class RequestLog:
    """The last `limit` exchanges, shared by every client of the app; listeners hear of each
    new one as it is added. `clock` stamps them; `timer` (seconds) times them.

    A listener that fails (a `--log` file, a screen) never fails the request: what went
    wrong is a problem, told once to the newest problem listener (kept until there is one)."""

    def __init__(
        self,
        *,
        limit: int = LIMIT,
        clock: Callable[[], datetime] = _utc_now,
        timer: Callable[[], float] = time.perf_counter,
    ) -> None:
        self._entries: deque[Exchange] = deque(maxlen=limit)
        self._listeners: list[Listener] = []
        self._problem_listeners: list[ProblemListener] = []
        self._problems: list[str] = []
        self._untold: list[str] = []
        self._count = 0
        self.clock = clock
        self.timer = timer

    def entries(self) -> list[Exchange]:
        """Newest first."""
        return list(reversed(self._entries))

    def listen(self, listener: Listener) -> Callable[[], None]:
        """Tell `listener` of every exchange from now on; call the result to stop."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def listen_for_problems(self, listener: ProblemListener) -> Callable[[], None]:
        """Tell `listener` of each problem (the ones nobody heard yet first), unless a
        newer problem listener is there; call the result to stop."""
        self._problem_listeners.append(listener)
        untold, self._untold = self._untold, []
        for problem in untold:
            listener(problem)
        return lambda: self._problem_listeners.remove(listener)

    def report(self, problem: str) -> None:
        """Tell the newest problem listener, once per problem (kept until one listens)."""
        if problem in self._problems:
            return
        self._problems.append(problem)
        if self._problem_listeners:
            self._problem_listeners[-1](problem)
        else:
            self._untold.append(problem)

    def start(self) -> Started:
        """The moment a request leaves: pass it back when it has an answer or an error."""
        return Started(self.clock(), self.timer())

    def answered(
        self,
        started: Started,
        request: httpx.Request,
        response: httpx.Response,
        secret: str,
        *,
        note: str = "",
    ) -> Exchange:
        """Record a request and its answer (the body if it was read)."""
        return self._add(
            started,
            request,
            secret,
            status=response.status_code,
            reason=response.reason_phrase,
            http_version=response.http_version,
            response_headers=tuple(
                (name, redact_secrets(redact(value, secret)))
                for name, value in response.headers.items()
                if name.lower() not in _HIDDEN_RESPONSE_HEADERS
            ),
            response_body=_response_text(response, secret),
            note=note,
        )

    def failed(
        self, started: Started, request: httpx.Request, error: Exception, secret: str
    ) -> Exchange:
        """Record a request that got no answer: `error` names why."""
        return self._add(started, request, secret, error=type(error).__name__)

    def _add(
        self,
        started: Started,
        request: httpx.Request,
        secret: str,
        *,
        status: int | None = None,
        response_body: str | None = None,
        **answer: Any,
    ) -> Exchange:
        self._count += 1
        request_body, request_dropped = _kept(_request_text(request, secret))
        response_body, response_dropped = _kept(response_body)
        exchange = Exchange(
            number=self._count,
            at=started.at,
            method=request.method,
            url=redact_secrets(redact(str(request.url), secret)),
            duration_ms=round((self.timer() - started.timer) * 1000),
            request_body=request_body,
            request_dropped=request_dropped,
            response_body=response_body,
            response_dropped=response_dropped,
            request_headers=tuple(
                (name, redact_secrets(redact(request.headers[name], secret)))
                for name in REQUEST_HEADERS
                if name in request.headers
            ),
            status=status,
            **answer,
        )
        self._entries.append(exchange)
        for listener in list(self._listeners):
            try:
                listener(exchange)
            except Exception as error:  # the exchange happened all the same
                self.report(f"The request log could not pass on a request: {type(error).__name__}")
        return exchange


def _kept(body: str | None) -> tuple[str | None, int]:
    """The body as kept, and how many characters were dropped."""
    if body is None or len(body) <= BODY_KEPT:
        return body, 0
    return body[:BODY_KEPT], len(body) - BODY_KEPT


def masked_text(text: str, secret: str) -> str:
    """A body as text, masked: JSON through `redact_data` (whole values of secret keys
    too), written compactly; anything else through `redact_secrets`."""
    try:
        data = json.loads(text)
    except ValueError:
        return redact_secrets(redact(text, secret))
    return json.dumps(redact_data(data, secret), ensure_ascii=False, separators=(",", ":"))


def _request_text(request: httpx.Request, secret: str) -> str | None:
    try:
        content = request.content
    except httpx.RequestNotRead:
        return None
    return masked_text(content.decode("utf-8", "replace"), secret) if content else None


def _response_text(response: httpx.Response, secret: str) -> str | None:
    try:
        content = response.content
    except httpx.ResponseNotRead:
        return None
    return masked_text(response.text, secret) if content else None
