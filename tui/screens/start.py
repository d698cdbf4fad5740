"""The start screen: paste a secret or checkout URL, or start the offline demo."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from tui.polar.secret import SecretNotRecognised, SessionRef, parse_session_ref
from tui.widgets.field import FormField


class StartScreen(Screen[None]):
    BINDINGS = [Binding("f2", "demo", "Offline demo", priority=True)]

    class Opened(Message):
        """The user pasted something that names a session."""

        def __init__(self, ref: SessionRef) -> None:
            super().__init__()
            self.ref = ref

    class DemoRequested(Message):
        """The user asked for the offline demo."""

    def __init__(self, server_label: str) -> None:
        super().__init__()
        self._server_label = server_label

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="start-box"):
            yield Static("Open a Polar checkout session", id="start-title", markup=False)
            yield Static(
                f"Paste the session's client secret or its checkout URL, then Enter. "
                f"A bare secret opens on {self._server_label}; a URL picks its own server. "
                "Or press F2 for the offline demo.",
                id="start-help",
                markup=False,
            )
            yield FormField(
                "Client secret or checkout URL",
                Input(
                    placeholder="polar_c_… or https://polar.sh/checkout/…",
                    password=True,
                    compact=True,
                    id="secret",
                ),
                field_id="secret",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#secret", Input).focus()

    def on_screen_resume(self) -> None:
        """Back from a session: start afresh (the secret pasted before is not kept around)."""
        secret = self.query_one("#secret", Input)
        secret.clear()
        secret.focus()

    def on_input_changed(self, _event: Input.Changed) -> None:
        self.query_one(FormField).set_error(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            ref = parse_session_ref(event.value)
        except SecretNotRecognised as error:
            self.query_one(FormField).set_error(str(error))
            return
        self.post_message(self.Opened(ref))

    def action_demo(self) -> None:
        self.post_message(self.DemoRequested())
