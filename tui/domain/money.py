"""Money in a currency's minor units, turned into text people read."""

from __future__ import annotations

import copy
from decimal import Decimal, localcontext
from functools import cache

from babel import Locale
from babel.numbers import NumberPattern

# Polar's own list: these currencies have no minor unit (factor 1); every other has 100.
ZERO_DECIMAL_CURRENCIES = frozenset(
    [
        "bif",
        "clp",
        "djf",
        "gnf",
        "jpy",
        "kmf",
        "krw",
        "mga",
        "pyg",
        "rwf",
        "vnd",
        "vuv",
        "xaf",
        "xof",
        "xpf",
    ]
)
DEFAULT_LOCALE = "en_US"


def minor_unit_factor(currency: str) -> int:
    return 1 if currency.lower() in ZERO_DECIMAL_CURRENCIES else 100


def to_major(amount: int, currency: str) -> Decimal:
    return Decimal(amount) / minor_unit_factor(currency)


@cache
def _pattern(locale: str, digits: int) -> tuple[Locale, NumberPattern]:
    parsed = Locale.parse(locale)
    pattern = copy.copy(parsed.currency_formats["standard"])
    pattern.frac_prec = (digits, digits)
    return parsed, pattern


def format_money(amount: int, currency: str, locale: str = DEFAULT_LOCALE) -> str:
    """`1050, "usd"` -> "$10.50"; `80, "jpy"` -> "¥80". Any integer the server sends fits."""
    digits = 0 if minor_unit_factor(currency) == 1 else 2
    parsed, pattern = _pattern(locale, digits)
    with localcontext() as context:
        context.prec = max(28, len(str(abs(amount))) + digits + 2)
        text: str = pattern.apply(
            to_major(amount, currency), parsed, currency=currency.upper(), currency_digits=False
        )
    return text


def usable_currency(code: str | None) -> str | None:
    """A usable ISO 4217 code, or None for the 2024 examples' placeholder "string"."""
    return code if code and len(code) == 3 and code.isalpha() else None


def money_text(amount: int, currency: str | None) -> str:
    """The amount in its currency; with no usable currency, the bare number as sent
    (a guessed symbol would be a lie)."""
    code = usable_currency(currency)
    return format_money(amount, code) if code else str(amount)
