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
from collections.abc import Iterator

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.widgets import TextArea

from tui import keys
from tui.domain.browser import browser_check, is_web_link
from tui.domain.display import printable
from tui.polar.models import CheckoutPublic
from tui.polar.secret import redact_secrets
from tui.screens.outcome import BACK, OutcomeScreen
from tui.widgets.qr_code import QrPane

NO_BROWSER_ADVICE = "Copy the link (c) or scan the QR code instead."


class HandoffScreen(OutcomeScreen):
    BINDINGS = [
        Binding("c", "copy", "Copy link", id=keys.COPY_LINK),
        Binding("o", "open", "Open in browser", id=keys.OPEN_BROWSER),
        BACK,
    ]

    heading = "Pay in a browser"
    intro = (
        "The card is entered on Polar's checkout page: "
        "open this link on any device, or scan the code."
    )
    waiting = "Following the session: this screen changes when the customer pays."

    def __init__(
        self,
        session: CheckoutPublic,
        *,
        shown_as: str,
        locale: str | None = None,
        following: bool = True,
    ) -> None:
        super().__init__(session, shown_as=shown_as, locale=locale, following=following)
        self.url = printable(session.url or "")

    def compose_link(self) -> ComposeResult:
        yield TextArea(
            self.url or "Polar sent no checkout link for this session.",
            id="handoff-url",
            read_only=True,
            soft_wrap=True,
            show_cursor=False,
        )

    def compose_side(self) -> ComposeResult:
        yield QrPane(self.url)

    def palette_commands(self) -> Iterator[SystemCommand]:
        """The link's actions, for the command palette."""
        yield from super().palette_commands()
        yield SystemCommand("Copy checkout URL", "Send the link to the clipboard", self.action_copy)
        yield SystemCommand(
            "Open checkout in browser", "Open the link in a graphical browser", self.action_open
        )

    def mask_link(self) -> None:
        """Show the link with its secret masked and no QR code (which holds the link too):
        for a picture of a real session's screen that goes into a file or a log."""
        self.query_one("#handoff-url", TextArea).text = redact_secrets(self.url)
        self.query_one(QrPane).display = False

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
