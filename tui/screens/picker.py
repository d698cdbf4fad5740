"""The demo's session picker: the emulator's seeded scenarios, Enter opens one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from tui.domain.display import printable


class ScenarioRow(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def client_secret(self) -> str: ...
    @property
    def product_name(self) -> str: ...
    @property
    def price_text(self) -> str: ...
    @property
    def status(self) -> str: ...


class ScenarioSource(Protocol):
    """What the picker needs from the emulator: its seeded sessions, as they are now."""

    def scenarios(self) -> Sequence[ScenarioRow]: ...


class PickerScreen(Screen[None]):
    BINDINGS = [Binding("ctrl+r", "refresh", "Refresh")]

    class Chosen(Message):
        """The user picked a session to open."""

        def __init__(self, client_secret: str) -> None:
            super().__init__()
            self.client_secret = client_secret

    def __init__(self, source: ScenarioSource) -> None:
        super().__init__()
        self._source = source
        self._secrets: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            "Offline demo: choose a checkout session and press Enter.",
            id="picker-intro",
            markup=False,
        )
        yield DataTable(id="scenarios", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Demo sessions"
        table = self.query_one(DataTable)
        table.add_columns("Scenario", "Status", "Price", "Product")
        self.action_refresh()

    def on_screen_resume(self) -> None:
        self.action_refresh()

    def action_refresh(self) -> None:
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear()
        for row in self._source.scenarios():
            self._secrets[row.name] = row.client_secret
            table.add_row(
                Text(printable(row.name)),
                Text(printable(row.status)),
                Text(printable(row.price_text)),
                Text(printable(row.product_name)),
                key=row.name,
            )
        table.move_cursor(row=cursor)
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        name = event.row_key.value
        if name is not None:
            self.post_message(self.Chosen(self._secrets[name]))
