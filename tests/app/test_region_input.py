"""Finding a country or a state by keyboard: a single match on tab, the list back on down,
and a country Polar cannot sell to named under the field."""

from __future__ import annotations

from tests.support import (
    demo_app,
    field_error,
    field_value,
    open_scenario,
    secret_of,
    type_into,
    wait_until,
)
from tui.demo import Demo
from tui.domain.validation import AddressValues
from tui.emulator.model.clock import FrozenClock
from tui.widgets.region_input import RegionInput


async def test_tab_takes_the_single_match_and_moves_on(demo: Demo, clock: FrozenClock) -> None:
    secret = secret_of(demo.store, "one-time")
    async with demo_app(demo, clock).run_test(size=(100, 40)) as pilot:
        screen = await open_scenario(pilot, "one-time")
        country = screen.query_one("#country", RegionInput)
        await type_into(pilot, "country", "cote")
        await pilot.press("tab")
        assert field_value(pilot, "country") == "Côte d\u2019Ivoire"
        assert field_error(pilot, "country") == ""
        assert not country.input.has_focus

        await type_into(pilot, "country", "USA")
        await pilot.press("tab")
        assert field_value(pilot, "country") == "United States"
        assert not country.suggestions.display
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not screen.unsaved and not screen.form.saving)
    assert demo.store.get_json(secret)["customer_billing_address"]["country"] == "US"


async def test_tab_with_several_matches_only_moves_on(demo: Demo, clock: FrozenClock) -> None:
    async with demo_app(demo, clock).run_test(size=(100, 40)) as pilot:
        screen = await open_scenario(pilot, "one-time")
        await type_into(pilot, "country", "ger")  # Germany, Algeria, Niger, Nigeria
        await pilot.press("tab")
        assert field_value(pilot, "country") == "ger"
        assert not screen.query_one("#country", RegionInput).input.has_focus


async def test_tab_over_a_full_name_is_not_an_edit(demo: Demo, clock: FrozenClock) -> None:
    """Tabbing through a stored country leaves it the server's: a reload shows the server's
    new value, as for any field the user did not change."""
    secret = secret_of(demo.store, "one-time")
    async with demo_app(demo, clock).run_test(size=(100, 40)) as pilot:
        screen = await open_scenario(pilot, "one-time")
        demo.store.edit(secret, customer_billing_address=AddressValues(country="DE"))
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: field_value(pilot, "country") == "Germany")
        screen.query_one("#country", RegionInput).input.focus()
        await pilot.press("tab")
        demo.store.edit(secret, customer_billing_address=AddressValues(country="FR"))
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: field_value(pilot, "country") == "France")
        assert screen.unsaved == set()


async def test_down_reopens_the_list_at_its_best_match(demo: Demo, clock: FrozenClock) -> None:
    async with demo_app(demo, clock).run_test(size=(100, 40)) as pilot:
        screen = await open_scenario(pilot, "one-time")
        suggestions = screen.query_one("#country", RegionInput).suggestions
        await type_into(pilot, "country", "uk")
        assert suggestions.display
        await pilot.press("escape")
        assert not suggestions.display
        await pilot.press("down")
        assert suggestions.display
        assert suggestions.highlighted == 0
        await pilot.press("down", "enter")
        assert field_value(pilot, "country") == "Ukraine"  # after the UK's own row

        await type_into(pilot, "country", "Canada")
        assert not suggestions.display  # a name typed in full needs no list
        await pilot.press("down")
        assert suggestions.display


async def test_states_ignore_accents_and_take_a_single_match(
    demo: Demo, clock: FrozenClock
) -> None:
    async with demo_app(demo, clock).run_test(size=(100, 40)) as pilot:
        screen = await open_scenario(pilot, "one-time")
        await type_into(pilot, "country", "Canada")
        await wait_until(pilot, lambda: screen.query_one("#field-state").display)
        await type_into(pilot, "state", "québ")
        await pilot.press("tab")
        assert field_value(pilot, "state") == "Quebec"
        assert field_error(pilot, "state") == ""


async def test_a_country_polar_cannot_sell_to_is_named(demo: Demo, clock: FrozenClock) -> None:
    async with demo_app(demo, clock).run_test(size=(100, 40)) as pilot:
        screen = await open_scenario(pilot, "one-time")
        await type_into(pilot, "country", "Russia")
        assert field_error(pilot, "country") == "Polar can't sell to Russia."
        assert not screen.query_one("#country", RegionInput).suggestions.display
        await type_into(pilot, "country", "PRK")
        assert field_error(pilot, "country") == "Polar can't sell to North Korea."
        await type_into(pilot, "country", "Narnia")
        assert field_error(pilot, "country") == (
            "No country by that name or code: pick one from the list."
        )
