"""Conformance rows refused by Polar's own rules (`PolarRequestValidationError`).

Rows and runner: `conformance.py`. The product and price on offer, amounts,
seats and units, discount codes (redemption limits and dates included) and tax
IDs; and a refused update applies none of its other keys.
"""

from __future__ import annotations

import httpx
import pytest

from tui.emulator.store import Store

from .conformance import PRVE, Row, check_row, last_one_redeemed, proving
from .support import (
    BASE,
    FIELDNOTES,
    GERMAN_ADDRESS,
    GERMAN_VAT_ID,
    NEW_YORK_ADDRESS,
    TIDEWATER_MONTHLY,
    TIDEWATER_YEARLY,
    TIP_JAR,
    UNITS_SWITCH,
)

ROWS = [
    # -- Polar's own rules: PolarRequestValidationError --------------------------
    Row("product-not-in-checkout", "subscription", {"product_id": str(FIELDNOTES.id)}, 422, PRVE,
        ("body", "product_id"), "Product is not available in this checkout.", "value_error"),
    Row("price-not-of-product", "subscription",
        {"product_id": str(TIDEWATER_MONTHLY.id),
         "product_price_id": str(TIDEWATER_YEARLY.prices[0].id)}, 422, PRVE,
        ("body", "product_price_id"), "Price is not available in this checkout.", "value_error"),
    Row("amount-below-minimum", "pay-what-you-want", {"amount": 499}, 422, PRVE, ("body", "amount"),
        "Amount is below minimum.", "greater_than_equal"),
    Row("amount-zero-below-minimum", "pay-what-you-want", {"amount": 0}, 422, PRVE,
        ("body", "amount"), "Amount is below minimum.", "greater_than_equal"),
    Row("amount-above-maximum", "pay-what-you-want", {"amount": 100_001}, 422, PRVE,
        ("body", "amount"), "Amount is above maximum.", "less_than_equal"),
    Row("amount-below-yen-floor", "jpy", {"product_id": str(TIP_JAR.id), "amount": 79}, 422, PRVE,
        ("body", "amount"), "Amount must be 0 or at least ¥80.", "invalid_amount"),
    Row("amount-above-yen-ceiling", "jpy", {"amount": 100_000_000},
        422, PRVE, ("body", "amount"), "Amount must be at most ¥99,999,999.", "less_than_equal",
        before=({"product_id": str(TIP_JAR.id)},)),
    Row("rules-stop-at-first", "pay-what-you-want", {"amount": 1, "seats": 3, "units": 2}, 422,
        PRVE, ("body", "amount"), "Amount is below minimum.", "greater_than_equal"),
    Row("seats-above-tiers", "seats", {"seats": 51}, 422, PRVE, ("body", "seats"),
        "Maximum 50 seats allowed.", "less_than_equal"),
    Row("seats-on-fixed-price", "one-time", {"seats": 2}, 422, PRVE, ("body", "seats"),
        "Seats can only be set for seat-based pricing.", "value_error"),
    Row("units-on-seat-price", "seats", {"units": 2}, 422, PRVE, ("body", "units"),
        "Units can only be set for unit-based pricing.", "value_error"),
    Row("discount-unknown", "discount", {"discount_code": "NOPE"}, 422, PRVE,
        ("body", "discount_code"), "Discount does not exist.", "value_error"),
    Row("discount-blank", "discount", {"discount_code": "  "}, 422, PRVE,
        ("body", "discount_code"), "Discount does not exist.", "value_error"),
    Row("discount-ended", "discount", {"discount_code": "SUMMER23"}, 422, PRVE,
        ("body", "discount_code"), "Discount does not exist.", "value_error"),
    Row("discount-other-product", "discount", {"discount_code": "STARTER50"}, 422, PRVE,
        ("body", "discount_code"), "Discount does not exist.", "value_error"),
    Row("discount-other-currency", "discount", {"discount_code": "EURO10"}, 422, PRVE,
        ("body", "discount_code"), "Discount does not exist.", "value_error"),
    Row("discount-on-free-product", "free", {"discount_code": "LAUNCH20"}, 422, PRVE,
        ("body", "discount_code"), "Discounts are not applicable to this product.", "value_error"),
    Row("tax-id-without-country", "one-time", {"customer_tax_id": GERMAN_VAT_ID}, 422, PRVE,
        ("body", "customer_billing_address"), "Country is required to validate tax ID.", "missing"),
    Row("tax-id-invalid", "one-time",
        {"customer_billing_address": GERMAN_ADDRESS, "customer_tax_id": "DE136695977"}, 422, PRVE,
        ("body", "customer_tax_id"), "Invalid tax ID.", "value_error"),
    Row("tax-id-revalidated-on-country-change", "one-time",
        {"customer_billing_address": NEW_YORK_ADDRESS}, 422, PRVE, ("body", "customer_tax_id"),
        "Invalid tax ID.", "value_error",
        before=({"is_business_customer": True, "customer_billing_address": GERMAN_ADDRESS,
                 "customer_tax_id": GERMAN_VAT_ID},)),
    Row("tax-id-revalidated-on-any-update", "one-time",
        {"customer_name": "Ada", "customer_tax_id": "123"}, 422, PRVE,
        ("body", "customer_tax_id"), "Invalid tax ID.", "value_error",
        before=({"customer_billing_address": GERMAN_ADDRESS},)),
    # -- discounts: redemption limits and dates ------------------------------------------------
    Row("discount-sold-out", "discount", {"discount_code": "EARLYBIRD"}, 422, PRVE,
        ("body", "discount_code"), "Discount does not exist.", "value_error"),
    Row("discount-used-up-by-a-confirm", "discount", {"discount_code": "LASTONE"}, 422, PRVE,
        ("body", "discount_code"), "Discount does not exist.", "value_error",
        setup=last_one_redeemed),
    Row("discount-not-started", "discount", {"discount_code": "NEXTYEAR"}, 422, PRVE,
        ("body", "discount_code"), "Discount does not exist.", "value_error"),
    # -- unit-based prices -----------------------------------------------------------------
    Row("units-below-minimum", "seats", {"units": 9}, 422, PRVE, ("body", "units"),
        "Minimum 10 units required.", "greater_than_equal", before=(UNITS_SWITCH,)),
    Row("units-above-last-tier", "seats", {"units": 10_001}, 422, PRVE, ("body", "units"),
        "Maximum 10000 units allowed.", "less_than_equal", before=(UNITS_SWITCH,)),
    Row("units-narrowed-by-session", "seats", {"units": 60}, 422, PRVE, ("body", "units"),
        "Maximum 50 units allowed.", "less_than_equal", before=(UNITS_SWITCH,),
        setup=lambda store, secret: store.edit(secret, max_units=50)),
    Row("units-switch-below-minimum", "seats", {**UNITS_SWITCH, "units": 5}, 422, PRVE,
        ("body", "units"), "Minimum 10 units required.", "greater_than_equal"),
    Row("seats-on-unit-price", "seats", {"seats": 3}, 422, PRVE, ("body", "seats"),
        "Seats can only be set for seat-based pricing.", "value_error", before=(UNITS_SWITCH,)),
]  # fmt: skip
RULES = {
    "product-not-in-checkout": ("product-switch",),
    "price-not-of-product": ("product-switch",),
    "amount-below-minimum": ("amount",),
    "amount-zero-below-minimum": ("amount",),
    "amount-above-maximum": ("amount",),
    "amount-below-yen-floor": ("amount",),
    "amount-above-yen-ceiling": ("amount",),
    "rules-stop-at-first": ("validation-errors",),
    "seats-above-tiers": ("seats-units",),
    "seats-on-fixed-price": ("seats-units",),
    "units-on-seat-price": ("seats-units",),
    "discount-unknown": ("discount-code",),
    "discount-blank": ("discount-code",),
    "discount-ended": ("discount-code",),
    "discount-other-product": ("discount-code",),
    "discount-other-currency": ("discount-code",),
    "discount-on-free-product": ("discount-applicable",),
    "tax-id-without-country": ("tax-id",),
    "tax-id-invalid": ("tax-id",),
    "tax-id-revalidated-on-country-change": ("tax-id",),
    "tax-id-revalidated-on-any-update": ("tax-id",),
    "discount-sold-out": ("discount-code",),
    "discount-used-up-by-a-confirm": ("discount-code",),
    "discount-not-started": ("discount-code",),
    "units-below-minimum": ("seats-units",),
    "units-above-last-tier": ("seats-units",),
    "units-narrowed-by-session": ("seats-units",),
    "units-switch-below-minimum": ("seats-units",),
    "seats-on-unit-price": ("seats-units",),
}


@pytest.mark.parametrize("row", proving(ROWS, RULES))
async def test_conformance(
    row: Row, client: httpx.AsyncClient, store: Store, secrets: dict[str, str]
) -> None:
    await check_row(row, client, store, secrets)


@pytest.mark.fidelity("refusal-applies-nothing")
async def test_failed_update_applies_nothing_even_when_other_keys_were_fine(
    client: httpx.AsyncClient, store: Store, secrets: dict[str, str]
) -> None:
    secret = secrets["one-time"]
    before = store.get_json(secret)
    response = await client.patch(
        f"{BASE}/{secret}",
        json={
            "customer_name": "Grace Hopper",
            "customer_billing_address": GERMAN_ADDRESS,
            "customer_tax_id": "not a vat id",
        },
    )
    assert response.status_code == 422
    after = store.get_json(secret)
    assert after == before
    assert after["customer_name"] is None
    assert after["customer_billing_address"] is None
