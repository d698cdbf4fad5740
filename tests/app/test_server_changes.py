"""Changes made elsewhere, over a real loopback socket with the session followed live: a
second client's change shows within two seconds with a note; where the user has unsaved
typing of the changed field, the typing stays and either value is one key away."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from textual.pilot import Pilot

from tests.support import (
    demo_app,
    field_value,
    open_scenario,
    screen_text,
    secret_of,
    type_into,
    wait_until,
)
from tui import settings
from tui.demo import Demo
from tui.emulator.model.clock import FrozenClock
from tui.polar.client import CheckoutClient
from tui.widgets.field import FormField

SCENARIO = "one-time"
TYPED = "Ada"


@asynccontextmanager
async def second_client(demo: Demo) -> AsyncIterator[CheckoutClient]:
    """Another client of the same session (a browser tab, say), on its own connection."""
    client = CheckoutClient(
        demo.base_url, api_version=settings.API_VERSION, timeout=settings.TIMEOUT
    )
    try:
        yield client
    finally:
        await client.aclose()


def notes(pilot: Pilot[Any]) -> list[str]:
    return [str(note.message) for note in pilot.app._notifications]


def conflict_line(pilot: Pilot[Any]) -> str:
    """What the name field says under it about the server's value, if anything."""
    line = pilot.app.screen.query_one("#field-customer_name .field-conflict")
    return str(line.render()) if line.display else ""


def footer(pilot: Pilot[Any]) -> str:
    return screen_text(pilot).splitlines()[-1]


async def test_a_change_from_a_second_client_shows_within_two_seconds_with_a_note(
    demo: Demo, clock: FrozenClock
) -> None:
    secret = secret_of(demo.store, SCENARIO)
    app = demo_app(demo, clock, live=True)
    async with (
        app.run_test(size=(100, 32), notifications=True) as pilot,
        second_client(demo) as other,
    ):
        await open_scenario(pilot, SCENARIO)
        loop = asyncio.get_running_loop()
        changed_at = loop.time()
        await other.update(secret, {"customer_email": "grace@example.com"})
        await wait_until(
            pilot, lambda: field_value(pilot, "customer_email") == "grace@example.com", 2.0
        )
        assert loop.time() - changed_at < 2.0
        assert notes(pilot) == ["Email changed on the server."]
        assert "Email changed on the server." in screen_text(pilot)
        assert "all saved" in screen_text(pilot)


async def test_a_conflict_keeps_the_typing_and_either_value_is_one_key_away(
    demo: Demo, clock: FrozenClock
) -> None:
    secret = secret_of(demo.store, SCENARIO)
    app = demo_app(demo, clock, live=True)
    async with (
        app.run_test(size=(100, 32), notifications=True) as pilot,
        second_client(demo) as other,
    ):
        screen = await open_scenario(pilot, SCENARIO)
        field = screen.query_one("#field-customer_name", FormField)

        await type_into(pilot, "customer_name", TYPED)
        await other.update(secret, {"customer_name": "Grace Hopper"})
        await wait_until(pilot, lambda: field.has_class("-conflict"))
        assert field_value(pilot, "customer_name") == TYPED
        assert conflict_line(pilot) == (
            "On the server: Grace Hopper\nctrl+t take it · ctrl+g keep mine"
        )
        assert "Name changed on the server." in notes(pilot)
        assert "Take server's" in footer(pilot)
        await pilot.press("tab")  # the footer follows the focus once it has recomposed
        await wait_until(pilot, lambda: "Take server's" not in footer(pilot))
        await pilot.press("shift+tab", "ctrl+t")
        await pilot.pause()
        assert field_value(pilot, "customer_name") == "Grace Hopper"
        assert (conflict_line(pilot), field.has_class("-conflict")) == ("", False)
        assert screen.unsaved == frozenset()
        await wait_until(pilot, lambda: "Take server's" not in footer(pilot))

        await type_into(pilot, "customer_name", TYPED)
        await other.update(secret, {"customer_name": "[b]Grace[/b] Hopper"})
        await wait_until(pilot, lambda: field.has_class("-conflict"))
        assert conflict_line(pilot).startswith("On the server: [b]Grace[/b] Hopper\n")
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert field_value(pilot, "customer_name") == TYPED
        assert (conflict_line(pilot), field.has_class("-conflict")) == ("", False)
        assert screen.unsaved == {"customer_name"}
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: demo.store.get_json(secret)["customer_name"] == TYPED)
        assert field_value(pilot, "customer_name") == TYPED
