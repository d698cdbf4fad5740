"""`polar-checkout` with no arguments: paste a secret or URL, or start the demo with one key."""

from __future__ import annotations

import threading
from collections.abc import Callable

import httpx
from textual.widgets import Input

from tests.emulator.support import SCENARIO_NAMES
from tests.support import (
    REAL_LOOKING_SECRET,
    ScriptedPolar,
    field_error,
    one_time_body,
    paste,
    picker_scenarios,
    screen_text,
    wait_loaded,
    wait_until,
)
from tui.app import CheckoutApp
from tui.demo import Demo, DemoStartFailed, EmulatorServer
from tui.emulator.model.clock import FrozenClock
from tui.launch import Launch
from tui.screens.checkout import CheckoutScreen
from tui.screens.picker import PickerScreen
from tui.screens.start import StartScreen
from tui.settings import resolve_server


class _Borrowed(Demo):
    """The test session's emulator, lent to one app: it outlives the app that stops it."""

    def stop(self) -> None:
        pass


def _start_app(clock: FrozenClock, transport: httpx.MockTransport) -> CheckoutApp:
    return CheckoutApp(
        Launch(server=resolve_server("production"), live=False),
        clock=clock.now,
        transport=transport,
    )


async def test_pasted_url_opens_the_session_on_its_server_masked(clock: FrozenClock) -> None:
    seen: list[httpx.URL] = []
    polar = ScriptedPolar(one_time_body(clock))
    inner = polar.transport()

    async def recording(request: httpx.Request) -> httpx.Response:
        seen.append(request.url)
        return await inner.handle_async_request(request)

    app = _start_app(clock, httpx.MockTransport(recording))
    async with app.run_test(size=(100, 30)) as pilot:
        url = f"https://sandbox.polar.sh/checkout/{REAL_LOOKING_SECRET}/confirmation?theme=dark"
        await paste(pilot, url)
        assert REAL_LOOKING_SECRET not in screen_text(pilot)
        await pilot.press("enter")
        screen = await wait_loaded(pilot)
        assert isinstance(screen, CheckoutScreen)
        assert "sandbox" in (screen.sub_title or "")
    assert seen[0].host == "sandbox-api.polar.sh"
    assert seen[0].path == f"/v1/checkouts/client/{REAL_LOOKING_SECRET}"


async def test_checkout_link_is_refused_with_an_explanation(clock: FrozenClock) -> None:
    app = _start_app(clock, ScriptedPolar(one_time_body(clock)).transport())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"polar_cl_abcdef123456", "enter")
        await pilot.pause()
        assert "checkout link" in field_error(pilot, "secret")
        await pilot.press("x")
        assert field_error(pilot, "secret") == ""


def _demo_start_app(clock: FrozenClock, factory: Callable[[], EmulatorServer]) -> CheckoutApp:
    launch = Launch(server=resolve_server("production"))
    return CheckoutApp(launch, clock=clock.now, demo_factory=factory)


async def test_f2_starts_the_demo_and_esc_comes_back(demo: Demo, clock: FrozenClock) -> None:
    app = _demo_start_app(clock, lambda: _Borrowed(demo.emulator))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f2")
        await wait_until(pilot, lambda: isinstance(app.screen, PickerScreen))
        await wait_until(pilot, lambda: picker_scenarios(pilot) == list(SCENARIO_NAMES))
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, StartScreen))
        assert "Starting" not in screen_text(pilot)
        await pilot.press("f2")
        await wait_until(pilot, lambda: isinstance(app.screen, PickerScreen))


async def test_f2_shows_starting_and_keeps_taking_input(demo: Demo, clock: FrozenClock) -> None:
    """Starting the emulator takes a while: the screen says so and still answers keys."""
    release, returned = threading.Event(), threading.Event()

    def slow_factory() -> EmulatorServer:
        release.wait(timeout=5)
        returned.set()
        return _Borrowed(demo.emulator)

    app = _demo_start_app(clock, slow_factory)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f2")
        await wait_until(pilot, lambda: "Starting the offline emulator…" in screen_text(pilot))
        await pilot.press(*"polar_c_")
        assert app.screen.query_one("#secret", Input).value == "polar_c_"
        assert not returned.is_set(), "the keys waited for the emulator to start"
        release.set()
        await wait_until(pilot, lambda: isinstance(app.screen, PickerScreen))


async def test_quitting_while_the_demo_starts_stops_the_emulator(
    demo: Demo, clock: FrozenClock
) -> None:
    release, stopped = threading.Event(), threading.Event()

    class _Noted(_Borrowed):
        def stop(self) -> None:
            stopped.set()

    def slow_factory() -> EmulatorServer:
        release.wait(timeout=5)
        return _Noted(demo.emulator)

    app = _demo_start_app(clock, slow_factory)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f2")
        await wait_until(pilot, lambda: "Starting the offline emulator…" in screen_text(pilot))
        release.set()  # the start finishes as the app goes away
        await pilot.press("ctrl+q")
    assert stopped.wait(timeout=5), "the emulator started for the demo was left running"


async def test_f2_explains_a_demo_that_cannot_start(demo: Demo, clock: FrozenClock) -> None:
    outcomes: list[EmulatorServer | Exception] = [
        DemoStartFailed("[b]port[/b] 8000 is taken"),
        _Borrowed(demo.emulator),
    ]

    def factory() -> EmulatorServer:
        outcome = outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    app = _demo_start_app(clock, factory)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f2")
        await wait_until(pilot, lambda: "could not start" in screen_text(pilot))
        assert "[b]port[/b] 8000 is taken" in screen_text(pilot)
        assert isinstance(app.screen, StartScreen)
        await pilot.press("f2")
        await wait_until(pilot, lambda: isinstance(app.screen, PickerScreen))


async def test_each_session_goes_to_its_own_server(clock: FrozenClock) -> None:
    hosts: list[str] = []
    polar = ScriptedPolar(one_time_body(clock))
    inner = polar.transport()

    async def recording(request: httpx.Request) -> httpx.Response:
        hosts.append(request.url.host)
        return await inner.handle_async_request(request)

    app = _start_app(clock, httpx.MockTransport(recording))
    async with app.run_test(size=(100, 30)) as pilot:
        await paste(pilot, f"https://sandbox.polar.sh/checkout/{REAL_LOOKING_SECRET}")
        await pilot.press("enter")
        await wait_loaded(pilot)
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, CheckoutScreen))
        await paste(pilot, REAL_LOOKING_SECRET)
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(hosts) == 2)
    assert hosts == ["sandbox-api.polar.sh", "api.polar.sh"]
