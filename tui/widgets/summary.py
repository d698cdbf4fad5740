"""The live summary of what the server computed: product, price, amounts, tax, total."""

from __future__ import annotations

from datetime import datetime

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.domain.display import printable
from tui.domain.summary import summary_rows
from tui.polar.models import CheckoutPublic


class SummaryPane(VerticalScroll):
    """Rebuilt from each `CheckoutPublic`; every server string is plain text, never markup."""

    DEFAULT_CLASSES = "summary-pane"

    def __init__(self) -> None:
        super().__init__(id="summary-pane")
        self.border_title = "Summary"
        self._session: CheckoutPublic | None = None
        self._table = Static("", id="summary-table")
        self._description = Static("", id="summary-description", markup=False)

    def compose(self) -> ComposeResult:
        yield self._table
        yield self._description

    def show(self, session: CheckoutPublic, now: datetime) -> None:
        self._session = session
        description = session.product.description if session.product else None
        self._description.update(Text(printable(description or "")))
        self.tick(now)

    def tick(self, now: datetime) -> None:
        if self._session is None:
            return
        table = Table.grid(padding=(0, 1), expand=True)
        table.add_column(no_wrap=True)
        table.add_column(justify="right", ratio=1, overflow="fold")
        for row in summary_rows(self._session, now):
            style = "bold" if row.kind == "total" else ""
            table.add_row(Text(row.label, style=style), Text(printable(row.value), style=style))
        self._table.update(table)
