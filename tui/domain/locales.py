"""The session's locale: Polar's tag read as a babel locale, dates in it, and text widths.

Polar stores a BCP 47 tag on the session (`en`, `de`, `ja`, `pt-BR`, ...) or none; labels
stay English, while amounts, dates and separators follow the locale.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from functools import cache
from typing import Literal

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as babel_format_date

DEFAULT_LOCALE = "en_US"
"""Used when the session has no locale, or one babel does not know."""


@cache
def resolve_locale(tag: str | None) -> str:
    """Polar's tag (`pt-BR`) or babel's (`pt_BR`) as babel's identifier; en_US when the
    tag is missing, malformed or unknown to CLDR (the 2024 examples' placeholder "string")."""
    if not tag or not tag.strip():
        return DEFAULT_LOCALE
    try:
        return str(Locale.parse(tag.strip().replace("-", "_")))
    except (ValueError, UnknownLocaleError):
        return DEFAULT_LOCALE


def format_date(
    day: date, locale: str | None = DEFAULT_LOCALE, length: Literal["medium", "short"] = "medium"
) -> str:
    """A calendar date as the locale writes it: en_US medium "Feb 28, 2027", en_GB
    "28 Feb 2027", de "28.02.2027", ja "2027/02/28". A datetime gives its own date, as is
    (convert it to the customer's time zone first if that matters)."""
    text: str = babel_format_date(day, format=length, locale=resolve_locale(locale))
    return text


def cell_width(text: str) -> int:
    """How many terminal cells the text takes: East Asian wide and fullwidth characters
    (ja "￥", CJK) take two; combining marks and format characters (the bidi marks some
    locales put in amounts) take none; everything else one. Ambiguous-width characters
    count as one, as terminals and Rich count them."""
    return sum(_char_width(char) for char in text)


def _char_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
