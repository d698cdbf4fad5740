"""F4 (and the palette's "Request log"): every exchange with the server, newest first, with a
filter; the highlighted one's request and response bodies as JSON; ctrl+s and ctrl+t save
the exchanges shown as curl commands or a HAR file in the current folder. Esc (or F4) closes
it.

Everything shown was masked when it was recorded (`tui.polar.request_log`), and is shown
as plain text: a body is never read as markup, and its control characters are replaced.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.highlight import highlight
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from tui import keys
from tui.domain.display import printable
from tui.polar.request_export import curl_script
from tui.polar.request_files import export_name, save_export
from tui.polar.request_log import Exchange, RequestLog

COLUMNS = ("Time (UTC)", "Method", "Status", "Duration", "Path")
"""The path last: on a narrow screen it is the one cut."""
REQUEST_LOG_HELP = "What went over the wire: every request and its answer, secrets masked"
NOTHING_YET = "No requests yet: they appear here as the app makes them."


def matches(exchange: Exchange, query: str) -> bool:
    """Whether every word of the filter is in the exchange's method, path, status (or
    error) or note, in any case."""
    words = f"{exchange.method} {exchange.path} {exchange.outcome} {exchange.note}".lower()
    return all(word in words for word in query.lower().split())


def body_content(body: str | None) -> Content:
    """A body as highlighted JSON, laid out; text that is not JSON as it is."""
    if body is None:
        return Content.styled("(no body)", "dim")
    try:
        data = json.loads(body)
    except ValueError:
        return Content(printable(body))
    return highlight(printable(json.dumps(data, indent=2, ensure_ascii=False)), language="json")


def _heading(exchange: Exchange, side: str) -> Content:
    if side == "request":
        return Content(printable(f"{exchange.method} {exchange.path}"))
    if exchange.status is None:
        return Content(printable(f"No answer: {exchange.error} after {exchange.duration_ms} ms"))
    words = f"{exchange.status} {exchange.reason} · {exchange.duration_ms} ms"
    return Content(printable(f"{words} · {exchange.note}" if exchange.note else words))


def nearest_request_log(app: App[Any]) -> RequestLog | None:
    """The request log of the topmost screen that has one (the form under a hand-off)."""
    for screen in reversed(app.screen_stack):
        log = getattr(screen, "request_log", None)
        if isinstance(log, RequestLog):
            return log
    return None


def show_request_log(app: App[Any], log: RequestLog) -> None:
    """Open the request log over the screen on top (F4 there closes it)."""
    app.push_screen(RequestLogScreen(log))


class RequestLogScreen(Screen[None]):
    DEFAULT_CSS = """
    RequestLogScreen #request-filter { margin: 0 1; }
    RequestLogScreen #request-table { height: 2fr; margin: 0 1; }
    RequestLogScreen #request-bodies { height: 3fr; margin: 0 1; }
    RequestLogScreen .request-side { width: 1fr; border: round $primary; padding: 0 1; }
    RequestLogScreen .request-heading { text-style: bold; }
    """
    TITLE = "Request log"
    BINDINGS = [
        Binding("escape", "close", "Close", id=keys.CLOSE_REQUEST_LOG),
        Binding("f4", "close", "Close", show=False, id=keys.REQUEST_LOG),
        Binding("slash", "filter", "Filter", id=keys.FILTER_REQUESTS),
        Binding("ctrl+s", "save_curl", "Save as curl", id=keys.SAVE_CURL),
        Binding("ctrl+t", "save_har", "Save as HAR", id=keys.SAVE_HAR),
    ]

    class Recorded(Message):
        """The log has a new exchange."""

    def __init__(self, log: RequestLog, *, folder: Path | None = None) -> None:
        """`folder`: where exports go (the current folder by default)."""
        super().__init__()
        self._log = log
        self._folder = folder
        self._shown: list[Exchange] = []
        self._stop_listening: Callable[[], None] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Filter: method, path or status (/)", id="request-filter")
        table: DataTable[Text] = DataTable(id="request-table", cursor_type="row")
        table.add_columns(*COLUMNS)
        yield table
        with Horizontal(id="request-bodies"):
            for side in ("request", "response"):
                with VerticalScroll(id=f"{side}-side", classes="request-side") as pane:
                    pane.border_title = side.capitalize()
                    yield Static(id=f"{side}-heading", classes="request-heading")
                    yield Static(id=f"{side}-body")
        yield Footer()

    def on_mount(self) -> None:
        self._stop_listening = self._log.listen(self._recorded)
        self._fill()
        self.query_one(DataTable).focus()

    def on_unmount(self) -> None:
        if self._stop_listening is not None:
            self._stop_listening()

    def palette_commands(self) -> Iterator[SystemCommand]:
        yield SystemCommand(
            "Request log: save as curl",
            "The requests shown, as curl commands (the secret as $POLAR_CHECKOUT_SECRET)",
            self.action_save_curl,
        )
        yield SystemCommand(
            "Request log: save as HAR",
            "The requests shown, as a HAR 1.2 file",
            self.action_save_har,
        )

    @property
    def shown(self) -> list[Exchange]:
        """The exchanges in the table, newest first."""
        return list(self._shown)

    def _recorded(self, _: Exchange) -> None:
        self.post_message(self.Recorded())

    def on_request_log_screen_recorded(self, _: Recorded) -> None:
        self._fill()

    @on(Input.Changed, "#request-filter")
    def _filter_changed(self) -> None:
        self._fill()

    def _fill(self) -> None:
        """The table, as the log and the filter have it; the highlight stays on its
        exchange when there is one."""
        table: DataTable[Text] = self.query_one(DataTable)
        query = self.query_one("#request-filter", Input).value
        before = self._highlighted()
        self._shown = [entry for entry in self._log.entries() if matches(entry, query)]
        table.clear()
        for exchange in self._shown:
            table.add_row(*_cells(exchange), key=str(exchange.number))
        numbers = [exchange.number for exchange in self._shown]
        if before is not None and before.number in numbers:
            table.move_cursor(row=numbers.index(before.number))
        self._show(self._highlighted())

    def _highlighted(self) -> Exchange | None:
        table: DataTable[Text] = self.query_one(DataTable)
        if not self._shown or not 0 <= table.cursor_row < len(self._shown):
            return None
        return self._shown[table.cursor_row]

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self) -> None:
        self._show(self._highlighted())

    def _show(self, exchange: Exchange | None) -> None:
        for side in ("request", "response"):
            heading = self.query_one(f"#{side}-heading", Static)
            body = self.query_one(f"#{side}-body", Static)
            if exchange is None:
                empty = NOTHING_YET if not self._log.entries() else "No request matches the filter."
                heading.update(Content(empty if side == "request" else ""))
                body.update(Content(""))
                continue
            heading.update(_heading(exchange, side))
            text = exchange.request_body if side == "request" else exchange.response_body
            body.update(body_content(text))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_filter(self) -> None:
        self.query_one("#request-filter", Input).focus()

    def action_save_curl(self) -> None:
        self._save("curl", "curl commands", curl_script)

    def action_save_har(self) -> None:
        from importlib.metadata import PackageNotFoundError, version

        from tui.polar.request_har import har_text

        try:
            release = version("polar-checkout")
        except PackageNotFoundError:
            release = "dev"
        self._save("har", "a HAR file", lambda shown: har_text(shown, release))

    def _save(self, kind: str, what: str, export: Callable[[list[Exchange]], str]) -> None:
        if not self._shown:
            self.notify("Nothing to save: no request is shown.", markup=False)
            return
        folder = self._folder or Path.cwd()
        try:
            path = save_export(folder, export_name(kind, self._log.clock()), export(self._shown))
        except OSError as error:
            reason = error.strerror or type(error).__name__
            self.notify(f"Could not save in {folder}: {reason}", severity="error", markup=False)
            return
        count = len(self._shown)
        self.notify(
            f"Saved {count} request{'s' if count != 1 else ''} as {what}: {path}",
            title="Request log",
            markup=False,
            timeout=8,
        )


def _cells(exchange: Exchange) -> tuple[Text, ...]:
    path = exchange.path
    if exchange.note:
        path += f"  ({exchange.note.removeprefix('event ')})"
    return (
        Text(exchange.at.astimezone(UTC).strftime("%H:%M:%S")),
        Text(exchange.method),
        Text(exchange.outcome),
        Text(f"{exchange.duration_ms} ms", justify="right"),
        Text(printable(path)),
    )
