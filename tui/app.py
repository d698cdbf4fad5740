"""CheckoutApp: owns the HTTP client and routes between screens. Thin on purpose."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

import httpx
from textual import work
from textual.app import App
from textual.command import Provider

from tui import settings
from tui.admin_client import AdminFailed, EmulatorAdmin
from tui.crash import crash_report
from tui.domain.display import printable
from tui.polar.client import CheckoutClient
from tui.polar.secret import SessionRef, mask_secret
from tui.screens.checkout import CheckoutScreen
from tui.screens.confirm_quit import ConfirmQuitScreen
from tui.screens.picker import PickerScreen, ScenarioSource
from tui.screens.start import StartScreen
from tui.settings import Server
from tui.styles_path import stylesheets

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class DemoServer(ScenarioSource, Protocol):
    """A running emulator the demo talks to."""

    @property
    def base_url(self) -> str: ...

    def stop(self) -> None: ...


DemoFactory = Callable[[], DemoServer]


def _start_builtin_demo() -> DemoServer:
    from tui.demo import start_demo  # the emulator loads only when a demo starts

    return start_demo()


def _demo_commands() -> type[Provider]:
    from tui.commands import DemoCommands  # the commands import the screens, loaded lazily

    return DemoCommands


@dataclass(frozen=True, slots=True)
class Launch:
    """What the command line asked for."""

    server: Server
    server_explicit: bool = False
    ref: SessionRef | None = None
    demo: DemoServer | None = None


class CheckoutApp(App[str | None]):
    TITLE = "Polar checkout"
    CSS_PATH = stylesheets()  # type: ignore[assignment]
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {_demo_commands}

    def __init__(
        self,
        launch: Launch,
        *,
        clock: Clock = utc_now,
        transport: httpx.AsyncBaseTransport | None = None,
        demo_factory: DemoFactory = _start_builtin_demo,
    ) -> None:
        super().__init__()
        self._launch = launch
        self._clock = clock
        self._transport = transport
        self._demo_factory = demo_factory
        self._demo = launch.demo
        self._owns_demo = False
        self._clients: dict[str, CheckoutClient] = {}
        self.admin: EmulatorAdmin | None = None

    def on_mount(self) -> None:
        if self._demo is not None:
            self._show_demo(self._demo)
        elif self._launch.ref is not None:
            self._open(self._launch.ref)
        else:
            self.push_screen(StartScreen(self._launch.server.label))

    async def on_unmount(self) -> None:
        for client in self._clients.values():
            await client.aclose()
        if self.admin is not None:
            await self.admin.aclose()
        if self._owns_demo and self._demo is not None:
            self._demo.stop()

    def _client_for(self, base_url: str) -> CheckoutClient:
        """One client per server: a secret only ever travels to the server it was opened on."""
        if base_url not in self._clients:
            self._clients[base_url] = CheckoutClient(
                base_url,
                api_version=settings.API_VERSION,
                timeout=settings.TIMEOUT,
                transport=self._transport,
            )
        return self._clients[base_url]

    def _open(self, ref: SessionRef) -> None:
        server = self._launch.server
        if ref.server is not None and not self._launch.server_explicit:
            server = settings.resolve_server(ref.server)
        client = self._client_for(server.base_url)
        shown = f"{server.label} · {mask_secret(ref.secret)}"
        self.push_screen(CheckoutScreen(client, ref.secret, shown_as=shown, clock=self._clock))

    def on_start_screen_opened(self, message: StartScreen.Opened) -> None:
        self._open(message.ref)

    def on_start_screen_demo_requested(self, _message: StartScreen.DemoRequested) -> None:
        if self._demo is None:
            self.notify("Starting the offline emulator…", timeout=2)
            self._demo = self._demo_factory()
            self._owns_demo = True
        self._show_demo(self._demo)

    def _show_demo(self, demo: DemoServer) -> None:
        self.admin = EmulatorAdmin(demo.base_url, transport=self._transport)
        self.push_screen(PickerScreen(demo))

    def on_picker_screen_chosen(self, message: PickerScreen.Chosen) -> None:
        self._open_demo_session(message.client_secret)

    def _open_demo_session(self, secret: str) -> None:
        assert self._demo is not None
        client = self._client_for(self._demo.base_url)
        screen = CheckoutScreen(client, secret, shown_as=f"demo · {secret}", clock=self._clock)
        self.push_screen(screen)

    def scenario_names(self) -> list[str]:
        """The demo's scenario names, for commands that create sessions."""
        if self._demo is None:
            return []
        return sorted({row.name for row in self._demo.scenarios()})

    @work(group="admin", exit_on_error=False)
    async def open_new_demo_session(self, scenario: str) -> None:
        assert self.admin is not None
        try:
            secret = await self.admin.new_session(scenario)
        except AdminFailed as error:
            self.notify(printable(str(error)), title="Emulator", severity="error", markup=False)
            return
        self._open_demo_session(secret)

    @work(group="admin", exit_on_error=False)
    async def run_admin(
        self, title: str, action: Callable[[], Awaitable[None]], *, reload: bool = True
    ) -> None:
        """Run one emulator command, say what happened, and show the session as it is now.

        Commands that only arm a fault skip the reload, which would trigger the fault itself.
        """
        try:
            await action()
        except AdminFailed as error:
            self.notify(printable(str(error)), title=title, severity="error", markup=False)
            return
        self.notify(title.removeprefix("Demo: "), title="Emulator", timeout=3, markup=False)
        screen = self.screen
        if not reload:
            return
        if isinstance(screen, CheckoutScreen):
            screen.load_session()
        elif isinstance(screen, PickerScreen):
            screen.action_refresh()

    def _fatal_error(self) -> None:
        """Textual's crash report, minus what could leak a secret (see `tui.crash`)."""
        self.bell()
        self._exit_renderables.append(crash_report(self.console))
        self._close_messages_no_wait()

    async def action_quit(self) -> None:
        unsaved = sum(
            len(screen.unsaved)
            for screen in self.screen_stack
            if isinstance(screen, CheckoutScreen)
        )
        if not unsaved:
            self.exit()
            return

        def answered(quit_app: bool | None) -> None:
            if quit_app:
                self.exit()

        self.push_screen(ConfirmQuitScreen(unsaved), answered)
