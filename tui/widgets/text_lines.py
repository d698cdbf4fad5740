"""A long read-only text, highlighted, drawn line by line: only the lines in view are
rendered, so marking search matches in a session's JSON stays quick at every key."""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from rich.segment import Segment
from textual.content import Content
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

Mark = tuple[int, int, int, str]
"""A style on part of a line: line, start and end offsets in it, the style."""


class TextLines(ScrollView, can_focus=True):
    DEFAULT_CSS = "TextLines { height: 1fr; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lines: list[Content] = []
        self._marks: dict[int, list[tuple[int, int, str]]] = {}

    @property
    def text(self) -> str:
        return "\n".join(line.plain for line in self._lines)

    def show(self, content: Content) -> None:
        """Show `content` (its styles kept, never read as markup, tabs as spaces: the
        terminal is never sent one); the marks go."""
        self._lines = [line.expand_tabs() for line in content.split("\n", allow_blank=True)]
        self._marks = {}
        width = max((line.cell_length for line in self._lines), default=0)
        self.virtual_size = Size(width, len(self._lines))
        self.refresh()

    def mark(self, marks: Iterable[Mark]) -> None:
        """Style these parts of lines, in place of the marks before."""
        self._marks = {}
        for line, start, end, style in marks:
            self._marks.setdefault(line, []).append((start, end, style))
        self.refresh()

    def bring_into_view(self, line: int, start: int, end: int) -> None:
        """Scroll so that this part of the line is in the middle of the view."""
        plain = self._lines[line].plain
        region = Region(cell_len(plain[:start]), line, cell_len(plain[start:end]), 1)
        self.scroll_to_region(region, animate=False, center=True, immediate=True)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        number = scroll_y + y
        width = self.size.width
        if number >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        line = self._lines[number]
        for start, end, style in self._marks.get(number, ()):
            line = line.stylize(style, start, end)
        base = self.visual_style
        segments = [Segment(text, style.rich_style) for text, style in line.render(base, end="")]
        return Strip(segments).crop_extend(scroll_x, scroll_x + width, self.rich_style)
