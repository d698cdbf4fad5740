"""The demo's session picker: every session the emulator holds, Enter opens one.

The columns share the terminal's width: a text too long for its column ends in "…".
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from tui import keys
from tui.admin_client import AdminFailed
from tui.domain.display import printable
from tui.domain.fitting import cut, share_widths
from tui.domain.locales import cell_width
from tui.key_hints import key_hint
from tui.screens.recent import RECENT_BINDING, recent_command, show_recent
from tui.widgets.fitted_footer import FittedFooter

COLUMNS = ("Scenario", "Status", "Price", "Product")
CELL_PADDING = 1
"""Cells on each side of a column's text (DataTable's `cell_padding`)."""
SCROLLBAR = 2
"""Cells kept free for the scrollbar that more sessions than rows bring."""


class SessionRow(Protocol):
    @property
    def scenario(self) -> str: ...
    @property
    def client_secret(self) -> str: ...
    @property
    def product_name(self) -> str: ...
    @property
    def price_text(self) -> str: ...
    @property
    def status(self) -> str: ...


class SessionSource(Protocol):
    """What the picker needs from the emulator: its sessions as they are now."""

    async def sessions(self) -> Sequence[SessionRow]:
        """Raises AdminFailed when the emulator cannot be reached or refuses."""
        ...


class PickerScreen(Screen[None]):
    """`can_go_back`: Esc returns to the screen the picker was opened from."""

    BINDINGS = [
        Binding("ctrl+r", "refresh", "Refresh", id=keys.REFRESH_LIST),
        Binding("escape", "back", "Back", id=keys.BACK),
        RECENT_BINDING,
    ]

    class Chosen(Message):
        """The user picked a session (of `scenario`) to open."""

        def __init__(self, client_secret: str, scenario: str) -> None:
            super().__init__()
            self.client_secret = client_secret
            self.scenario = scenario

    def __init__(self, source: SessionSource, *, can_go_back: bool = False) -> None:
        super().__init__()
        self._source = source
        self._can_go_back = can_go_back
        self._scenarios: dict[str, str] = {}
        self._rows: list[tuple[str, tuple[str, ...]]] = []
        """Each session's secret and its cells, printable and whole."""
        self._width = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            "Offline demo: choose a checkout session and press Enter.",
            id="picker-intro",
            markup=False,
        )
        yield Static("", id="picker-error", markup=False)
        yield DataTable(
            id="scenarios", cursor_type="row", zebra_stripes=True, cell_padding=CELL_PADDING
        )
        yield FittedFooter()

    def on_mount(self) -> None:
        self.sub_title = "Demo sessions"
        table = self.query_one(DataTable)
        self._fill(table)
        table.loading = True
        table.focus()

    def on_resize(self, event: events.Resize) -> None:
        """The columns share the new width."""
        if event.size.width != self._width:
            self._fill(self.query_one(DataTable))

    def on_screen_resume(self) -> None:
        """Shown again (back from a session, say): list what the emulator holds now."""
        self.load_sessions()

    def palette_commands(self) -> Iterator[SystemCommand]:
        yield recent_command(self.action_recent_sessions)

    def action_recent_sessions(self) -> None:
        show_recent(self.app)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self._can_go_back if action == "back" else True

    def action_back(self) -> None:
        self.dismiss()

    def action_refresh(self) -> None:
        self.load_sessions()

    @work(group="load", exclusive=True, exit_on_error=False)
    async def load_sessions(self) -> None:
        table = self.query_one(DataTable)
        error = self.query_one("#picker-error", Static)
        try:
            rows = await self._source.sessions()
        except AdminFailed as failure:
            error.update(
                printable(
                    f"Could not list the demo's sessions. {failure}. "
                    f"{key_hint(self, keys.REFRESH_LIST)} tries again."
                )
            )
            error.set_class(True, "-error")
            return
        finally:
            table.loading = False
        error.set_class(False, "-error")
        self._show(table, rows)

    def _show(self, table: DataTable[Text], rows: Sequence[SessionRow]) -> None:
        self._scenarios = {row.client_secret: row.scenario for row in rows}
        self._rows = [
            (
                row.client_secret,
                tuple(
                    printable(cell)
                    for cell in (row.scenario, row.status, row.price_text, row.product_name)
                ),
            )
            for row in rows
        ]
        self._fill(table)

    def _fill(self, table: DataTable[Text]) -> None:
        """Fill the table at the screen's width, keeping the cursor on the session it was on."""
        current = (
            table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            if table.row_count
            else None
        )
        self._width = self.app.size.width
        room = self._width - 2 * CELL_PADDING * len(COLUMNS) - SCROLLBAR
        natural = [
            max([cell_width(title), *(cell_width(cells[index]) for _, cells in self._rows)])
            for index, title in enumerate(COLUMNS)
        ]
        widths = share_widths(natural, room)
        table.clear(columns=True)
        for title, width in zip(COLUMNS, widths, strict=True):
            table.add_column(cut(title, width), width=width)
        for secret, cells in self._rows:
            table.add_row(
                *(Text(cut(cell, width)) for cell, width in zip(cells, widths, strict=True)),
                key=secret,
            )
        if current is not None and current in table.rows:
            table.move_cursor(row=table.get_row_index(current))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        secret = event.row_key.value
        if secret is not None:
            self.post_message(self.Chosen(secret, self._scenarios[secret]))
