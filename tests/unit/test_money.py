"""Money in minor units, shown as people read it: en_US by default, or the session's locale.

Every expected string is written by hand from CLDR's patterns and symbols (de puts the
symbol after a no-break space; ja writes the fullwidth yen sign; ko and en disambiguate
dollars as US$, CA$, A$ where the plain "$" would mean something else)."""

from __future__ import annotations

import pytest

from tui.domain.money import (
    ZERO_DECIMAL_CURRENCIES,
    amount_input_text,
    format_money,
    minor_unit_factor,
    money_text,
    recurring_suffix,
)

NBSP = "\u00a0"

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


@pytest.mark.parametrize(
    ("amount", "currency", "locale", "text"),
    [
        # USD, en-US
        (1200, "usd", "en-US", "$12.00"),
        (123456789, "usd", "en-US", "$1,234,567.89"),
        (-1050, "usd", "en-US", "-$10.50"),
        # CAD and AUD in en-US: CLDR's symbols tell them from US dollars
        (1200, "cad", "en-US", "CA$12.00"),
        (123456, "cad", "en-US", "CA$1,234.56"),
        (1200, "aud", "en-US", "A$12.00"),
        # EUR, de-DE: decimal comma, dot groups, the symbol after a no-break space
        (1200, "eur", "de-DE", f"12,00{NBSP}€"),
        (123456, "eur", "de-DE", f"1.234,56{NBSP}€"),
        (-1200, "eur", "de-DE", f"-12,00{NBSP}€"),
        (1200, "usd", "de-DE", f"12,00{NBSP}$"),
        # JPY, ja: the fullwidth yen sign, no decimals
        (4800, "jpy", "ja", "￥4,800"),
        (1234567, "jpy", "ja", "￥1,234,567"),
        (-4800, "jpy", "ja", "-￥4,800"),
        (1200, "usd", "ja", "$12.00"),
        # KRW, ko: no decimals
        (5000, "krw", "ko", "₩5,000"),
        (1234567, "krw", "ko", "₩1,234,567"),
        (1200, "usd", "ko", "US$12.00"),
        # Polar's minor units, whatever CLDR says about ISK
        (12345, "isk", "de", f"123,45{NBSP}ISK"),
        (1200, "brl", "pt-BR", f"R${NBSP}12,00"),
        (1200, "eur", "en-US", "€12.00"),
        (4800, "jpy", "en-US", "¥4,800"),
    ],
)
def test_format_money_in_a_locale(amount: int, currency: str, locale: str, text: str) -> None:
    assert format_money(amount, currency, locale) == text


@pytest.mark.parametrize("locale", [None, "", "string", "xx-YY", "en__US", "en-US", "en_US"])
def test_no_locale_or_a_bad_tag_means_en_us(locale: str | None) -> None:
    assert format_money(1200, "cad", locale) == "CA$12.00"
    assert format_money(123456, "usd", locale) == "$1,234.56"


def test_polar_and_babel_spellings_of_a_tag_agree() -> None:
    assert format_money(1200, "brl", "pt-BR") == format_money(1200, "brl", "pt_BR")
    assert format_money(1200, "eur", "de") == f"12,00{NBSP}€"


def test_polars_english_messages_keep_en_us_by_default() -> None:
    """The emulator's "Amount must be 0 or at least $0.50." calls `format_money(floor, cur)`."""
    assert format_money(50, "usd") == "$0.50"
    assert format_money(50, "eur") == "€0.50"
    assert format_money(99999999, "usd") == "$999,999.99"


@pytest.mark.parametrize(
    ("currency", "locale", "text"),
    [
        ("eur", "de", f"12,00{NBSP}€"),
        ("usd", None, "$12.00"),
        ("string", "de", "1200"),
        (None, "ja", "1200"),
    ],
)
def test_money_text_is_bare_without_a_usable_currency(
    currency: str | None, locale: str | None, text: str
) -> None:
    assert money_text(1200, currency, locale) == text


def test_money_text_defaults_to_en_us() -> None:
    assert money_text(1200, "cad") == "CA$12.00"


@pytest.mark.parametrize(
    ("interval", "count", "text"),
    [
        ("month", 1, "/ month"),
        ("year", None, "/ year"),
        ("month", 3, "every 3 months"),
        ("week", 2, "every 2 weeks"),
        ("day", 1, "/ day"),
    ],
)
def test_recurring_suffix(interval: str, count: int | None, text: str) -> None:
    assert recurring_suffix(interval, count) == text


@pytest.mark.parametrize(
    ("amount", "currency", "locale", "text"),
    [
        (1550, "usd", "en-US", "15.50"),
        (150000, "usd", "en-US", "1,500.00"),
        (0, "usd", None, "0.00"),
        (150000, "eur", "de-DE", "1.500,00"),
        (1550, "eur", "de", "15,50"),
        (4800, "jpy", "ja", "4,800"),
        (5000, "krw", "ko", "5,000"),
        (1200, "cad", "en-US", "12.00"),
        (12345650, "inr", "en-IN", "1,23,456.50"),
    ],
)
def test_amount_input_text_has_no_symbol(
    amount: int, currency: str, locale: str | None, text: str
) -> None:
    assert amount_input_text(amount, currency, locale) == text
