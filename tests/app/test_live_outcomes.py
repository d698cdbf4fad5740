"""Following a session live: what its events tell the screens that a read after them cannot
(a payment declined at once), and a session that expires on the server while on screen."""

from __future__ import annotations

from textual.widgets import Input, Static

from tests.support import banner, demo_app, open_scenario, secret_of, type_into, wait_until
from tui.demo import Demo
from tui.domain.handoff import DECLINED_LINE
from tui.emulator.model.clock import FrozenClock
from tui.screens.handoff import HandoffScreen


async def test_a_payment_declined_at_once_says_so(demo: Demo, clock: FrozenClock) -> None:
    """The emulator's decline moves an open session to `confirmed` and back to `open` in one
    step: every read after it shows `open`, only the events show it was confirmed."""
    secret = secret_of(demo.store, "one-time")
    async with demo_app(demo, clock, live=True).run_test(size=(100, 32)) as pilot:
        await open_scenario(pilot, "one-time")
        await type_into(pilot, "customer_email", "ada@example.com")
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, HandoffScreen))
        handoff = pilot.app.screen
        outcome = handoff.query_one("#handoff-outcome", Static)
        await wait_until(pilot, lambda: str(outcome.content) == "Waiting for payment…")
        demo.store.decline(secret)
        await wait_until(pilot, lambda: str(outcome.content) == DECLINED_LINE)
    assert demo.store.get_json(secret)["status"] == "open"


async def test_a_session_expired_on_the_server_says_when_and_keeps_the_typing(
    demo: Demo, clock: FrozenClock
) -> None:
    """The app's countdown has not run out (the clock stands still): the stream tells."""
    async with demo_app(demo, clock, live=True).run_test(size=(100, 32)) as pilot:
        screen = await open_scenario(pilot, "one-time")
        await type_into(pilot, "customer_name", "Ada")
        demo.store.expire(screen.secret)
        await wait_until(pilot, lambda: banner(pilot).startswith("Expired at "))
        assert "What you typed is kept on screen" in banner(pilot)
        name = screen.query_one("#customer_name", Input)
        assert (name.value, name.disabled) == ("Ada", True)
