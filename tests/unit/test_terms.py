"""A discount's and a trial's terms in words, money and dates in the locale."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tui.domain.terms import discount_terms, named_discount, trial_terms
from tui.polar.models import CheckoutPublic, Discount

NBSP = "\u00a0"
MINUS = "\u2212"


def discount(**values: Any) -> Discount:
    return Discount.model_validate(values)


@pytest.mark.parametrize(
    ("values", "currency", "locale", "text"),
    [
        ({"type": "percentage", "basis_points": 2000, "duration": "forever"}, "usd", None,
         f"{MINUS}20{NBSP}%"),
        ({"type": "percentage", "basis_points": 1250, "duration": "forever"}, "eur", "de",
         f"{MINUS}12,5{NBSP}%"),
        ({"type": "fixed", "amounts": {"usd": 500, "eur": 450}, "duration": "once"}, "usd", None,
         f"{MINUS}$5.00 once"),
        ({"type": "fixed", "amounts": {"usd": 500, "eur": 450}, "duration": "once"}, "eur", "de",
         f"{MINUS}4,50{NBSP}€ once"),
        # The older shape: one amount in one currency.
        ({"type": "fixed", "amount": 500, "currency": "usd", "duration": "forever"}, "usd", None,
         f"{MINUS}$5.00"),
        # Nothing to say about an amount in another currency, nor a percentage without one.
        ({"type": "fixed", "amount": 500, "currency": "usd", "duration": "forever"}, "eur", None,
         ""),
        ({"type": "percentage", "duration": "once"}, "usd", None, "once"),
    ],
)  # fmt: skip
def test_discount_terms(
    values: dict[str, Any], currency: str, locale: str | None, text: str
) -> None:
    assert discount_terms(discount(**values), currency, locale) == text


def test_a_repeating_discount_ends_months_after_today_on_a_real_day() -> None:
    repeating = discount(
        type="percentage", basis_points=2000, duration="repeating", duration_in_months=3
    )
    assert discount_terms(repeating, "usd", None) == f"{MINUS}20{NBSP}% for 3 months"
    assert discount_terms(repeating, "usd", "en-GB", date(2026, 11, 28)) == (
        f"{MINUS}20{NBSP}% for 3 months, until 28 Feb 2027"
    )
    # August 31st plus three months is the last day of November.
    assert discount_terms(repeating, "usd", "de", date(2026, 8, 31)) == (
        f"{MINUS}20{NBSP}% for 3 months, until 30.11.2026"
    )


def test_a_one_time_purchase_is_discounted_once_unsaid() -> None:
    once = discount(type="fixed", amounts={"usd": 500}, duration="once")
    assert discount_terms(once, "usd", None, recurring=False) == f"{MINUS}$5.00"


def test_named_by_code_else_name() -> None:
    launch = discount(code="LAUNCH20", name="Launch", type="percentage", basis_points=2000)
    assert named_discount(launch, "usd", None) == f"LAUNCH20 {MINUS}20{NBSP}%"
    unnamed = discount(name="Spring sale", type="fixed", amounts={"eur": 100})
    assert named_discount(unnamed, "usd", None) == "Spring sale"


def trial(**values: Any) -> CheckoutPublic:
    return CheckoutPublic.model_validate(
        {
            "currency": "eur",
            "total_amount": 1200,
            "active_trial_interval": "day",
            "active_trial_interval_count": 14,
            "trial_end": "2026-12-13T12:00:00Z",
            "product": {"name": "Pro", "is_recurring": True, "recurring_interval": "month"},
            **values,
        }
    )


def test_trial_terms() -> None:
    assert trial_terms(trial(), None) == "14 days free, then €12.00 / month from Dec 13, 2026"
    assert trial_terms(trial(), "en-GB") == "14 days free, then €12.00 / month from 13 Dec 2026"
    assert trial_terms(
        trial(active_trial_interval="month", active_trial_interval_count=1), "ja"
    ) == ("1 month free, then €12.00 / month from 2026/12/13")


def test_trial_terms_of_a_legacy_recurring_price() -> None:
    legacy = trial(
        product={"name": "Pro"},
        product_price={"type": "recurring", "recurring_interval": "year", "price_amount": 1200},
        trial_end=None,
    )
    assert trial_terms(legacy, None) == "14 days free, then €12.00 / year"


def test_no_trial_no_terms() -> None:
    assert trial_terms(trial(active_trial_interval=None), None) is None
