"""What the user does while a request is under way is never lost or overwritten."""

from __future__ import annotations

from tests.support import (
    GatedPolar,
    field_value,
    mock_app,
    one_time_body,
    paste_into,
    type_into,
    wait_loaded,
    wait_until,
)
from tui.emulator.model.clock import FrozenClock


async def test_typing_during_a_save_survives_the_answer(clock: FrozenClock) -> None:
    polar = GatedPolar(one_time_body(clock))
    slow_save = polar.gate("PATCH")
    async with mock_app(polar.transport(), clock).run_test(size=(100, 40)) as pilot:
        screen = await wait_loaded(pilot)
        await type_into(pilot, "customer_name", "Jane")
        await pilot.press("ctrl+s")
        await paste_into(pilot, "city", "")
        await paste_into(pilot, "customer_email", "jane@example.com")
        slow_save.set()
        await wait_until(pilot, lambda: "customer_name" not in screen.unsaved)
        assert field_value(pilot, "customer_name") == "Jane"
        assert field_value(pilot, "customer_email") == "jane@example.com"
        assert screen.unsaved == {"customer_email"}


async def test_a_read_started_before_a_save_cannot_overwrite_it(clock: FrozenClock) -> None:
    polar = GatedPolar(one_time_body(clock))
    async with mock_app(polar.transport(), clock).run_test(size=(100, 40)) as pilot:
        screen = await wait_loaded(pilot)
        slow_read = polar.gate("GET")
        screen.load_session()
        await pilot.pause()
        await type_into(pilot, "customer_name", "Bob")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not screen.unsaved)
        slow_read.set()
        await pilot.pause(0.2)
        assert field_value(pilot, "customer_name") == "Bob"
        assert screen.session is not None
        assert screen.session.customer_name == "Bob"
