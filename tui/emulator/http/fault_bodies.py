"""What an injected fault answers: for each status, the body Polar sends on the route it hits.

The routes (`operation_of`), under either prefix (`/v1/checkouts/client/{secret}` or
`/v1/checkouts/custom/client/{secret}`): `get` (GET), `update` (PATCH), `confirm`
(POST `.../confirm`) and `stream` (GET `.../stream`).

- 400: on update, FastAPI's `{"detail": "There was an error parsing the body"}` (what
  Polar's app answers to a body it cannot parse); on confirm, `PaymentError` (Stripe's
  decline); on get and stream, never;
- 403 `NotPermitted`, 404 `ResourceNotFound`, 410 `ExpiredCheckoutError`: on every route;
- 409 `CheckoutLocked`: on update and confirm; on get and stream, never;
- 422 `PolarRequestValidationError` with one item at `loc ["body"]`: on update and
  confirm; on get and stream, never.

Polar's errors are `{"error": <name>, "detail": <Polar's message>}`. Everywhere: 429 is
an empty body with `Retry-After: 1`; 5xx is the reason phrase as text/plain ("Internal
Server Error"), what Polar's FastAPI app sends for an unhandled exception (it registers no
catch-all handler) and what a proxy in front of it sends for 502, 503 or 504.

A status Polar's code never answers on that route still answers,
with FastAPI's default body for an HTTP error, `{"detail": <reason phrase>}`
(`{"detail": "Conflict"}`), so a client can be tried against it. A path that is none of
these routes gets Polar's own error for the status where any route has one.
"""

from __future__ import annotations

import re
from http import HTTPStatus
from typing import Final, Literal

from starlette.responses import JSONResponse, PlainTextResponse, Response

from tui.emulator.rules.errors import (
    PolarFailure,
    checkout_locked,
    expired,
    not_found,
    not_permitted,
    payment_declined,
)

Operation = Literal["get", "update", "confirm", "stream"]
OPERATIONS: Final[tuple[Operation, ...]] = ("get", "update", "confirm", "stream")
RETRY_AFTER_SECONDS: Final = 1
INJECTED_MESSAGE: Final = "Value error, injected by the emulator"
PARSE_ERROR: Final = "There was an error parsing the body"

_ROUTE: Final = re.compile(r"^/v1/checkouts/(?:custom/)?client/[^/]+(?P<tail>/confirm|/stream)?$")
_OPERATION_BY_ROUTE: Final[dict[tuple[str, str], Operation]] = {
    ("GET", ""): "get",
    ("PATCH", ""): "update",
    ("POST", "/confirm"): "confirm",
    ("GET", "/stream"): "stream",
}
_WRITES: Final[frozenset[Operation | None]] = frozenset({"update", "confirm", None})


def operation_of(method: str, path: str) -> Operation | None:
    """Which of Polar's checkout client routes a request hits, or None for any other."""
    match = _ROUTE.match(path)
    if match is None:
        return None
    return _OPERATION_BY_ROUTE.get((method.upper(), match["tail"] or ""))


def _polar_failure(status: int, operation: Operation | None) -> PolarFailure | None:
    """Polar's own error for `status` on that route, if Polar's code raises one there."""
    if status == 400 and operation in ("confirm", None):
        return payment_declined()
    if status == 409 and operation in _WRITES:
        return checkout_locked()
    everywhere = {403: not_permitted, 404: not_found, 410: expired}.get(status)
    return None if everywhere is None else everywhere()


_POLAR_STATUSES: Final = frozenset({400, 403, 404, 409, 410})
FAULT_STATUSES: Final = frozenset(
    {*_POLAR_STATUSES, 422, 429, *(status.value for status in HTTPStatus if status >= 500)}
)
_STATUS_NAMES: Final = ", ".join(str(status) for status in sorted(FAULT_STATUSES) if status < 500)


def check_status(status: int | None) -> int | None:
    """`status` if a fault may answer it (or None); else ValueError naming those it may."""
    if status is not None and status not in FAULT_STATUSES:
        raise ValueError(f"status must be one Polar answers: {_STATUS_NAMES} or 5xx, not {status}")
    return status


def _fastapi_error(status: int, detail: str) -> Response:
    return JSONResponse({"detail": detail}, status_code=status)


def canned_response(status: int, operation: Operation | None) -> Response:
    """The answer a fault with `status` gives on that route (see the module's table)."""
    failure = _polar_failure(status, operation)
    if failure is not None:
        return JSONResponse(failure.as_json(), status_code=status)
    if status == 400 and operation == "update":
        return _fastapi_error(400, PARSE_ERROR)
    if status == 422 and operation in _WRITES:
        item = {"type": "value_error", "loc": ["body"], "msg": INJECTED_MESSAGE, "input": None}
        return JSONResponse(
            {"error": "PolarRequestValidationError", "detail": [item]}, status_code=422
        )
    if status == 429:
        return Response(status_code=429, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
    if status >= 500:
        return PlainTextResponse(HTTPStatus(status).phrase, status_code=status)
    return _fastapi_error(status, HTTPStatus(status).phrase)
