"""An amount typed in currency units, as the session's locale writes it, read as minor units.

The rules, in order:

1. The text is NFKC-normalised, so fullwidth digits (U+FF10-U+FF19) and signs ("￥") and
   no-break spaces (fr "1 500,00") read as their plain forms; bidi marks (ar) are dropped.
2. The currency may stand before or after the number, with or without a space: its symbol
   in the session's locale or in English ("￥", "¥", "CA$", "€"), that symbol's bare sign
   ("$" for CA$), or its ISO code ("EUR", any case). Another currency's sign is refused.
3. The number is read with the first of these conventions that fits it: the locale's own
   (decimal mark and grouping, including en-IN's 1,23,456), then "1,500.00", then
   "1.500,00". A group separator fits only between whole groups of three digits (the
   locale's own group sizes for the locale's convention), and a decimal mark appears at
   most once, after every group separator.
   So an ambiguous "1,500" is what the locale says it is: 1500 in en, 1.5 in de; "1.500"
   is 1500 in de and 1.5 in en. Text the locale cannot read but the other convention can
   is read that way: "15.50" in de is 15.50 (a dot between "15" and "50" cannot group
   thousands), "1,500.00" in de is 1500.00.
4. Decimals beyond the currency's (2, or 0 for Polar's zero-decimal currencies) are
   refused unless they are zeros: "15.505" USD and "4.8" JPY are refused, "1,500" in de
   (1.50 €) and "4800.00" JPY are accepted. A reading that has too many decimals is
   refused outright; another convention is never tried for it.
5. No sign, exponent or other text: "-5", "1e3" and "15 dollars" are refused. At most
   15 whole digits, which is far beyond any amount Polar accepts.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from babel import Locale
from babel.numbers import get_currency_symbol, get_decimal_symbol, get_group_symbol

from tui.domain.locales import DEFAULT_LOCALE, resolve_locale
from tui.domain.money import amount_input_text, currency_digits

MAX_WHOLE_DIGITS = 15
_Convention = tuple[str, str, tuple[int, int]]
"""A decimal mark, a group separator, and the primary and secondary group sizes."""


class AmountError(ValueError):
    """Typed text that is not an amount of the currency; the message says what to type."""


def parse_amount(text: str, currency: str, locale: str | None = DEFAULT_LOCALE) -> int:
    """The amount typed, in minor units of `currency` (`"15.50", "usd"` -> 1550; `"1.500,00",
    "eur", "de"` -> 150000; `"￥4,800", "jpy", "ja"` -> 4800), by the rules above. Empty
    text is refused too: a caller with an optional amount checks for it first. Raises
    `AmountError`, whose message shows what to type in the locale's own format."""
    tag = resolve_locale(locale)
    code = currency.upper()
    number = _without_currency(_plain(text).strip(), code, tag)
    read = next(
        (found for rule in _conventions(tag) if (found := _read(number, rule)) is not None), None
    )
    if read is None or len(read[0]) > MAX_WHOLE_DIGITS:
        raise AmountError(f"Type an amount such as {_example(code, tag)}")
    whole, fraction = read
    digits = currency_digits(code)
    if fraction[digits:].strip("0"):
        has = "no decimals" if digits == 0 else f"{digits} decimals at most"
        raise AmountError(f"{code} has {has}: type an amount such as {_example(code, tag)}")
    return int(whole + fraction[:digits].ljust(digits, "0"))


def _plain(text: str) -> str:
    """Compatibility forms folded (fullwidth, no-break spaces), bidi marks dropped, and
    de-CH's U+2019 as people type it: '."""
    kept = "".join(char for char in text if unicodedata.category(char) != "Cf")
    return unicodedata.normalize("NFKC", kept).replace("\u2019", "'")


def _example(code: str, tag: str) -> str:
    return amount_input_text(1550 if currency_digits(code) else 1500, code, tag)


@cache
def _currency_marks(code: str, tag: str) -> tuple[str, ...]:
    """What may stand for the currency beside the number, longest first, case-folded."""
    symbols = {get_currency_symbol(code, tag), get_currency_symbol(code, "en"), code}
    marks = {_plain(symbol).casefold() for symbol in symbols}
    marks |= {mark[-1] for mark in marks if unicodedata.category(mark[-1]) == "Sc"}
    return tuple(sorted(marks, key=len, reverse=True))


def _without_currency(text: str, code: str, tag: str) -> str:
    folded = text.casefold()
    for mark in _currency_marks(code, tag):
        if folded.startswith(mark):
            return folded[len(mark) :].strip()
        if folded.endswith(mark):
            return folded[: -len(mark)].strip()
    return folded


@cache
def _conventions(tag: str) -> tuple[_Convention, ...]:
    """The locale's own way of writing numbers, then the two common ones."""
    grouping = Locale.parse(tag).decimal_formats[None].grouping
    own = (_plain(get_decimal_symbol(tag)), _plain(get_group_symbol(tag)), grouping)
    common: list[_Convention] = [(".", ",", (3, 3)), (",", ".", (3, 3))]
    return tuple(dict.fromkeys([own, *common]))


def _read(number: str, convention: _Convention) -> tuple[str, str] | None:
    """The whole digits and the decimals, if the number is written in this convention."""
    decimal, group, (primary, secondary) = convention
    whole, mark, fraction = number.partition(decimal)
    if mark and not _digits(fraction):
        return None
    groups = whole.split(group) if whole or not mark else ["0"]
    if not all(_digits(part) for part in groups):
        return None
    if len(groups) > 1:
        inner = groups[1:-1]
        if len(groups[-1]) != primary or any(len(part) != secondary for part in inner):
            return None
        if len(groups[0]) > secondary:
            return None
    return "".join(groups), fraction


def _digits(text: str) -> bool:
    return text.isascii() and text.isdecimal()
