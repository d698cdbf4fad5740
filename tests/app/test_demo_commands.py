"""QA drives the emulator from the command palette, keyboard only, and sees each error path."""

from __future__ import annotations

from tests.support import (
    banner,
    demo_app,
    field_value,
    open_scenario,
    picker_scenarios,
    remote_demo_app,
    run_command,
    screen_text,
    secret_of,
    type_into,
    wait_loaded,
    wait_until,
)
from tui.demo import Demo
from tui.emulator.model.clock import FrozenClock
from tui.screens.checkout import CheckoutScreen


async def test_expire_now_shows_the_410_explanation(demo: Demo, clock: FrozenClock) -> None:
    async with demo_app(demo, clock).run_test(size=(100, 40)) as pilot:
        await open_scenario(pilot, "one-time")
        await type_into(pilot, "customer_name", "Kept Name")
        await run_command(pilot, "expire this session")
        await wait_until(pilot, lambda: "Checkout expired" in banner(pilot))
        assert field_value(pilot, "customer_name") == "Kept Name"


async def test_injected_500_then_success_on_retry(demo: Demo, clock: FrozenClock) -> None:
    secret = secret_of(demo.store, "one-time")
    async with demo_app(demo, clock).run_test(size=(100, 40)) as pilot:
        screen = await open_scenario(pilot, "one-time")
        await run_command(pilot, "fails with 500")
        await type_into(pilot, "customer_name", "Retry Me")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "Polar had a problem" in banner(pilot))
        assert demo.store.get_json(secret)["customer_name"] != "Retry Me"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not screen.unsaved)
    assert demo.store.get_json(secret)["customer_name"] == "Retry Me"


async def test_lock_makes_the_next_submit_busy(demo: Demo, clock: FrozenClock) -> None:
    async with demo_app(demo, clock).run_test(size=(100, 40)) as pilot:
        await open_scenario(pilot, "one-time")
        await run_command(pilot, "lock this session")
        await type_into(pilot, "customer_name", "Busy")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "Checkout busy" in banner(pilot))


async def test_simulated_payment_shows_the_new_status(demo: Demo, clock: FrozenClock) -> None:
    async with demo_app(demo, clock).run_test(size=(100, 40)) as pilot:
        screen = await open_scenario(pilot, "one-time")
        await run_command(pilot, "simulate payment")
        await wait_until(
            pilot, lambda: screen.session is not None and screen.session.status != "open"
        )
        assert screen.session is not None
        assert screen.session.status in {"confirmed", "succeeded"}
        assert screen.session.status in screen_text(pilot)


async def test_new_session_opens_a_fresh_one(demo: Demo, clock: FrozenClock) -> None:
    async with demo_app(demo, clock).run_test(size=(100, 40)) as pilot:
        first = await open_scenario(pilot, "one-time")
        await run_command(pilot, "new free session")
        await wait_until(
            pilot,
            lambda: (
                isinstance(pilot.app.screen, CheckoutScreen)
                and pilot.app.screen is not first
                and pilot.app.screen.session is not None
            ),
        )
        fresh = pilot.app.screen
        assert isinstance(fresh, CheckoutScreen)
        assert fresh.secret != first.secret
        assert fresh.secret not in {entry.client_secret for entry in demo.store.scenarios()}


async def test_dropped_answer_is_explained_as_maybe_saved(demo: Demo, clock: FrozenClock) -> None:
    async with demo_app(demo, clock).run_test(size=(100, 40)) as pilot:
        screen = await open_scenario(pilot, "one-time")
        await run_command(pilot, "cut off mid-answer")
        await type_into(pilot, "customer_name", "Maybe Saved")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "Connection lost mid-answer" in banner(pilot))
        assert "may or may not have been saved" in banner(pilot)
        assert field_value(pilot, "customer_name") == "Maybe Saved"
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: banner(pilot) == "")
        assert screen.session is not None


async def test_commands_drive_an_emulator_known_only_by_url(demo: Demo, clock: FrozenClock) -> None:
    """`demo --server URL`: new sessions and session commands go over the admin API."""
    async with remote_demo_app(demo.base_url, clock).run_test(size=(100, 40)) as pilot:
        await wait_until(pilot, lambda: len(picker_scenarios(pilot)) > 0)
        await run_command(pilot, "new jpy session")
        screen = await wait_loaded(pilot)
        assert "\uffe54,800" in screen_text(pilot)  # the session's locale is ja: fullwidth ￥
        await run_command(pilot, "expire this session")
        await wait_until(pilot, lambda: "Checkout expired" in banner(pilot))
    stored = {entry.client_secret: entry for entry in demo.store.list_sessions()}
    assert stored[screen.secret].scenario == "jpy"
    assert stored[screen.secret].status == "expired"
    assert screen.secret not in {entry.client_secret for entry in demo.store.scenarios()}


def test_palette_titles_are_plain_text_whatever_they_hold() -> None:
    from textual.fuzzy import Matcher

    from tui.commands import plain_highlight

    title = "Demo: new [@click=app.quit]x[/] session"
    shown = plain_highlight(Matcher("new"), title)
    assert shown.plain == title
    assert shown.spans, "the matched letters are highlighted"
