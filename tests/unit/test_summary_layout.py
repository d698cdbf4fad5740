"""The summary laid out in terminal cells: values right-aligned, long text wrapped, wide
characters counted as the two cells they take."""

from __future__ import annotations

import pytest

from tui.domain.locales import cell_width
from tui.domain.summary import SummaryRow, SummarySection
from tui.domain.summary_layout import Line, lay_out, wrap

NBSP = "\u00a0"
YEN = "\uffe5"


def drawn(line: Line) -> str:
    return f"{line.label}{' ' * line.gap}{line.value}"


def lines(*rows: SummaryRow, width: int = 20, title: str = "Amounts") -> list[str]:
    return [drawn(line) for line in lay_out([SummarySection(title, rows)], width)]


def test_a_value_sits_right_aligned_beside_its_label() -> None:
    assert lines(SummaryRow("Subtotal", "$49.00"), SummaryRow("Total", "$52.92", "total")) == [
        "Amounts",
        "Subtotal      $49.00",
        "Total         $52.92",
    ]


def test_a_fullwidth_yen_sign_takes_two_cells_and_stays_aligned() -> None:
    laid = lines(SummaryRow("Subtotal", f"{YEN}4,800"), SummaryRow("Tax", f"{YEN}436 included"))
    assert laid[1:] == ["Subtotal     ￥4,800", "Tax   ￥436 included"]
    assert [cell_width(line) for line in laid[1:]] == [20, 20]


def test_a_long_label_wraps_beside_a_short_value() -> None:
    row = SummaryRow(f"QUARTER25 \u221225{NBSP}% for 3 months", "\u2212€3.00", "discount")
    assert lines(row)[1:] == [
        "QUARTER25     \u2212€3.00",
        f"\u221225{NBSP}% for 3",
        "months",
    ]


def test_a_long_value_goes_under_its_label_indented() -> None:
    row = SummaryRow("Trial", "14 days free, then €12.00 / month from Dec 8, 2026")
    assert lines(row)[1:] == [
        "Trial",
        "  14 days free, then",
        "  €12.00 / month",
        "  from Dec 8, 2026",
    ]


def test_paragraphs_wrap_and_keep_one_blank_line_between_them() -> None:
    text = "Every plug-in and update\n\n\n\twhile you subscribe.\n"
    assert lines(SummaryRow("", text, "text"))[1:] == [
        "Every plug-in and",
        "update",
        "",
        "while you subscribe.",
    ]


def test_bullets_hang_their_wrapped_lines() -> None:
    row = SummaryRow("", "Installers for macOS, Windows and Linux", "item")
    assert lines(SummaryRow("Benefits"), row)[1:] == [
        "Benefits",
        "• Installers for",
        "  macOS, Windows and",
        "  Linux",
    ]


def test_sections_are_titled_and_set_apart() -> None:
    laid = lay_out(
        [
            SummarySection("Session", (SummaryRow("Status", "open"),)),
            SummarySection("Saved", (SummaryRow("Name", "(not saved)", "placeholder"),)),
        ],
        20,
    )
    assert [(drawn(line), line.kind) for line in laid] == [
        ("Session", "heading"),
        ("Status          open", ""),
        ("", ""),
        ("Saved", "heading"),
        ("Name     (not saved)", "placeholder"),
    ]


def test_server_text_is_made_printable_on_one_line() -> None:
    assert lines(SummaryRow("Seller", "Acme\x1b[2J\tLabs\nInc"), width=30)[1] == (
        "Seller       Acme\ufffd[2J Labs Inc"
    )


@pytest.mark.parametrize(
    ("text", "width", "wrapped"),
    [
        ("a b c", 3, ["a b", "c"]),
        (f"12,00{NBSP}€ / month", 8, [f"12,00{NBSP}€", "/ month"]),  # never inside an amount
        ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
        ("京都で録音した琴", 6, ["京都で", "録音し", "た琴"]),
        ("", 5, []),
    ],
)
def test_wrap(text: str, width: int, wrapped: list[str]) -> None:
    assert wrap(text, width) == wrapped
