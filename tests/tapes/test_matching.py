"""How a tape compares: text on screen row by row, and stored values by their JSON."""

from __future__ import annotations

import pytest

from tui.tapes.matching import on_screen, stored_value

ROWS = [
    " Total $49.00  ·  59:59 left  ·  open",
    "│ Tax\u00a0ID            DE 136\u202f695 976 │",
]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Total $49.00 · 59:59 left", True),
        ("Total  $49.00", True),
        ("Tax ID DE 136 695 976", True),
        ("Tax\u00a0ID", True),
        ("total", False),
        ("open\nTax", False),
        ("59:59 left · open Tax", False),
    ],
)
def test_text_on_screen_stands_within_one_row_spaces_squeezed(text: str, shown: bool) -> None:
    assert on_screen(text, ROWS) is shown


SESSION = {
    "customer_email": "ada@example.com",
    "tax_amount": 0,
    "is_business_customer": True,
    "customer_billing_address": {"country": "DE", "city": None},
    "products": [{"name": "Pro", "prices": [{"price_amount": 4900}]}],
    "discount": None,
    "note": "München",
}


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("customer_email", "ada@example.com"),
        ("tax_amount", "0"),
        ("is_business_customer", "true"),
        ("customer_billing_address.country", "DE"),
        ("customer_billing_address", '{"city":null,"country":"DE"}'),
        ("products.0.name", "Pro"),
        ("products.0.prices.0.price_amount", "4900"),
        ("products.1.name", "null"),
        ("products.x", "null"),
        ("discount.code", "null"),
        ("nothing", "null"),
        ("note", "München"),
        ("customer_billing_address.city", "null"),
    ],
)
def test_stored_values_compare_as_text_or_compact_json(path: str, value: str) -> None:
    assert stored_value(SESSION, path) == value


def test_compact_json_keeps_non_ascii() -> None:
    assert stored_value({"a": {"city": "Zürich"}}, "a") == '{"city":"Zürich"}'
