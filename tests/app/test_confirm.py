"""Confirm (ctrl+o) on a session with nothing to pay: the confirmed screen follows it live to
`succeeded`; a 422 puts Polar's word under every field it names."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from tests.support import (
    banner,
    demo_app,
    field_error,
    open_quickly,
    paste_into,
    screen_text,
    secret_of,
    type_into,
    wait_loaded,
    wait_until,
)
from tui.app import CheckoutApp
from tui.demo import Demo
from tui.emulator.model.clock import FrozenClock
from tui.emulator.rules.lifecycle import SUCCESS_DELAY
from tui.emulator.run.background import RunningEmulator
from tui.emulator.seed.loader import load_scenarios
from tui.emulator.store import Store
from tui.launch import Launch
from tui.polar.secret import SessionRef
from tui.screens.checkout import CheckoutScreen
from tui.screens.confirm_quit import QuestionScreen
from tui.screens.outcome import ConfirmedScreen
from tui.settings import resolve_server

EXAMPLE = Path(__file__).parents[2] / "examples" / "scenarios.example.toml"
CONFIRMED = "Confirmed: Polar is completing the order…"
NOTHING_TO_PAY = "Saved. Nothing to pay now: press ctrl+o to confirm the checkout."
CANNOT_CONFIRM = "Polar cannot confirm the checkout yet. Fill in the fields marked below."


@pytest.fixture
def example_demo(clock: FrozenClock) -> Iterator[Demo]:
    """An emulator serving the example scenario file (its zine takes $0)."""
    with RunningEmulator(Store(clock, scenarios=load_scenarios(EXAMPLE))) as emulator:
        yield Demo(emulator)


def _line(pilot: Pilot[Any], selector: str) -> str:
    line = pilot.app.screen.query_one(selector, Static)
    return str(line.content) if line.display else ""


def _footer(pilot: Pilot[Any]) -> str:
    return screen_text(pilot).splitlines()[-1]


async def _confirm_and_follow(
    pilot: Pilot[Any], store: Store, clock: FrozenClock, secret: str, total: str
) -> None:
    """ctrl+o on the form: the confirmed screen, then `succeeded` once Polar completes it."""
    assert "^o Confirm" in _footer(pilot)
    await pilot.press("ctrl+o")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConfirmedScreen))
    assert _line(pilot, "#handoff-title") == "Checkout confirmed"
    assert _line(pilot, "#handoff-total") == f"Total    {total}"
    assert _line(pilot, "#handoff-outcome") == CONFIRMED
    assert _line(pilot, "#handoff-next").startswith("Following the session")
    assert store.get_json(secret)["status"] == "confirmed"

    clock.advance(SUCCESS_DELAY + timedelta(seconds=1))
    await wait_until(pilot, lambda: _line(pilot, "#handoff-outcome") == "Succeeded", timeout=3.0)
    assert _line(pilot, "#handoff-next").startswith("The customer goes on to http://127.0.0.1:")
    assert _line(pilot, "#handoff-next").endswith("/confirmation")
    assert store.get_json(secret)["status"] == "succeeded"

    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CheckoutScreen)
    assert banner(pilot) == "Succeeded. This checkout is closed: nothing can be changed."
    assert "^o" not in _footer(pilot)


async def test_a_free_session_is_confirmed_and_followed_to_success(
    demo: Demo, clock: FrozenClock
) -> None:
    secret = secret_of(demo.store, "free")
    async with demo_app(demo, clock, live=True).run_test(size=(100, 32)) as pilot:
        await open_quickly(pilot, "free")
        await paste_into(pilot, "customer_email", "ada@example.com")
        await _confirm_and_follow(pilot, demo.store, clock, secret, "$0.00")
    assert demo.store.get_json(secret)["customer_email"] == "ada@example.com"


async def test_a_code_that_makes_it_free_turns_pay_into_confirm(
    demo: Demo, clock: FrozenClock
) -> None:
    """A 100 % code typed, then ctrl+o ("Pay in browser"): the save leaves nothing to pay,
    so there is nothing to hand to a browser: the form says so and ctrl+o confirms."""
    secret = secret_of(demo.store, "discount")
    async with demo_app(demo, clock, live=True).run_test(size=(100, 40)) as pilot:
        screen = await open_quickly(pilot, "discount")
        await paste_into(pilot, "customer_email", "grace@example.com")
        await paste_into(pilot, "discount_code", "FRIENDS")
        assert "^o Pay in browser" in _footer(pilot)
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: not screen.form.saving and not screen.unsaved)
        assert pilot.app.screen is screen
        assert banner(pilot) == NOTHING_TO_PAY
        stored = demo.store.get_json(secret)
        assert (stored["discount"]["code"], stored["total_amount"]) == ("FRIENDS", 0)
        await _confirm_and_follow(pilot, demo.store, clock, secret, "$0.00")


async def test_pay_what_you_want_at_zero_is_confirmed(
    example_demo: Demo, clock: FrozenClock
) -> None:
    store = example_demo.store
    secret = secret_of(store, "zine-tip")
    async with demo_app(example_demo, clock, live=True).run_test(size=(100, 40)) as pilot:
        screen = await open_quickly(pilot, "zine-tip")
        assert "^o Pay in browser" in _footer(pilot)
        await paste_into(pilot, "customer_email", "ada@example.com")
        await type_into(pilot, "amount", "0")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not screen.form.saving and not screen.unsaved)
        assert store.get_json(secret)["amount"] == 0
        await _confirm_and_follow(pilot, store, clock, secret, "$0.00")


async def test_a_refused_confirm_marks_every_missing_field(demo: Demo, clock: FrozenClock) -> None:
    secret = secret_of(demo.store, "custom-fields")
    async with demo_app(demo, clock).run_test(size=(100, 50)) as pilot:
        screen = await open_quickly(pilot, "custom-fields")
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: banner(pilot) == CANNOT_CONFIRM)
        # Polar checks the seller's questions first and answers with those alone; the email
        # is marked by the form itself.
        assert field_error(pilot, "custom_field_data-team_name") == (
            "Input should be a valid string."
        )
        assert field_error(pilot, "custom_field_data-terms") == "Input should be True."
        assert field_error(pilot, "customer_email") == "Needed to confirm the checkout."
        assert pilot.app.focused is screen.query_one("#cf-team_name")

        await paste_into(pilot, "cf-team_name", "Ops")
        screen.query_one("#cf-terms").focus()
        await pilot.press("space", "ctrl+o")
        required = "Field is required."
        await wait_until(pilot, lambda: field_error(pilot, "customer_email") == required)
        assert banner(pilot) == CANNOT_CONFIRM
        assert field_error(pilot, "custom_field_data-team_name") == ""
        assert field_error(pilot, "custom_field_data-terms") == ""
        assert pilot.app.focused is screen.query_one("#customer_email")
        assert "open" in screen_text(pilot).splitlines()[-2]
    stored = demo.store.get_json(secret)
    assert (stored["status"], stored["custom_field_data"], stored["customer_email"]) == (
        "open",
        {},
        None,
    )


def _server_app(demo: Demo, clock: FrozenClock, secret: str) -> CheckoutApp:
    """The app opened on the emulator as on any Polar server (`open SECRET --server URL`):
    a confirm there is real."""
    server = resolve_server(demo.base_url)
    launch = Launch(server=server, server_explicit=True, ref=SessionRef(secret), live=False)
    return CheckoutApp(launch, clock=clock.now)


def _question(pilot: Pilot[Any]) -> str:
    screen = pilot.app.screen
    assert isinstance(screen, QuestionScreen), f"expected a question, got {screen!r}"
    return str(screen.query_one(Static).content)


async def test_on_a_server_confirm_asks_first_and_cancel_is_the_default(
    demo: Demo, clock: FrozenClock
) -> None:
    secret = secret_of(demo.store, "free")
    host = demo.base_url.removeprefix("http://")
    async with _server_app(demo, clock, secret).run_test(size=(100, 32)) as pilot:
        form = await wait_loaded(pilot)
        await paste_into(pilot, "customer_email", "ada@example.com")
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, QuestionScreen))
        assert _question(pilot) == (
            f"Confirm this checkout on {host}? Polar creates a real order for ada@example.com, "
            "sends the receipt and grants the benefits. Total: $0.00."
        )
        text = screen_text(pilot)
        assert "Confirm (y)" in text
        assert "Cancel (n)" in text
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert pilot.app.screen is form
        assert not form.form.saving
        stored = demo.store.get_json(secret)
        assert (stored["status"], stored["customer_email"]) == ("open", None)

        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, QuestionScreen))
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConfirmedScreen))
        assert _line(pilot, "#handoff-outcome") == CONFIRMED
    stored = demo.store.get_json(secret)
    assert (stored["status"], stored["customer_email"]) == ("confirmed", "ada@example.com")
