"""Money in a currency's minor units, turned into text people read in the session's locale.

Symbols, grouping and separators come from CLDR through babel (en_US "CA$12.00" and
"A$12.00" beside "$12.00", de "12,00 €", ja "￥4,800"); the minor unit comes from Polar's
own zero-decimal list, which differs from CLDR for ISK and UGX.
"""

from __future__ import annotations

import copy
from decimal import Decimal, localcontext
from functools import cache
from typing import Literal

from babel import Locale
from babel.numbers import NumberPattern

from tui.domain.locales import DEFAULT_LOCALE, resolve_locale

_Kind = Literal["currency", "decimal"]

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


def minor_unit_factor(currency: str) -> int:
    return 1 if currency.lower() in ZERO_DECIMAL_CURRENCIES else 100


def currency_digits(currency: str) -> int:
    """Decimals an amount of the currency has as Polar counts them: 0 or 2."""
    return 0 if minor_unit_factor(currency) == 1 else 2


def to_major(amount: int, currency: str) -> Decimal:
    return Decimal(amount) / minor_unit_factor(currency)


@cache
def _pattern(locale: str, digits: int, kind: _Kind) -> tuple[Locale, NumberPattern]:
    """The locale's currency or plain-number pattern, with exactly `digits` decimals."""
    parsed = Locale.parse(locale)
    formats = parsed.currency_formats if kind == "currency" else parsed.decimal_formats
    pattern = copy.copy(formats["standard" if kind == "currency" else None])
    pattern.frac_prec = (digits, digits)
    return parsed, pattern


def _apply(amount: int, currency: str, locale: str | None, kind: _Kind) -> str:
    """Minor units through the locale's pattern; exact for any integer the server sends."""
    digits = currency_digits(currency)
    parsed, pattern = _pattern(resolve_locale(locale), digits, kind)
    with localcontext() as context:
        context.prec = max(28, len(str(abs(amount))) + digits + 2)
        text: str = pattern.apply(
            to_major(amount, currency), parsed, currency=currency.upper(), currency_digits=False
        )
    return text


def format_money(amount: int, currency: str, locale: str | None = DEFAULT_LOCALE) -> str:
    """`1050, "usd"` -> "$10.50"; `80, "jpy"` -> "¥80"; `1200, "eur", "de-DE"` -> "12,00 €"
    (a no-break space before €). The locale is Polar's tag or babel's; None or an unknown
    tag means en_US."""
    return _apply(amount, currency, locale, "currency")


def amount_input_text(amount: int, currency: str, locale: str | None = DEFAULT_LOCALE) -> str:
    """Minor units as the amount field shows them: the locale's number with the currency's
    decimals and no symbol, which `parse_amount` reads back (de "1.500,00", ja "4,800")."""
    return _apply(amount, currency, locale, "decimal")


def usable_currency(code: str | None) -> str | None:
    """A usable ISO 4217 code, or None for the 2024 examples' placeholder "string"."""
    return code if code and len(code) == 3 and code.isalpha() else None


def money_text(amount: int, currency: str | None, locale: str | None = DEFAULT_LOCALE) -> str:
    """The amount in its currency and the locale; with no usable currency, the bare number
    as sent (a guessed symbol would be a lie)."""
    code = usable_currency(currency)
    return format_money(amount, code, locale) if code else str(amount)


def recurring_suffix(interval: str, count: int | None = 1) -> str:
    """What follows a recurring total, in English: "/ month", or "every 3 months" when a
    period spans several intervals (`day`, `week`, `month`, `year`, as Polar names them)."""
    return f"every {count} {interval}s" if count and count > 1 else f"/ {interval}"
