"""Lenient parsing of both the 2024 and today's session shapes; minimal update bodies."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from tests.fixtures import SEED_2024_SESSION
from tui.polar.models import CheckoutPublic

PRODUCT_ID = "3f1c2a0e-6b1d-4d8e-9a55-0c2d9b8f7e11"
PRICE_ID = "7a9d4c21-0e3b-4f6a-8d2c-5b1e9f0a3c44"


def today_body() -> dict[str, Any]:
    """A session as Polar's 2026-10 API returns it, trimmed to what the app reads."""
    price = {
        "id": PRICE_ID,
        "source": "catalog",
        "amount_type": "fixed",
        "price_currency": "eur",
        "price_amount": 1200,
        "is_archived": False,
        "product_id": PRODUCT_ID,
        "type": "recurring",
        "recurring_interval": "month",
    }
    product = {
        "id": PRODUCT_ID,
        "name": "Pro plan",
        "description": None,
        "is_recurring": True,
        "recurring_interval": "month",
        "recurring_interval_count": 1,
        "trial_interval": None,
        "prices": [price],
        "benefits": [{"id": "b1", "type": "license_keys", "description": "A licence key"}],
        "medias": [],
    }
    return {
        "id": "0d4f5c3b-2a1e-4f9d-8c7b-6a5e4d3c2b1a",
        "status": "open",
        "client_secret": "polar_c_" + "Q7wErTy9UiOp2AsDfGh3JkLzXcVbNm4QwErTyUiOpA5",
        "url": "https://polar.sh/checkout/polar_c_Q7wErTy9UiOp2AsDfGh3JkLzXcVbNm4QwErTyUiOpA5",
        "expires_at": "2026-11-24T13:00:00Z",
        "currency": "eur",
        "amount": 1200,
        "discount_amount": 120,
        "net_amount": 1080,
        "tax_amount": 205,
        "tax_behavior": "exclusive",
        "total_amount": 1285,
        "product_id": PRODUCT_ID,
        "product_price_id": PRICE_ID,
        "product": product,
        "product_price": price,
        "products": [product],
        "prices": {PRODUCT_ID: [price]},
        "discount": {
            "id": "d1",
            "name": "Launch",
            "code": "LAUNCH10",
            "type": "percentage",
            "duration": "repeating",
            "duration_in_months": 3,
            "basis_points": 1000,
        },
        "organization": {
            "id": "o1",
            "name": "Acme Labs",
            "slug": "acme",
            "avatar_url": None,
            "proration_behavior": "invoice",
        },
        "billing_address_fields": {
            "country": "required",
            "state": "optional",
            "city": "required",
            "postal_code": "required",
            "line1": "required",
            "line2": "optional",
        },
        "customer_billing_address": {"country": "DE", "city": "Berlin"},
        "is_business_customer": True,
        "customer_tax_id": "DE136695976",
        "allow_discount_codes": True,
        "is_discount_applicable": True,
        "is_payment_form_required": True,
        "seats": None,
        "units": None,
        "min_units": None,
        "max_units": None,
        "attached_custom_fields": [],
    }


# --- the 2024 seed example ------------------------------------------------------------


@pytest.fixture
def seed() -> CheckoutPublic:
    return CheckoutPublic.model_validate_json(SEED_2024_SESSION.read_text(encoding="utf-8"))


def test_seed_is_an_open_session_with_zero_amounts(seed: CheckoutPublic) -> None:
    assert seed.status == "open"
    assert seed.amount == 0
    assert seed.tax_amount == 0
    assert seed.total_amount == 0


def test_seed_price_is_recurring_monthly(seed: CheckoutPublic) -> None:
    assert seed.product_price is not None
    assert seed.product_price.recurring_interval == "month"
    assert seed.product_price.type == "recurring"
    assert seed.product_price.amount_type == "fixed"
    assert seed.price is seed.product_price


def test_seed_lacks_todays_keys(seed: CheckoutPublic) -> None:
    assert seed.discount_amount is None
    assert seed.net_amount is None
    assert seed.organization is None
    assert seed.discount is None
    assert seed.products == []
    # Without net_amount the taxable amount falls back to the amount.
    assert seed.net == 0


def test_seed_keeps_placeholder_values_and_unknown_keys(seed: CheckoutPublic) -> None:
    assert seed.currency == "string"
    assert seed.customer_email == "string"
    assert seed.customer_billing_address is not None
    assert seed.customer_billing_address.country == "string"
    assert seed.model_extra is not None
    assert seed.model_extra["customer_ip_address"] == "string"
    assert seed.expires_at == datetime(2024, 10, 16, tzinfo=UTC)


# --- today's shape ---------------------------------------------------------------------


def test_today_shape_parses_amounts_and_flags() -> None:
    current = CheckoutPublic.model_validate(today_body())
    assert (current.amount, current.discount_amount, current.net_amount) == (1200, 120, 1080)
    assert (current.tax_amount, current.total_amount) == (205, 1285)
    assert current.tax_behavior == "exclusive"
    assert current.net == 1080
    assert current.allow_discount_codes is True
    assert current.is_business_customer is True


def test_today_shape_parses_catalogue() -> None:
    current = CheckoutPublic.model_validate(today_body())
    assert current.organization is not None
    assert current.organization.name == "Acme Labs"
    assert current.discount is not None
    assert (current.discount.code, current.discount.basis_points) == ("LAUNCH10", 1000)
    assert current.discount.duration_in_months == 3
    assert [product.name for product in current.products] == ["Pro plan"]
    assert current.prices is not None
    assert current.prices[PRODUCT_ID][0].price_amount == 1200
    assert current.price is not None
    assert current.price.id == PRICE_ID


def test_today_shape_parses_address_modes() -> None:
    current = CheckoutPublic.model_validate(today_body())
    assert current.billing_address_fields is not None
    assert current.billing_address_fields["line1"] == "required"
    assert current.billing_address_fields["state"] == "optional"


def test_unknown_keys_are_kept_at_every_level() -> None:
    body = today_body()
    body["brand_new_flag"] = {"x": 1}
    current = CheckoutPublic.model_validate(body)
    assert current.model_extra is not None
    assert current.model_extra["brand_new_flag"] == {"x": 1}
    assert "attached_custom_fields" not in current.model_extra  # declared now, so read
    assert current.attached_custom_fields == []
    assert current.organization is not None
    assert current.organization.model_extra == {"avatar_url": None, "proration_behavior": "invoice"}
    dumped = current.model_dump(mode="json")
    assert dumped["brand_new_flag"] == {"x": 1}
    assert dumped["products"][0]["medias"] == []


def test_new_enum_values_do_not_break_parsing() -> None:
    body = today_body()
    body["status"] = "paused_for_review"
    body["tax_behavior"] = "location"
    body["discount"]["duration"] = "lifetime"
    current = CheckoutPublic.model_validate(body)
    assert current.status == "paused_for_review"
    assert current.tax_behavior == "location"


def test_price_falls_back_to_the_products_first_price() -> None:
    body = today_body()
    del body["product_price"]
    current = CheckoutPublic.model_validate(body)
    assert current.price is not None
    assert current.price.price_amount == 1200


def test_nulls_where_2024_allowed_them() -> None:
    current = CheckoutPublic.model_validate(
        {"amount": None, "currency": None, "total_amount": None, "product": None}
    )
    assert current.amount is None
    assert current.price is None
    assert current.net is None


def test_round_trips_through_json() -> None:
    body = today_body()
    again = CheckoutPublic.model_validate_json(json.dumps(body))
    assert again == CheckoutPublic.model_validate(body)


# --- update body -------------------------------------------------------------------------


def test_nulls_everywhere_still_parse_as_defaults() -> None:
    fields = CheckoutPublic.model_fields
    session = CheckoutPublic.model_validate(dict.fromkeys(fields))
    assert session.status == "open"
    assert session.is_business_customer is False
    assert session.products == []
    assert session.tax_amount is None
