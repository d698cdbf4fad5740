"""Text from outside is made safe and whole before it reaches the screen or a field."""

from __future__ import annotations

import pytest

from tui.domain.display import REPLACEMENT, one_line, printable


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain", "plain"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("\x1b]2;title\x07", f"{REPLACEMENT}]2;title{REPLACEMENT}"),
        ("\x9b31m", f"{REPLACEMENT}31m"),
        ("nul\x00", f"nul{REPLACEMENT}"),
    ],
)
def test_printable_neutralises_terminal_controls(raw: str, shown: str) -> None:
    assert printable(raw) == shown


def test_one_line_joins_a_pasted_address() -> None:
    assert one_line("Friedrichstraße 123\r\n\n 10117 Berlin ") == "Friedrichstraße 123 10117 Berlin"
