"""F6 on a checkout (palette: "Session inspector"): the session's JSON exactly as the server
last sent it, pretty-printed and highlighted, every secret masked, with a search. The checkout
screen hands it each new answer while it is open, so it follows the session."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.highlight import highlight
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui import keys
from tui.domain.display import printable
from tui.domain.session_json import Match, find_matches, shown_json
from tui.polar.models import CheckoutPublic
from tui.widgets.fitted_footer import FittedFooter
from tui.widgets.text_lines import TextLines

MATCH_STYLE = "$text-accent on $accent-muted"
CURRENT_STYLE = "bold reverse"


class SearchInput(Input):
    """The inspector's search: the arrows move between matches (a one-line input has no
    other use for them)."""

    BINDINGS = [
        Binding("down", "screen.match(1)", "Next match", id=keys.NEXT_MATCH),
        Binding("up", "screen.match(-1)", "Previous match", id=keys.PREVIOUS_MATCH),
    ]


class InspectorScreen(ModalScreen[None]):
    """`shown_as`: how the checkout names the session (its secret already masked); `secret`:
    the session's, masked wherever the JSON holds it."""

    DEFAULT_CSS = """
    InspectorScreen { align: center middle; }
    InspectorScreen > Vertical {
        width: 100%; height: 1fr; border: round $primary; background: $surface; padding: 0 1;
    }
    InspectorScreen #inspector-title { color: $text-muted; }
    InspectorScreen #inspector-search-row { height: auto; }
    InspectorScreen #inspector-search { width: 1fr; }
    InspectorScreen #inspector-count { width: auto; min-width: 12; padding: 1 1 0 1; }
    InspectorScreen #inspector-json { border-left: blank; }
    InspectorScreen #inspector-json:focus { border-left: outer $accent; }
    """
    BINDINGS = [Binding("escape", "close", "Close", id=keys.CLOSE_INSPECTOR)]

    def __init__(self, shown_as: str, secret: str, session: CheckoutPublic | None) -> None:
        super().__init__()
        self._shown_as = shown_as
        self._secret = secret
        self._session = session
        self._mounted = False
        """Drawn: a session handed over before is kept until then."""
        self._matches: list[Match] = []
        self._current = 0

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(id="inspector-title")
            with Horizontal(id="inspector-search-row"):
                yield SearchInput(placeholder="Search (Enter: next match)", id="inspector-search")
                yield Static(id="inspector-count")
            yield TextLines(id="inspector-json")
        yield FittedFooter()

    @property
    def shown(self) -> str:
        """The JSON as on screen, every line of it."""
        return self.query_one(TextLines).text

    def on_mount(self) -> None:
        self._show()
        self._mounted = True
        self.query_one(SearchInput).focus()

    def show_session(self, session: CheckoutPublic | None) -> None:
        """What the server sent last (None: nothing yet); the search stays as typed. Before
        the screen is mounted (F6 just pressed), kept to be shown on mount."""
        self._session = session
        if self._mounted:
            self._show()

    def _show(self) -> None:
        session = self._session
        received = session.received if session is not None else None
        if received is None:
            title, text = "Nothing received from the server yet.", ""
        else:
            at = received.at.astimezone().strftime("%H:%M:%S")
            title = f"{self._shown_as} · as the server sent it at {at} · secrets masked"
            text = shown_json(received.body, self._secret)
        self.query_one("#inspector-title", Static).update(Content(printable(title)))
        self.query_one(TextLines).show(highlight(text, language="json"))
        self._search(jump=False)

    def on_input_changed(self, _event: Input.Changed) -> None:
        self._current = 0
        self._search(jump=True)

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_match(1)

    def action_match(self, step: int) -> None:
        if self._matches:
            self._current = (self._current + step) % len(self._matches)
            self._show_matches(jump=True)

    def action_close(self) -> None:
        self.dismiss(None)

    def _search(self, *, jump: bool) -> None:
        self._matches = find_matches(self.shown, self.query_one(SearchInput).value)
        self._current = min(self._current, max(len(self._matches) - 1, 0))
        self._show_matches(jump=jump)

    def _show_matches(self, *, jump: bool) -> None:
        view = self.query_one(TextLines)
        view.mark(
            (
                found.line,
                found.start,
                found.end,
                CURRENT_STYLE if n == self._current else MATCH_STYLE,
            )
            for n, found in enumerate(self._matches)
        )
        count = f"{self._current + 1} of {len(self._matches)}" if self._matches else "no match"
        shown = count if self.query_one(SearchInput).value else ""
        self.query_one("#inspector-count", Static).update(Content(shown))
        if jump and self._matches:
            found = self._matches[self._current]
            view.bring_into_view(found.line, found.start, found.end)
