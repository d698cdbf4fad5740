"""Following a session to its outcome after the customer committed to it: the product, the
total and what has happened since, as the checkout screen feeds it updates (`show_session`).

`ConfirmedScreen` follows a session confirmed from the terminal (nothing to pay) to
`succeeded`; `tui.screens.handoff.HandoffScreen` adds the link and QR code for a session
paid in a browser. Esc goes back to the form, which shows the session read-only.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.text import Text
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from tui import keys
from tui.domain.display import printable
from tui.domain.handoff import HandoffState, confirmed_state, handoff_state
from tui.domain.summary import total_text
from tui.key_hints import key_hint
from tui.polar.models import CheckoutPublic
from tui.polar.secret import redact_secrets
from tui.screens.request_log import REQUEST_LOG_HELP, nearest_request_log, show_request_log
from tui.widgets.fitted_footer import FittedFooter

BACK = Binding("escape", "back", "Back", id=keys.BACK)


class OutcomeScreen(Screen[None]):
    BINDINGS = [Binding("f4", "request_log", "Request log", show=False, id=keys.REQUEST_LOG)]
    heading = ""
    intro = ""
    waiting = "Following the session: this screen changes as Polar completes it."
    outcome_of = staticmethod(handoff_state)
    """What the screen says for a status, given the one before it."""

    def __init__(
        self,
        session: CheckoutPublic,
        *,
        shown_as: str,
        locale: str | None = None,
        following: bool = True,
    ) -> None:
        """`following` False: the session is not followed (`--no-live`), so this screen
        changes only when the form reads the session again."""
        super().__init__()
        if not following:
            back, reload = (
                key_hint(self, keys.BACK, BACK.key),
                key_hint(self, keys.RELOAD, keys.RELOAD_KEY),
            )
            self.waiting = (
                f"Not following the session (--no-live): {back}, then {reload} reads it again."
            )
        self._shown_as = shown_as
        self._locale = locale
        self._status = session.status
        self._previous_status: str | None = None
        self.state = self.outcome_of(None, session)
        self._session = session

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="handoff-body"):
            with VerticalScroll(id="handoff-info", can_focus=False):
                yield Static(self.heading, id="handoff-title", markup=False)
                yield Static(self.intro, id="handoff-intro", markup=False)
                yield from self.compose_link()
                yield Static("", id="handoff-product", markup=False)
                yield Static("", id="handoff-total", markup=False)
                yield Static("", id="handoff-outcome", markup=False)
                yield Static("", id="handoff-next", markup=False)
            yield from self.compose_side()
        yield FittedFooter()

    def compose_link(self) -> ComposeResult:
        """Widgets between the intro and the product: none here."""
        yield from ()

    def compose_side(self) -> ComposeResult:
        """Widgets right of the details: none here."""
        yield from ()

    def on_mount(self) -> None:
        self.sub_title = printable(self._shown_as)
        self._render_session()

    def show_session(self, session: CheckoutPublic) -> None:
        """A newer read of the session: update the amounts and the outcome."""
        if session.status != self._status:
            self._previous_status, self._status = self._status, session.status
        self.state = self.outcome_of(self._previous_status, session)
        self._session = session
        if self.is_mounted:
            self._render_session()

    def saw_status(self, status: str) -> None:
        """A live event said the session moved to `status`: remembered as a step on its way,
        even when the next read shows it has moved on already (see `show_session`)."""
        if status != self._status:
            self._previous_status, self._status = self._status, status

    def _render_session(self) -> None:
        session, state = self._session, self.state
        product = session.product.name if session.product is not None else "—"
        self._line("#handoff-product", f"Product  {product}")
        self._line("#handoff-total", f"Total    {total_text(session, self._locale)}")
        outcome = self.query_one("#handoff-outcome", Static)
        outcome.update(Text(state.line))
        outcome.set_classes(f"-{state.outcome}")
        self._line("#handoff-next", self._next_line(state))

    def _next_line(self, state: HandoffState) -> str:
        if state.final:
            if state.success_url:
                return f"The customer goes on to {redact_secrets(state.success_url)}"
            return ""
        return self.waiting

    def _line(self, selector: str, text: str) -> None:
        line = self.query_one(selector, Static)
        line.update(Text(printable(text)))
        line.display = bool(text)

    def action_back(self) -> None:
        self.dismiss()

    def palette_commands(self) -> Iterator[SystemCommand]:
        """The form's request log, when the screen is above a form (F4)."""
        if nearest_request_log(self.app) is not None:
            yield SystemCommand("Request log", REQUEST_LOG_HELP, self.action_request_log)

    def action_request_log(self) -> None:
        log = nearest_request_log(self.app)
        if log is not None:
            show_request_log(self.app, log)


class ConfirmedScreen(OutcomeScreen):
    BINDINGS = [BACK]
    heading = "Checkout confirmed"
    intro = "Nothing to pay: Polar creates the order, sends the receipt and grants the benefits."
    outcome_of = staticmethod(confirmed_state)
