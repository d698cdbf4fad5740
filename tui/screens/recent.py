"""F3 on the start screen, the demo picker and a checkout (palette: "Recent sessions"): the
sessions opened in this run, newest first, with their product and status as last seen; Enter
opens one again with the server and client it was opened with."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, runtime_checkable

from rich.text import Text
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static

from tui import keys
from tui.domain.display import printable
from tui.domain.recent_sessions import RecentSession, RecentSessions
from tui.widgets.fitted_footer import FittedFooter

Reopen = Callable[[], Screen[Any]]
"""A fresh checkout screen on the session, as it was first opened."""
Entry = RecentSession[Reopen]
RECENT_BINDING = Binding(
    "f3", "recent_sessions", "Recent sessions", show=False, id=keys.RECENT_SESSIONS
)


class SessionHistory(RecentSessions[Reopen]):
    """The app's list of the sessions opened in this run."""


@runtime_checkable
class RecentHost(Protocol):
    """An app that keeps the sessions opened in this run."""

    @property
    def recent(self) -> SessionHistory: ...


def history(app: App[Any]) -> SessionHistory | None:
    return app.recent if isinstance(app, RecentHost) else None


def recent_command(show: Callable[[], object]) -> SystemCommand:
    return SystemCommand(
        "Recent sessions", "The sessions opened in this run: Enter opens one again", show
    )


def show_recent(app: App[Any], go: Callable[[Reopen], object] | None = None) -> None:
    """The list of recent sessions; `go` opens the one chosen (and may ask first), else it
    opens over the screen underneath."""
    recent = history(app)
    if recent is None:
        return

    def chosen(entry: Entry | None) -> None:
        if entry is not None and go is not None:
            go(entry.reopen)
        elif entry is not None:
            app.push_screen(entry.reopen())

    app.push_screen(RecentScreen(recent.newest_first()), chosen)


class RecentScreen(ModalScreen[Entry | None]):
    DEFAULT_CSS = """
    RecentScreen { align: center middle; }
    RecentScreen > Vertical {
        width: 100%; height: auto; max-height: 90%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    RecentScreen #recent-title { text-style: bold; }
    RecentScreen DataTable { height: auto; max-height: 20; }
    """
    BINDINGS = [Binding("escape", "close", "Close", id=keys.CLOSE_RECENT)]

    def __init__(self, entries: list[Entry]) -> None:
        super().__init__()
        self._entries = entries

    def compose(self) -> ComposeResult:
        with Vertical():
            if self._entries:
                yield Static(
                    "Recent sessions, newest first: Enter opens one",
                    id="recent-title",
                    markup=False,
                )
                yield DataTable(cursor_type="row", zebra_stripes=True)
            else:
                yield Static("No session opened yet in this run.", id="recent-title", markup=False)
        yield FittedFooter()

    def on_mount(self) -> None:
        if not self._entries:
            return
        table: DataTable[Text] = self.query_one(DataTable)
        table.add_columns("Secret", "Server", "Product", "Status")
        for index, entry in enumerate(self._entries):
            cells = (entry.shown_secret, entry.server, entry.product, entry.status)
            table.add_row(*(Text(printable(cell)) for cell in cells), key=str(index))
        table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.dismiss(self._entries[event.cursor_row])

    def action_close(self) -> None:
        self.dismiss(None)
