"""The start screen: paste a secret or checkout URL, or start the offline demo."""

from __future__ import annotations

from collections.abc import Iterator

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from tui import keys
from tui.domain.display import printable
from tui.polar.secret import SecretNotRecognised, SessionRef, parse_session_ref
from tui.screens.recent import RECENT_BINDING, recent_command, show_recent
from tui.widgets.field import FormField


class StartScreen(Screen[None]):
    BINDINGS = [Binding("f2", "demo", "Offline demo", priority=True, id=keys.DEMO), RECENT_BINDING]

    class Opened(Message):
        """The user pasted something that names a session."""

        def __init__(self, ref: SessionRef) -> None:
            super().__init__()
            self.ref = ref

    class DemoRequested(Message):
        """The user asked for the offline demo; the start screen shows it is starting."""

        def __init__(self, start: StartScreen) -> None:
            super().__init__()
            self.start = start

        @property
        def control(self) -> StartScreen:
            return self.start

    def __init__(self, server_label: str, server_host: str | None = None) -> None:
        """`server_host`: an explicit `--server`'s host, where checkout URLs are accepted too."""
        super().__init__()
        self._server_label = server_label
        self._server_host = server_host
        self._starting = False

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
            yield Static("", id="demo-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#secret", Input).focus()

    def on_screen_resume(self) -> None:
        """Back from a session: start afresh (the secret pasted before is not kept around)."""
        secret = self.query_one("#secret", Input)
        secret.clear()
        secret.focus()
        self._demo_status("")

    def on_input_changed(self, _event: Input.Changed) -> None:
        self.query_one(FormField).set_error(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            ref = parse_session_ref(event.value, server_host=self._server_host)
        except SecretNotRecognised as error:
            self.query_one(FormField).set_error(str(error))
            return
        self.post_message(self.Opened(ref))

    def palette_commands(self) -> Iterator[SystemCommand]:
        yield recent_command(self.action_recent_sessions)

    def action_recent_sessions(self) -> None:
        show_recent(self.app)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """F2 does nothing (and shows dimmed) while the demo is starting."""
        return None if action == "demo" and self._starting else True

    def action_demo(self) -> None:
        self._demo_status("Starting the offline emulator…", starting=True)
        self.post_message(self.DemoRequested(self))

    def demo_failed(self, reason: str) -> None:
        """The demo could not start: say why; F2 may try again."""
        self._demo_status(f"The offline demo could not start: {printable(reason)}", error=True)

    def _demo_status(self, text: str, *, starting: bool = False, error: bool = False) -> None:
        self._starting = starting
        status = self.query_one("#demo-status", Static)
        status.update(text)
        status.set_class(starting, "-starting")
        status.set_class(error, "-error")
        self.refresh_bindings()
