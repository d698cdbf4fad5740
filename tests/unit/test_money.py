"""Money in minor units, shown as people read it (en_US)."""

from __future__ import annotations

import pytest

from tui.domain.money import ZERO_DECIMAL_CURRENCIES, format_money, minor_unit_factor

POLARS_ZERO_DECIMAL = {
    *("bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga"),
    *("pyg", "rwf", "vnd", "vuv", "xaf", "xof", "xpf"),
}


@pytest.mark.parametrize(
    ("amount", "currency", "text"),
    [
        (1050, "usd", "$10.50"),
        (1050, "USD", "$10.50"),
        (0, "usd", "$0.00"),
        (5, "usd", "$0.05"),
        (123456789, "usd", "$1,234,567.89"),
        (80, "jpy", "¥80"),
        (123456, "jpy", "¥123,456"),
        (50, "eur", "€0.50"),
        (1000, "gbp", "£10.00"),
        (5000, "krw", "₩5,000"),
        (999, "clp", "CLP999"),
        # CLDR says ISK and UGX have no decimals; Polar counts them in hundredths.
        (12345, "isk", "ISK123.45"),
        (12345, "ugx", "UGX123.45"),
        (-1050, "usd", "-$10.50"),
        (-80, "jpy", "-¥80"),
    ],
)
def test_format_money(amount: int, currency: str, text: str) -> None:
    assert format_money(amount, currency) == text


def test_zero_decimal_list_is_polars() -> None:
    assert set(ZERO_DECIMAL_CURRENCIES) == POLARS_ZERO_DECIMAL


@pytest.mark.parametrize("currency", sorted(POLARS_ZERO_DECIMAL))
def test_zero_decimal_currencies_have_factor_1(currency: str) -> None:
    assert minor_unit_factor(currency) == 1
    assert minor_unit_factor(currency.upper()) == 1


@pytest.mark.parametrize("currency", ["usd", "eur", "gbp", "chf", "isk", "ugx", "inr", "EUR"])
def test_other_currencies_have_factor_100(currency: str) -> None:
    assert minor_unit_factor(currency) == 100


@pytest.mark.parametrize("amount", [10**30, -(10**60), 2**63 * 100])
def test_any_integer_the_server_sends_is_formatted(amount: int) -> None:
    text = format_money(amount, "usd")
    assert text.replace("-", "").startswith("$")
    assert text.endswith(".00")
