"""Text made to fit a width: cut with "…", columns shared out, parts joined as tightly as
needed, phrases wrapped whole. Expected values written by hand."""

from __future__ import annotations

from tui.domain.fitting import cut, join_to_fit, share_widths, wrap_phrases

YEN = "\uffe5"  # fullwidth: two cells


def test_cut_marks_where_it_cut_and_counts_cells() -> None:
    assert cut("pay-what-you-want", 17) == "pay-what-you-want"
    assert cut("pay-what-you-want", 13) == "pay-what-you…"
    assert cut("Pay what you want", 13) == "Pay what you…"
    assert cut("Pay what you want", 10) == "Pay what…"  # no space left before the "…"
    assert cut(f"{YEN}4,800", 4) == f"{YEN}4…"
    assert cut(f"{YEN}{YEN}", 2) == "…"


def test_columns_that_fit_keep_their_width_and_the_widest_are_cut_evenly() -> None:
    assert share_widths([18, 9, 29, 28], 84) == [18, 9, 29, 28]
    assert share_widths([18, 9, 29, 28], 70) == [18, 9, 22, 21]  # the widest gets the odd cell
    assert share_widths([18, 9, 29, 28], 50) == [13, 9, 14, 14]
    assert share_widths([18, 9, 29, 28], 4) == [3, 3, 3, 3]


def test_parts_are_joined_roomily_then_tightly_then_the_middle_ones_go() -> None:
    parts = ["Total $49.00", "59:52 left", "open", "live", "1 unsaved change (ctrl+s)"]
    assert join_to_fit(parts, 75) == (
        "Total $49.00  ·  59:52 left  ·  open  ·  live  ·  1 unsaved change (ctrl+s)"
    )
    assert join_to_fit(parts, 74) == (
        "Total $49.00 · 59:52 left · open · live · 1 unsaved change (ctrl+s)"
    )
    assert (
        join_to_fit(parts, 66) == "Total $49.00 · 59:52 left · open · … · 1 unsaved change (ctrl+s)"
    )
    assert join_to_fit(parts, 58) == "Total $49.00 · 59:52 left · … · 1 unsaved change (ctrl+s)"
    assert join_to_fit(parts, 44) == "Total $49.00 · … · 1 unsaved change (ctrl+s)"
    assert join_to_fit(parts, 20) == "Total $49.00 · 59:5…"


def test_a_row_breaks_between_its_phrases_and_indents_what_follows() -> None:
    row = ["◉ Pine Icons Complete", "One-time purchase", "$79.00 one-time"]
    assert wrap_phrases(row, 60) == ["◉ Pine Icons Complete · One-time purchase · $79.00 one-time"]
    assert wrap_phrases(row, 45) == [
        "◉ Pine Icons Complete · One-time purchase",
        "  $79.00 one-time",
    ]
    assert wrap_phrases(row, 38) == [
        "◉ Pine Icons Complete",
        "  One-time purchase · $79.00 one-time",
    ]
    assert wrap_phrases(row, 16) == [
        "◉ Pine Icons",
        "  Complete",
        "  One-time",
        "  purchase",
        "  $79.00",
        "  one-time",
    ]
