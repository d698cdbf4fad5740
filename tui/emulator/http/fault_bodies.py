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

A fault may instead name one of Polar's errors (`POLAR_ERRORS`), for the 403s a route
has several of: `AlreadyActiveSubscriptionError`, `DiscountRedemptionLimitReached` (update
and confirm), `PaymentNotReady` (confirm), with Polar's status and detail.

A status Polar's code never answers on that route still answers, with FastAPI's default
body for an HTTP error, `{"detail": <reason phrase>}` (`{"detail": "Conflict"}`), so a
client can be tried against it. A path that is none of these routes gets Polar's own error
for the status where any route has one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from http import HTTPStatus
from typing import Final, Literal

from starlette.responses import JSONResponse, PlainTextResponse, Response

from tui.emulator.rules.errors import (
    PolarFailure,
    already_active_subscription,
    checkout_locked,
    discount_redemption_limit_reached,
    expired,
    not_found,
    not_permitted,
    payment_declined,
    payment_not_ready,
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
_EVERY_ROUTE: Final[frozenset[Operation]] = frozenset(OPERATIONS)
_UPDATE_AND_CONFIRM: Final[frozenset[Operation]] = frozenset({"update", "confirm"})
_CONFIRM: Final[frozenset[Operation]] = frozenset({"confirm"})
_NAMED: Final[dict[str, tuple[Callable[[], PolarFailure], frozenset[Operation]]]] = {
    "NotPermitted": (not_permitted, _EVERY_ROUTE),
    "ResourceNotFound": (not_found, _EVERY_ROUTE),
    "ExpiredCheckoutError": (expired, _EVERY_ROUTE),
    "CheckoutLocked": (checkout_locked, _UPDATE_AND_CONFIRM),
    "AlreadyActiveSubscriptionError": (already_active_subscription, _UPDATE_AND_CONFIRM),
    "DiscountRedemptionLimitReached": (discount_redemption_limit_reached, _UPDATE_AND_CONFIRM),
    "PaymentNotReady": (payment_not_ready, _CONFIRM),
    "PaymentError": (payment_declined, _CONFIRM),
}
POLAR_ERRORS: Final = tuple(_NAMED)
"""The errors a fault may name (`error`), each answered with Polar's own status and detail."""


def named_error(name: str) -> PolarFailure:
    """Polar's error of that name; KeyError for a name not in `POLAR_ERRORS`."""
    return _NAMED[name][0]()


def routes_of(name: str) -> frozenset[Operation]:
    """The routes on which Polar's code raises the error of that name."""
    return _NAMED[name][1]


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


def canned_response(status: int, operation: Operation | None, error: str | None = None) -> Response:
    """The answer a fault with `status` gives on that route (see the module's list), or with
    the Polar error it names (`error`, one of `POLAR_ERRORS`)."""
    failure = named_error(error) if error is not None else _polar_failure(status, operation)
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
