"""F4 (and the palette's "Request log"): every exchange with the server, newest first, with a
filter; the highlighted one's request and response bodies as JSON; ctrl+s and ctrl+t save
the exchanges shown as curl commands or a HAR file in the current folder. Esc (or F4) closes
it.

Everything shown was masked when it was recorded (`tui.polar.request_log`), and is shown
as plain text: a body is never read as markup, and its control characters are replaced.
Large bodies stay quick: at most `SHOWN_MOST` characters of one are laid out, only the
lines in view are drawn, and they are drawn again only when the highlight moves to another
exchange (a filter key or a new exchange leaves them be).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import UTC
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.highlight import highlight
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static

from tui import keys
from tui.domain.display import printable
from tui.polar.request_export import curl_script
from tui.polar.request_files import export_name, save_export
from tui.polar.request_log import BODY_KEPT, Exchange, RequestLog
from tui.polar.secret import redact_secrets
from tui.widgets.fitted_footer import FittedFooter
from tui.widgets.text_lines import TextLines

COLUMNS = ("Time (UTC)", "Method", "Status", "Duration", "Path")
"""The path last: on a narrow screen it is the one cut."""
REQUEST_LOG_HELP = "What went over the wire: every request and its answer, secrets masked"
NOTHING_YET = "No requests yet: they appear here as the app makes them."
SHOWN_MOST = 64 * 1024
"""Characters of a body laid out on screen; the HAR export has the rest."""
_SURROGATES = re.compile("[\ud800-\udfff]")


def matches(exchange: Exchange, query: str) -> bool:
    """Whether every word of the filter is in the exchange's method, path, status (or
    error) or note, in any case. A client secret pasted whole is masked first, as the
    paths are."""
    words = f"{exchange.method} {exchange.path} {exchange.outcome} {exchange.note}".lower()
    return all(word in words for word in redact_secrets(query).lower().split())


def body_content(body: str | None, dropped: int = 0) -> Content:
    """A body as highlighted JSON, laid out; text that is not JSON as it is; past
    `SHOWN_MOST` characters, a line saying how many more there are (and `dropped`: how
    many the log did not keep)."""
    if body is None:
        return Content.styled("(no body)", "dim")
    try:
        text = json.dumps(json.loads(body), indent=2, ensure_ascii=False)
    except ValueError:
        text, laid_out = body, False
    else:
        laid_out = True
    more = max(len(text) - SHOWN_MOST, 0)
    shown = _SURROGATES.sub("\ufffd", printable(text[:SHOWN_MOST]))
    content = highlight(shown, language="json") if laid_out else Content(shown)
    if not more and not dropped:
        return content
    if dropped:
        rest = f"… {more + dropped} more characters, not kept: the log keeps {BODY_KEPT // 1024} KB"
    else:
        rest = f"… {more} more characters: save as HAR to see all"
    return Content.assemble(content, "\n", (rest, "dim italic"))


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


def tell_log_problems(screen: Screen[Any], log: RequestLog) -> Callable[[], None]:
    """Say each of the log's problems (a `--log` file that stopped) as a toast while
    `screen` is there; call the result when it goes."""

    def tell(problem: str) -> None:
        screen.notify(printable(problem), title="Request log", severity="warning", markup=False)

    return log.listen_for_problems(tell)


def show_request_log(app: App[Any], log: RequestLog) -> None:
    """Open the request log over the screen on top (F4 there closes it)."""
    app.push_screen(RequestLogScreen(log))


class FilterInput(Input):
    """The filter field: a client secret pasted or typed into it is masked at once, as the
    paths it matches are, so the screen never shows it whole."""

    def validate_value(self, value: str) -> str:
        return redact_secrets(value)


class RequestLogScreen(Screen[None]):
    DEFAULT_CSS = """
    RequestLogScreen #request-filter { margin: 0 1; }
    RequestLogScreen #request-table { height: 2fr; margin: 0 1; }
    RequestLogScreen #request-bodies { height: 3fr; margin: 0 1; }
    RequestLogScreen .request-side { width: 1fr; border: round $primary; padding: 0 1; }
    RequestLogScreen .request-heading { text-style: bold; height: auto; }
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

        def __init__(self, exchange: Exchange) -> None:
            super().__init__()
            self.exchange = exchange

    def __init__(self, log: RequestLog, *, folder: Path | None = None) -> None:
        """`folder`: where exports go (the current folder by default)."""
        super().__init__()
        self._log = log
        self._folder = folder
        self._shown: list[Exchange] = []
        """The exchanges in the table, newest first."""
        self._showing: object = None
        """What the bodies show: an exchange's number, or which empty state."""
        self._stop_listening: Callable[[], None] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield FilterInput(placeholder="Filter: method, path or status (/)", id="request-filter")
        table: DataTable[Text] = DataTable(id="request-table", cursor_type="row")
        table.add_columns(*COLUMNS)
        yield table
        with Horizontal(id="request-bodies"):
            for side in ("request", "response"):
                with Vertical(id=f"{side}-side", classes="request-side") as pane:
                    pane.border_title = side.capitalize()
                    yield Static(id=f"{side}-heading", classes="request-heading")
                    yield TextLines(id=f"{side}-body")
        yield FittedFooter()

    def on_mount(self) -> None:
        self._stop_listening = self._log.listen(self._recorded)
        self._refill()
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

    def _recorded(self, exchange: Exchange) -> None:
        self.post_message(self.Recorded(exchange))

    def on_request_log_screen_recorded(self, message: Recorded) -> None:
        """The new exchange at the top (if the filter lets it in), the oldest gone if the
        log let it go; the highlight stays on its exchange. One a filter change already
        listed (its message still queued then) is not listed twice."""
        if any(shown.number == message.exchange.number for shown in self._shown):
            return
        table: DataTable[Text] = self.query_one(DataTable)
        before = self._highlighted()
        entries = self._log.entries()
        kept_from = entries[-1].number if entries else 0
        for gone in [each for each in self._shown if each.number < kept_from]:
            table.remove_row(str(gone.number))
            self._shown.remove(gone)
        query = self.query_one("#request-filter", Input).value
        if matches(message.exchange, query) and message.exchange.number >= kept_from:
            table.add_row(*_cells(message.exchange), key=str(message.exchange.number))
            table.sort(key=lambda cells: cells[0].number, reverse=True)
            self._shown.insert(0, message.exchange)
        self._keep_highlight(before)

    @on(Input.Changed, "#request-filter")
    def _filter_changed(self) -> None:
        self._refill()

    def _refill(self) -> None:
        """The table, as the log and the filter have it; the highlight stays on its
        exchange when there is one."""
        table: DataTable[Text] = self.query_one(DataTable)
        query = self.query_one("#request-filter", Input).value
        before = self._highlighted()
        self._shown = [entry for entry in self._log.entries() if matches(entry, query)]
        table.clear()
        for exchange in self._shown:
            table.add_row(*_cells(exchange), key=str(exchange.number))
        self._keep_highlight(before)

    def _keep_highlight(self, before: Exchange | None) -> None:
        numbers = [exchange.number for exchange in self._shown]
        if before is not None and before.number in numbers:
            self.query_one(DataTable).move_cursor(row=numbers.index(before.number))
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
        """The exchange's bodies, unless they are already shown."""
        empty = NOTHING_YET if not self._log.entries() else "No request matches the filter."
        showing = exchange.number if exchange is not None else empty
        if showing == self._showing:
            return
        self._showing = showing
        for side in ("request", "response"):
            heading = self.query_one(f"#{side}-heading", Static)
            body = self.query_one(f"#{side}-body", TextLines)
            if exchange is None:
                heading.update(Content(empty if side == "request" else ""))
                body.show(Content(""))
            elif side == "request":
                heading.update(_heading(exchange, side))
                body.show(body_content(exchange.request_body, exchange.request_dropped))
            else:
                heading.update(_heading(exchange, side))
                body.show(body_content(exchange.response_body, exchange.response_dropped))
            body.scroll_home(animate=False)

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
        where = str(self._folder or "the current folder")
        try:
            folder = self._folder or Path.cwd()
            where = str(folder)
            path = save_export(folder, export_name(kind, self._log.clock()), export(self._shown))
        except (OSError, ValueError) as error:
            reason = getattr(error, "strerror", None) or type(error).__name__
            self.notify(f"Could not save in {where}: {reason}", severity="error", markup=False)
            return
        count = len(self._shown)
        self.notify(
            f"Saved {count} request{'s' if count != 1 else ''} as {what}: {path}",
            title="Request log",
            markup=False,
            timeout=8,
        )


class _Time(Text):
    """The time cell, knowing its exchange's number: the table sorts its rows by it."""

    def __init__(self, exchange: Exchange) -> None:
        super().__init__(exchange.at.astimezone(UTC).strftime("%H:%M:%S"))
        self.number = exchange.number


def _cells(exchange: Exchange) -> tuple[Text, ...]:
    path = exchange.path
    if exchange.note:
        path += f"  ({exchange.note.removeprefix('event ')})"
    return (
        _Time(exchange),
        Text(exchange.method),
        Text(exchange.outcome),
        Text(f"{exchange.duration_ms} ms", justify="right"),
        Text(printable(path)),
    )
