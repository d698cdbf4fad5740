"""What the form's state promises, seen through the real screen: unsaved agrees with Submit,
one save at a time, answers in order, long typing kept, the address follows the country."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest
from textual import events
from textual.widgets import Input

from tests.support import (
    GatedPolar,
    ScriptedPolar,
    banner,
    demo_app,
    field_error,
    field_value,
    mock_app,
    one_time_body,
    open_scenario,
    paste_into,
    polar_error,
    screen_text,
    secret_of,
    type_into,
    wait_loaded,
    wait_until,
)
from tui.demo import Demo
from tui.emulator.model.clock import FrozenClock
from tui.emulator.rules.body import CheckoutUpdatePublic

GERMAN_BUSINESS = {
    "customer_email": "ada@example.com",
    "is_business_customer": True,
    "customer_billing_name": "Analytical Engines GmbH",
    "customer_billing_address": {
        "country": "DE",
        "line1": "Unter den Linden 1",
        "postal_code": "10117",
        "city": "Berlin",
    },
    "customer_tax_id": "DE136695976",
}
CALIFORNIAN = {
    "customer_billing_address": {
        "country": "US",
        "state": "US-CA",
        "line1": "1 Main St",
        "postal_code": "94107",
        "city": "San Francisco",
    }
}


async def test_values_polar_stores_unchanged_are_not_unsaved(
    demo: Demo, clock: FrozenClock
) -> None:
    secret = secret_of(demo.store, "one-time")
    demo.store.update(secret, CheckoutUpdatePublic.model_validate(GERMAN_BUSINESS))
    before = demo.store.get_json(secret)
    async with demo_app(demo, clock).run_test(size=(100, 40), notifications=True) as pilot:
        screen = await open_scenario(pilot, "one-time")
        await type_into(pilot, "customer_tax_id", "DE 136 695 976")
        await type_into(pilot, "customer_email", "ada@EXAMPLE.com")
        await type_into(pilot, "country", "de")
        await pilot.pause()
        assert screen.unsaved == frozenset()
        assert "all saved" in screen_text(pilot)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "Nothing to save" in screen_text(pilot))
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: not pilot.app.is_running)
    assert demo.store.get_json(secret) == before


async def test_a_bare_state_code_over_the_stored_one_is_not_unsaved(
    demo: Demo, clock: FrozenClock
) -> None:
    secret = secret_of(demo.store, "one-time")
    demo.store.update(secret, CheckoutUpdatePublic.model_validate(CALIFORNIAN))
    async with demo_app(demo, clock).run_test(size=(100, 40)) as pilot:
        screen = await open_scenario(pilot, "one-time")
        assert field_value(pilot, "state") == "California"
        await type_into(pilot, "state", "CA")
        await pilot.press("escape")  # closes the list of matches
        assert screen.unsaved == frozenset()
        assert "all saved" in screen_text(pilot)


async def test_a_field_the_business_flag_hides_is_not_unsaved(
    demo: Demo, clock: FrozenClock
) -> None:
    secret = secret_of(demo.store, "one-time")
    demo.store.update(secret, CheckoutUpdatePublic.model_validate(GERMAN_BUSINESS))
    async with demo_app(demo, clock).run_test(size=(100, 40)) as pilot:
        screen = await open_scenario(pilot, "one-time")
        await type_into(pilot, "customer_billing_name", "Someone Else Ltd")
        assert screen.unsaved == {"customer_billing_name"}
        screen.query_one("#is_business_customer").focus()
        await pilot.press("space")
        assert screen.unsaved == {"is_business_customer"}
        assert "1 unsaved change" in screen_text(pilot)


async def test_re_picking_the_country_keeps_the_saved_state(demo: Demo, clock: FrozenClock) -> None:
    secret = secret_of(demo.store, "one-time")
    demo.store.update(secret, CheckoutUpdatePublic.model_validate(CALIFORNIAN))
    async with demo_app(demo, clock).run_test(size=(100, 40)) as pilot:
        screen = await open_scenario(pilot, "one-time")
        await type_into(pilot, "country", "Unite")
        # Half-typed: every address field stays, the state with it.
        for name in ("line1", "postal_code", "city", "state"):
            assert screen.query_one(f"#field-{name}").display, name
        assert field_value(pilot, "state") == "California"
        await pilot.press("d", " ", "S")
        await wait_until(pilot, lambda: "United States" in screen_text(pilot))
        await pilot.press("enter")
        assert field_value(pilot, "country") == "United States"
        assert field_value(pilot, "state") == "California"
        assert screen.unsaved == frozenset()
        await type_into(pilot, "country", "Canada")
        assert field_value(pilot, "state") == ""


class _SlowSaveFailingRead:
    """A Polar whose next read fails after a wait, and whose PATCH waits for a gate."""

    def __init__(self, session: dict[str, Any]) -> None:
        self.session = session
        self.patches: list[dict[str, Any]] = []
        self.read_fails = asyncio.Event()
        self.save_answers = asyncio.Event()
        self.failing_reads = 0

    async def handle(self, request: httpx.Request) -> httpx.Response:
        if request.method == "GET":
            if self.failing_reads:
                self.failing_reads -= 1
                await self.read_fails.wait()
                return httpx.Response(500, text="boom")
            return httpx.Response(200, json=self.session)
        body = json.loads(request.content)
        self.patches.append(body)
        await self.save_answers.wait()
        self.session.update(body)
        return httpx.Response(200, json=self.session)


async def test_a_failed_read_does_not_end_the_save_in_flight(clock: FrozenClock) -> None:
    polar = _SlowSaveFailingRead(one_time_body(clock))
    transport = httpx.MockTransport(polar.handle)
    async with mock_app(transport, clock).run_test(size=(100, 40)) as pilot:
        screen = await wait_loaded(pilot)
        polar.failing_reads = 1
        await pilot.press("ctrl+r")  # a read under way...
        await type_into(pilot, "customer_name", "Jane")
        await pilot.press("ctrl+s")  # ...then a save
        await wait_until(pilot, lambda: len(polar.patches) == 1)
        polar.read_fails.set()
        await wait_until(pilot, lambda: "Polar had a problem" in banner(pilot))
        assert screen.form.saving
        await pilot.press("ctrl+s")  # must neither send again nor cancel the first save
        await pilot.pause(0.1)
        assert len(polar.patches) == 1
        polar.save_answers.set()
        await wait_until(pilot, lambda: not screen.form.saving)
        assert polar.patches == [{"customer_name": "Jane"}]
        assert screen.unsaved == frozenset()
        assert "all saved" in screen_text(pilot)


class _ReadHandledBeforeSave:
    """A Polar that handles a read before a save that was sent earlier, and answers the save
    first: the read's answer is older than the save's, though it arrives later."""

    def __init__(self, session: dict[str, Any]) -> None:
        self.session = session
        self.save_answers = asyncio.Event()
        self.read_answers = asyncio.Event()
        self.hold_reads = False

    async def handle(self, request: httpx.Request) -> httpx.Response:
        if request.method == "GET":
            snapshot = dict(self.session)
            if self.hold_reads:
                await self.read_answers.wait()
            return httpx.Response(200, json=snapshot)
        await self.save_answers.wait()
        self.session.update(json.loads(request.content), modified_at="2026-11-24T12:00:05Z")
        return httpx.Response(200, json=self.session)


async def test_a_read_sent_after_a_save_cannot_undo_it(clock: FrozenClock) -> None:
    polar = _ReadHandledBeforeSave(one_time_body(clock))
    async with mock_app(httpx.MockTransport(polar.handle), clock).run_test(size=(100, 40)) as pilot:
        screen = await wait_loaded(pilot)
        await type_into(pilot, "customer_name", "Bob")
        await pilot.press("ctrl+s")
        await pilot.pause()
        polar.hold_reads = True
        screen.load_session()  # sent after the save, as a live update would be
        await pilot.pause(0.05)
        polar.save_answers.set()
        await wait_until(pilot, lambda: not screen.form.saving)
        polar.read_answers.set()
        await pilot.pause(0.1)
        assert field_value(pilot, "customer_name") == "Bob"
        assert screen.session is not None
        assert screen.session.customer_name == "Bob"
        assert "all saved" in screen_text(pilot)


def _type_fast(pilot: Any, text: str) -> None:
    """Deliver keys as a terminal does: all at once, without waiting for the app."""
    for character in text:
        pilot.app.post_message(events.Key(character, character))


async def test_typed_keys_are_never_dropped_however_fast(demo: Demo, clock: FrozenClock) -> None:
    email = "a" * 400 + "@example.com"
    async with demo_app(demo, clock).run_test(size=(100, 40)) as pilot:
        screen = await open_scenario(pilot, "one-time")
        name = screen.query_one("#customer_name", Input)
        name.focus()
        _type_fast(pilot, "abcdefghij" * 60)
        await wait_until(pilot, lambda: len(name.value) == 256)
        assert name.value == ("abcdefghij" * 26)[:256]
        assert "Cut to 256 characters" in field_error(pilot, "customer_name")
        await pilot.press("ctrl+u")
        _type_fast(pilot, "Ada King")
        await wait_until(pilot, lambda: name.value == "Ada King")
        assert field_error(pilot, "customer_name") == ""
        address = screen.query_one("#customer_email", Input)
        address.focus()
        await pilot.press("ctrl+u", "ctrl+k")
        _type_fast(pilot, email)
        await wait_until(pilot, lambda: address.value == email)
        assert field_value(pilot, "customer_name") == "Ada King"
        assert screen.unsaved == {"customer_name", "customer_email"}
        assert "2 unsaved changes" in screen_text(pilot)


async def test_text_beyond_the_maximum_is_cut_with_a_message(
    demo: Demo, clock: FrozenClock
) -> None:
    async with demo_app(demo, clock).run_test(size=(100, 40)) as pilot:
        screen = await open_scenario(pilot, "one-time")
        await paste_into(pilot, "customer_name", "N" * 300)
        assert field_value(pilot, "customer_name") == "N" * 256
        assert field_error(pilot, "customer_name") == (
            "Cut to 256 characters: Polar accepts no more."
        )
        await pilot.press("backspace")
        assert field_error(pilot, "customer_name") == ""
        await pilot.press("x", "y")
        assert field_value(pilot, "customer_name") == "N" * 255 + "x"
        assert "Cut to 256" in field_error(pilot, "customer_name")
        await paste_into(pilot, "customer_email", "c" * 1_500)
        assert len(field_value(pilot, "customer_email")) == 1_000
        await paste_into(pilot, "country", "x" * 1_200)
        assert "Cut to 1,000 characters" in field_error(pilot, "country")
        assert field_error(pilot, "customer_email").startswith(
            "value is not a valid email address: An email address must have an @-sign. "
            "Cut to 1,000 characters"
        )
        assert screen.unsaved == {"customer_name", "customer_email", "country"}


async def test_a_422_item_without_a_location_is_explained(clock: FrozenClock) -> None:
    session = one_time_body(clock)

    def refuse(request: httpx.Request) -> httpx.Response:
        if request.method == "GET":
            return httpx.Response(200, json=session)
        detail = [{"type": "value_error", "loc": None, "msg": "Polar says no to this."}]
        return httpx.Response(422, json={"error": "PolarRequestValidationError", "detail": detail})

    async with mock_app(httpx.MockTransport(refuse), clock).run_test(size=(100, 40)) as pilot:
        screen = await wait_loaded(pilot)
        await paste_into(pilot, "customer_name", "Jane")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "refused" in banner(pilot))
        assert "Polar says no to this." in banner(pilot)
        assert "Something went wrong" not in banner(pilot)
        assert field_value(pilot, "customer_name") == "Jane"
        assert screen.unsaved == {"customer_name"}


@pytest.mark.parametrize("ticks", [0, 1, 2, 5])
async def test_a_key_typed_as_the_answer_arrives_is_kept(clock: FrozenClock, ticks: int) -> None:
    """The key's change message is still on its way when the save's answer lands."""
    polar = GatedPolar(one_time_body(clock))
    slow_save = polar.gate("PATCH")
    async with mock_app(polar.transport(), clock).run_test(size=(100, 40)) as pilot:
        screen = await wait_loaded(pilot)
        await type_into(pilot, "customer_name", "Jane")
        await pilot.press("ctrl+s")
        await pilot.pause()
        name = screen.query_one("#customer_name", Input)
        slow_save.set()
        for _ in range(ticks):
            await asyncio.sleep(0)
        name.insert_text_at_cursor("x")
        await wait_until(pilot, lambda: not screen.form.saving)
        await pilot.pause(0.1)
        assert field_value(pilot, "customer_name") == "Janex"
        assert screen.unsaved == {"customer_name"}


async def test_after_a_refusal_the_focus_goes_to_the_refused_field(clock: FrozenClock) -> None:
    """Not to the first field that is merely needed to confirm."""
    session = {
        **one_time_body(clock),
        "is_business_customer": True,
        "customer_billing_address": {"country": "DE"},
        "billing_address_fields": None,  # the form works them out as Polar would
    }
    refusal = polar_error(
        422,
        "PolarRequestValidationError",
        [{"type": "value_error", "loc": ["body", "customer_tax_id"], "msg": "Invalid tax ID."}],
    )
    polar = ScriptedPolar(session, patches=[refusal])
    async with mock_app(polar.transport(), clock).run_test(size=(100, 40)) as pilot:
        await wait_loaded(pilot)
        await type_into(pilot, "customer_tax_id", "DE136695976")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "refused" in banner(pilot))
        assert field_error(pilot, "line1") == "Needed to confirm the checkout."
        assert field_error(pilot, "customer_tax_id") == "Invalid tax ID."
        assert pilot.app.focused is not None
        assert pilot.app.focused.id == "customer_tax_id"


async def test_turning_business_off_asks_before_clearing_saved_details(
    demo: Demo, clock: FrozenClock
) -> None:
    from tui.screens.confirm_quit import QuestionScreen

    secret = secret_of(demo.store, "one-time")
    demo.store.update(secret, CheckoutUpdatePublic.model_validate(GERMAN_BUSINESS))
    async with demo_app(demo, clock).run_test(size=(100, 40)) as pilot:
        screen = await open_scenario(pilot, "one-time")
        screen.query_one("#is_business_customer").focus()
        await pilot.press("space", "ctrl+s")
        assert isinstance(pilot.app.screen, QuestionScreen)
        assert "saved billing name and tax ID. Save anyway?" in screen_text(pilot)
        await pilot.press("n")
        assert demo.store.get_json(secret)["is_business_customer"] is True
        assert screen.unsaved == {"is_business_customer"}
        await pilot.press("ctrl+s", "y")
        await wait_until(pilot, lambda: not screen.unsaved and not screen.form.saving)
    stored = demo.store.get_json(secret)
    assert (stored["is_business_customer"], stored["customer_tax_id"]) == (False, None)


async def test_the_first_key_in_a_saved_field_adds_to_it(demo: Demo, clock: FrozenClock) -> None:
    """Focus lands at the end of a saved value instead of selecting it: one key never wipes
    a saved name."""
    secret = secret_of(demo.store, "one-time")
    demo.store.update(secret, CheckoutUpdatePublic(customer_name="Ada Lovelace"))
    async with demo_app(demo, clock).run_test(size=(100, 32)) as pilot:
        screen = await open_scenario(pilot, "one-time")
        name = screen.query_one("#customer_name", Input)
        name.focus()
        await pilot.press("x")
        assert name.value == "Ada Lovelacex"
