"""Fault injection: make the next requests to some of Polar's routes fail, slowly or brokenly.

A `Fault` picks requests by any of: a path glob (`fnmatch`, matched case-sensitively
against the request's path, secret included, e.g. `/v1/checkouts/client/polar_c_*`; `*`
also spans `/`), a method, and an operation (`get`, `update`, `confirm`, `stream`: one of
Polar's checkout client routes, under either prefix, see `fault_bodies.operation_of`);
each given one must match. It says what the requests it spoils suffer:

- `count` (default 1): how many matching requests it spoils, then it is spent; `None`
  spoils every one until the faults are cleared.
- `sequence` (instead of `status` and `count`): one status per matching request, in turn,
  `200` letting that one through untouched: `[503, 503, 200]` fails twice then lets the
  third through, and is spent.
- `probability` (0 to 1, with `seed`, default 0): only that share of the matching
  requests is spoiled, drawn from a generator seeded with `seed`, so the same requests
  in the same order fail the same way on every run. Spent after `count` spoiled requests;
  without a count it lasts until cleared.

For each spoiled request, in this order:

1. `delay_ms`: wait that long first, in real time (never the emulator's clock): a number
   of milliseconds, or `[low, high]` for a delay drawn from that range (inclusive), from
   the same seeded generator;
2. `status`: answer that status with the body Polar sends on that route (`fault_bodies`),
   or with the Polar error the fault names (`error`), instead of handling the request;
   without a status the request is handled normally;
3. `drop`: send the answer's status line and headers, then close the
   connection without a byte of the body. The declared `Content-Length` (raised
   to 1 for an empty body) is never met, and a stream (chunked) never gets its
   final chunk, so a client sees a broken response (httpx: `RemoteProtocolError`).
   Without a status the request *is* handled (an update is applied), only its
   answer is lost.

`FaultMiddleware` sits right inside the API-version check (an unknown
`Polar-Version` still gets its plain 404, and fault answers echo the version
as Polar's do) and before everything else: routing, the store, locks, limits.
It touches Polar's API paths (`/v1/...`) only, never the admin API (`/emulator/*`)
or the test checkout page (`/checkout/...`). A request goes through the pending faults
in the order they were added and is spoiled by the first that matches it and fires
(a probability fault that draws "no" lets the next ones have a say).
"""

from __future__ import annotations

import asyncio
import functools
import random
import threading
from dataclasses import dataclass, replace
from fnmatch import fnmatchcase
from typing import Final

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .fault_bodies import (
    OPERATIONS,
    POLAR_ERRORS,
    Operation,
    canned_response,
    check_status,
    named_error,
    operation_of,
)

ADMIN_PREFIX: Final = "/emulator"
POLAR_PREFIX: Final = "/v1/"
PASS: Final = 200
"""In a `sequence`: let this request through untouched."""

Delay = int | tuple[int, int]


def _check_delay(delay: Delay) -> None:
    low, high = (delay, delay) if isinstance(delay, int) else delay
    if not 0 <= low <= high:
        raise ValueError("a delay is at least 0 ms, and a range's low end is at most its high end")


@dataclass(frozen=True, slots=True)
class Fault:
    """Which requests suffer (`path`, `method`, `operation`) and what (see the module)."""

    path: str | None = None
    count: int | None = 1
    method: str | None = None
    status: int | None = None
    delay_ms: Delay = 0
    drop: bool = False
    operation: Operation | None = None
    sequence: tuple[int, ...] | None = None
    probability: float | None = None
    seed: int = 0
    error: str | None = None

    def __post_init__(self) -> None:
        check_status(self.status)
        if self.error is not None and (
            self.error not in POLAR_ERRORS or named_error(self.error).status != self.status
        ):
            raise ValueError("a fault's error is one of Polar's, with that error's status")
        for status in self.sequence or ():
            if status != PASS:
                check_status(status)
        if self.sequence is not None and (self.status is not None or not self.sequence):
            raise ValueError("a sequence has at least one status, and replaces `status`")
        if self.count is not None and self.count < 1:
            raise ValueError("a fault's count is at least 1")
        if self.probability is not None and not 0 < self.probability <= 1:
            raise ValueError("a probability is above 0 and at most 1")
        if self.operation is not None and self.operation not in OPERATIONS:
            raise ValueError(f"an operation is one of {', '.join(OPERATIONS)}")
        _check_delay(self.delay_ms)

    def matches(self, method: str, path: str, operation: Operation | None) -> bool:
        if self.method is not None and self.method.upper() != method.upper():
            return False
        if self.operation is not None and self.operation != operation:
            return False
        return self.path is None or fnmatchcase(path, self.path)


@dataclass(frozen=True, slots=True)
class Strike:
    """What one spoiled request suffers."""

    operation: Operation | None
    status: int | None
    delay_ms: int
    drop: bool
    error: str | None = None


class _Armed:
    """A pending fault with what it has left and its own seeded generator."""

    def __init__(self, fault: Fault) -> None:
        self.fault = fault
        self.random = random.Random(fault.seed)
        self.left: int | None = len(fault.sequence) if fault.sequence else fault.count
        self.step = 0

    def fire(self, operation: Operation | None) -> Strike | None:
        """This matching request's strike, or None if the fault's draw spares it."""
        fault = self.fault
        if fault.probability is not None and self.random.random() >= fault.probability:
            return None
        status = fault.status if fault.sequence is None else fault.sequence[self.step]
        self.step += 1
        if self.left is not None:
            self.left -= 1
        delay = fault.delay_ms
        if not isinstance(delay, int):
            delay = self.random.randint(*delay)
        if status == PASS:
            return Strike(operation, None, delay, fault.drop)
        return Strike(operation, status, delay, fault.drop, fault.error)

    def as_pending(self) -> Fault:
        sequence = self.fault.sequence
        remaining = None if sequence is None else sequence[self.step :]
        return replace(self.fault, count=self.left, sequence=remaining)


class FaultRegistry:
    """Pending faults, in the order they were added; safe to use from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._armed: list[_Armed] = []

    def add(self, fault: Fault) -> None:
        with self._lock:
            self._armed.append(_Armed(fault))

    def pending(self) -> list[Fault]:
        """The faults still to fire, each with the count (and sequence) it has left."""
        with self._lock:
            return [armed.as_pending() for armed in self._armed]

    def clear(self) -> None:
        with self._lock:
            self._armed.clear()

    def take(self, method: str, path: str) -> Strike | None:
        """What this request suffers from the first pending fault that matches and fires."""
        operation = operation_of(method, path)
        with self._lock:
            for armed in list(self._armed):
                if not armed.fault.matches(method, path, operation):
                    continue
                strike = armed.fire(operation)
                if strike is None:
                    continue
                if armed.left == 0:
                    self._armed.remove(armed)
                return strike
        return None


def is_polar_path(path: str) -> bool:
    """Whether a request's path is one of Polar's API, the only ones faults spoil."""
    return path.startswith(POLAR_PREFIX)


class _Dropped(Exception):
    """Raised into the app once a dropped answer's headers are out."""


async def _headers_then_cut(send: Send, message: Message) -> None:
    """The `send` of a dropped answer: its status line and headers go out, nothing more."""
    if message["type"] == "http.response.start":
        headers = MutableHeaders(scope=message)
        if headers.get("content-length") == "0":
            headers["content-length"] = "1"
        await send(message)
    raise _Dropped


class FaultMiddleware:
    """Pure ASGI middleware: spoils requests as the registry's pending faults say."""

    def __init__(self, app: ASGIApp, faults: FaultRegistry) -> None:
        self.app = app
        self.faults = faults

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not is_polar_path(scope["path"]):
            await self.app(scope, receive, send)
            return
        strike = self.faults.take(scope["method"], scope["path"])
        if strike is None:
            await self.app(scope, receive, send)
            return
        if strike.delay_ms:
            await asyncio.sleep(strike.delay_ms / 1000)
        answer = (
            self.app
            if strike.status is None
            else canned_response(strike.status, strike.operation, strike.error)
        )
        if not strike.drop:
            await answer(scope, receive, send)
            return
        try:
            await answer(scope, receive, functools.partial(_headers_then_cut, send))
        except* _Dropped:
            # Returning with the body unfinished makes the server close the connection.
            pass
