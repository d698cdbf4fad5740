"""Every action of the form has a palette entry, and its full title in the search runs it."""

from __future__ import annotations

from tests.support import (
    demo_app,
    open_scenario,
    run_command,
    screen_text,
    secret_of,
    type_into,
    wait_until,
)
from tui.demo import Demo
from tui.emulator.model.clock import FrozenClock
from tui.screens.handoff import HandoffScreen


async def test_submit_and_reload_from_the_palette(demo: Demo, clock: FrozenClock) -> None:
    secret = secret_of(demo.store, "one-time")
    async with demo_app(demo, clock).run_test(size=(100, 32)) as pilot:
        screen = await open_scenario(pilot, "one-time")
        await type_into(pilot, "customer_name", "Ada Lovelace")
        await run_command(pilot, "Submit")
        await wait_until(pilot, lambda: not screen.unsaved and not screen.form.saving)
        assert demo.store.get_json(secret)["customer_name"] == "Ada Lovelace"
        demo.store.pay(secret)
        await run_command(pilot, "Reload")
        await wait_until(pilot, lambda: "confirmed" in screen_text(pilot))


async def test_demo_payment_titles_from_the_tape_contract(demo: Demo, clock: FrozenClock) -> None:
    secret = secret_of(demo.store, "one-time")
    async with demo_app(demo, clock).run_test(size=(100, 32)) as pilot:
        await open_scenario(pilot, "one-time")
        await run_command(pilot, "Demo: simulate payment")
        await wait_until(pilot, lambda: demo.store.session(secret).status == "confirmed")
        await run_command(pilot, "Demo: decline payment")
        await wait_until(pilot, lambda: demo.store.session(secret).status == "open")
        await wait_until(pilot, lambda: "  ·  open  ·  " in screen_text(pilot))
        await run_command(pilot, "Demo: expire this session")
        await wait_until(pilot, lambda: "expired" in screen_text(pilot))


async def test_the_emulators_clock_from_the_palette_moves_the_countdown(
    demo: Demo, clock: FrozenClock
) -> None:
    async with demo_app(demo, clock).run_test(size=(100, 32)) as pilot:
        await open_scenario(pilot, "one-time")
        await wait_until(pilot, lambda: "1:00:00 left" in screen_text(pilot))
        await run_command(pilot, "Demo: freeze the emulator's clock")
        await wait_until(pilot, lambda: demo.store.clock.frozen)
        await run_command(pilot, "Demo: move the emulator's clock 30 minutes on")
        await wait_until(pilot, lambda: "30:00 left" in screen_text(pilot))
        await run_command(pilot, "Demo: let the emulator's clock run")
        await wait_until(pilot, lambda: not demo.store.clock.frozen)


async def test_quit_from_the_palette(demo: Demo, clock: FrozenClock) -> None:
    async with demo_app(demo, clock).run_test(size=(100, 32)) as pilot:
        await open_scenario(pilot, "one-time")
        await run_command(pilot, "Quit")
        await wait_until(pilot, lambda: not pilot.app.is_running)


async def test_the_hand_off_link_from_the_palette(demo: Demo, clock: FrozenClock) -> None:
    secret = secret_of(demo.store, "one-time")
    async with demo_app(demo, clock).run_test(size=(100, 32), notifications=True) as pilot:
        await open_scenario(pilot, "one-time")
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, HandoffScreen))
        await run_command(pilot, "Copy checkout URL")
        assert pilot.app.clipboard == f"{demo.base_url}/checkout/{secret}"
        await wait_until(pilot, lambda: "Sent to your terminal's clipboard" in screen_text(pilot))
