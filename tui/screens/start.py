"""The start screen: pick the server, paste a secret or checkout URL (and check it, masked),
or start the offline demo."""

from __future__ import annotations

from collections.abc import Iterator

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Input, RadioSet, Static

from tui import keys
from tui.domain.display import printable
from tui.key_hints import key_hint
from tui.polar.secret import SecretNotRecognised, SessionRef
from tui.screens.recent import RECENT_BINDING, recent_command, show_recent
from tui.server_choice import ServerChoice, is_url, preview, url_without_credentials
from tui.settings import Server, ServerNotAllowed, resolve_server
from tui.widgets.field import FormField
from tui.widgets.fitted_footer import FittedFooter
from tui.widgets.marked_checkbox import MarkedRadioButton

URL_KIND = "url"


class StartScreen(Screen[None]):
    BINDINGS = [
        Binding("f2", "demo", "Offline demo", priority=True, id=keys.DEMO),
        Binding("f5", "reveal", "Check secret", priority=True, id=keys.REVEAL),
        RECENT_BINDING,
    ]

    class Opened(Message):
        """The user pasted something that names a session, to open on `server`."""

        def __init__(self, ref: SessionRef, server: Server) -> None:
            super().__init__()
            self.ref = ref
            self.server = server

    class DemoRequested(Message):
        """The user asked for the offline demo; the start screen shows it is starting."""

        def __init__(self, start: StartScreen) -> None:
            super().__init__()
            self.start = start

        @property
        def control(self) -> StartScreen:
            return self.start

    def __init__(self, launched: ServerChoice, allow_http: bool = False) -> None:
        """`launched`: the server the app was launched with, picked to begin with; while it
        stays picked, a checkout URL goes where `open` would send it (an explicit `--server`
        wins over the URL's own server, the settings file's does not)."""
        super().__init__()
        self._launched_choice = launched
        self._launched = launched.server
        self._allow_http = allow_http
        self._starting = False

    def compose(self) -> ComposeResult:
        yield Header()
        launched_kind = URL_KIND if is_url(self._launched) else self._launched.label
        with Vertical(id="start-box"):
            yield Static("Open a Polar checkout session", id="start-title", markup=False)
            yield Static("", id="start-help", markup=False)
            with RadioSet(id="server-kind"):
                for kind, label in (("production", "Production"), ("sandbox", "Sandbox")):
                    yield MarkedRadioButton(label, kind == launched_kind, id=kind)
                yield MarkedRadioButton("URL", launched_kind == URL_KIND, id=URL_KIND)
            shown = url_without_credentials(self._launched) if is_url(self._launched) else ""
            url = Input(shown, placeholder="https://…", compact=True, id="server-url")
            yield FormField("Server URL", url, field_id="server-url")
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
            yield Static("", id="reveal", markup=False)
            yield Static("", id="demo-status", markup=False)
        yield FittedFooter()

    def on_mount(self) -> None:
        self._show_url_field()
        self.query_one("#secret", Input).focus()
        self._update_help()

    def _update_help(self) -> None:
        """The help line, saying where a checkout URL goes with the server picked now."""
        self.query_one("#start-help", Static).update(
            "Pick the server, paste the session's client secret or checkout URL, then Enter. "
            f"{self._url_rule()} "
            f"{key_hint(self, keys.REVEAL)} shows what you pasted, masked; "
            f"{key_hint(self, keys.DEMO)} starts the offline demo."
        )

    def _url_rule(self) -> str:
        """Where a checkout URL goes, by the server picked (not by whether a URL typed for it
        is valid yet)."""
        pressed = self.query_one(RadioSet).pressed_button
        if self._choice(say=False) is self._launched_choice:  # as launched, as `open` does
            if self._launched_choice.explicit:
                return f"A checkout URL opens on {self._launched.label} too."
        elif pressed is None or pressed.id == URL_KIND:
            return "A checkout URL opens on the server URL below too."
        return "A checkout URL on Polar's hosts picks its own server."

    def on_screen_resume(self) -> None:
        """Back from a session: start afresh (the secret pasted before is not kept around)."""
        secret = self.query_one("#secret", Input)
        secret.clear()
        secret.focus()
        self._demo_status("")

    @on(RadioSet.Changed)
    def _kind_changed(self) -> None:
        self._show_url_field()
        self._update_help()
        self._update_reveal()

    @on(Input.Changed, "#server-url")
    def _url_changed(self) -> None:
        self._choice()
        self._update_help()
        self._update_reveal()

    @on(Input.Submitted, "#server-url")
    def _url_submitted(self) -> None:
        if self._choice() is not None:
            self.query_one("#secret", Input).focus()

    @on(Input.Changed, "#secret")
    def _secret_changed(self) -> None:
        self._field("secret").set_error(None)
        self._update_reveal()

    @on(Input.Submitted, "#secret")
    def _secret_submitted(self, event: Input.Submitted) -> None:
        choice = self._choice()
        if choice is None:
            self.query_one("#server-url", Input).focus()
            return
        try:
            ref, server = choice.open(event.value)
        except SecretNotRecognised as error:
            self._field("secret").set_error(str(error))
            return
        self.post_message(self.Opened(ref, server))

    def action_reveal(self) -> None:
        """Show (or hide again) what was pasted, masked, and where it would go."""
        reveal = self.query_one("#reveal", Static)
        reveal.display = not reveal.display
        self._update_reveal()

    def _update_reveal(self) -> None:
        reveal = self.query_one("#reveal", Static)
        if reveal.display:
            text = self.query_one("#secret", Input).value
            choice = self._choice(say=False)
            shown = (
                preview(text, choice) if choice else "Type a server URL the secret may go to first."
            )
            reveal.update(printable(shown))

    def _choice(self, *, say: bool = True) -> ServerChoice | None:
        """The server picked, or None (said under the URL field) when its URL is not one
        the secret may go to. The launched server, while it stays picked, keeps how it was
        given (`Launch.choice`); another one picked here counts as picked by hand."""
        pressed = self.query_one(RadioSet).pressed_button
        kind = pressed.id if pressed is not None else URL_KIND
        if kind != URL_KIND:
            named = resolve_server(kind)
            return self._launched_choice if named == self._launched else ServerChoice.picked(named)
        typed = self.query_one("#server-url", Input).value.strip()
        if is_url(self._launched) and typed == url_without_credentials(self._launched):
            if say:
                self._field("server-url").set_error(None)
            return self._launched_choice  # as launched, with any user:password kept
        problem = "Type the server's URL (https://…)." if not typed else None
        server: Server | None = None
        if typed:
            try:
                server = resolve_server(typed, allow_http=self._allow_http)
            except ServerNotAllowed as error:
                problem = str(error)
        if say:
            self._field("server-url").set_error(problem)
        return ServerChoice.picked(server) if server is not None and problem is None else None

    def _show_url_field(self) -> None:
        pressed = self.query_one(RadioSet).pressed_button
        self._field("server-url").display = pressed is not None and pressed.id == URL_KIND

    def _field(self, field_id: str) -> FormField:
        return self.query_one(f"#field-{field_id}", FormField)

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
