"""Shared test helpers: a frozen clock, the emulator, and ways to drive the app by keyboard."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

import httpx
from textual.pilot import Pilot

from tui.admin_client import EmulatorAdmin
from tui.app import CheckoutApp
from tui.demo import Demo, RemoteEmulator
from tui.emulator.model.clock import FrozenClock
from tui.emulator.store import Store
from tui.launch import Launch
from tui.polar.secret import SessionRef
from tui.polar.watch import FollowSettings
from tui.screens.checkout import CheckoutScreen
from tui.settings import resolve_server

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
REAL_LOOKING_SECRET = "polar_c_" + "Q7wErTy9UiOp2AsDfGh3JkLzXcVbNm4QwErTyUiOpA5"


def secret_of(store: Store, scenario: str) -> str:
    return next(entry.client_secret for entry in store.scenarios() if entry.name == scenario)


def one_time_body(clock: FrozenClock) -> dict[str, Any]:
    """The "one-time" scenario's session as the emulator serves it, under a real-looking
    secret: for apps on a scripted or mock transport."""
    store = Store(clock)
    return store.get_json(secret_of(store, "one-time")) | {"client_secret": REAL_LOOKING_SECRET}


def demo_app(
    demo: Demo, clock: FrozenClock, *, live: bool = False, follow: FollowSettings | None = None
) -> CheckoutApp:
    """The demo app; `live`: follow sessions' changes (off by default: a stream's timing
    would make screens differ from run to run), with `follow`'s delays when given."""
    launch = Launch(server=resolve_server(demo.base_url), demo=demo, live=live)
    if follow is not None:
        launch = replace(launch, follow=follow)
    return CheckoutApp(launch, clock=clock.now)


def remote_demo_app(base_url: str, clock: FrozenClock) -> CheckoutApp:
    """The demo on an emulator the app knows only by its URL (as `demo --server URL`)."""
    launch = Launch(server=resolve_server(base_url), demo=RemoteEmulator(base_url), live=False)
    return CheckoutApp(launch, clock=clock.now)


def mock_app(
    transport: httpx.MockTransport, clock: FrozenClock, secret: str = REAL_LOOKING_SECRET
) -> CheckoutApp:
    """The app opened straight on a session served by a mock transport (as `open SECRET
    --no-live`: a mock answers reads, not a stream)."""
    launch = Launch(server=resolve_server("sandbox"), ref=SessionRef(secret), live=False)
    return CheckoutApp(launch, clock=clock.now, transport=transport)


async def wait_until(
    pilot: Pilot[Any], condition: Callable[[], bool], timeout: float = 5.0
) -> None:
    """Let the app run until the condition holds; fail the test if it never does."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("the app never reached the expected state")
        await pilot.pause(0.02)
    await pilot.pause()


def checkout(pilot: Pilot[Any]) -> CheckoutScreen:
    screen = pilot.app.screen
    assert isinstance(screen, CheckoutScreen), f"expected the checkout form, got {screen!r}"
    return screen


async def wait_loaded(pilot: Pilot[Any]) -> CheckoutScreen:
    await wait_until(
        pilot,
        lambda: (
            isinstance(pilot.app.screen, CheckoutScreen) and pilot.app.screen.session is not None
        ),
    )
    return checkout(pilot)


async def open_scenario(pilot: Pilot[Any], name: str) -> CheckoutScreen:
    """From the demo picker, move to the scenario's row with the arrow keys and press Enter."""
    from textual.widgets import DataTable

    table = pilot.app.screen.query_one(DataTable)
    await wait_until(pilot, lambda: table.row_count > 0)
    target = picker_scenarios(pilot).index(name)
    while table.cursor_row < target:
        await pilot.press("down")
    await pilot.press("enter")
    return await wait_loaded(pilot)


async def open_quickly(pilot: Pilot[Any], name: str) -> CheckoutScreen:
    """From the demo picker, put the cursor on the scenario's row and press Enter: as
    `open_scenario`, without a key press per row (for tests about what follows)."""
    from textual.widgets import DataTable

    table = pilot.app.screen.query_one(DataTable)
    await wait_until(pilot, lambda: table.row_count > 0)
    table.move_cursor(row=picker_scenarios(pilot).index(name))
    await pilot.press("enter")
    return await wait_loaded(pilot)


def picker_scenarios(pilot: Pilot[Any]) -> list[str]:
    """The Scenario column of the demo picker, top to bottom."""
    from textual.widgets import DataTable

    table = pilot.app.screen.query_one(DataTable)
    return [str(table.get_row_at(index)[0]) for index in range(table.row_count)]


async def run_command(pilot: Pilot[Any], command: str) -> None:
    """Open the command palette, put the title in its search (as a paste would: one search,
    not one a key), run the first match."""
    from textual.command import CommandInput

    await pilot.press("ctrl+p")
    await pilot.pause()
    pilot.app.screen.query_one(CommandInput).value = command
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()


async def _focus_cleared(pilot: Pilot[Any], widget_id: str) -> None:
    from tui.widgets.region_input import RegionInput

    widget = pilot.app.screen.query_one(f"#{widget_id}")
    target = widget.input if isinstance(widget, RegionInput) else widget
    target.focus()
    await pilot.pause()
    await pilot.press("ctrl+u", "ctrl+k")


async def type_into(pilot: Pilot[Any], widget_id: str, text: str) -> None:
    """Focus a field, clear it and type the text key by key."""
    await _focus_cleared(pilot, widget_id)
    if text:
        await pilot.press(*text)
    await pilot.pause()


async def paste_into(pilot: Pilot[Any], widget_id: str, text: str) -> None:
    """Focus a field, clear it and paste the text, as a terminal delivers a paste."""
    await _focus_cleared(pilot, widget_id)
    await paste(pilot, text)


async def paste(pilot: Pilot[Any], text: str) -> None:
    """Deliver a bracketed paste to the focused widget."""
    from textual import events

    focused = pilot.app.focused
    assert focused is not None, "nothing has focus to paste into"
    focused.post_message(events.Paste(text))
    await pilot.pause()


def field_error(pilot: Pilot[Any], name: str) -> str:
    from tui.widgets.field import FormField

    return pilot.app.screen.query_one(f"#field-{name}", FormField).error


def field_value(pilot: Pilot[Any], name: str) -> Any:
    from textual.widgets import Checkbox, Input

    from tui.widgets.region_input import RegionInput

    widget = pilot.app.screen.query_one(f"#{name}")
    if isinstance(widget, RegionInput):
        return widget.input.value
    assert isinstance(widget, Input | Checkbox)
    return widget.value


def banner(pilot: Pilot[Any]) -> str:
    from textual.widgets import Static

    return str(pilot.app.screen.query_one("#banner", Static).content)


def screen_text(pilot: Pilot[Any]) -> str:
    """Everything on screen as plain text, one line a terminal row."""
    from tui.screen_rows import screen_rows

    return "\n".join(screen_rows(pilot.app))


@dataclass
class ScriptedPolar:
    """A stand-in Polar for error paths: GET serves a session, PATCH follows a script.

    Each scripted answer is a response, or an exception to raise (a transport failure).
    Once the script runs out, PATCH applies the body to the session and answers 200.
    """

    session: dict[str, Any]
    patches: list[httpx.Response | Exception] = field(default_factory=list)
    get_answers: list[httpx.Response | Exception] = field(default_factory=list)
    bodies: list[dict[str, Any]] = field(default_factory=list)

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self._handle)

    def _next(self, script: list[httpx.Response | Exception]) -> httpx.Response | None:
        if not script:
            return None
        answer = script.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    def _handle(self, request: httpx.Request) -> httpx.Response:
        if request.method == "GET":
            return self._next(self.get_answers) or httpx.Response(200, json=self.session)
        body = json.loads(request.content)
        self.bodies.append(body)
        scripted = self._next(self.patches)
        if scripted is not None:
            return scripted
        self.session.update(body)
        return httpx.Response(200, json=self.session)


def polar_error(status: int, error: str, detail: Any) -> httpx.Response:
    return httpx.Response(status, json={"error": error, "detail": detail})


@dataclass
class GatedPolar:
    """A stand-in Polar whose answers wait until the test opens a gate for that method."""

    session: dict[str, Any]
    gates: dict[str, asyncio.Event] = field(default_factory=dict)

    def gate(self, method: str) -> asyncio.Event:
        return self.gates.setdefault(method, asyncio.Event())

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self._handle)

    async def _handle(self, request: httpx.Request) -> httpx.Response:
        snapshot = dict(self.session)
        if request.method == "PATCH":
            self.session.update(json.loads(request.content))
            snapshot = dict(self.session)
        if request.method in self.gates:
            await self.gates[request.method].wait()
        return httpx.Response(200, json=snapshot)


@asynccontextmanager
async def admin(demo: Demo) -> AsyncIterator[EmulatorAdmin]:
    """The emulator's admin API; faults left pending are cleared on the way out."""
    emulator = EmulatorAdmin(demo.base_url)
    try:
        yield emulator
    finally:
        await emulator.clear_faults()
        await emulator.aclose()
