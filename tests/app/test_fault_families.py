"""One fault of each family at the screen: a retry that succeeds, a permanent refusal, and a
session that expires while the user types. Each time the typed edits stay on screen, the
banner says what happened (or nothing, once saved) and the status shown is the server's last.
The fault matrix itself is `tests/e2e/test_fault_matrix*.py`, at the client."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tests.support import admin, banner, demo_app, open_quickly, screen_text, type_into, wait_until
from tui.demo import Demo
from tui.emulator.model.clock import FrozenClock

pytestmark = pytest.mark.usefixtures("retries")


def status_bar(pilot: Pilot[Any]) -> str:
    """The status bar's line: total, time left, status, unsaved changes."""
    lines = screen_text(pilot).splitlines()
    return next(line for line in lines if line.startswith(" Total ")).rstrip()


def summary_status(pilot: Pilot[Any]) -> str:
    """The Summary's Status row, as shown."""
    row = next(line for line in screen_text(pilot).splitlines() if "│ Status " in line)
    return row.split("│ Status", 1)[1].strip(" │▁▃")


async def test_a_save_that_meets_two_503s_is_saved_by_the_third_try(
    demo: Demo, clock: FrozenClock
) -> None:
    async with demo_app(demo, clock).run_test(size=(100, 32)) as pilot:
        screen = await open_quickly(pilot, "one-time")
        async with admin(demo) as emulator:
            await emulator.clear_requests()
            await emulator.add_fault({"operation": "update", "sequence": [503, 503, 200]})
            await type_into(pilot, "customer_name", "Ada")
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: "all saved" in status_bar(pilot))
            journal = await emulator.requests(screen.secret)
        assert [entry.status for entry in journal if entry.method == "PATCH"] == [200, 503, 503]
        assert banner(pilot) == ""
        assert screen.query_one("#customer_name", Input).value == "Ada"
        assert status_bar(pilot) == " Total $49.00  ·  1:00:00 left  ·  open  ·  all saved"
    assert demo.store.get_json(screen.secret)["customer_name"] == "Ada"


async def test_an_already_subscribed_email_is_refused_once_and_the_typing_stays(
    demo: Demo, clock: FrozenClock
) -> None:
    refused = (
        "Polar refused the changes; nothing was saved. This email already has an active "
        "subscription with this seller."
    )
    async with demo_app(demo, clock).run_test(size=(100, 32)) as pilot:
        screen = await open_quickly(pilot, "one-time")
        before = demo.store.get_json(screen.secret)
        async with admin(demo) as emulator:
            await emulator.clear_requests()
            await emulator.add_fault(
                {"operation": "update", "status": 403, "error": "AlreadyActiveSubscriptionError"}
            )
            await type_into(pilot, "customer_email", "a@b.co")
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: banner(pilot) != "")
            journal = await emulator.requests(screen.secret)
        assert [entry.status for entry in journal if entry.method == "PATCH"] == [403]
        assert banner(pilot) == refused
        assert screen.query_one("#customer_email", Input).value == "a@b.co"
        assert status_bar(pilot).endswith("  ·  open  ·  1 unsaved change (ctrl+s)")
    assert demo.store.get_json(screen.secret) == before


async def test_a_session_that_expired_while_typing_keeps_the_typing_on_save(
    demo: Demo, clock: FrozenClock
) -> None:
    expired = (
        "Checkout expired: This checkout session has expired. Ask the merchant for a new "
        "checkout link. Your edits are kept."
    )
    async with demo_app(demo, clock).run_test(size=(100, 32)) as pilot:
        screen = await open_quickly(pilot, "one-time")
        await type_into(pilot, "customer_name", "Ada")
        demo.store.expire(screen.secret)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: banner(pilot) != "")
        assert banner(pilot) == expired
        name = screen.query_one("#customer_name", Input)
        assert (name.value, name.disabled) == ("Ada", True)
        assert status_bar(pilot) == " Total $49.00  ·  expired  ·  1 unsaved change"
        await wait_until(pilot, lambda: summary_status(pilot) == "expired")


async def test_a_stream_refused_403_says_the_checkout_is_no_longer_live(
    demo: Demo, clock: FrozenClock
) -> None:
    refused = (
        "Not live: Polar refuses this checkout's updates (NotPermitted). Press ctrl+r to read "
        "it again and see why."
    )
    async with demo_app(demo, clock, live=True).run_test(size=(100, 32)) as pilot:
        async with admin(demo) as emulator:
            await emulator.add_fault({"operation": "stream", "status": 403})
            screen = await open_quickly(pilot, "one-time")
            await type_into(pilot, "customer_name", "Ada")
            await wait_until(pilot, lambda: banner(pilot) != "")
        assert banner(pilot) == refused
        assert screen.query_one("#customer_name", Input).value == "Ada"
        assert (
            status_bar(pilot)
            == " Total $49.00  ·  1:00:00 left  ·  open  ·  1 unsaved change (ctrl+s)"
        )
