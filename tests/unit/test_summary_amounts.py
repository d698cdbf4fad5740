"""The summary's amounts that explain themselves: a discount with its terms, a trial and
what follows it, seats and units times the rate of their tier. Expected strings by hand."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.summary_support import (
    MINUS,
    MONTHLY,
    NBSP,
    NOW,
    TIMES,
    eur_session,
    pairs,
    session,
    values,
)
from tui.domain.summary import SummaryRow, amount_rows, purchase_rows
from tui.polar.models import CheckoutPublic

# --- discount ---------------------------------------------------------------------------


def test_no_discount_rows_without_a_discount() -> None:
    labels = [row.label for row in amount_rows(eur_session(), NOW)]
    assert labels == ["Subtotal", "Tax", "Total"]


def test_a_discount_is_named_with_its_terms_then_the_taxable_amount() -> None:
    current = eur_session(
        discount={"code": "LAUNCH10", "type": "percentage", "basis_points": 1000},
        discount_amount=120,
        net_amount=1080,
        tax_amount=205,
        total_amount=1285,
    )
    assert pairs(amount_rows(current, NOW)) == [
        ("Subtotal", "€12.00"),
        (f"LAUNCH10 \u221210{NBSP}%", f"{MINUS}€1.20"),
        ("Taxable amount", "€10.80"),
        ("Tax", "€2.05"),
        ("Total", "€12.85 / month"),
    ]
    assert amount_rows(current, NOW)[1].kind == "discount"


def test_a_repeating_discount_says_until_when_and_how_long_the_total_holds() -> None:
    current = eur_session(
        discount={
            "code": "QUARTER25",
            "type": "percentage",
            "basis_points": 2500,
            "duration": "repeating",
            "duration_in_months": 3,
        },
        discount_amount=300,
        net_amount=900,
        tax_amount=0,
        total_amount=900,
    )
    rows = pairs(amount_rows(current, NOW, "en-GB"))
    assert rows[1] == (
        f"QUARTER25 \u221225{NBSP}% for 3 months, until 24 Feb 2027",
        f"{MINUS}€3.00",
    )
    assert rows[-1] == ("Total", "€9.00 / month for 3 months")


def test_a_once_discount_on_a_subscription_holds_for_the_first_period() -> None:
    current = eur_session(
        discount={"code": "FIVEOFF", "type": "fixed", "amounts": {"eur": 500}, "duration": "once"},
        discount_amount=500,
        net_amount=700,
        tax_amount=0,
        total_amount=700,
    )
    rows = pairs(amount_rows(current, NOW))
    assert rows[1] == ("FIVEOFF \u2212€5.00 once", f"{MINUS}€5.00")
    assert rows[-1] == ("Total", "€7.00 for the first month")


def test_a_one_time_purchase_names_no_duration() -> None:
    current = session(
        currency="usd",
        amount=7900,
        discount={
            "code": "LAUNCH20",
            "type": "percentage",
            "basis_points": 2000,
            "duration": "once",
        },
        discount_amount=1580,
        net_amount=6320,
        total_amount=6320,
        product={"name": "Icons"},
    )
    rows = pairs(amount_rows(current, NOW))
    assert rows[1] == (f"LAUNCH20 \u221220{NBSP}%", f"{MINUS}$15.80")
    assert rows[-1] == ("Total", "$63.20")


# --- trial -----------------------------------------------------------------------------


def trial_session(**overrides: Any) -> CheckoutPublic:
    return eur_session(
        tax_amount=None,
        total_amount=1200,
        active_trial_interval="day",
        active_trial_interval_count=14,
        trial_end="2026-12-08T12:00:00Z",
        **overrides,
    )


def test_a_trial_says_what_follows_it_and_what_is_due_today() -> None:
    current = trial_session()
    assert ("Trial", "14 days free, then €12.00 / month from Dec 8, 2026") in pairs(
        purchase_rows(current)
    )
    assert pairs(amount_rows(current, NOW))[-2:] == [
        ("Total", "€12.00 / month"),
        ("Due today", "€0.00"),
    ]


def test_a_trial_in_german() -> None:
    current = trial_session()
    assert ("Trial", f"14 days free, then 12,00{NBSP}€ / month from 08.12.2026") in pairs(
        purchase_rows(current, "de")
    )
    assert values(current, "de")["Due today"] == f"0,00{NBSP}€"


def test_a_skipped_trial_is_said_and_nothing_is_due_today_row() -> None:
    product = {"name": "Pro", **MONTHLY, "trial_interval": "day", "trial_interval_count": 14}
    current = eur_session(allow_trial=False, product=product)
    assert ("Trial", "skipped") in pairs(purchase_rows(current))
    assert "Due today" not in values(current)


def test_no_trial_row_without_a_trial() -> None:
    assert "Trial" not in [row.label for row in purchase_rows(eur_session())]


# --- seats and units ----------------------------------------------------------------------

SEATS = {
    "amount_type": "seat_based",
    "price_currency": "usd",
    "seat_tiers": {
        "seat_tier_type": "volume",
        "tiers": [
            {"min_seats": 1, "max_seats": 4, "price_per_seat": 1500},
            {"min_seats": 5, "max_seats": 19, "price_per_seat": 1200},
            {"min_seats": 20, "max_seats": None, "price_per_seat": 900},
        ],
    },
}


@pytest.mark.parametrize(
    ("seats", "text"),
    [
        (1, f"1 seat {TIMES} $15.00, tier 1–4"),
        (6, f"6 seats {TIMES} $12.00, tier 5–19"),
        (25, f"25 seats {TIMES} $9.00, tier 20+"),
    ],
)
def test_seats_explain_the_subtotal(seats: int, text: str) -> None:
    current = session(
        currency="usd",
        seats=seats,
        amount=0,
        product={"name": "Team", **MONTHLY, "prices": [SEATS]},
    )
    assert amount_rows(current, NOW)[0] == SummaryRow("", text, "text")


def test_graduated_units_explain_each_tier() -> None:
    price = {
        "amount_type": "unit_based",
        "price_currency": "eur",
        "tiers": {
            "type": "graduated",
            "tiers": [
                {"bound": 1000, "unit_amount": "50"},
                {"bound": 10000, "unit_amount": "40"},
            ],
        },
    }
    current = session(
        currency="eur", units=1500, amount=70000, product={"name": "Credits", "prices": [price]}
    )
    assert amount_rows(current, NOW, "de")[0].value == (
        f"1.000 units {TIMES} 0,50{NBSP}€, tier 1–1.000 + "
        f"500 units {TIMES} 0,40{NBSP}€, tier 1.001–10.000"
    )
