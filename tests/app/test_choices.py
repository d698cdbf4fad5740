"""Every choice a customer makes, by keyboard through the real screen, against the emulator:
what the field says, and what the emulator stored."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from tests.emulator.support import redeem_elsewhere
from tests.support import (
    banner,
    demo_app,
    field_error,
    field_value,
    open_scenario,
    screen_text,
    secret_of,
    type_into,
    wait_until,
)
from tui.demo import Demo
from tui.emulator.model.clock import FrozenClock
from tui.screens.checkout import CheckoutScreen


async def submit_and_wait(pilot: Pilot[Any], screen: CheckoutScreen) -> None:
    await pilot.press("ctrl+s")
    await wait_until(pilot, lambda: not screen.form.saving)
    await pilot.pause()


def hint(pilot: Pilot[Any], name: str) -> str:
    from tui.widgets.field import FormField

    field = pilot.app.screen.query_one(f"#field-{name}", FormField)
    return str(field.query_one(".field-hint").render())


async def test_switch_product_and_interval(demo: Demo, clock: FrozenClock) -> None:
    secret = secret_of(demo.store, "subscription")
    async with demo_app(demo, clock).run_test(size=(100, 40)) as pilot:
        screen = await open_scenario(pilot, "subscription")
        assert "Tidewater Pro (yearly) · Billed yearly · €120.00 / year" in screen_text(pilot)
        screen.query_one("#product").focus()
        await pilot.press("down", "enter")
        assert screen.unsaved == {"product"}
        await submit_and_wait(pilot, screen)
    stored = demo.store.get_json(secret)
    assert stored["product"]["name"] == "Tidewater Pro (yearly)"
    assert stored["amount"] == 12000


async def test_pay_what_you_want_at_each_boundary(demo: Demo, clock: FrozenClock) -> None:
    secret = secret_of(demo.store, "pay-what-you-want")
    async with demo_app(demo, clock).run_test(size=(100, 40)) as pilot:
        screen = await open_scenario(pilot, "pay-what-you-want")
        assert field_value(pilot, "amount") == "15.00"
        assert hint(pilot, "amount") == "From $5.00 to $1,000.00, suggested $15.00."
        for typed, message in (
            ("4.99", "Amount is below minimum."),
            ("1000.01", "Amount is above maximum."),
            ("ten", "Type an amount such as 15.50"),
            ("5", ""),
            ("1000", ""),
        ):
            await type_into(pilot, "amount", typed)
            assert field_error(pilot, "amount") == message, typed
        await type_into(pilot, "amount", "12.50")
        await submit_and_wait(pilot, screen)
    assert demo.store.get_json(secret)["amount"] == 1250


async def test_seats_and_units_at_their_bounds(demo: Demo, clock: FrozenClock) -> None:
    secret = secret_of(demo.store, "seats")
    async with demo_app(demo, clock).run_test(size=(100, 44)) as pilot:
        screen = await open_scenario(pilot, "seats")
        for typed, message in (
            ("0", "Minimum 1 seats required."),
            ("51", "Maximum 50 seats allowed."),
            ("50", ""),
        ):
            await type_into(pilot, "seats", typed)
            assert field_error(pilot, "seats") == message, typed
        await type_into(pilot, "seats", "6")
        assert hint(pilot, "seats") == "1 – 50 seats · 6 seats × $12.00, tier 5–19"
        await pilot.press("plus", "plus", "minus")
        assert field_value(pilot, "seats") == "7"
        await submit_and_wait(pilot, screen)
        assert demo.store.get_json(secret)["seats"] == 7

        screen.query_one("#product").focus()
        await pilot.press("down", "enter")
        assert field_value(pilot, "units") == "10"
        assert not screen.query_one("#field-seats").display
        await type_into(pilot, "units", "9")
        assert field_error(pilot, "units") == "Minimum 10 units required."
        await type_into(pilot, "units", "150")
        await submit_and_wait(pilot, screen)
    stored = demo.store.get_json(secret)
    assert (stored["product"]["name"], stored["units"], stored["seats"]) == (
        "Relay SMS Alert Credits",
        150,
        None,
    )


def stored_code(demo: Demo, secret: str, code: str | None) -> Callable[[], bool]:
    """Whether the emulator has stored this discount code (None: no discount)."""

    def stored() -> bool:
        discount = demo.store.get_json(secret)["discount"]
        return (discount["code"] if discount else None) == code

    return stored


async def apply(
    pilot: Pilot[Any], screen: CheckoutScreen, code: str, *, until: Callable[[], bool]
) -> None:
    """Type a code and press Enter; return once `until` holds and the save has its answer
    (Enter reaches the screen as a message: the save may not have begun when it returns)."""
    await type_into(pilot, "discount_code", code)
    await pilot.press("enter")
    await wait_until(pilot, lambda: until() and not screen.form.saving)


async def test_discount_codes_of_every_kind(demo: Demo, clock: FrozenClock) -> None:
    secret = secret_of(demo.store, "discount")
    redeem_elsewhere(demo.store, "FRIENDS", email="ada@example.com")
    async with demo_app(demo, clock).run_test(size=(100, 44)) as pilot:
        screen = await open_scenario(pilot, "discount")

        def refused() -> bool:
            return field_error(pilot, "discount_code") != ""  # typing clears an earlier one

        for code in ("STARTER50", "EARLYBIRD", "NEXTYEAR", "EURO10", "SUMMER23", "NOPE"):
            await apply(pilot, screen, code, until=refused)
            assert field_error(pilot, "discount_code") == "Discount does not exist.", code
        assert demo.store.get_json(secret)["discount"] is None

        await apply(pilot, screen, "launch20", until=stored_code(demo, secret, "LAUNCH20"))
        assert hint(pilot, "discount_code") == "Applied: −20\u00a0%. ctrl+x removes it."
        assert field_value(pilot, "discount_code") == "LAUNCH20"

        await apply(pilot, screen, "FIVEOFF", until=stored_code(demo, secret, "FIVEOFF"))
        assert demo.store.get_json(secret)["discount_amount"] == 500
        assert hint(pilot, "discount_code").startswith("Applied: −$5.00.")

        await pilot.press("ctrl+x")
        await wait_until(
            pilot, lambda: stored_code(demo, secret, None)() and not screen.form.saving
        )

        await type_into(pilot, "customer_email", "ada@example.com")
        await apply(pilot, screen, "FRIENDS", until=refused)
        assert "maximum number of times allowed per customer" in field_error(pilot, "discount_code")
    assert demo.store.get_json(secret)["discount"] is None


async def test_a_repeating_discount_names_its_months_and_end(
    demo: Demo, clock: FrozenClock
) -> None:
    secret = secret_of(demo.store, "subscription")
    async with demo_app(demo, clock).run_test(size=(100, 44)) as pilot:
        screen = await open_scenario(pilot, "subscription")
        await apply(pilot, screen, "quarter25", until=stored_code(demo, secret, "QUARTER25"))
        assert hint(pilot, "discount_code") == (
            "Applied: −25\u00a0% for 3 months, until Feb 24, 2027. ctrl+x removes it."
        )
    stored = demo.store.get_json(secret)["discount"]
    assert {key: stored[key] for key in ("code", "type", "basis_points", "duration")} == {
        "code": "QUARTER25",
        "type": "percentage",
        "basis_points": 2500,
        "duration": "repeating",
    }
    assert stored["duration_in_months"] == 3


async def test_a_code_for_a_product_that_takes_no_discounts(demo: Demo, clock: FrozenClock) -> None:
    secret = secret_of(demo.store, "every-choice")
    async with demo_app(demo, clock).run_test(size=(100, 50)) as pilot:
        screen = await open_scenario(pilot, "every-choice")
        screen.query_one("#product").focus()
        await pilot.press("down", "enter")  # Lantern Taster Lessons: free
        await apply(
            pilot, screen, "scholar", until=lambda: field_error(pilot, "discount_code") != ""
        )
        message = "Discounts are not applicable to this product."
        assert field_error(pilot, "discount_code") == message
        assert screen.unsaved == {"product", "discount_code"}
    stored = demo.store.get_json(secret)
    assert (stored["product"]["name"], stored["discount"]) == ("Lantern Membership", None)


async def test_an_email_that_already_subscribes(demo: Demo, clock: FrozenClock) -> None:
    secret = secret_of(demo.store, "already-subscribed")
    plainly = "This email already has an active subscription with this seller."
    async with demo_app(demo, clock).run_test(size=(100, 44)) as pilot:
        screen = await open_scenario(pilot, "already-subscribed")
        assert field_value(pilot, "customer_email") == "member@example.com"
        await type_into(pilot, "customer_name", "Grace B. Hopper")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: field_error(pilot, "customer_email") != "")
        assert field_error(pilot, "customer_email") == plainly
        assert banner(pilot) == f"Polar refused the changes; nothing was saved. {plainly}"
        focused = pilot.app.focused
        assert focused is not None
        assert focused.id == "customer_email"
        assert screen.unsaved == {"customer_name"}
        assert demo.store.get_json(secret)["customer_name"] == "Grace Hopper"

        await type_into(pilot, "customer_email", "grace@example.com")
        assert field_error(pilot, "customer_email") == ""
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not screen.unsaved and not screen.form.saving)
    stored = demo.store.get_json(secret)
    assert (stored["customer_name"], stored["customer_email"]) == (
        "Grace B. Hopper",
        "grace@example.com",
    )


async def test_skipping_the_trial(demo: Demo, clock: FrozenClock) -> None:
    secret = secret_of(demo.store, "subscription")
    async with demo_app(demo, clock).run_test(size=(100, 44)) as pilot:
        screen = await open_scenario(pilot, "subscription")
        assert hint(pilot, "skip_trial").startswith("14 days free, then €12.00 / month from")
        screen.query_one("#skip_trial").focus()
        await pilot.press("space")
        await submit_and_wait(pilot, screen)
        assert screen.unsaved == frozenset()
    assert demo.store.get_json(secret)["allow_trial"] is False


async def test_every_kind_of_seller_question(demo: Demo, clock: FrozenClock) -> None:
    secret = secret_of(demo.store, "custom-fields")
    async with demo_app(demo, clock).run_test(size=(100, 50)) as pilot:
        screen = await open_scenario(pilot, "custom-fields")
        await wait_until(pilot, lambda: screen.form_field("custom_field_data.terms") is not None)
        text = screen_text(pilot)
        assert "Questions from the seller" in text
        assert "I accept the pilot terms (https://" in text

        for typed, message in (("A", "String should have at least 2 characters"), ("Ops", "")):
            await type_into(pilot, "cf-team_name", typed)
            assert field_error(pilot, "custom_field_data-team_name") == message
        screen.query_one("#cf-notes").focus()
        await pilot.press(*"Line one", "enter", *"Line two")
        for typed, message in (
            ("0", "Input should be greater than or equal to 1"),
            ("12", ""),
        ):
            await type_into(pilot, "cf-company_size", typed)
            assert field_error(pilot, "custom_field_data-company_size") == message
        await type_into(pilot, "cf-start_date", "2026-13-01")
        assert field_error(pilot, "custom_field_data-start_date").startswith(
            "Input should be a valid datetime or date"
        )
        await type_into(pilot, "cf-start_date", "2028-01-01")
        assert field_error(pilot, "custom_field_data-start_date").startswith(
            "Input should be less than or equal to 2027-12-31"
        )
        await type_into(pilot, "cf-start_date", "2026-03-01")
        screen.query_one("#cf-plan").focus()
        await pilot.press("enter", "down", "down", "enter")
        screen.query_one("#cf-terms").focus()
        await pilot.press("space")
        await submit_and_wait(pilot, screen)
        assert field_value(pilot, "cf-start_date") == "2026-03-01"
        assert screen.unsaved == frozenset()
    assert demo.store.get_json(secret)["custom_field_data"] == {
        "team_name": "Ops",
        "notes": "Line one\nLine two",
        "company_size": 12,
        "start_date": "2026-03-01T00:00:00",
        "plan": "growth",
        "terms": True,
    }


async def test_questions_survive_saves_reloads_and_hostile_text(clock: FrozenClock) -> None:
    from tests.support import REAL_LOOKING_SECRET, ScriptedPolar, mock_app, wait_loaded
    from tui.emulator.store import Store

    store = Store(clock)
    body = store.get_json(secret_of(store, "custom-fields"))
    body["client_secret"] = REAL_LOOKING_SECRET
    fields = {
        entry["custom_field"]["slug"]: entry["custom_field"]
        for entry in body["attached_custom_fields"]
    }
    fields["plan"]["properties"]["form_placeholder"] = "a [/] b"
    fields["notes"]["properties"]["form_placeholder"] = "[b]not bold[/b]"
    body["custom_field_data"] = {"plan": "legacy"}  # an answer the question no longer offers
    polar = ScriptedPolar(body)
    async with mock_app(polar.transport(), clock).run_test(size=(100, 50)) as pilot:
        screen = await wait_loaded(pilot)
        await wait_until(pilot, lambda: screen.form_field("custom_field_data.plan") is not None)
        await pilot.pause()
        text = screen_text(pilot)
        assert "a [/] b" in text
        assert "[b]not bold[/b]" in text
        await type_into(pilot, "cf-team_name", "Ops")
        await type_into(pilot, "cf-start_date", "20260501")
        assert field_error(pilot, "custom_field_data-start_date") == (
            "Type a date as YYYY-MM-DD, such as 2026-03-01."
        )
        await type_into(pilot, "cf-start_date", "")
        await submit_and_wait(pilot, screen)
        assert polar.bodies[-1] == {"custom_field_data": {"team_name": "Ops"}}
        await pilot.press("ctrl+s")  # nothing left: the blank select is not an answer
        await pilot.pause()
        assert screen.unsaved == frozenset()
        assert field_error(pilot, "custom_field_data-plan") == ""
        assert len(polar.bodies) == 1

        fields["team_name"]["properties"]["form_label"] = "Name of your team"
        await pilot.press("ctrl+r")  # the same questions, one label changed: asked again
        await wait_until(pilot, lambda: "Name of your team" in screen_text(pilot))
        assert field_value(pilot, "cf-team_name") == "Ops"
