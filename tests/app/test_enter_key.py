"""Enter has one meaning per field: in a one-line text field it moves on, as Tab does, and
never sends the form."""

from __future__ import annotations

from tests.support import demo_app, open_scenario, secret_of, type_into, wait_until
from tui.demo import Demo
from tui.emulator.model.clock import FrozenClock


async def test_enter_in_a_text_field_moves_to_the_next_and_sends_nothing(
    demo: Demo, clock: FrozenClock
) -> None:
    secret = secret_of(demo.store, "one-time")
    async with demo_app(demo, clock).run_test(size=(100, 32)) as pilot:
        screen = await open_scenario(pilot, "one-time")
        await type_into(pilot, "customer_name", "Ada Lovelace")
        await pilot.press("enter")
        await wait_until(pilot, lambda: getattr(pilot.app.focused, "id", "") == "customer_email")
        assert screen.unsaved == frozenset({"customer_name"})
        assert demo.store.get_json(secret)["customer_name"] is None
