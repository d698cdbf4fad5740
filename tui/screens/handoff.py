"""The hand-off: a session that needs a card is paid in a browser, not in the terminal.

Shows the checkout link (to select, copy or open) and its QR code, and follows the session
to its outcome as the checkout screen feeds it updates (`show_session`).

The link holds the client secret. It is shown in full because the customer must open it,
but it is never logged and never put in a notification; the header shows the session as the
checkout screen does (`shown_as`, masked for a real session).
"""

from __future__ import annotations

import os
import sys

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, TextArea

from tui.domain.browser import browser_check, is_web_link
from tui.domain.display import printable
from tui.domain.handoff import HandoffState, handoff_state
from tui.domain.summary import total_text
from tui.polar.models import CheckoutPublic
from tui.polar.secret import redact_secrets
from tui.widgets.qr_code import QrPane

NO_BROWSER_ADVICE = "Copy the link (c) or scan the QR code instead."


class HandoffScreen(Screen[None]):
    BINDINGS = [
        Binding("c", "copy", "Copy link"),
        Binding("o", "open", "Open in browser"),
        Binding("escape", "back", "Back to the form"),
    ]

    def __init__(
        self, session: CheckoutPublic, *, shown_as: str, locale: str | None = None
    ) -> None:
        super().__init__()
        self._shown_as = shown_as
        self._locale = locale
        self.url = printable(session.url or "")
        self._status = session.status
        self._previous_status: str | None = None
        self.state = handoff_state(None, session)
        self._session = session

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="handoff-body"):
            with VerticalScroll(id="handoff-info", can_focus=False):
                yield Static("Pay in a browser", id="handoff-title", markup=False)
                yield Static(
                    "The card is entered on Polar's checkout page: "
                    "open this link on any device, or scan the code.",
                    id="handoff-intro",
                    markup=False,
                )
                yield TextArea(
                    self.url or "Polar sent no checkout link for this session.",
                    id="handoff-url",
                    read_only=True,
                    soft_wrap=True,
                    show_cursor=False,
                )
                yield Static("", id="handoff-product", markup=False)
                yield Static("", id="handoff-total", markup=False)
                yield Static("", id="handoff-outcome", markup=False)
                yield Static("", id="handoff-next", markup=False)
            yield QrPane(self.url)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = printable(self._shown_as)
        self._render_session()

    def show_session(self, session: CheckoutPublic) -> None:
        """A newer read of the session: update the amounts and the outcome."""
        if session.status != self._status:
            self._previous_status, self._status = self._status, session.status
        self.state = handoff_state(self._previous_status, session)
        self._session = session
        if self.is_mounted:
            self._render_session()

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
        return "Following the session: this screen changes when the customer pays."

    def _line(self, selector: str, text: str) -> None:
        line = self.query_one(selector, Static)
        line.update(Text(printable(text)))
        line.display = bool(text)

    # Actions ----------------------------------------------------------------------------

    def action_copy(self) -> None:
        if not self.url:
            self.notify("There is no link to copy.", severity="warning")
            return
        self.app.copy_to_clipboard(self.url)
        self.notify(
            "Sent to your terminal's clipboard. If nothing arrives, select the link instead."
        )

    def action_open(self) -> None:
        if not is_web_link(self.url):
            self.notify("This session has no web link to open.", severity="warning")
            return
        if not self.app.is_web:
            check = browser_check(os.environ, sys.platform)
            if not check.allowed:
                self.notify(
                    f"Not opening a browser here: {check.reason}. {NO_BROWSER_ADVICE}",
                    severity="warning",
                    markup=False,
                )
                return
        self.app.open_url(self.url)
        self.notify("Opening the checkout page in your browser.")

    def action_back(self) -> None:
        self.dismiss()
