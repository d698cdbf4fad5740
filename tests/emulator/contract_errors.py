"""Polar's checkout client contract, the errors: polar-api.md section 5 as data and checks.

Each named error with its status, its exact `detail` and the operations that may
answer it (the details section 5 only describes are Polar's own words); the two
422 families and the shape of their items; the rate limiter's 429; a proxy's 413. Used by
`contract_responses.py`, which decides which of these an answer must match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final

import httpx

UPDATE_FAMILIES: Final = frozenset({"RequestValidationError", "PolarRequestValidationError"})
CHECKOUT_STATUSES: Final = ("open", "expired", "confirmed", "succeeded", "failed")
_UUID: Final = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
NOT_OPEN_DETAIL: Final = re.compile(
    rf"Checkout {_UUID} is not open: ({'|'.join(CHECKOUT_STATUSES)})"
)


@dataclass(frozen=True, slots=True)
class NamedError:
    """One row of polar-api.md section 5: a status and the exact detail (None: any text)."""

    status: int
    detail: str | re.Pattern[str] | None
    operations: frozenset[str]
    """Operations that may answer it (keys of `contract_responses.OPERATIONS`)."""


_ALL: Final = frozenset({"get", "update", "confirm", "stream", "opened"})
WRITES: Final = frozenset({"update", "confirm"})
SECTION_5: Final[dict[str, NamedError]] = {
    "ResourceNotFound": NamedError(404, "Not found", _ALL),
    "ExpiredCheckoutError": NamedError(410, "This checkout session has expired.", _ALL),
    "NotPermitted": NamedError(403, "Not permitted", _ALL),
    "NotOpenCheckout": NamedError(403, NOT_OPEN_DETAIL, WRITES),
    "AlreadyActiveSubscriptionError": NamedError(
        403, "You already have an active subscription.", WRITES
    ),
    "DiscountRedemptionLimitReached": NamedError(
        403,
        "You have already redeemed this discount the maximum number of times allowed per customer.",
        WRITES,
    ),
    "TrialAlreadyRedeemed": NamedError(
        403,
        "You have already used a trial for this product. "
        "Trials can only be used once per customer.",
        frozenset({"confirm"}),
    ),
    "PaymentNotReady": NamedError(
        403, "Organization is not ready to accept payments", frozenset({"confirm"})
    ),
    "CheckoutLocked": NamedError(
        409, "Checkout is currently being processed. Please try again.", WRITES
    ),
    "PaymentError": NamedError(
        400,
        re.compile(
            r"The payment failed(: .+|\.) Please try again with a different payment method\."
        ),
        frozenset({"confirm"}),
    ),
}
"""Section 5's table; the details section 5 only describes are Polar's own words
(`server/polar/checkout/service.py` and `exceptions.py` at the document's commit)."""


def validation_problems(body: Any) -> list[str]:
    """Section 5's 422: one of the two families and Pydantic-style items located in the body."""
    if not isinstance(body, dict) or set(body) != {"error", "detail"}:
        return [f'422 body must be exactly {{"error", "detail"}}, got {body!r}']
    problems = []
    if body["error"] not in UPDATE_FAMILIES:
        problems.append(f"422 error {body['error']!r} is not one of {sorted(UPDATE_FAMILIES)}")
    items = body["detail"]
    if not isinstance(items, list) or not items:
        return [*problems, f"422 detail must be a non-empty list, got {items!r}"]
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            problems.append(f"$.detail[{index}] is not an object")
            continue
        missing = {"type", "loc", "msg", "input"} - set(item)
        extra = set(item) - {"type", "loc", "msg", "input", "ctx"}
        if missing or extra:
            problems.append(f"$.detail[{index}] missing {sorted(missing)}, extra {sorted(extra)}")
        loc = item.get("loc")
        if not isinstance(loc, list) or not loc or loc[0] != "body":
            problems.append(f'$.detail[{index}].loc {loc!r} does not start with "body"')
    return problems


PROXY_TOO_LARGE: Final = "Request Entity Too Large"
"""The 413 a proxy in front of Polar answers to a body over its limit (nginx's words)."""


def too_large_problems(response: httpx.Response) -> list[str]:
    """A proxy's 413, in neither the document nor section 5: its reason phrase as text/plain.

    Polar never sees such a request, so the answer echoes no `Polar-Version`.
    """
    problems = []
    content_type = response.headers.get("content-type", "")
    if not content_type.startswith("text/plain"):
        problems.append(f"413 content-type {content_type!r}, expected text/plain")
    if response.text != PROXY_TOO_LARGE:
        problems.append(f"413 body {response.text[:200]!r}, expected {PROXY_TOO_LARGE!r}")
    return problems


def rate_limited_problems(response: httpx.Response) -> list[str]:
    problems = []
    if response.content:
        problems.append(f"429 must have an empty body, got {response.text[:200]!r}")
    retry_after = response.headers.get("Retry-After")
    if retry_after is None or not retry_after.isdigit():
        problems.append(f"429 needs Retry-After in whole seconds, got {retry_after!r}")
    return problems
