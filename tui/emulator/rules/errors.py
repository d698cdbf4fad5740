"""The errors the emulator answers with, shaped as Polar shapes them.

As on api.polar.sh:
- `PolarFailure`: `{"error": "<Name>", "detail": "<message>"}` with a status code
  (404 ResourceNotFound, 410 ExpiredCheckoutError, 403 NotPermitted,
  NotOpenCheckout, PaymentNotReady, DiscountRedemptionLimitReached and
  AlreadyActiveSubscriptionError, 409 CheckoutLocked), each with Polar's own
  message.
- `ValidationFailed`: a 422 from Polar's own rules (a rule of an update, the
  missing pieces of a confirm), whose body is
  `{"error": "PolarRequestValidationError", "detail": [items]}`.

Bodies that fail the schema are FastAPI's `RequestValidationError`, answered
alike with `"error": "RequestValidationError"` (see `body` and `http.server`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final
from uuid import UUID

RULE_ERROR: Final = "PolarRequestValidationError"


@dataclass(frozen=True, slots=True)
class ErrorItem:
    """One entry of a 422's `detail`: `loc` starts with "body"."""

    type: str
    loc: tuple[str | int, ...]
    msg: str
    input: Any
    ctx: dict[str, Any] | None = None

    def as_json(self) -> dict[str, Any]:
        item: dict[str, Any] = {
            "type": self.type,
            "loc": list(self.loc),
            "msg": self.msg,
            "input": jsonable(self.input),
        }
        if self.ctx is not None:
            item["ctx"] = jsonable(self.ctx)
        return item


class ValidationFailed(Exception):
    """A 422 from Polar's own rules: the request was refused and nothing of it was applied."""

    family: Final = RULE_ERROR

    def __init__(self, items: list[ErrorItem]) -> None:
        super().__init__(f"{RULE_ERROR}: {[item.msg for item in items]}")
        self.items = items

    def as_json(self) -> dict[str, Any]:
        return {"error": self.family, "detail": [item.as_json() for item in self.items]}


def rule_error(
    loc: tuple[str | int, ...], msg: str, value: Any, kind: str = "value_error"
) -> ValidationFailed:
    """One of Polar's own rule failures (Polar drops `ctx` from these)."""
    return ValidationFailed([ErrorItem(kind, ("body", *loc), msg, value)])


class PolarFailure(Exception):
    """A non-422 error with Polar's `{"error", "detail"}` body."""

    def __init__(self, status: int, name: str, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.name = name
        self.detail = detail

    def as_json(self) -> dict[str, str]:
        return {"error": self.name, "detail": self.detail}


def not_found() -> PolarFailure:
    return PolarFailure(404, "ResourceNotFound", "Not found")


def expired() -> PolarFailure:
    return PolarFailure(410, "ExpiredCheckoutError", "This checkout session has expired.")


def not_permitted() -> PolarFailure:
    return PolarFailure(403, "NotPermitted", "Not permitted")


def checkout_locked() -> PolarFailure:
    return PolarFailure(
        409, "CheckoutLocked", "Checkout is currently being processed. Please try again."
    )


def payment_declined() -> PolarFailure:
    """Polar's PaymentError for a card Stripe declines (the emulator takes no cards: faults)."""
    return PolarFailure(
        400,
        "PaymentError",
        "The payment failed: Your card was declined. "
        "Please try again with a different payment method.",
    )


def not_open(checkout_id: UUID, status: str) -> PolarFailure:
    return PolarFailure(403, "NotOpenCheckout", f"Checkout {checkout_id} is not open: {status}")


def payment_not_ready() -> PolarFailure:
    return PolarFailure(403, "PaymentNotReady", "Organization is not ready to accept payments")


def discount_redemption_limit_reached() -> PolarFailure:
    return PolarFailure(
        403,
        "DiscountRedemptionLimitReached",
        "You have already redeemed this discount the maximum number of times allowed per customer.",
    )


def already_active_subscription() -> PolarFailure:
    return PolarFailure(
        403, "AlreadyActiveSubscriptionError", "You already have an active subscription."
    )


def jsonable(value: Any) -> Any:
    """What FastAPI's encoder makes of an error's input or context.

    Exceptions (pydantic puts the raised ValueError in `ctx["error"]`) become `{}`,
    date-times ISO 8601 text, UUIDs and other plain objects their string form,
    containers are walked.
    """
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, BaseException):
        return {}
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(item) for item in value]
    return str(value)
