"""Text made to fit a width in terminal cells: cut with an ellipsis, columns shared out, a
line of parts joined as tightly as it needs, phrases wrapped whole.

Widths are terminal cells (`cell_width`): a fullwidth "￥" takes two.
"""

from __future__ import annotations

from collections.abc import Sequence

from tui.domain.locales import cell_width
from tui.domain.summary_layout import wrap

ELLIPSIS = "…"


def cut(text: str, width: int) -> str:
    """The text in at most `width` cells, its end replaced by "…" where it was cut."""
    if cell_width(text) <= width:
        return text
    if width <= 0:
        return ""
    kept, cells = "", 0
    for char in text:
        char_cells = cell_width(char)
        if cells + char_cells > width - 1:
            break
        kept += char
        cells += char_cells
    return kept.rstrip() + ELLIPSIS


def share_widths(natural: Sequence[int], room: int, *, least: int = 3) -> list[int]:
    """Column widths that add up to at most `room` (when it can hold `least` cells a
    column): a column narrower than its share keeps its width, and what it leaves is shared
    evenly by the wider ones, so the widest are cut first and by the same amount."""
    widths = list(natural)
    if sum(widths) <= room:
        return widths
    room = max(room, least * len(widths))
    wide = sorted(range(len(widths)), key=lambda index: natural[index])
    left = room
    while wide:
        share = left // len(wide)
        narrowest = wide[0]
        if natural[narrowest] > share:
            break
        left -= natural[narrowest]
        wide.pop(0)
    for position, index in enumerate(wide):
        share, extra = divmod(left, len(wide))
        widths[index] = max(least, share + (1 if position >= len(wide) - extra else 0))
    return widths


def join_to_fit(parts: Sequence[str], width: int) -> str:
    """The parts on one line: "  ·  " between them when that fits, " · " when only that
    does; else the first and the last part whole with as many of those between as fit and
    "…" for the rest; else the line cut with "…"."""
    roomy = "  ·  ".join(parts)
    if cell_width(roomy) <= width:
        return roomy
    tight = " · ".join(parts)
    if cell_width(tight) <= width or len(parts) < 2:
        return cut(tight, width)
    first, *middle, last = parts
    for kept in range(len(middle) - 1, -1, -1):
        line = " · ".join([first, *middle[:kept], ELLIPSIS, last])
        if cell_width(line) <= width:
            return line
    return cut(tight, width)


def wrap_phrases(phrases: Sequence[str], width: int, *, indent: int = 2) -> list[str]:
    """The phrases joined by " · ", in lines of at most `width` cells broken between
    phrases, so no phrase is split over two lines unless it alone is wider than a line
    (then it wraps at its spaces). Lines after the first are indented by `indent`."""
    width = max(width, indent + 2)
    lines: list[str] = []
    current = ""
    for phrase in (phrase for phrase in phrases if phrase.strip()):
        joined = f"{current} · {phrase}"
        if current and cell_width(joined) <= width:
            current = joined
            continue
        if current:
            lines.append(current)
        lead = " " * indent if lines else ""
        pieces = [phrase] if cell_width(lead + phrase) <= width else wrap(phrase, width - indent)
        for piece in pieces[:-1]:
            lines.append(lead + piece)
            lead = " " * indent
        current = lead + pieces[-1]
    if current:
        lines.append(current)
    return lines
