"""Money in minor units, shown as people read it (en_US)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tui.domain.money import ZERO_DECIMAL_CURRENCIES, format_money, minor_unit_factor, to_minor

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


@pytest.mark.parametrize(
    ("value", "currency", "minor"),
    [
        ("10.50", "usd", 1050),
        ("10.5", "usd", 1050),
        ("0", "usd", 0),
        ("0.01", "eur", 1),
        ("80", "jpy", 80),
        ("123.45", "isk", 12345),
        ("5000", "krw", 5000),
    ],
)
def test_to_minor(value: str, currency: str, minor: int) -> None:
    assert to_minor(Decimal(value), currency) == minor


@pytest.mark.parametrize(
    ("value", "currency", "message"),
    [
        ("10.505", "usd", "USD amounts take at most 2 decimals"),
        ("0.001", "eur", "EUR amounts take at most 2 decimals"),
        ("80.5", "jpy", "JPY amounts take at most 0 decimals"),
    ],
)
def test_to_minor_refuses_too_many_decimals(value: str, currency: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        to_minor(Decimal(value), currency)
