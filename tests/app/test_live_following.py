"""Following a session live, seen in the app: a payment made elsewhere reaches the hand-off
screen, a dropped stream reconnects, and a server without a stream is polled. The emulator
runs on a real socket; its admin API stands for the world outside the terminal."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Static

from tests.support import admin, banner, demo_app, open_quickly, secret_of, wait_until
from tui.demo import Demo
from tui.emulator.model.clock import FrozenClock
from tui.emulator.rules.lifecycle import SUCCESS_DELAY
from tui.polar.watch import FollowSettings
from tui.screens.handoff import HandoffScreen

STREAM = "/v1/checkouts/client/{secret}/stream"
CONFIRMED_BANNER = "Paid: confirmed. Polar is completing the order: nothing can be changed."


def _static(pilot: Pilot[Any], selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Static).content)


_STATUSES = frozenset({"open", "confirmed", "succeeded", "expired", "failed"})


def _bar(pilot: Pilot[Any]) -> tuple[list[str], int]:
    """The total bar's parts, "Total …  ·  1:00:00 left  ·  open  ·  live  ·  all saved" (a
    closed session has no time left), and where the status stands (-1: none)."""
    parts = _static(pilot, "#total-bar").split("  ·  ")
    return parts, next((i for i, part in enumerate(parts) if part in _STATUSES), -1)


def _following(pilot: Pilot[Any]) -> str:
    """The bar's word on following, between the status and what is saved."""
    parts, status = _bar(pilot)
    return parts[status + 1] if status >= 0 and len(parts) - status == 3 else ""


def _status(pilot: Pilot[Any]) -> str:
    parts, status = _bar(pilot)
    return parts[status] if status >= 0 else ""


async def test_a_payment_elsewhere_moves_the_handoff_to_success_within_three_seconds(
    demo: Demo, clock: FrozenClock
) -> None:
    secret = secret_of(demo.store, "one-time")
    app = demo_app(demo, clock, live=True)
    async with app.run_test(size=(100, 32)) as pilot, admin(demo) as emulator:
        await open_quickly(pilot, "one-time")
        await wait_until(pilot, lambda: _following(pilot) == "live")
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, HandoffScreen))
        assert _static(pilot, "#handoff-outcome") == "Waiting for payment…"

        loop = asyncio.get_running_loop()
        paid_at = loop.time()
        await emulator.pay(secret)
        await wait_until(pilot, lambda: _static(pilot, "#handoff-outcome") == "Paid: confirmed")
        clock.advance(SUCCESS_DELAY + timedelta(seconds=1))
        await wait_until(pilot, lambda: _static(pilot, "#handoff-outcome") == "Succeeded")
        assert loop.time() - paid_at < 3.0
    assert demo.store.get_json(secret)["status"] == "succeeded"


async def test_a_dropped_stream_reconnects_and_changes_still_arrive(
    demo: Demo, clock: FrozenClock
) -> None:
    secret = secret_of(demo.store, "one-time")
    async with admin(demo) as emulator:
        await emulator.clear_requests()  # the journal outlives the store's reset between tests
        await emulator.add_fault({"path": STREAM.format(secret=secret), "drop": True})
        async with demo_app(demo, clock, live=True).run_test(size=(100, 32)) as pilot:
            await open_quickly(pilot, "one-time")
            await wait_until(pilot, lambda: _following(pilot) == "live")
            streams = [
                entry for entry in await emulator.requests(secret) if entry.path.endswith("/stream")
            ]
            assert [entry.cut_off for entry in reversed(streams)] == [True, False]
            await emulator.pay(secret)
            await wait_until(pilot, lambda: _status(pilot) == "confirmed")
            assert banner(pilot) == CONFIRMED_BANNER


async def test_a_server_without_the_stream_is_polled(demo: Demo, clock: FrozenClock) -> None:
    secret = secret_of(demo.store, "one-time")
    polls = FollowSettings(failures_before_polling=1, poll_interval=1.0)
    async with admin(demo) as emulator:
        stream = STREAM.format(secret=secret)
        await emulator.add_fault({"path": stream, "status": 502, "count": 1000})
        app = demo_app(demo, clock, live=True, follow=polls)
        async with app.run_test(size=(100, 32)) as pilot:
            await open_quickly(pilot, "one-time")
            await wait_until(pilot, lambda: _following(pilot) == "checking every 1 s")
            await emulator.pay(secret)
            await wait_until(pilot, lambda: _status(pilot) == "confirmed", timeout=2.0)
            assert _following(pilot) == "checking every 1 s"
            assert banner(pilot) == CONFIRMED_BANNER


async def test_the_handoff_says_expired_when_the_countdown_ends(
    demo: Demo, clock: FrozenClock
) -> None:
    async with demo_app(demo, clock).run_test(size=(100, 32)) as pilot:
        await open_quickly(pilot, "one-time")
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, HandoffScreen))
        assert _static(pilot, "#handoff-outcome") == "Waiting for payment…"
        clock.advance(timedelta(hours=1, seconds=1))
        await wait_until(pilot, lambda: _static(pilot, "#handoff-outcome") == "Expired")
