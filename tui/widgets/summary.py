"""The live summary of what the server computed: what is bought, the amounts, what is saved
for the customer, the session, the product's own words."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from rich.console import Console, ConsoleOptions
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.domain.summary import SummarySection, summary_sections
from tui.domain.summary_layout import Line, lay_out
from tui.polar.models import CheckoutPublic

_STYLES = {
    "heading": ("bold", ""),
    "total": ("bold", "bold"),
    "placeholder": ("", "dim italic"),
    "text": ("", "dim"),
}
"""A line's kind -> the style of its label and of its value."""


class _Laid:
    """The sections laid out at the width they are drawn at, every piece plain text."""

    def __init__(self, sections: list[SummarySection]) -> None:
        self._sections = sections

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        for line in lay_out(self._sections, options.max_width):
            yield _text(line)


def _text(line: Line) -> Text:
    label_style, value_style = _STYLES.get(line.kind, ("", ""))
    text = Text(line.label, style=label_style, end="\n")
    text.append(" " * line.gap)
    text.append(line.value, style=value_style)
    return text


class SummaryPane(VerticalScroll):
    """Rebuilt from each `CheckoutPublic`; every server string is plain text, never markup."""

    DEFAULT_CLASSES = "summary-pane"

    def __init__(self) -> None:
        super().__init__(id="summary-pane")
        self.border_title = "Summary"
        self._session: CheckoutPublic | None = None
        self._locale: str | None = None
        self._body = Static("", id="summary-body")

    def compose(self) -> ComposeResult:
        yield self._body

    def show(self, session: CheckoutPublic, now: datetime, locale: str | None = None) -> None:
        """Show `session` with money and dates in `locale` (the override or the session's)."""
        self._session = session
        self._locale = locale
        self.tick(now)

    def tick(self, now: datetime) -> None:
        if self._session is None:
            return
        self._body.update(_Laid(summary_sections(self._session, now, self._locale)))
