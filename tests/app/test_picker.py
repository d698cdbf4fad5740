"""The demo's picker lists what the emulator holds, read over its admin API, local or remote."""

from __future__ import annotations

import socket

import httpx

from tests.emulator.support import SCENARIO_NAMES
from tests.support import (
    demo_app,
    open_scenario,
    picker_scenarios,
    remote_demo_app,
    run_command,
    screen_text,
    wait_loaded,
    wait_until,
)
from tui.demo import Demo
from tui.emulator.model.clock import FrozenClock
from tui.screens.checkout import CheckoutScreen
from tui.screens.picker import PickerScreen


def _closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


async def test_picker_lists_sessions_created_from_the_palette(
    demo: Demo, clock: FrozenClock
) -> None:
    async with demo_app(demo, clock).run_test(size=(100, 30)) as pilot:
        first = await open_scenario(pilot, "one-time")
        await run_command(pilot, "new free session")
        await wait_until(
            pilot,
            lambda: isinstance(pilot.app.screen, CheckoutScreen) and pilot.app.screen is not first,
        )
        fresh = await wait_loaded(pilot)
        await pilot.press("escape")
        await wait_until(pilot, lambda: pilot.app.screen is first)
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, PickerScreen))
        await wait_until(pilot, lambda: len(picker_scenarios(pilot)) == len(SCENARIO_NAMES) + 1)
        assert picker_scenarios(pilot) == [*SCENARIO_NAMES, "free"]
        await pilot.press("ctrl+end", "enter")
        reopened = await wait_loaded(pilot)
        assert reopened.secret == fresh.secret
    assert fresh.secret in {entry.client_secret for entry in demo.store.list_sessions()}


async def test_a_remote_emulator_is_listed_over_http(demo: Demo, clock: FrozenClock) -> None:
    async with remote_demo_app(demo.base_url, clock).run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: len(picker_scenarios(pilot)) == len(SCENARIO_NAMES))
        text = screen_text(pilot)
        assert "Relay Team Workspace" in text
        assert "$15.00 per seat / month" in text
        async with httpx.AsyncClient(base_url=demo.base_url) as qa:
            created = await qa.post("/emulator/sessions", json={"scenario": "jpy"})
        assert created.status_code == 201
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: len(picker_scenarios(pilot)) == len(SCENARIO_NAMES) + 1)
        assert picker_scenarios(pilot)[-1] == "jpy"
        await pilot.press("ctrl+end", "enter")
        screen = await wait_loaded(pilot)
        assert screen.secret == created.json()["client_secret"]


async def test_an_unreachable_emulator_is_explained(clock: FrozenClock) -> None:
    async with remote_demo_app(_closed_port_url(), clock).run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: "Could not list the demo's sessions" in screen_text(pilot))
        assert "did not answer" in screen_text(pilot)
        assert picker_scenarios(pilot) == []
        await pilot.press("ctrl+r")
        await pilot.pause(0.3)
        assert isinstance(pilot.app.screen, PickerScreen)
        assert "Could not list the demo's sessions" in screen_text(pilot)


async def test_esc_does_nothing_on_the_demo_s_first_screen(demo: Demo, clock: FrozenClock) -> None:
    async with demo_app(demo, clock).run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: len(picker_scenarios(pilot)) > 0)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PickerScreen)
        assert picker_scenarios(pilot) == list(SCENARIO_NAMES)
