"""The session's locale tag, dates written in it, and how wide text is on a terminal."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Literal

import pytest

from tui.domain.locales import cell_width, format_date, resolve_locale

TRIAL_END = date(2027, 2, 28)


@pytest.mark.parametrize(
    ("tag", "resolved"),
    [
        ("en", "en"),
        ("de", "de"),
        ("ja", "ja"),
        ("pt-BR", "pt_BR"),
        ("pt_BR", "pt_BR"),
        ("de-de", "de_DE"),
        (" ko ", "ko"),
        (None, "en_US"),
        ("", "en_US"),
        ("string", "en_US"),
        ("xx", "en_US"),
        ("en--US", "en_US"),
    ],
)
def test_resolve_locale(tag: str | None, resolved: str) -> None:
    assert resolve_locale(tag) == resolved


@pytest.mark.parametrize(
    ("locale", "length", "text"),
    [
        ("en-US", "medium", "Feb 28, 2027"),
        ("en-US", "short", "2/28/27"),
        (None, "medium", "Feb 28, 2027"),
        ("en-GB", "medium", "28 Feb 2027"),
        ("de-DE", "medium", "28.02.2027"),
        ("de-DE", "short", "28.02.27"),
        ("ja", "medium", "2027/02/28"),
        ("ko", "medium", "2027. 2. 28."),
    ],
)
def test_format_date(locale: str | None, length: Literal["medium", "short"], text: str) -> None:
    assert format_date(TRIAL_END, locale, length) == text


def test_a_datetime_shows_its_own_date() -> None:
    assert format_date(datetime(2026, 12, 13, 23, 30, tzinfo=UTC), "en-GB") == "13 Dec 2026"


@pytest.mark.parametrize(
    ("text", "cells"),
    [
        ("", 0),
        ("$12.00", 6),
        ("CA$12.00", 8),
        ("12,00\u00a0€", 7),
        ("￥4,800", 7),  # the fullwidth yen sign takes two cells
        ("¥4,800", 6),
        ("₩5,000", 6),  # the won sign is halfwidth
        ("日本", 4),
        ("e\u0301", 1),  # a combining accent takes no cell
        ("\u200f12\u200f", 2),  # nor do bidi marks
    ],
)
def test_cell_width(text: str, cells: int) -> None:
    assert cell_width(text) == cells
