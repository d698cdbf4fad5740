"""Following a session live: its event stream, reconnecting, or polling where there is none.

`follow(client, secret)` yields signals for the screen to act on. It never reads the
session itself: on `Changed` the screen does, through its ordered request path.

- `Changed`: read the session again (an event arrived, the stream opened, a poll is due);
- `Mode`: what the status bar says: `stream`, `reconnecting` (in how long) or `polling`
  (how often), with the reason the stream is off;
- `Gone`: the server refuses the stream for good (404 `ResourceNotFound`, 410, 403); the
  last signal.

Polar's stream (`polar-api.md` §1) has data lines only, each `{"id", "key", "payload"}`,
keep-alive comments every 15 s (httpx-sse drops them: they are no events), and
`{"type": "reconnect"}` before the server closes a long-lived stream.

What happens, and what follows:
- the stream opens (200, `text/event-stream`): `Mode("stream")` and `Changed("connected")`,
  as the session may have moved while there was no stream;
- a data event: `Changed("event", key, status)`, with the status its payload names;
- `{"type": "reconnect"}`: close, and reconnect at once;
- a dropped connection, no bytes for `read_timeout`, the end of the body, 5xx, 429, no
  connection, no answer within `open_timeout`: `Mode("reconnecting", delay)`, and again
  after the delay: `first_delay` doubling with each failure in a row up to `max_delay`,
  drawn in its upper half (jitter), and at least a 429's `Retry-After`;
- `failures_before_polling` failures in a row, or no stream here (an answer that is not an
  event stream, a 404 that is not Polar's, 405, any other 4xx): `Mode("polling",
  poll_interval)`, then `Changed("poll")` at once and every `poll_interval`, but every
  `stream_retry` the stream is tried in that poll's stead, and followed again if it opens;
- 404 `ResourceNotFound`, 410, 403: `Gone(status, error)`, and the end.

A failure in a row is an attempt that never opened or stayed open less than
`stable_after`; a stream that lived that long starts the count again. A reconnect asked
for sooner than that counts as a failure too, so a server that asks at once is not
hammered.

Close it with `contextlib.aclosing` or cancel the task iterating it: either ends any wait
at once and closes the response. It starts no task of its own. Reasons are built from
statuses and error types, never from the server's or httpx's text (the client secret is
in the stream's path): the server's words in a signal are an event's key, a status from
`STATUSES` and an error name of letters only.
"""

from __future__ import annotations

import asyncio
import json
import random
import re
import time
from collections.abc import AsyncGenerator, Awaitable, Callable
from contextlib import AsyncExitStack, aclosing
from dataclasses import dataclass
from typing import Final, Literal

import httpx

from tui.polar.client import CheckoutClient

STATUSES: Final = frozenset({"open", "expired", "confirmed", "succeeded", "failed"})
"""Polar's checkout statuses: an event's status is passed on only when it is one of them."""
RETRY_AFTER_LIMIT: Final = 3600.0
"""The longest `Retry-After` obeyed, in seconds."""
_ERROR_NAME: Final = re.compile(r"[A-Za-z]{1,64}")


@dataclass(frozen=True, slots=True)
class Changed:
    """The session may have changed: read it again."""

    reason: Literal["event", "connected", "poll"]
    key: str = ""
    """An event's key as the server sent it (`checkout.updated`, ...): untrusted text."""
    status: str = ""
    """The status an event's payload names (`checkout.updated` `{"status": "confirmed"}`),
    one of `STATUSES`, else "". A read after a quick pair of changes sees only the second
    (a declined payment: `confirmed`, then at once `open`); the events name both."""


@dataclass(frozen=True, slots=True)
class Mode:
    """How the session is followed from now on, for the status bar."""

    name: Literal["stream", "reconnecting", "polling"]
    seconds: float | None = None
    """reconnecting: the wait before the next try; polling: the time between reads."""
    reason: str = ""
    """Why the stream is off, in words (reconnecting, polling)."""


@dataclass(frozen=True, slots=True)
class Gone:
    """The server refuses the stream for good: the session is not there, expired or closed to
    this client. The last signal."""

    status: int
    error: str = ""
    """Polar's error name (`ExpiredCheckoutError`, ...), when it sent one."""


Signal = Changed | Mode | Gone


@dataclass(frozen=True, slots=True)
class FollowSettings:
    read_timeout: float = 45.0
    """The longest wait for the stream's next bytes: longer than Polar's keep-alive (15 s)."""
    open_timeout: float = 10.0
    """The longest wait for the stream's answer (status and headers), as ordinary requests
    wait for theirs: a proxy that holds the stream back fails here, not at `read_timeout`."""
    first_delay: float = 1.0
    max_delay: float = 30.0
    stable_after: float = 10.0
    """A stream open this long was healthy: its end starts the count of failures again."""
    failures_before_polling: int = 3
    poll_interval: float = 5.0
    stream_retry: float = 60.0
    """While polling, the time between tries of the stream."""


DEFAULT_SETTINGS: Final = FollowSettings()


@dataclass(slots=True)
class _Attempt:
    """How one attempt at the stream went, filled in as it runs."""

    end: Literal["failed", "reconnect", "absent", "gone"] = "failed"
    reason: str = ""
    opened_at: float | None = None
    status: int = 0
    error: str = ""
    retry_after: float = 0.0


async def follow(
    client: CheckoutClient,
    secret: str,
    settings: FollowSettings = DEFAULT_SETTINGS,
    *,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    clock: Callable[[], float] = time.monotonic,
    rng: Callable[[], float] = random.random,
) -> AsyncGenerator[Signal, None]:
    """The signals that follow the session `secret` until it is gone (see the module).

    `sleep`, `clock` (monotonic seconds) and `rng` (a float in [0, 1)) are injected for tests.
    """
    failures = 0
    polling = False
    while True:
        attempt = _Attempt()
        async with aclosing(_stream(client, secret, settings, clock, attempt)) as signals:
            async for signal in signals:
                yield signal
        if attempt.end == "gone":
            yield Gone(attempt.status, attempt.error)
            return
        opened = attempt.opened_at
        lived = opened is not None and clock() - opened >= settings.stable_after
        if opened is not None:
            polling = False
        if attempt.end == "reconnect" and lived:
            failures = 0
            continue
        failures = 1 if lived else failures + 1
        if polling or attempt.end == "absent" or failures >= settings.failures_before_polling:
            if not polling:
                polling = True
                yield Mode("polling", settings.poll_interval, attempt.reason)
            # A poll at each tick but the last, where the stream is tried instead: when it
            # opens, its `Changed("connected")` is that tick's read.
            yield Changed("poll")
            for _ in range(round(settings.stream_retry / settings.poll_interval) - 1):
                await sleep(settings.poll_interval)
                yield Changed("poll")
            await sleep(settings.poll_interval)
            continue
        delay = max(_backoff(failures, settings, rng), attempt.retry_after)
        yield Mode("reconnecting", delay, attempt.reason)
        await sleep(delay)


def _backoff(failures: int, settings: FollowSettings, rng: Callable[[], float]) -> float:
    """The wait after `failures` (1, 2, ...) in a row: `first_delay` doubling up to
    `max_delay`, drawn in its upper half so that clients dropped together come back apart."""
    ceiling = min(settings.max_delay, settings.first_delay * 2.0 ** min(failures - 1, 32))
    return ceiling * (0.5 + rng() / 2)


async def _stream(
    client: CheckoutClient,
    secret: str,
    settings: FollowSettings,
    clock: Callable[[], float],
    attempt: _Attempt,
) -> AsyncGenerator[Signal, None]:
    """One attempt: open the stream and yield its signals until it ends; `attempt` says how."""
    async with AsyncExitStack() as stack:
        try:
            async with asyncio.timeout(settings.open_timeout):
                source = await stack.enter_async_context(
                    client.stream(secret, read_timeout=settings.read_timeout)
                )
                usable = await _judge(source.response, attempt)
        except TimeoutError:
            attempt.reason = f"no answer within {settings.open_timeout:g} s"
            return
        except httpx.HTTPError as error:
            attempt.reason = _describe(error, settings)
            return
        if not usable:
            return
        attempt.opened_at = clock()
        yield Mode("stream")
        yield Changed("connected")
        try:
            async for event in source.aiter_sse():
                if not event.data:
                    continue
                message = _decode(event.data)
                if message.get("type") == "reconnect":
                    attempt.end = "reconnect"
                    attempt.reason = "the server asked for a reconnect"
                    return
                key = message.get("key")
                yield Changed("event", key if isinstance(key, str) else "", _status(message))
        except httpx.HTTPError as error:
            attempt.reason = _describe(error, settings)
            return
        attempt.reason = "the server ended the stream"


async def _judge(response: httpx.Response, attempt: _Attempt) -> bool:
    """Whether the answer is an event stream to read; if not, `attempt` says what it is."""
    status = response.status_code
    media = response.headers.get("content-type", "").partition(";")[0].strip().lower()
    if status == 200 and media == "text/event-stream":
        return True
    attempt.status = status
    attempt.reason = f"the server answered {status}"
    if status == 429 or status >= 500:
        retry_after = response.headers.get("retry-after", "")
        if retry_after.isdigit():
            attempt.retry_after = min(float(retry_after), RETRY_AFTER_LIMIT)
        return False
    if status in (403, 404, 410):
        await response.aread()
        attempt.error = _error_name(response.content)
        if status != 404 or attempt.error == "ResourceNotFound":
            attempt.end = "gone"
            return False
    attempt.end = "absent"
    shape = ", not an event stream" if status == 200 else ""
    attempt.reason = f"no event stream here (the server answered {status}{shape})"
    return False


def _decode(data: str) -> dict[str, object]:
    try:
        message = json.loads(data)
    except ValueError:
        return {}
    return message if isinstance(message, dict) else {}


def _status(message: dict[str, object]) -> str:
    """The checkout status in an event's payload, or "" (none, or not a status word)."""
    payload = message.get("payload")
    status = payload.get("status") if isinstance(payload, dict) else None
    return status if isinstance(status, str) and status in STATUSES else ""


def _error_name(body: bytes) -> str:
    """Polar's error name in an error body (`{"error": "ResourceNotFound", ...}`), or ""."""
    try:
        decoded = json.loads(body)
    except ValueError:
        return ""
    name = decoded.get("error") if isinstance(decoded, dict) else None
    return name if isinstance(name, str) and _ERROR_NAME.fullmatch(name) else ""


def _describe(error: httpx.HTTPError, settings: FollowSettings) -> str:
    """The failure in words, from its type alone (httpx's messages may quote the URL)."""
    if isinstance(error, httpx.ReadTimeout):
        return f"no data for {settings.read_timeout:g} s"
    if isinstance(error, httpx.TimeoutException):
        return "the connection timed out"
    if isinstance(error, httpx.ConnectError):
        return "cannot connect to the server"
    if isinstance(error, httpx.RemoteProtocolError | httpx.ReadError):
        return "the connection dropped"
    return f"the stream failed ({type(error).__name__})"
