"""The summary pane's text, computed from the server's values."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tui.domain.summary import SummaryRow, price_label, summary_rows, time_left
from tui.polar.models import CheckoutPublic

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def session(**values: Any) -> CheckoutPublic:
    return CheckoutPublic.model_validate(values)


def with_price(price: dict[str, Any], **product: Any) -> CheckoutPublic:
    return session(
        currency=price.get("price_currency", "usd"),
        product={"name": "Pro", "prices": [price], **product},
    )


def rows_by_label(current: CheckoutPublic) -> dict[str, SummaryRow]:
    return {row.label: row for row in summary_rows(current, NOW)}


def eur_session(**overrides: Any) -> CheckoutPublic:
    values: dict[str, Any] = {
        "status": "open",
        "currency": "eur",
        "amount": 1200,
        "discount_amount": 0,
        "net_amount": 1200,
        "tax_amount": 228,
        "tax_behavior": "exclusive",
        "total_amount": 1428,
        "organization": {"name": "Acme Labs", "slug": "acme"},
        "product": {
            "name": "Pro plan",
            "is_recurring": True,
            "recurring_interval": "month",
            "prices": [{"amount_type": "fixed", "price_currency": "eur", "price_amount": 1200}],
        },
        "expires_at": (NOW + timedelta(minutes=30)).isoformat(),
    }
    values.update(overrides)
    return session(**values)


# --- price label --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("price", "product", "label"),
    [
        ({"amount_type": "fixed", "price_amount": 4900}, {}, "$49.00 one-time"),
        (
            {"amount_type": "fixed", "price_currency": "eur", "price_amount": 1200},
            {"is_recurring": True, "recurring_interval": "month"},
            "€12.00 / month",
        ),
        (
            {"amount_type": "fixed", "price_amount": 9900},
            {"is_recurring": True, "recurring_interval": "year"},
            "$99.00 / year",
        ),
        (
            {"amount_type": "fixed", "price_amount": 2500},
            {"is_recurring": True, "recurring_interval": "month", "recurring_interval_count": 3},
            "$25.00 every 3 months",
        ),
        (
            {"amount_type": "fixed", "price_currency": "jpy", "price_amount": 800},
            {},
            "¥800 one-time",
        ),
        ({"amount_type": "custom", "minimum_amount": 500}, {}, "Pay what you want (min $5.00)"),
        ({"amount_type": "custom", "minimum_amount": 0}, {}, "Pay what you want"),
        ({"amount_type": "free"}, {}, "Free"),
        (
            {"amount_type": "seat_based"},
            {"is_recurring": True, "recurring_interval": "month"},
            "Per seat / month",
        ),
        ({"amount_type": "metered_unit"}, {}, "Usage-based one-time"),
    ],
)
def test_price_label(price: dict[str, Any], product: dict[str, Any], label: str) -> None:
    assert price_label(with_price(price, **product)) == label


def test_price_label_without_price() -> None:
    assert price_label(session()) == "—"


def test_product_price_wins_over_first_listed_price() -> None:
    current = session(
        product={"name": "Pro", "prices": [{"amount_type": "fixed", "price_amount": 100}]},
        product_price={"amount_type": "fixed", "price_amount": 4900, "price_currency": "usd"},
    )
    assert price_label(current) == "$49.00 one-time"


def test_legacy_recurring_price_is_labelled_recurring() -> None:
    current = session(
        currency="usd",
        product={"name": "Pro", "is_recurring": False},
        product_price={
            "type": "recurring",
            "recurring_interval": "month",
            "amount_type": "fixed",
            "price_currency": "usd",
            "price_amount": 900,
        },
    )
    assert price_label(current) == "$9.00 / month"


# --- time left ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(hours=2, minutes=5, seconds=3), "2:05:03 left"),
        (timedelta(hours=1), "1:00:00 left"),
        (timedelta(minutes=59, seconds=59), "59:59 left"),
        (timedelta(minutes=5), "5:00 left"),
        (timedelta(seconds=9), "0:09 left"),
        (timedelta(0), "expired"),
        (timedelta(seconds=-1), "expired"),
        (timedelta(days=-3), "expired"),
    ],
)
def test_time_left(delta: timedelta, text: str) -> None:
    assert time_left(NOW + delta, NOW) == text


def test_time_left_without_expiry() -> None:
    assert time_left(None, NOW) == "—"


# --- rows -----------------------------------------------------------------------------


def test_rows_of_an_exclusive_tax_session() -> None:
    rows = summary_rows(eur_session(), NOW)
    assert [(row.label, row.value) for row in rows] == [
        ("Seller", "Acme Labs"),
        ("Product", "Pro plan"),
        ("Price", "€12.00 / month"),
        ("Subtotal", "€12.00"),
        ("Taxable amount", "€12.00"),
        ("Tax", "€2.28"),
        ("Total", "€14.28"),
        ("Expires", "30:00 left"),
        ("Status", "open"),
    ]
    assert rows_by_label(eur_session())["Total"].kind == "total"


def test_tax_not_calculated_yet_when_tax_amount_is_null() -> None:
    current = eur_session(tax_amount=None, tax_behavior=None, total_amount=1200)
    assert rows_by_label(current)["Tax"].value == "not calculated yet"


def test_zero_tax_is_shown_as_an_amount() -> None:
    current = eur_session(tax_amount=0, total_amount=1200)
    assert rows_by_label(current)["Tax"].value == "€0.00"


def test_inclusive_tax_says_included() -> None:
    current = eur_session(
        net_amount=1008, tax_amount=192, tax_behavior="inclusive", total_amount=1200
    )
    rows = rows_by_label(current)
    assert rows["Tax"].value == "€1.92 included"
    assert rows["Total"].value == "€12.00"


def test_no_discount_row_without_a_discount() -> None:
    assert not any(row.kind == "discount" for row in summary_rows(eur_session(), NOW))
    assert not any(row.label.startswith("Discount") for row in summary_rows(eur_session(), NOW))


def test_discount_row_shows_code_and_amount() -> None:
    current = eur_session(
        discount={"name": "Launch", "code": "LAUNCH10", "type": "percentage", "basis_points": 1000},
        discount_amount=120,
        net_amount=1080,
        tax_amount=205,
        total_amount=1285,
    )
    discount = [row for row in summary_rows(current, NOW) if row.kind == "discount"]
    assert discount == [SummaryRow("Discount (LAUNCH10)", "-€1.20", "discount")]


def test_discount_without_code_uses_its_name() -> None:
    current = eur_session(discount={"name": "Spring sale", "type": "fixed"}, discount_amount=300)
    assert "Discount (Spring sale)" in rows_by_label(current)


def test_seats_row_only_for_seat_sessions() -> None:
    assert "Seats" not in rows_by_label(eur_session())
    assert rows_by_label(eur_session(seats=5))["Seats"].value == "5"


def test_expired_session_rows() -> None:
    current = eur_session(status="expired", expires_at=(NOW - timedelta(minutes=1)).isoformat())
    rows = rows_by_label(current)
    assert rows["Expires"].value == "expired"
    assert rows["Status"].value == "expired"


def test_missing_seller_and_amounts_show_dashes() -> None:
    rows = rows_by_label(session(currency="usd"))
    assert rows["Seller"].value == "—"
    assert rows["Product"].value == "—"
    assert rows["Subtotal"].value == "—"
    assert rows["Total"].value == "—"


def test_placeholder_currency_of_the_2024_example_is_never_shown_as_a_code() -> None:
    current = session(
        currency="string",
        amount=4900,
        net_amount=4900,
        tax_amount=0,
        total_amount=4900,
        product_price={"amount_type": "fixed", "price_amount": 4900, "price_currency": "string"},
    )
    rows = rows_by_label(current)
    assert [rows[label].value for label in ("Price", "Subtotal", "Tax", "Total")] == [
        "4900 one-time",
        "4900",
        "0",
        "4900",
    ]


def test_active_trial_is_summarised() -> None:
    current = session(currency="eur", active_trial_interval="day", active_trial_interval_count=14)
    assert SummaryRow("Trial", "14 days free") in summary_rows(current, NOW_FOR_TRIAL)


def test_no_trial_row_without_a_trial() -> None:
    labels = [row.label for row in summary_rows(session(currency="eur"), NOW_FOR_TRIAL)]
    assert "Trial" not in labels


NOW_FOR_TRIAL = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
