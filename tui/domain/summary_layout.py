"""The summary's sections laid out as terminal lines of a given width, counted in cells.

A row's value sits right-aligned on its label's line when both fit; a short value (an
amount) stays there while a long label wraps beside it; a long value (a sentence) goes
under its label, indented. Paragraphs and bullets wrap at spaces. Widths are terminal
cells (`cell_width`): a fullwidth "￥" takes two, so amounts stay aligned in every locale.
Text from the server is made printable here; the pane still shows it as plain text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from tui.domain.display import printable
from tui.domain.locales import cell_width
from tui.domain.summary import SummaryRow, SummarySection

INDENT = 2
"""Cells before a value that goes under its label, and before a bullet's wrapped lines."""
BULLET = "•"
_SPACES = re.compile(r"[ \t\n]+")
"""Where text may wrap: plain spaces and tabs, never the no-break spaces of amounts."""
SHOWN_CHARACTERS = 2_000
"""The most of one server text the pane shows: the summary is laid out again each second
(its countdown), and a 100 k-character description would take the app's time with it."""


@dataclass(frozen=True, slots=True)
class Line:
    """One terminal line: `label`, `gap` spaces, `value`; `kind` is the row's (or
    `heading` for a section's title) so the pane can style it."""

    label: str = ""
    value: str = ""
    gap: int = 0
    kind: str = ""


def lay_out(sections: Iterable[SummarySection], width: int) -> list[Line]:
    """Every section's title and rows, a blank line between sections."""
    width = max(width, 2 * INDENT + 2)
    lines: list[Line] = []
    for section in sections:
        if lines:
            lines.append(Line())
        lines.append(Line(_clean(section.title), kind="heading"))
        for row in section.rows:
            lines.extend(_row(row, width))
    return lines


def wrap(text: str, width: int) -> list[str]:
    """The text in lines of at most `width` cells, broken at spaces; a word wider than a
    line is broken between characters. Whitespace runs become single spaces."""
    width = max(width, 2)
    lines: list[str] = []
    current = ""
    for word in _SPACES.split(text.strip()):
        for piece in _pieces(word, width) if word else ():
            if current and cell_width(current) + 1 + cell_width(piece) <= width:
                current = f"{current} {piece}"
                continue
            if current:
                lines.append(current)
            current = piece
    if current:
        lines.append(current)
    return lines


def _pieces(word: str, width: int) -> list[str]:
    """The word in pieces of at most `width` cells, its widths added up as it goes: a
    100 k-character word costs one look at each character, not one per piece so far."""
    pieces, piece, cells = [], "", 0
    for char in word:
        char_cells = cell_width(char)
        if piece and cells + char_cells > width:
            pieces.append(piece)
            piece, cells = "", 0
        piece += char
        cells += char_cells
    pieces.append(piece)
    return pieces


def _row(row: SummaryRow, width: int) -> list[Line]:
    label, value, kind = _clean(row.label), _clean(row.value), row.kind
    if kind == "item":
        chunks = wrap(value, width - INDENT)
        first = [Line(BULLET, chunk, INDENT - 1, kind) for chunk in chunks[:1]]
        return first + [Line("", chunk, INDENT, kind) for chunk in chunks[1:]]
    if not label:
        return _paragraphs(row.value, width, kind)
    if not value:
        return [Line(chunk, kind=kind) for chunk in wrap(label, width)]
    label_cells, value_cells = cell_width(label), cell_width(value)
    if label_cells + 1 + value_cells <= width:
        return [Line(label, value, width - label_cells - value_cells, kind)]
    if value_cells <= width // 2:
        chunks = wrap(label, width - value_cells - 1)
        lead = Line(chunks[0], value, width - cell_width(chunks[0]) - value_cells, kind)
        return [lead] + [Line(chunk, kind=kind) for chunk in chunks[1:]]
    return [Line(chunk, kind=kind) for chunk in wrap(label, width)] + [
        Line("", chunk, INDENT, kind) for chunk in wrap(value, width - INDENT)
    ]


def _paragraphs(text: str, width: int, kind: str) -> list[Line]:
    """Each paragraph of a text wrapped; one blank line for any run of blank ones."""
    lines: list[Line] = []
    for paragraph in printable(_capped(text)).split("\n"):
        chunks = wrap(paragraph, width)
        if not chunks and lines and lines[-1].value:
            lines.append(Line(kind=kind))
        lines.extend(Line("", chunk, 0, kind) for chunk in chunks)
    while lines and not lines[-1].value:
        lines.pop()
    return lines


def _clean(text: str) -> str:
    """One printable line: controls replaced, any whitespace run a single space."""
    return _SPACES.sub(" ", printable(_capped(text))).strip()


def _capped(text: str) -> str:
    """The text, or its first `SHOWN_CHARACTERS` and how many more there are."""
    if len(text) <= SHOWN_CHARACTERS:
        return text
    return f"{text[:SHOWN_CHARACTERS]}… ({len(text) - SHOWN_CHARACTERS:,} more characters)"
