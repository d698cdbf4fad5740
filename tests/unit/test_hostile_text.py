"""Generated text, every Unicode category but surrogates, through the functions that make
outside text safe for the screen and the objects the widgets draw it with."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.text import Text
from textual.content import Content

from tests.fixtures.hostile import CORPUS
from tui.domain.custom_field_form import markdown_text
from tui.domain.display import one_line, printable
from tui.domain.locales import cell_width
from tui.domain.summary import SummaryRow, SummarySection
from tui.domain.summary_layout import SHOWN_CHARACTERS, lay_out, wrap

ANY_TEXT = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=300),  # every category, no surrogates
    st.lists(st.sampled_from(CORPUS[:-1]), max_size=4).map(" ".join),
)
"""Any text JSON can carry (no lone surrogates), and runs of the corpus's short strings."""
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Every C0 and C1 control but tab and newline (ESC, CSI and OSC among them)."""
LINE_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
"""As CONTROL, tab and newline too: nothing may break a one-line value."""
WIDTHS = st.integers(min_value=1, max_value=120)
PROPERTY = settings(max_examples=200, deadline=None)


@PROPERTY
@given(ANY_TEXT)
def test_printable_leaves_no_control_and_keeps_every_other_character(text: str) -> None:
    shown = printable(text)
    assert not CONTROL.search(shown)
    assert len(shown) == len(text)  # one for one: nothing hidden, nothing added
    assert cell_len(shown) >= 0
    assert cell_width(shown) <= 2 * len(shown)


@PROPERTY
@given(ANY_TEXT)
def test_widgets_draw_printable_text_as_those_characters(text: str) -> None:
    """`Content(...)` and `Text(...)` of printable text: the characters, unstyled."""
    shown = printable(text)
    content, rich_text = Content(shown), Text(shown)
    assert content.plain == shown
    assert not content.spans
    assert not rich_text.spans
    assert "\x1b" not in rich_text.plain


@PROPERTY
@given(ANY_TEXT)
def test_a_paste_made_one_printable_line_has_no_line_break_or_control(text: str) -> None:
    line = printable(one_line(text))
    assert "\n" not in line
    assert not CONTROL.search(line)


@PROPERTY
@given(ANY_TEXT)
def test_a_sellers_markdown_as_text_has_no_control_once_printable(text: str) -> None:
    assert not CONTROL.search(printable(markdown_text(text)))


@PROPERTY
@given(ANY_TEXT, ANY_TEXT, WIDTHS)
def test_the_summary_lays_out_any_text_in_its_width(label: str, value: str, width: int) -> None:
    rows = (
        SummaryRow(label, value),
        SummaryRow(label, value, "item"),
        SummaryRow("", value, "text"),
    )
    for line in lay_out([SummarySection("About", rows)], width):
        for piece in (line.label, line.value):
            assert not LINE_CONTROL.search(piece)
        cells = cell_width(line.label) + line.gap + cell_width(line.value)
        assert cells <= max(width, 6)  # lay_out's narrowest width: two indents and two cells


@PROPERTY
@given(ANY_TEXT, WIDTHS)
def test_wrapping_keeps_every_line_within_the_width(text: str, width: int) -> None:
    for line in wrap(printable(text), width):
        assert cell_width(line) <= max(width, 2)


def test_a_long_server_text_is_cut_with_what_was_left_out() -> None:
    rows = (SummaryRow("", "x" * 100_000, "text"),)
    lines = lay_out([SummarySection("About", rows)], 40)
    shown = "".join(line.value for line in lines[1:])
    assert shown == "x" * 2_000 + "… (98,000 more characters)"
    assert SHOWN_CHARACTERS == 2_000
