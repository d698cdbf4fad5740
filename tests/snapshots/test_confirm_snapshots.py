"""Snapshots of a confirm from the terminal (the confirmed screen, confirmed and then
succeeded) and of the countdown's warning on the form, at 100x32. Not followed live: the
emulator's frozen clock moves only when a test moves it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.handoff_support import stored_session
from tests.support import banner, demo_app, open_quickly, secret_of, wait_until
from tui.demo import Demo
from tui.emulator.model.clock import FrozenClock
from tui.emulator.rules.body import CheckoutConfirmStripe
from tui.emulator.rules.lifecycle import SUCCESS_DELAY
from tui.screens.outcome import ConfirmedScreen

SnapCompare = Callable[..., bool]
Steps = Callable[[Pilot[Any]], Awaitable[None]]


def _confirmed(demo: Demo, clock: FrozenClock, *, succeeded: bool) -> Steps:
    """The confirmed screen over the free session, confirmed in the emulator; then, if asked,
    its success (links on a fixed address: the emulator's port changes every run)."""

    async def steps(pilot: Pilot[Any]) -> None:
        secret = secret_of(demo.store, "free")
        demo.store.confirm(secret, CheckoutConfirmStripe(customer_email="ada@example.com"))
        screen = ConfirmedScreen(stored_session(demo, "free"), shown_as=f"demo · {secret}")
        await pilot.app.push_screen(screen)
        if succeeded:
            clock.advance(SUCCESS_DELAY + timedelta(seconds=1))
            screen.show_session(stored_session(demo, "free"))
        await pilot.pause()

    return steps


@pytest.mark.parametrize("succeeded", [False, True], ids=["confirmed", "succeeded"])
def test_confirmed_screen(
    snap_compare: SnapCompare, demo: Demo, clock: FrozenClock, succeeded: bool
) -> None:
    steps = _confirmed(demo, clock, succeeded=succeeded)
    assert snap_compare(demo_app(demo, clock), terminal_size=(100, 32), run_before=steps)


def test_expiry_warning(snap_compare: SnapCompare, demo: Demo, clock: FrozenClock) -> None:
    async def steps(pilot: Pilot[Any]) -> None:
        await open_quickly(pilot, "one-time")
        clock.advance(timedelta(minutes=56))
        await wait_until(pilot, lambda: banner(pilot).startswith("This checkout expires in 4:00"))

    assert snap_compare(demo_app(demo, clock), terminal_size=(100, 32), run_before=steps)
