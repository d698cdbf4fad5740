"""Amounts typed in currency units, as the locale writes them, read as minor units."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.domain.amount_input import AmountError, parse_amount
from tui.domain.money import amount_input_text, format_money


@pytest.mark.parametrize(
    ("text", "currency", "locale", "minor"),
    [
        # USD, en-US
        ("15", "usd", "en-US", 1500),
        ("15.50", "usd", "en-US", 1550),
        ("15.5", "usd", "en-US", 1550),
        (" 0 ", "usd", "en-US", 0),
        ("1,500.00", "usd", "en-US", 150000),
        ("1,500", "usd", "en-US", 150000),  # the locale's reading: a thousands separator
        ("1.500", "usd", "en-US", 150),  # the locale's reading: a decimal point
        ("12,50", "usd", "en-US", 1250),  # "," cannot group "50": read as the decimal mark
        ("1.500,00", "usd", "en-US", 150000),  # only the other convention reads it
        ("1234,500", "usd", "en-US", 123450),  # no group has four digits: "," is a decimal mark
        ("$15.50", "usd", "en-US", 1550),
        ("15.50 USD", "usd", "en-US", 1550),
        ("usd15", "usd", "en-US", 1500),
        (".50", "usd", "en-US", 50),
        ("15.500", "usd", "en-US", 1550),  # decimals beyond the cents are zeros
        # EUR, de-DE
        ("15", "eur", "de-DE", 1500),
        ("15,50", "eur", "de-DE", 1550),
        ("1.500,00", "eur", "de-DE", 150000),
        ("1.500", "eur", "de-DE", 150000),  # the locale's reading: a thousands separator
        ("1,500", "eur", "de-DE", 150),  # the locale's reading: 1,5 €
        ("15.50", "eur", "de-DE", 1550),  # "." cannot group "50": read as the decimal mark
        ("1,500.00", "eur", "de-DE", 150000),
        ("15,50 €", "eur", "de-DE", 1550),
        ("15,50\u00a0€", "eur", "de-DE", 1550),
        ("EUR 15", "eur", "de-DE", 1500),
        # JPY, ja
        ("4800", "jpy", "ja", 4800),
        ("4,800", "jpy", "ja", 4800),
        ("￥4,800", "jpy", "ja", 4800),
        ("¥4,800", "jpy", "ja", 4800),
        ("\uff14\uff18\uff10\uff10", "jpy", "ja", 4800),  # fullwidth, as a ja input method types
        ("4800.00", "jpy", "ja", 4800),
        # CAD, en-US
        ("CA$12", "cad", "en-US", 1200),
        ("$12", "cad", "en-US", 1200),
        ("12 CAD", "cad", "en-US", 1200),
        # KRW, ko
        ("5,000", "krw", "ko", 5000),
        ("₩5,000", "krw", "ko", 5000),
        ("￦5000", "krw", "ko", 5000),
        # locales with other separators and group sizes
        ("1\u202f500,00\u00a0€", "eur", "fr", 150000),
        ("1 500,00", "eur", "fr", 150000),
        ("1'234.50", "chf", "de-CH", 123450),
        ("CHF 1\u2019234.50", "chf", "de-CH", 123450),
        ("1,23,456.50", "inr", "en-IN", 12345650),
        ("R$ 12,00", "brl", "pt-BR", 1200),
        ("15.50", "usd", None, 1550),
    ],
)
def test_parse_amount(text: str, currency: str, locale: str | None, minor: int) -> None:
    assert parse_amount(text, currency, locale) == minor


@pytest.mark.parametrize(
    ("text", "currency", "locale", "message"),
    [
        ("", "usd", "en-US", "Type an amount such as 15.50"),
        ("fifteen", "usd", "en-US", "Type an amount such as 15.50"),
        ("-5", "usd", "en-US", "Type an amount such as 15.50"),
        ("1e3", "usd", "en-US", "Type an amount such as 15.50"),
        ("15.", "usd", "en-US", "Type an amount such as 15.50"),
        ("1,,500", "usd", "en-US", "Type an amount such as 15.50"),
        ("1,500,50", "usd", "en-US", "Type an amount such as 15.50"),
        ("1 500", "usd", "en-US", "Type an amount such as 15.50"),
        ("€15", "usd", "en-US", "Type an amount such as 15.50"),  # another currency's sign
        ("15 dollars", "usd", "en-US", "Type an amount such as 15.50"),
        ("9" * 16, "usd", "en-US", "Type an amount such as 15.50"),
        ("٤٨", "usd", "en-US", "Type an amount such as 15.50"),
        ("abc", "eur", "de-DE", "Type an amount such as 15,50"),
        ("15.505", "usd", "en-US", "USD has 2 decimals at most: type an amount such as 15.50"),
        ("15,505", "eur", "de", "EUR has 2 decimals at most: type an amount such as 15,50"),
        ("4.8", "jpy", "ja", "JPY has no decimals: type an amount such as 1,500"),
        ("4.800", "jpy", "ja", "JPY has no decimals: type an amount such as 1,500"),
        ("4,8", "jpy", "de", "JPY has no decimals: type an amount such as 1.500"),
        ("50.5", "krw", "ko", "KRW has no decimals: type an amount such as 1,500"),
        ("x", "krw", "ko", "Type an amount such as 1,500"),
    ],
)
def test_unreadable_amounts_say_what_to_type(
    text: str, currency: str, locale: str, message: str
) -> None:
    with pytest.raises(AmountError) as raised:
        parse_amount(text, currency, locale)
    assert str(raised.value) == message


LOCALES = ["en-US", "de-DE", "ja", "ko", "fr", "de-CH", "en-IN", "pt-BR", "es", "ar"]


@given(
    amount=st.integers(min_value=0, max_value=10**14),
    currency=st.sampled_from(["usd", "eur", "jpy", "krw", "cad", "chf", "inr"]),
    locale=st.sampled_from(LOCALES),
)
def test_what_the_app_writes_it_reads_back(amount: int, currency: str, locale: str) -> None:
    assert parse_amount(amount_input_text(amount, currency, locale), currency, locale) == amount
    assert parse_amount(format_money(amount, currency, locale), currency, locale) == amount
