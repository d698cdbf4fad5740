"""The one price describer, on the wire models as Polar sends them."""

from __future__ import annotations

from typing import Any

import pytest

from tui.domain.price_text import describe_price
from tui.polar.models import Price, Product

MONTHLY = {"is_recurring": True, "recurring_interval": "month"}
RELAY_SEATS = {
    "seat_tier_type": "volume",
    "tiers": [
        {"min_seats": 1, "max_seats": 4, "price_per_seat": 1500},
        {"min_seats": 5, "max_seats": 19, "price_per_seat": 1200},
    ],
}
CREDITS = {
    "type": "graduated",
    "tiers": [{"bound": 100, "unit_amount": "50"}, {"bound": None, "unit_amount": "40"}],
}


def described(price: dict[str, Any], product: dict[str, Any] | None = None, **options: Any) -> str:
    wire_product = Product.model_validate({"name": "Pro", **(product or {})})
    return describe_price(Price.model_validate(price), wire_product, **options)


@pytest.mark.parametrize(
    ("price", "product", "text"),
    [
        ({"amount_type": "fixed", "price_currency": "usd", "price_amount": 4900}, {},
         "$49.00 one-time"),
        ({"amount_type": "fixed", "price_currency": "eur", "price_amount": 1200}, MONTHLY,
         "€12.00 / month"),
        ({"amount_type": "fixed", "price_currency": "usd", "price_amount": 2500},
         {**MONTHLY, "recurring_interval_count": 3}, "$25.00 every 3 months"),
        ({"amount_type": "fixed", "price_currency": "jpy", "price_amount": 4800}, {},
         "¥4,800 one-time"),
        ({"amount_type": "custom", "price_currency": "usd", "minimum_amount": 500}, {},
         "Pay what you want (min $5.00)"),
        ({"amount_type": "custom", "price_currency": "jpy", "minimum_amount": 0}, {},
         "Pay what you want"),
        ({"amount_type": "fixed", "price_currency": "usd", "price_amount": 0}, {}, "Free"),
        ({"amount_type": "free", "price_currency": "usd"}, {}, "Free"),
        ({"amount_type": "seat_based", "price_currency": "usd", "seat_tiers": RELAY_SEATS},
         MONTHLY, "$15.00 per seat / month"),
        ({"amount_type": "seat_based", "price_currency": "usd"}, MONTHLY, "Per seat / month"),
        ({"amount_type": "seat_based", "price_currency": "usd",
          "seat_tiers": {"tiers": [{"min_seats": 1, "max_seats": None, "price_per_seat": 0}]}},
         MONTHLY, "Free"),
        ({"amount_type": "unit_based", "price_currency": "usd", "tiers": CREDITS}, {},
         "$0.50 per unit one-time"),
        ({"amount_type": "unit_based", "price_currency": "usd",
          "tiers": {"tiers": [{"bound": None, "unit_amount": "0.5"}]}}, {},
         "Per unit one-time"),
        ({"amount_type": "metered_unit", "price_currency": "usd", "unit_amount": "12"}, MONTHLY,
         "Usage-based / month"),
    ],
)  # fmt: skip
def test_every_kind_of_price(price: dict[str, Any], product: dict[str, Any], text: str) -> None:
    assert described(price, product) == text


def test_a_legacy_recurring_price_carries_its_own_interval() -> None:
    price = {
        "type": "recurring",
        "recurring_interval": "year",
        "amount_type": "fixed",
        "price_currency": "usd",
        "price_amount": 9900,
    }
    assert described(price) == "$99.00 / year"


def test_a_placeholder_currency_gives_way_to_the_sessions() -> None:
    price = {"amount_type": "fixed", "price_currency": "string", "price_amount": 1200}
    assert described(price, currency="eur") == "€12.00 one-time"
    assert described(price, currency="string") == "1200 one-time"
