"""The summary pane's text, computed from the server's values.

Every expected string is written by hand: money as CLDR writes it in the locale (de puts
the symbol after a no-break space, ja writes the fullwidth yen sign), labels in English."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from tests.unit.summary_support import (
    GERMAN_BUSINESS,
    MONTHLY,
    NBSP,
    NOW,
    YEN,
    eur_session,
    pairs,
    session,
    values,
)
from tui.domain.summary import (
    NOT_SAVED,
    amount_rows,
    customer_rows,
    price_label,
    product_rows,
    purchase_rows,
    summary_sections,
    time_left,
    total_text,
)
from tui.polar.models import CheckoutPublic


def with_price(price: dict[str, Any], **product: Any) -> CheckoutPublic:
    return session(
        currency=price.get("price_currency", "usd"),
        product={"name": "Pro", "prices": [price], **product},
    )


# --- price label --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("price", "product", "label"),
    [
        ({"amount_type": "fixed", "price_amount": 4900}, {}, "$49.00 one-time"),
        (
            {"amount_type": "fixed", "price_currency": "eur", "price_amount": 1200},
            MONTHLY,
            "€12.00 / month",
        ),
        (
            {"amount_type": "fixed", "price_amount": 2500},
            {**MONTHLY, "recurring_interval_count": 3},
            "$25.00 every 3 months",
        ),
        (
            {"amount_type": "fixed", "price_currency": "jpy", "price_amount": 800},
            {},
            "¥800 one-time",
        ),
        ({"amount_type": "custom", "minimum_amount": 500}, {}, "Pay what you want (min $5.00)"),
        ({"amount_type": "free"}, {}, "Free"),
        ({"amount_type": "seat_based"}, MONTHLY, "Per seat / month"),
    ],
)
def test_price_label(price: dict[str, Any], product: dict[str, Any], label: str) -> None:
    assert price_label(with_price(price, **product)) == label


@pytest.mark.parametrize(
    ("locale", "label"),
    [
        ("de-DE", f"12,00{NBSP}€ / month"),
        ("ja", "€12.00 / month"),
        (None, "€12.00 / month"),
    ],
)
def test_price_label_in_a_locale(locale: str | None, label: str) -> None:
    price = {"amount_type": "fixed", "price_currency": "eur", "price_amount": 1200}
    assert price_label(with_price(price, **MONTHLY), locale) == label


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
        total_amount=900,
    )
    assert price_label(current) == "$9.00 / month"
    assert total_text(current) == "$9.00 / month"


# --- time left ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(hours=2, minutes=5, seconds=3), "2:05:03 left"),
        (timedelta(minutes=59, seconds=59), "59:59 left"),
        (timedelta(seconds=9), "0:09 left"),
        (timedelta(0), "expired"),
        (timedelta(days=-3), "expired"),
    ],
)
def test_time_left(delta: timedelta, text: str) -> None:
    assert time_left(NOW + delta, NOW) == text


def test_time_left_without_expiry() -> None:
    assert time_left(None, NOW) == "—"


# --- the sections ---------------------------------------------------------------------


def test_sections_of_an_exclusive_tax_session() -> None:
    sections = summary_sections(eur_session(), NOW)
    assert [(section.title, pairs(list(section.rows))) for section in sections] == [
        (
            "What you buy",
            [("Seller", "Acme Labs"), ("Product", "Pro plan"), ("Price", "€12.00 / month")],
        ),
        (
            "Amounts",
            [("Subtotal", "€12.00"), ("Tax", "€2.28"), ("Total", "€14.28 / month")],
        ),
        (
            "On file for the customer",
            [
                ("Name", NOT_SAVED),
                ("Email", NOT_SAVED),
                ("Country", NOT_SAVED),
                ("Business", "no"),
                ("Tax ID", NOT_SAVED),
            ],
        ),
        ("Session", [("Status", "open"), ("Expires", "30:00 left")]),
    ]


@pytest.mark.parametrize(
    ("currency", "locale", "product", "amounts", "expected"),
    [
        (
            "usd",
            "en-US",
            MONTHLY,
            (123456, 10185, "exclusive"),
            ("$1,234.56", "$101.85", "$1,336.41 / month"),
        ),
        (
            "eur",
            "de-DE",
            MONTHLY,
            (1200, 192, "inclusive"),
            (f"12,00{NBSP}€", f"1,92{NBSP}€ included", f"12,00{NBSP}€ / month"),
        ),
        (
            "jpy",
            "ja",
            {},
            (4800, 436, "inclusive"),
            (f"{YEN}4,800", f"{YEN}436 included", f"{YEN}4,800"),
        ),
        (
            "cad",
            "en-US",
            {**MONTHLY, "recurring_interval_count": 3},
            (2500, 125, "exclusive"),
            ("CA$25.00", "CA$1.25", "CA$26.25 every 3 months"),
        ),
        (
            "krw",
            "ko",
            {"is_recurring": True, "recurring_interval": "year"},
            (1234567, 123457, "exclusive"),
            ("₩1,234,567", "₩123,457", "₩1,358,024 / year"),
        ),
    ],
    ids=["usd-en-US", "eur-de-DE", "jpy-ja", "cad-en-US", "krw-ko"],
)
def test_amounts_in_the_locale(
    currency: str,
    locale: str,
    product: dict[str, Any],
    amounts: tuple[int, int, str],
    expected: tuple[str, str, str],
) -> None:
    amount, tax, behavior = amounts
    inclusive = behavior == "inclusive"
    current = session(
        currency=currency,
        amount=amount,
        discount_amount=0,
        net_amount=amount - tax if inclusive else amount,
        tax_amount=tax,
        tax_behavior=behavior,
        total_amount=amount if inclusive else amount + tax,
        product={"name": "Pro", **product},
    )
    assert pairs(amount_rows(current, NOW, locale)) == [
        ("Subtotal", expected[0]),
        ("Tax", expected[1]),
        ("Total", expected[2]),
    ]


# --- tax ------------------------------------------------------------------------------


def test_tax_not_calculated_yet_when_tax_amount_is_null() -> None:
    current = eur_session(tax_amount=None, tax_behavior=None, total_amount=1200)
    assert values(current)["Tax"] == "not calculated yet"


def test_inclusive_tax_says_included() -> None:
    current = eur_session(
        net_amount=1008, tax_amount=192, tax_behavior="inclusive", total_amount=1200
    )
    assert values(current)["Tax"] == "€1.92 included"
    assert values(current)["Total"] == "€12.00 / month"


def test_zero_tax_for_a_business_with_a_tax_id_is_a_reverse_charge() -> None:
    current = eur_session(
        tax_amount=0, tax_behavior="inclusive", total_amount=1200, **GERMAN_BUSINESS
    )
    assert values(current)["Tax"] == "€0.00 reverse charge"


@pytest.mark.parametrize(
    "change",
    [
        {"customer_tax_id": None},  # no tax ID
        {"is_business_customer": False},  # a consumer
        {"customer_billing_address": {"country": "US", "state": "US-OR"}},  # no sales tax
        {"amount": 0, "net_amount": 0, "total_amount": 0},  # nothing to tax
    ],
    ids=["no-tax-id", "consumer", "us", "nothing-taxed"],
)
def test_other_zero_taxes_are_plain_amounts(change: dict[str, Any]) -> None:
    current = eur_session(**{"tax_amount": 0, "total_amount": 1200, **GERMAN_BUSINESS, **change})
    assert values(current)["Tax"] == "€0.00"


# --- the customer -------------------------------------------------------------------------


def test_what_the_server_saved_for_the_customer() -> None:
    current = eur_session(
        customer_name="Ada Lovelace", customer_email="ada@example.com", **GERMAN_BUSINESS
    )
    assert pairs(customer_rows(current)) == [
        ("Name", "Ada Lovelace"),
        ("Email", "ada@example.com"),
        ("Country", "Germany (DE)"),
        ("Business", "yes"),
        ("Billing name", "Analytical Engines GmbH"),
        ("Tax ID", "DE136695976"),
    ]


def test_values_not_saved_are_placeholders_no_one_takes_for_data() -> None:
    rows = customer_rows(eur_session(is_business_customer=True))
    assert [(row.label, row.value, row.kind) for row in rows if row.kind] == [
        ("Name", "(not saved)", "placeholder"),
        ("Email", "(not saved)", "placeholder"),
        ("Country", "(not saved)", "placeholder"),
        ("Billing name", "(not saved)", "placeholder"),
        ("Tax ID", "(not saved)", "placeholder"),
    ]


# --- the product --------------------------------------------------------------------------


def test_description_benefits_and_files() -> None:
    product = {
        "name": "Fieldnotes",
        "description": "Offline-first notes.",
        "benefits": [
            {"type": "license_keys", "description": "Licence key for three devices"},
            {"type": "custom", "description": ""},
        ],
        "medias": [{"name": "cover.png"}, {"name": "tour.mp4"}],
    }
    assert [(row.label, row.value, row.kind) for row in product_rows(session(product=product))] == [
        ("", "Offline-first notes.", "text"),
        ("Benefits", "", ""),
        ("", "Licence key for three devices", "item"),
        ("Files", "", ""),
        ("", "cover.png", "item"),
        ("", "tour.mp4", "item"),
    ]


def test_a_product_with_nothing_to_say_has_no_about_section() -> None:
    titles = [section.title for section in summary_sections(eur_session(), NOW)]
    assert "About the product" not in titles


# --- odd sessions -------------------------------------------------------------------------


def test_an_expired_session_says_so() -> None:
    current = eur_session(status="expired", expires_at=(NOW - timedelta(minutes=1)).isoformat())
    session_section = summary_sections(current, NOW)[-1]
    assert pairs(list(session_section.rows)) == [("Status", "expired"), ("Expires", "expired")]


def test_missing_seller_and_amounts_show_dashes() -> None:
    current = session(currency="usd")
    assert dict(pairs(purchase_rows(current))) == {"Seller": "—", "Product": "—", "Price": "—"}
    assert values(current) == {"Subtotal": "—", "Tax": "not calculated yet", "Total": "—"}


def test_placeholder_currency_of_the_2024_example_is_never_shown_as_a_code() -> None:
    current = session(
        currency="string",
        amount=4900,
        net_amount=4900,
        tax_amount=0,
        total_amount=4900,
        product_price={"amount_type": "fixed", "price_amount": 4900, "price_currency": "string"},
    )
    assert price_label(current) == "4900 one-time"
    assert values(current) == {"Subtotal": "4900", "Tax": "0", "Total": "4900"}
