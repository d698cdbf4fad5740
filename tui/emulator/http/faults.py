"""Fault injection: make the next requests to some Polar paths fail, slowly or brokenly.

A `Fault` names a path glob (`fnmatch`, matched case-sensitively against the
request's path, secret included, e.g. `/v1/checkouts/client/polar_c_*`; `*` also
spans `/`), optionally a method, and how many of the next matching requests it
spoils. For each of them,
in this order:

1. `delay_ms`: wait that long first, in real time (never the injected clock);
2. `status`: answer that status with Polar's own body for it (below) instead of
   handling the request; without a status the request is handled normally;
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
or the test checkout page (`/checkout/...`). Faults are consumed in the order they
were added: a request spends one count of the first pending fault it matches.

A fault's status is one Polar answers on these routes (`FAULT_STATUSES`), with
Polar's own body for it:
- 400 `PaymentError` (Stripe's decline text), 403 `NotPermitted`,
  404 `ResourceNotFound`, 409 `CheckoutLocked`, 410 `ExpiredCheckoutError`:
  `{"error": ..., "detail": ...}` with Polar's detail;
- 422 `PolarRequestValidationError` with one item at `loc ["body"]`;
- 429: an empty body and `Retry-After: 1`;
- 5xx: the reason phrase as text/plain ("Internal Server Error"): what Polar's
  FastAPI app sends for an unhandled exception (it registers no catch-all
  handler), and what a proxy in front of it sends for 502, 503 or 504.
"""

from __future__ import annotations

import asyncio
import functools
import threading
from dataclasses import dataclass, replace
from fnmatch import fnmatchcase
from http import HTTPStatus
from typing import Final

from starlette.datastructures import MutableHeaders
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tui.emulator.rules.errors import (
    PolarFailure,
    checkout_locked,
    expired,
    not_found,
    not_permitted,
    payment_declined,
)

ADMIN_PREFIX: Final = "/emulator"
POLAR_PREFIX: Final = "/v1/"
RETRY_AFTER_SECONDS: Final = 1
INJECTED_MESSAGE: Final = "Value error, injected by the emulator"

_POLAR_FAILURES: Final[dict[int, PolarFailure]] = {
    failure.status: failure
    for failure in (
        payment_declined(),
        not_permitted(),
        not_found(),
        checkout_locked(),
        expired(),
    )
}
FAULT_STATUSES: Final = frozenset(
    {*_POLAR_FAILURES, 422, 429, *(status.value for status in HTTPStatus if status >= 500)}
)
_STATUS_NAMES: Final = ", ".join(str(status) for status in sorted(FAULT_STATUSES) if status < 500)


def check_status(status: int | None) -> int | None:
    """`status` if a fault may answer it (or None); else ValueError naming those it may."""
    if status is not None and status not in FAULT_STATUSES:
        raise ValueError(f"status must be one Polar answers: {_STATUS_NAMES} or 5xx, not {status}")
    return status


@dataclass(frozen=True, slots=True)
class Fault:
    """What the next `count` requests matching `path` (and `method`, if set) suffer."""

    path: str
    count: int = 1
    method: str | None = None
    status: int | None = None
    delay_ms: int = 0
    drop: bool = False

    def __post_init__(self) -> None:
        check_status(self.status)
        if self.count < 1 or self.delay_ms < 0:
            raise ValueError("a fault needs a count of at least 1 and a delay of at least 0")

    def matches(self, method: str, path: str) -> bool:
        if self.method is not None and self.method.upper() != method.upper():
            return False
        return fnmatchcase(path, self.path)


class FaultRegistry:
    """Pending faults, in the order they were added; safe to use from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []

    def add(self, fault: Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    def pending(self) -> list[Fault]:
        """The faults still to fire, each with the count it has left."""
        with self._lock:
            return list(self._faults)

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def take(self, method: str, path: str) -> Fault | None:
        """The first pending fault matching this request, spending one of its count."""
        with self._lock:
            for index, fault in enumerate(self._faults):
                if fault.matches(method, path):
                    if fault.count > 1:
                        self._faults[index] = replace(fault, count=fault.count - 1)
                    else:
                        del self._faults[index]
                    return fault
        return None


def is_polar_path(path: str) -> bool:
    """Whether a request's path is one of Polar's API, the only ones faults spoil."""
    return path.startswith(POLAR_PREFIX)


def error_response(status: int) -> Response:
    """The answer a fault with `status` gives (see the module's list); one of `FAULT_STATUSES`."""
    failure = _POLAR_FAILURES.get(status)
    if failure is not None:
        return JSONResponse(failure.as_json(), status_code=status)
    if status == 422:
        item = {"type": "value_error", "loc": ["body"], "msg": INJECTED_MESSAGE, "input": None}
        return JSONResponse(
            {"error": "PolarRequestValidationError", "detail": [item]}, status_code=422
        )
    if status == 429:
        return Response(status_code=429, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
    return PlainTextResponse(HTTPStatus(status).phrase, status_code=status)


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
        fault = self.faults.take(scope["method"], scope["path"])
        if fault is None:
            await self.app(scope, receive, send)
            return
        if fault.delay_ms:
            await asyncio.sleep(fault.delay_ms / 1000)
        answer = self.app if fault.status is None else error_response(fault.status)
        if not fault.drop:
            await answer(scope, receive, send)
            return
        try:
            await answer(scope, receive, functools.partial(_headers_then_cut, send))
        except* _Dropped:
            # Returning with the body unfinished makes the server close the connection.
            pass
