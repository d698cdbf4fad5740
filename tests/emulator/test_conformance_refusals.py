"""Conformance rows of updates refused with another status than 422: 404, 410, 403, 409.

Rows and runner: `conformance.py`. Unknown, expired, succeeded, locked and
blocked sessions (and which refusal wins when two apply), a discount code
its customer has already used up, and an email that already subscribes.
"""

from __future__ import annotations

import httpx
import pytest

from tui.emulator.model.ids import stable_uuid
from tui.emulator.store import Store

from .conformance import (
    ACTIVE_SUBSCRIPTION,
    LOCKED,
    PER_CUSTOMER_LIMIT,
    RVE,
    Row,
    block,
    check_row,
    friends_redeemed,
    lock,
    lock_and_block,
    proving,
)
from .support import CONFIRM_EMAIL, SUBSCRIBER_EMAIL

ROWS = [
    # -- not a 422 -----------------------------------------------------------------
    Row("unknown-secret", "unknown", {"customer_name": "Ada"}, 404, "ResourceNotFound", None,
        "Not found"),
    Row("expired-session", "expired", {"customer_name": "Ada"}, 410, "ExpiredCheckoutError", None,
        "This checkout session has expired."),
    Row("succeeded-session", "succeeded", {}, 403, "NotOpenCheckout", None,
        f"Checkout {stable_uuid('session', 'succeeded')} is not open: succeeded"),
    Row("locked", "one-time", {"customer_name": "Ada"}, 409, "CheckoutLocked", None, LOCKED,
        setup=lock),
    Row("locked-before-expired", "expired", {"customer_name": "Ada"}, 409, "CheckoutLocked", None,
        LOCKED, setup=lock),
    # Polar takes the row lock in `get_by_client_secret(for_update=True)` before it looks at
    # the session (server/polar/checkout/service.py:1619-1624 at the mirror's HEAD c6c3645e):
    # a locked session answers 409 whatever else is wrong with it or with the update.
    Row("locked-before-not-open", "succeeded", {}, 409, "CheckoutLocked", None, LOCKED,
        setup=lock),
    Row("locked-before-blocked", "one-time", {}, 409, "CheckoutLocked", None, LOCKED,
        setup=lock_and_block),
    Row("locked-before-rules", "one-time", {"seats": 3}, 409, "CheckoutLocked", None, LOCKED,
        setup=lock),
    Row("locked-before-subscription", "already-subscribed", {}, 409, "CheckoutLocked", None,
        LOCKED, setup=lock),
    # ... but FastAPI checks the body against the schema before Polar's handler runs.
    Row("schema-before-lock", "one-time", {"seats": 0}, 422, RVE, ("body", "seats"),
        "Input should be greater than or equal to 1", "greater_than_equal", setup=lock),
    Row("blocked-organization", "one-time", {"customer_name": "Ada"}, 403, "NotPermitted", None,
        "Not permitted", setup=block),
    Row("blocked-after-expired", "expired", {}, 410, "ExpiredCheckoutError", None,
        "This checkout session has expired.", setup=block),
    Row("per-customer-discount-limit", "discount",
        {"customer_email": CONFIRM_EMAIL, "discount_code": "FRIENDS"}, 403,
        "DiscountRedemptionLimitReached", None, PER_CUSTOMER_LIMIT, setup=friends_redeemed),
    Row("per-customer-limit-ignores-alias-and-case", "discount",
        {"customer_email": "Ada+gifts@Example.com", "discount_code": "friends"}, 403,
        "DiscountRedemptionLimitReached", None, PER_CUSTOMER_LIMIT, setup=friends_redeemed),
    Row("per-customer-limit-on-a-later-email", "discount", {"customer_email": CONFIRM_EMAIL}, 403,
        "DiscountRedemptionLimitReached", None, PER_CUSTOMER_LIMIT,
        before=({"discount_code": "FRIENDS"},), setup=friends_redeemed),
    Row("already-subscribed-on-any-update", "already-subscribed", {"customer_name": "Grace"},
        403, "AlreadyActiveSubscriptionError", None, ACTIVE_SUBSCRIPTION),
    Row("already-subscribed-email-ignores-case", "every-choice",
        {"customer_email": SUBSCRIBER_EMAIL.upper()}, 403, "AlreadyActiveSubscriptionError",
        None, ACTIVE_SUBSCRIPTION),
]  # fmt: skip
RULES = {
    "locked-before-not-open": ("lock-first",),
    "locked-before-blocked": ("lock-first",),
    "locked-before-rules": ("lock-first",),
    "locked-before-subscription": ("lock-first",),
    "schema-before-lock": ("validation-errors",),
    "unknown-secret": ("not-found",),
    "expired-session": ("expired",),
    "succeeded-session": ("not-open",),
    "locked": ("lock-first",),
    "locked-before-expired": ("lock-first",),
    "blocked-organization": ("not-permitted",),
    "blocked-after-expired": ("expired",),
    "per-customer-discount-limit": ("discount-customer-limit",),
    "per-customer-limit-ignores-alias-and-case": ("discount-customer-limit",),
    "per-customer-limit-on-a-later-email": ("discount-customer-limit",),
    "already-subscribed-on-any-update": ("already-subscribed",),
    "already-subscribed-email-ignores-case": ("already-subscribed",),
}


@pytest.mark.parametrize("row", proving(ROWS, RULES))
async def test_conformance(
    row: Row, client: httpx.AsyncClient, store: Store, secrets: dict[str, str]
) -> None:
    await check_row(row, client, store, secrets)
