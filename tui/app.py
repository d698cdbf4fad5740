"""CheckoutApp: owns the HTTP client and routes between screens. Thin on purpose."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

import httpx
from textual.app import App

from tui import settings
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
        self._client: CheckoutClient | None = None

    def on_mount(self) -> None:
        if self._demo is not None:
            self.push_screen(PickerScreen(self._demo))
        elif self._launch.ref is not None:
            self._open(self._launch.ref)
        else:
            self.push_screen(StartScreen(self._launch.server.label))

    async def on_unmount(self) -> None:
        if self._client is not None:
            await self._client.aclose()
        if self._owns_demo and self._demo is not None:
            self._demo.stop()

    def _client_for(self, base_url: str) -> CheckoutClient:
        if self._client is None:
            self._client = CheckoutClient(
                base_url,
                api_version=settings.API_VERSION,
                timeout=settings.TIMEOUT,
                transport=self._transport,
            )
        return self._client

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
        self.push_screen(PickerScreen(self._demo))

    def on_picker_screen_chosen(self, message: PickerScreen.Chosen) -> None:
        assert self._demo is not None
        client = self._client_for(self._demo.base_url)
        shown = f"demo · {message.client_secret}"
        screen = CheckoutScreen(client, message.client_secret, shown_as=shown, clock=self._clock)
        self.push_screen(screen)

    async def action_quit(self) -> None:
        screen = self.screen
        unsaved = len(screen.unsaved) if isinstance(screen, CheckoutScreen) else 0
        if not unsaved:
            self.exit()
            return

        def answered(quit_app: bool | None) -> None:
            if quit_app:
                self.exit()

        self.push_screen(ConfirmQuitScreen(unsaved), answered)
