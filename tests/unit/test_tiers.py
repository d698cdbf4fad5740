"""Tiered prices: which tiers price a quantity, and the words for it."""

from __future__ import annotations

from typing import Any

import pytest

from tui.domain.money import format_money
from tui.domain.tiers import breakdown
from tui.polar.models import Price

TIMES = "\u00d7"
NBSP = "\u00a0"


def seat_price(kind: str = "volume") -> Price:
    return Price.model_validate(
        {
            "amount_type": "seat_based",
            "seat_tiers": {
                "seat_tier_type": kind,
                "tiers": [
                    {"min_seats": 1, "max_seats": 4, "price_per_seat": 1500},
                    {"min_seats": 5, "max_seats": 19, "price_per_seat": 1200},
                    {"min_seats": 20, "max_seats": None, "price_per_seat": 900},
                ],
            },
        }
    )


def unit_price(rates: list[tuple[int | None, str]], kind: str = "volume", **extra: Any) -> Price:
    tiers = [{"bound": bound, "unit_amount": rate} for bound, rate in rates]
    return Price.model_validate(
        {"amount_type": "unit_based", "tiers": {"type": kind, "tiers": tiers}, **extra}
    )


def usd(amount: int) -> str:
    return format_money(amount, "usd")


@pytest.mark.parametrize(
    ("seats", "text"),
    [
        (4, f"4 seats {TIMES} $15.00, tier 1–4"),
        (5, f"5 seats {TIMES} $12.00, tier 5–19"),
        (120, f"120 seats {TIMES} $9.00, tier 20+"),
    ],
)
def test_volume_seats_are_all_at_the_rate_of_their_tier(seats: int, text: str) -> None:
    assert breakdown(seat_price(), seats, usd, None) == text


def test_graduated_seats_price_each_tier_s_share() -> None:
    assert breakdown(seat_price("graduated"), 6, usd, None) == (
        f"4 seats {TIMES} $15.00, tier 1–4 + 2 seats {TIMES} $12.00, tier 5–19"
    )


def test_units_take_the_merchant_s_label_and_the_locale_s_numbers() -> None:
    price = unit_price([(1000, "50"), (None, "40")], unit_label="credits")
    assert breakdown(price, 2500, lambda rate: format_money(rate, "eur", "de"), "de") == (
        f"2.500 credits {TIMES} 0,40{NBSP}€, tier 1.001+"
    )
    assert breakdown(unit_price([(None, "50")]), 1, usd, None) == f"1 unit {TIMES} $0.50, tier 1+"


@pytest.mark.parametrize(
    ("price", "quantity"),
    [
        (unit_price([(100, "0.5")]), 10),  # a rate below one minor unit
        (unit_price([(100, "50")]), 101),  # beyond the last tier
        (Price.model_validate({"amount_type": "seat_based"}), 3),  # no tiers at all
        (Price.model_validate({"amount_type": "fixed", "price_amount": 100}), 3),
    ],
)
def test_no_words_when_the_tiers_do_not_tell(price: Price, quantity: int) -> None:
    assert breakdown(price, quantity, usd, None) is None
