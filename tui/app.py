"""CheckoutApp: routes between screens, keeps one client per server, handles quit. Thin on
purpose: the demo's plumbing lives in `tui.demo`, its palette commands in `tui.commands`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import httpx
from textual import work
from textual.app import App, SystemCommand
from textual.screen import Screen

from tui import settings
from tui.any_size import SizedApp
from tui.appearance import apply_user_config
from tui.commands import DemoCommands, DemoSessionCreated, PaletteScreen
from tui.crash import crash_report
from tui.demo import DemoMode, DemoStart, DemoStartFailed, EmulatorServer, start_demo
from tui.domain.clock import Clock, utc_now
from tui.launch import Launch
from tui.polar.client import CheckoutClient
from tui.polar.pool import ClientPool
from tui.polar.secret import SessionRef, mask_secret
from tui.screens.checkout import CheckoutScreen
from tui.screens.confirm_quit import quit_unless_unsaved
from tui.screens.help import GLOBAL_BINDINGS, toggle_help
from tui.screens.picker import PickerScreen
from tui.screens.recent import SessionHistory
from tui.screens.start import StartScreen
from tui.styles_path import stylesheets

DemoFactory = Callable[[], EmulatorServer]


class CheckoutApp(SizedApp[str | None]):
    TITLE = "Polar checkout"
    CSS_PATH = stylesheets()  # type: ignore[assignment]
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {DemoCommands}
    BINDINGS = GLOBAL_BINDINGS

    def __init__(
        self,
        launch: Launch,
        *,
        clock: Clock = utc_now,
        transport: httpx.AsyncBaseTransport | None = None,
        demo_factory: DemoFactory = start_demo,
    ) -> None:
        super().__init__()
        self._launch = launch
        self._clock = clock
        self._transport = transport
        self._demo_factory = demo_factory
        self._clients = ClientPool(
            settings.API_VERSION, launch.timeout, transport, clock=clock, log=launch.request_log
        )
        self.demo: DemoMode | None = None
        self._demo_start: DemoStart | None = None
        self.recent = SessionHistory()

    def on_mount(self) -> None:
        apply_user_config(self, self._launch.config, self._launch.config_problems)
        if self._launch.demo is not None:
            self.demo = DemoMode(self._launch.demo, transport=self._transport)
            self.push_screen(PickerScreen(self.demo))
        elif self._launch.ref is not None:
            self.open_session(self._launch.ref)
        else:
            self.push_screen(StartScreen(self._launch.choice, self._launch.allow_http))

    async def on_unmount(self) -> None:
        await self._clients.aclose()
        if self.demo is not None:
            await self.demo.close()
        if self._demo_start is not None:
            await self._demo_start.abandon()

    def open_session(self, ref: SessionRef, server: settings.Server | None = None) -> None:
        server = server or self._launch.choice.server_for(ref)
        client = self._clients.for_server(server.base_url)
        shown_as = f"{server.label} · {mask_secret(ref.secret)}"
        self._show_checkout(client, ref.secret, shown_as, ask_before_confirm=server.label)

    def open_demo_session(self, secret: str) -> None:
        assert self.demo is not None
        client = self._clients.for_server(self.demo.base_url)
        self._show_checkout(client, secret, f"demo · {secret}", ask_before_confirm=None)

    def _show_checkout(
        self, client: CheckoutClient, secret: str, shown_as: str, *, ask_before_confirm: str | None
    ) -> None:
        screen = CheckoutScreen(
            client,
            secret,
            shown_as=shown_as,
            clock=self._clock,
            launch=self._launch,
            ask_before_confirm=ask_before_confirm,
        )
        self.push_screen(screen)

    def on_start_screen_opened(self, message: StartScreen.Opened) -> None:
        self.open_session(message.ref, message.server)

    def on_start_screen_demo_requested(self, message: StartScreen.DemoRequested) -> None:
        if self.demo is None:
            self._start_demo(message.control)
        else:
            self.push_screen(PickerScreen(self.demo, can_go_back=True))

    @work(group="demo", exclusive=True, exit_on_error=False)
    async def _start_demo(self, start: StartScreen) -> None:
        """Start the local emulator without freezing the start screen, then show its picker."""
        self._demo_start = DemoStart(self._demo_factory, transport=self._transport)
        try:
            self.demo = await self._demo_start.result()
        except DemoStartFailed as error:
            start.demo_failed(str(error))
            return
        self._demo_start = None
        if self.screen is start:
            self.push_screen(PickerScreen(self.demo, can_go_back=True))

    def on_picker_screen_chosen(self, message: PickerScreen.Chosen) -> None:
        self.open_demo_session(message.client_secret)

    def on_demo_session_created(self, message: DemoSessionCreated) -> None:
        self.open_demo_session(message.client_secret)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, PaletteScreen):
            yield from screen.palette_commands()

    def _fatal_error(self) -> None:
        """Textual's crash report, minus what could leak a secret, plus the unsaved edits."""
        self.bell()
        self._exit_renderables.append(crash_report(self.console, self.screen_stack))
        self._close_messages_no_wait()

    async def action_quit(self) -> None:
        quit_unless_unsaved(self)

    def action_help(self) -> None:  # F1 (on any screen), `?` outside text, palette's "Keys"
        toggle_help(self)

    action_show_help_panel = action_help
