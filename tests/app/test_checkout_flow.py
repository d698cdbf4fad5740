"""A user edits a demo session by keyboard: the happy path and the form's own checks."""

from __future__ import annotations

import re
from typing import Any

from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import DataTable

from tests.emulator.support import SCENARIO_NAMES
from tests.support import (
    banner,
    demo_app,
    field_error,
    field_value,
    open_scenario,
    paste_into,
    picker_scenarios,
    screen_text,
    secret_of,
    type_into,
    wait_until,
)
from tui.demo import Demo
from tui.emulator.model.clock import FrozenClock
from tui.screens.confirm_quit import ConfirmQuitScreen


async def test_picker_lists_every_seeded_scenario(demo: Demo, clock: FrozenClock) -> None:
    async with demo_app(demo, clock).run_test(size=(100, 30)) as pilot:
        table = pilot.app.screen.query_one(DataTable)
        await wait_until(pilot, lambda: table.row_count > 0)
        assert picker_scenarios(pilot) == list(SCENARIO_NAMES)
        text = screen_text(pilot)
        assert "succeeded" in text
        assert "expired" in text


async def test_one_time_german_business_purchase_is_saved(demo: Demo, clock: FrozenClock) -> None:
    secret = secret_of(demo.store, "one-time")
    async with demo_app(demo, clock).run_test(size=(100, 40)) as pilot:
        screen = await open_scenario(pilot, "one-time")
        await type_into(pilot, "customer_name", "Jane Doe")
        await type_into(pilot, "customer_email", "Jane@Example.COM")
        screen.query_one("#is_business_customer").focus()
        await pilot.press("space")
        await type_into(pilot, "country", "Germ")
        await pilot.press("enter")
        assert field_value(pilot, "country") == "Germany"
        await paste_into(pilot, "line1", "Friedrichstraße 123")
        await type_into(pilot, "postal_code", "10117")
        await type_into(pilot, "city", "Berlin")
        await paste_into(pilot, "customer_billing_name", "Doe Consulting GmbH")
        await paste_into(pilot, "customer_tax_id", "DE 136 695 976")
        assert len(screen.unsaved) == 9

        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not screen.unsaved and "saving" not in screen_text(pilot))

        stored = demo.store.get_json(secret)
        assert stored["customer_name"] == "Jane Doe"
        assert stored["customer_email"] == "Jane@example.com"
        assert stored["is_business_customer"] is True
        assert stored["customer_billing_name"] == "Doe Consulting GmbH"
        assert stored["customer_tax_id"] == "DE136695976"
        address = stored["customer_billing_address"]
        assert (address["country"], address["city"], address["postal_code"]) == (
            "DE",
            "Berlin",
            "10117",
        )
        assert address["line1"] == "Friedrichstraße 123"
        # Reverse charge: a German business with a valid VAT ID buying from a seller outside
        # the EU pays no tax; Germany's 19 % included would be $7.82 of the $49.00.
        assert (stored["tax_amount"], stored["total_amount"]) == (0, 4900)

        text = screen_text(pilot)
        assert re.search(r"Tax +\$0\.00 reverse charge", text)
        assert "Total $49.00" in text
        assert "all saved" in text
        assert field_value(pilot, "customer_tax_id") == "DE136695976"
        assert banner(pilot) == ""


async def test_invalid_email_blocks_submit_and_keeps_typing(demo: Demo, clock: FrozenClock) -> None:
    secret = secret_of(demo.store, "one-time")
    before = demo.store.get_json(secret)
    async with demo_app(demo, clock).run_test(size=(100, 40)) as pilot:
        screen = await open_scenario(pilot, "one-time")
        await type_into(pilot, "customer_name", "Jane")
        await type_into(pilot, "customer_email", "jane@")
        assert "not a valid email address" in field_error(pilot, "customer_email")
        screen.query_one("#customer_name").focus()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.focused is not None
        assert pilot.app.focused.id == "customer_email"
        assert "Nothing was sent" in banner(pilot)
        assert field_value(pilot, "customer_email") == "jane@"
        assert field_value(pilot, "customer_name") == "Jane"
    assert demo.store.get_json(secret) == before


async def test_business_toggle_and_country_change_the_address_fields(
    demo: Demo, clock: FrozenClock
) -> None:
    async with demo_app(demo, clock).run_test(size=(100, 40)) as pilot:
        screen = await open_scenario(pilot, "one-time")
        line1 = screen.query_one("#field-line1")
        state = screen.query_one("#field-state")
        await type_into(pilot, "country", "France")
        assert not line1.display
        assert not state.display
        screen.query_one("#is_business_customer").focus()
        await pilot.press("space")
        assert line1.display
        await wait_until(pilot, lambda: "Address line 1 *" in screen_text(pilot))
        await pilot.press("space")
        await type_into(pilot, "country", "US")
        assert line1.display
        assert state.display
        await type_into(pilot, "state", "PR")
        assert field_error(pilot, "state") == (
            "No state or province by that name or code: pick one from the list."
        )
        await type_into(pilot, "state", "calif")
        await pilot.press("enter")
        assert field_value(pilot, "state") == "California"
        assert field_error(pilot, "state") == ""


async def test_nothing_changed_sends_nothing(demo: Demo, clock: FrozenClock) -> None:
    secret = secret_of(demo.store, "one-time")
    before = demo.store.get_json(secret)
    async with demo_app(demo, clock).run_test(size=(100, 40), notifications=True) as pilot:
        await open_scenario(pilot, "one-time")
        await type_into(pilot, "customer_name", "  ")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Nothing to save" in screen_text(pilot)
    assert demo.store.get_json(secret) == before


async def test_quit_with_unsaved_edits_asks_first(demo: Demo, clock: FrozenClock) -> None:
    app = demo_app(demo, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_scenario(pilot, "one-time")
        await type_into(pilot, "customer_name", "Jane")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmQuitScreen)
        await pilot.press("n")
        await pilot.pause()
        assert field_value(pilot, "customer_name") == "Jane"
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running


async def test_quit_without_edits_leaves_at_once(demo: Demo, clock: FrozenClock) -> None:
    app = demo_app(demo, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_scenario(pilot, "one-time")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_required_parts_wait_for_a_touch_and_block_nothing(
    demo: Demo, clock: FrozenClock
) -> None:
    """Polar accepts a country-only address on update, even for a business; the parts it
    needs at confirm are marked, and the save goes ahead."""
    secret = secret_of(demo.store, "one-time")
    async with demo_app(demo, clock).run_test(size=(100, 40)) as pilot:
        screen = await open_scenario(pilot, "one-time")
        await type_into(pilot, "country", "ger")
        assert field_error(pilot, "country") == (
            "No country by that name or code: pick one from the list."
        )
        await pilot.press("enter")
        assert field_value(pilot, "country") == "Germany"
        assert field_error(pilot, "country") == ""
        screen.query_one("#is_business_customer").focus()
        await pilot.press("space")
        assert screen.query_one("#field-line1").display
        assert field_error(pilot, "line1") == ""
        assert field_error(pilot, "city") == ""

        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not screen.unsaved and not screen.form.saving)
        for name in ("line1", "postal_code", "city", "customer_billing_name"):
            assert field_error(pilot, name) == "Needed to confirm the checkout.", name
        assert field_error(pilot, "line2") == ""
    stored = demo.store.get_json(secret)
    assert stored["is_business_customer"] is True
    assert stored["customer_billing_address"]["country"] == "DE"
    assert stored["customer_billing_address"]["line1"] is None


async def test_focus_stays_in_view_when_the_form_grows(demo: Demo, clock: FrozenClock) -> None:
    async with demo_app(demo, clock).run_test(size=(80, 24)) as pilot:
        screen = await open_scenario(pilot, "one-time")
        await type_into(pilot, "country", "Germany")
        checkbox = screen.query_one("#is_business_customer")
        checkbox.focus()
        await pilot.press("space")
        form = screen.query_one("#form")
        await wait_until(pilot, lambda: form.region.contains_region(checkbox.region))
        for _ in range(5):
            await pilot.press("shift+tab")
            await wait_until(pilot, lambda: _focus_within(pilot, form))


def _focus_within(pilot: Pilot[Any], container: Widget) -> bool:
    focused = pilot.app.focused
    return focused is not None and container.region.contains_region(focused.region)


async def test_reload_keeps_what_was_not_submitted(demo: Demo, clock: FrozenClock) -> None:
    secret = secret_of(demo.store, "one-time")
    async with demo_app(demo, clock).run_test(size=(100, 40)) as pilot:
        screen = await open_scenario(pilot, "one-time")
        await type_into(pilot, "customer_name", "Jane Typed")
        demo.store.edit(secret, customer_email="changed@elsewhere.com")
        await pilot.press("ctrl+r")
        await wait_until(
            pilot, lambda: field_value(pilot, "customer_email") == "changed@elsewhere.com"
        )
        assert field_value(pilot, "customer_name") == "Jane Typed"
        assert screen.unsaved == {"customer_name"}


async def test_escape_closes_the_list_then_asks_before_leaving(
    demo: Demo, clock: FrozenClock
) -> None:
    app = demo_app(demo, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_scenario(pilot, "one-time")
        await type_into(pilot, "customer_name", "Jane")
        await type_into(pilot, "country", "Ger")
        suggestions = screen.query_one("#country-suggestions")
        assert suggestions.display
        await pilot.press("escape")
        assert not suggestions.display
        assert app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmQuitScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen
        assert field_value(pilot, "customer_name") == "Jane"


async def test_quit_asks_even_with_the_palette_open(demo: Demo, clock: FrozenClock) -> None:
    app = demo_app(demo, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_scenario(pilot, "one-time")
        await type_into(pilot, "customer_name", "Jane")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, ConfirmQuitScreen)


async def test_a_multi_line_paste_keeps_every_line(demo: Demo, clock: FrozenClock) -> None:
    async with demo_app(demo, clock).run_test(size=(100, 40)) as pilot:
        await open_scenario(pilot, "one-time")
        await paste_into(pilot, "customer_name", "Ada\n  Lovelace \n")
        assert field_value(pilot, "customer_name") == "Ada Lovelace"
