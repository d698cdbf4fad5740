"""Conformance rows of confirm (POST `…/confirm`): its refusals, one at a time.

Rows and runner: `conformance.py`. The schema first, then the update's rules,
then what only confirm requires (an email, a confirmation token, an
organization ready for payments, a discount still redeemable). The update's
subscription check comes after its custom fields, before confirm's own checks.
"""

from __future__ import annotations

import httpx
import pytest

from tui.emulator.model.ids import stable_uuid
from tui.emulator.store import Store

from .conformance import (
    ACTIVE_SUBSCRIPTION,
    CONFIRM,
    INVALID_CHARS,
    LOCKED,
    PER_CUSTOMER_LIMIT,
    PRVE,
    RVE,
    Row,
    block,
    check_row,
    friends_redeemed,
    last_one_redeemed,
    lock,
    proving,
)
from .support import CONFIRM_EMAIL, SUBSCRIBER_EMAIL, without_payments

ROWS = [
    # -- confirm -------------------------------------------------------------------------------
    Row("confirm-schema-first", "expired", {"amount": -1}, 422, RVE,
        ("body", "amount"), "Input should be greater than or equal to 0", "greater_than_equal",
        route=CONFIRM),
    Row("confirm-token-not-a-string", "one-time", {"confirmation_token_id": 7}, 422, RVE,
        ("body", "confirmation_token_id"), "Input should be a valid string", "string_type",
        route=CONFIRM),
    Row("confirm-token-nul", "one-time", {"confirmation_token_id": "ctoken_\x00"}, 422, RVE,
        ("body", "confirmation_token_id"), INVALID_CHARS, "value_error", route=CONFIRM),
    Row("confirm-unknown-secret", "unknown", {}, 404, "ResourceNotFound", None, "Not found",
        route=CONFIRM),
    Row("confirm-expired", "expired", {}, 410, "ExpiredCheckoutError", None,
        "This checkout session has expired.", route=CONFIRM),
    Row("confirm-locked", "free", {"customer_email": CONFIRM_EMAIL}, 409, "CheckoutLocked", None,
        LOCKED, setup=lock, route=CONFIRM),
    Row("confirm-locked-before-expired", "expired", {}, 409, "CheckoutLocked", None, LOCKED,
        setup=lock, route=CONFIRM),
    Row("confirm-locked-before-not-open", "succeeded", {}, 409, "CheckoutLocked", None, LOCKED,
        setup=lock, route=CONFIRM),
    Row("confirm-locked-before-missing-pieces", "one-time", {}, 409, "CheckoutLocked", None,
        LOCKED, setup=lock, route=CONFIRM),
    Row("confirm-blocked", "free", {"customer_email": CONFIRM_EMAIL}, 403, "NotPermitted", None,
        "Not permitted", setup=block, route=CONFIRM),
    Row("confirm-not-open", "succeeded", {}, 403, "NotOpenCheckout", None,
        f"Checkout {stable_uuid('session', 'succeeded')} is not open: succeeded", route=CONFIRM),
    Row("confirm-update-rules-first", "free", {"discount_code": "LAUNCH20"}, 422, PRVE,
        ("body", "discount_code"), "Discounts are not applicable to this product.", "value_error",
        route=CONFIRM),
    Row("confirm-email-required", "free", {"customer_name": "Ada"}, 422, PRVE,
        ("body", "customer_email"), "Field is required.", "missing", route=CONFIRM),
    Row("confirm-token-required", "one-time",
        {"customer_email": CONFIRM_EMAIL, "customer_billing_address": {"country": "DE"}}, 422, PRVE,
        ("body", "confirmation_token_id"), "Confirmation token is required.", "missing",
        route=CONFIRM),
    Row("confirm-payment-not-ready", "one-time", {"confirmation_token_id": "ctoken_1"}, 403,
        "PaymentNotReady", None, "Organization is not ready to accept payments",
        setup=without_payments, route=CONFIRM),
    Row("confirm-discount-no-longer-redeemable", "discount", {}, 422, PRVE,
        ("body", "discount_id"), "Discount is no longer redeemable.", "value_error",
        before=({"discount_code": "LASTONE", "customer_email": "erika@example.de"},),
        setup=last_one_redeemed, route=CONFIRM),
    Row("confirm-per-customer-discount-limit", "discount",
        {"discount_code": "FRIENDS", "customer_email": CONFIRM_EMAIL}, 403,
        "DiscountRedemptionLimitReached", None, PER_CUSTOMER_LIMIT, setup=friends_redeemed,
        route=CONFIRM),
    Row("confirm-custom-fields-before-subscription", "already-subscribed", {}, 422, PRVE,
        ("body", "custom_field_data", "display_name"), "Field required", "missing",
        route=CONFIRM),
    Row("confirm-already-subscribed", "already-subscribed",
        {"custom_field_data": {"display_name": "Grace Hopper"}}, 403,
        "AlreadyActiveSubscriptionError", None, ACTIVE_SUBSCRIPTION, route=CONFIRM),
    Row("confirm-already-subscribed-before-the-token", "every-choice",
        {"customer_email": SUBSCRIBER_EMAIL, "custom_field_data": {"display_name": "Grace"}},
        403, "AlreadyActiveSubscriptionError", None, ACTIVE_SUBSCRIPTION, route=CONFIRM),
]  # fmt: skip
RULES = {
    "confirm-locked-before-expired": ("lock-first",),
    "confirm-locked-before-not-open": ("lock-first",),
    "confirm-locked-before-missing-pieces": ("lock-first",),
    "confirm-schema-first": ("validation-errors",),
    "confirm-unknown-secret": ("not-found",),
    "confirm-expired": ("expired",),
    "confirm-locked": ("lock-first",),
    "confirm-blocked": ("not-permitted",),
    "confirm-not-open": ("not-open",),
    "confirm-update-rules-first": ("confirm-missing",),
    "confirm-email-required": ("confirm-missing",),
    "confirm-token-required": ("confirm-missing",),
    "confirm-payment-not-ready": ("confirm-payment-not-ready",),
    "confirm-discount-no-longer-redeemable": ("confirm-discount-redeemed",),
    "confirm-per-customer-discount-limit": ("discount-customer-limit",),
    "confirm-custom-fields-before-subscription": ("custom-fields-confirm",),
    "confirm-already-subscribed": ("already-subscribed",),
    "confirm-already-subscribed-before-the-token": ("already-subscribed",),
}


@pytest.mark.parametrize("row", proving(ROWS, RULES))
async def test_conformance(
    row: Row, client: httpx.AsyncClient, store: Store, secrets: dict[str, str]
) -> None:
    await check_row(row, client, store, secrets)
