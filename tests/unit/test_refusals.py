"""Polar's 403 refusals that concern one field: under which field, in which words."""

from __future__ import annotations

from tui.domain.refusals import refusal_error
from tui.polar.models import FieldError


def test_an_active_subscription_is_said_plainly_under_the_email() -> None:
    refused = refusal_error(
        "AlreadyActiveSubscriptionError", "You already have an active subscription."
    )
    assert refused == FieldError(
        ("customer_email",), "This email already has an active subscription with this seller."
    )


def test_the_discount_limit_keeps_polars_words_under_the_code() -> None:
    detail = (
        "You have already redeemed this discount the maximum number of times allowed per customer."
    )
    assert refusal_error("DiscountRedemptionLimitReached", detail) == FieldError(
        ("discount_code",), detail
    )


def test_other_refusals_concern_no_field() -> None:
    assert refusal_error("PaymentNotReady", "Organization is not ready to accept payments") is None
