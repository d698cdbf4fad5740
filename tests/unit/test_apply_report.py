"""What apply prints: values as text, totals as the summary words them, and secrets masked
everywhere, JSON included."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from tui.apply.plan import Change, Problem
from tui.apply.report import (
    change_line,
    json_text,
    problem_lines,
    safe,
    totals_lines,
    value_text,
)
from tui.polar.models import CheckoutPublic
from tui.polar.secret import redact_data

SECRET = "polar_c_" + "Q7wErTy9UiOp2AsDfGh3JkLzXcVbNm4QwErTyUiOpA5"
OTHER = "polar_c_" + "Z" * 43
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, "—"),
        ("", "—"),
        ("Ada", '"Ada"'),
        ('say "hi"', '"say \\"hi\\""'),
        ("Zoë", '"Zoë"'),
        (True, "true"),
        (False, "false"),
        (6, "6"),
        ("\x1b[31mred", '"\\u001b[31mred"'),
        ("a\x9bb", '"a\\u009bb"'),
    ],
)
def test_values_read_as_text(value: Any, text: str) -> None:
    assert value_text(value) == text


def test_a_change_line_says_old_and_new() -> None:
    assert change_line(Change("customer_email", None, "ada@example.com")) == (
        'customer_email: — → "ada@example.com"'
    )
    assert change_line(Change("line1", "1 Main St", None)) == 'line1: "1 Main St" → —'
    assert change_line(Change("is_business_customer", False, True)) == (
        "is_business_customer: false → true"
    )


def test_problems_name_their_field_then_the_rest_follow() -> None:
    lines = problem_lines([Problem("state", "Invalid US state.")], ["locale: Bad locale."])
    assert lines == ["state: Invalid US state.", "locale: Bad locale."]


def test_safe_text_masks_secrets_and_replaces_controls() -> None:
    text = f"see https://polar.sh/checkout/{SECRET} and {OTHER}\x1b[2J"
    assert safe(text, SECRET) == (
        "see https://polar.sh/checkout/polar_c_…OpA5 and polar_c_…ZZZZ\ufffd[2J"
    )


def test_totals_as_the_summary_words_them() -> None:
    session = CheckoutPublic.model_validate(
        {
            "currency": "usd",
            "amount": 4900,
            "discount": {
                "code": "LAUNCH",
                "name": "Launch",
                "type": "percentage",
                "basis_points": 1000,
            },
            "discount_amount": 490,
            "net_amount": 4410,
            "tax_amount": 882,
            "tax_behavior": "exclusive",
            "total_amount": 5292,
        }
    )
    assert totals_lines(session, NOW) == [
        "Subtotal $49.00",
        "LAUNCH \u221210\u00a0% \u2212$4.90",
        "Tax $8.82",
        "Total $52.92",
    ]


def test_totals_before_tax_is_known() -> None:
    session = CheckoutPublic.model_validate(
        {"currency": "eur", "amount": 1200, "net_amount": 1200, "total_amount": 1200}
    )
    assert totals_lines(session, NOW) == [
        "Subtotal €12.00",
        "Tax not calculated yet",
        "Total €12.00",
    ]


def test_every_secret_in_the_stored_session_is_masked() -> None:
    stored = {
        "client_secret": SECRET,
        "url": f"https://polar.sh/checkout/{SECRET}",
        "success_url": f"https://shop.example/thanks?checkout={SECRET}&x=1",
        "payment_processor_metadata": {
            "publishable_key": "pk_live_51Hx",
            "customer_session_client_secret": "cuss_secret_Qx7wErTy9UiOp2AsDfGh",
        },
        "products": [{"name": f"mentions {OTHER}", "prices": [{"price_amount": 4900}]}],
        "amount": 4900,
        "customer_name": None,
    }
    assert redact_data(stored, SECRET) == {
        "client_secret": "polar_c_…OpA5",
        "url": "https://polar.sh/checkout/polar_c_…OpA5",
        "success_url": "https://shop.example/thanks?checkout=polar_c_…OpA5&x=1",
        "payment_processor_metadata": {
            "publishable_key": "pk_live_51Hx",
            "customer_session_client_secret": "cuss_secret_…",
        },
        "products": [{"name": "mentions polar_c_…ZZZZ", "prices": [{"price_amount": 4900}]}],
        "amount": 4900,
        "customer_name": None,
    }


def test_json_text_is_valid_json_a_terminal_shows_as_is() -> None:
    data = {"name": "Zoë \x85 \x7f", "n": 1}
    text = json_text(data)
    assert "\x85" not in text
    assert "\x7f" not in text
    assert "Zoë" in text
    assert json.loads(text) == data
