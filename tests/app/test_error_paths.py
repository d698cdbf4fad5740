"""Every class of server answer is explained next to what it concerns, and typing survives."""

from __future__ import annotations

import httpx
import pytest

from tests.support import (
    REAL_LOOKING_SECRET,
    ScriptedPolar,
    banner,
    demo_app,
    field_error,
    field_value,
    mock_app,
    one_time_body,
    open_scenario,
    paste_into,
    picker_scenarios,
    polar_error,
    screen_text,
    secret_of,
    type_into,
    wait_loaded,
    wait_until,
)
from tui.demo import Demo
from tui.emulator.model.clock import FrozenClock

FAILURES = [
    pytest.param(
        polar_error(409, "CheckoutLocked", "Checkout is currently being processed."),
        "Checkout busy",
        id="409-locked",
    ),
    pytest.param(
        polar_error(403, "NotPermitted", "Not permitted"), "Not permitted", id="403-not-permitted"
    ),
    pytest.param(httpx.Response(500, text="oops"), "Polar had a problem", id="500"),
    pytest.param(
        httpx.Response(429, headers={"Retry-After": "12"}), "Polar asks to wait until", id="429"
    ),
    pytest.param(httpx.ConnectError("Connection refused"), "Cannot reach the server", id="refused"),
    pytest.param(httpx.ReadTimeout("timed out"), "did not answer in time", id="timeout"),
]


@pytest.mark.parametrize(("failure", "explanation"), FAILURES)
async def test_failed_update_explains_and_keeps_the_edits(
    clock: FrozenClock, failure: httpx.Response | Exception, explanation: str
) -> None:
    polar = ScriptedPolar(one_time_body(clock), patches=[failure])
    async with mock_app(polar.transport(), clock).run_test(size=(100, 40)) as pilot:
        screen = await wait_loaded(pilot)
        await type_into(pilot, "customer_name", "Jane Doe")
        await paste_into(pilot, "customer_email", "jane@example.com")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: explanation in banner(pilot))
        assert field_value(pilot, "customer_name") == "Jane Doe"
        assert field_value(pilot, "customer_email") == "jane@example.com"
        assert len(screen.unsaved) == 2
        assert "unsaved" in screen_text(pilot)

        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not screen.unsaved)
        assert polar.bodies[-1] == {
            "customer_name": "Jane Doe",
            "customer_email": "jane@example.com",
        }
        assert banner(pilot) == ""


async def test_server_422_goes_under_each_field(clock: FrozenClock) -> None:
    rejection = polar_error(
        422,
        "RequestValidationError",
        [
            {
                "type": "value_error",
                "loc": ["body", "customer_billing_address", "country"],
                "msg": "Value error, Sweden is not served here",
                "input": "SE",
            },
            {
                "type": "value_error",
                "loc": ["body", "customer_email"],
                "msg": "jane@nowhere-at-all.com is not a valid email address: no MX",
                "input": "jane@nowhere-at-all.com",
            },
        ],
    )
    polar = ScriptedPolar(one_time_body(clock), patches=[rejection])
    async with mock_app(polar.transport(), clock).run_test(size=(100, 40)) as pilot:
        screen = await wait_loaded(pilot)
        await paste_into(pilot, "customer_email", "jane@nowhere-at-all.com")
        await type_into(pilot, "country", "Sweden")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "refused" in banner(pilot))
        assert field_error(pilot, "country") == "Sweden is not served here."
        assert "no MX" in field_error(pilot, "customer_email")
        assert field_value(pilot, "customer_email") == "jane@nowhere-at-all.com"
        assert field_value(pilot, "country") == "Sweden"
        assert screen.unsaved == {"customer_email", "country"}
        assert pilot.app.focused is not None
        assert pilot.app.focused.id == "customer_email"

        await type_into(pilot, "customer_email", "jane@example.com")
        assert field_error(pilot, "customer_email") == ""


async def test_rule_error_about_an_uneditable_key_shows_in_the_banner(clock: FrozenClock) -> None:
    rejection = polar_error(
        422,
        "PolarRequestValidationError",
        [{"type": "value_error", "loc": ["body", "amount"], "msg": "Amount is below minimum."}],
    )
    polar = ScriptedPolar(one_time_body(clock), patches=[rejection])
    async with mock_app(polar.transport(), clock).run_test(size=(100, 40)) as pilot:
        await wait_loaded(pilot)
        await type_into(pilot, "customer_name", "Jane")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "Amount is below minimum." in banner(pilot))
        assert field_value(pilot, "customer_name") == "Jane"


@pytest.mark.parametrize(
    ("answer", "explanation", "retry"),
    [
        pytest.param(
            polar_error(404, "ResourceNotFound", "Not found"), "not found", False, id="404"
        ),
        pytest.param(
            polar_error(410, "ExpiredCheckoutError", "This checkout session has expired."),
            "expired",
            False,
            id="410",
        ),
        pytest.param(httpx.ConnectError("refused"), "Cannot reach", True, id="refused"),
    ],
)
async def test_failed_load_explains_and_offers_a_retry_only_where_it_helps(
    clock: FrozenClock, answer: httpx.Response | Exception, explanation: str, retry: bool
) -> None:
    polar = ScriptedPolar(one_time_body(clock), get_answers=[answer])
    async with mock_app(polar.transport(), clock).run_test(size=(100, 40)) as pilot:
        await wait_until(
            pilot, lambda: explanation in banner(pilot).lower() or explanation in banner(pilot)
        )
        assert ("ctrl+r" in banner(pilot)) is retry
        assert "edits" not in banner(pilot)  # there are none yet
        await pilot.press("ctrl+r")
        await wait_loaded(pilot)


async def test_expired_demo_session_explains_410(demo: Demo, clock: FrozenClock) -> None:
    async with demo_app(demo, clock).run_test(size=(100, 40)) as pilot:
        from textual.widgets import DataTable

        table = pilot.app.screen.query_one(DataTable)
        await wait_until(pilot, lambda: table.row_count > 0)
        table.move_cursor(row=picker_scenarios(pilot).index("expired"))
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Checkout expired" in banner(pilot))
        assert "new checkout link" in banner(pilot)


async def test_connection_refused_by_a_real_closed_port(clock: FrozenClock) -> None:
    import socket

    from tui.app import CheckoutApp
    from tui.launch import Launch
    from tui.polar.secret import SessionRef
    from tui.settings import resolve_server

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    launch = Launch(
        server=resolve_server(f"http://127.0.0.1:{port}"), ref=SessionRef(REAL_LOOKING_SECRET)
    )
    async with CheckoutApp(launch, clock=clock.now).run_test(size=(100, 40)) as pilot:
        await wait_until(pilot, lambda: "Cannot reach the server" in banner(pilot))
        assert REAL_LOOKING_SECRET not in screen_text(pilot)


async def test_unexpected_failure_is_reported_not_crashed(clock: FrozenClock) -> None:
    polar = ScriptedPolar(one_time_body(clock), patches=[RuntimeError("bug in a proxy")])
    app = mock_app(polar.transport(), clock)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await wait_loaded(pilot)
        await type_into(pilot, "customer_name", "Jane")
        await pilot.press("ctrl+s")
        await wait_until(
            pilot, lambda: "Something went wrong: RuntimeError in the app." in banner(pilot)
        )
        assert app.is_running
        assert field_value(pilot, "customer_name") == "Jane"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not screen.unsaved)


async def test_an_error_on_a_hidden_field_is_shown_in_the_banner(clock: FrozenClock) -> None:
    rejection = polar_error(
        422,
        "PolarRequestValidationError",
        [{"type": "value_error", "loc": ["body", "customer_tax_id"], "msg": "Invalid tax ID."}],
    )
    polar = ScriptedPolar(one_time_body(clock), patches=[rejection])
    async with mock_app(polar.transport(), clock).run_test(size=(100, 40)) as pilot:
        screen = await wait_loaded(pilot)
        assert not screen.query_one("#field-customer_tax_id").display
        await type_into(pilot, "customer_name", "Jane")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "customer_tax_id: Invalid tax ID." in banner(pilot))
        assert pilot.app.focused is not None
        assert pilot.app.focused.display


async def test_an_answer_that_names_the_status_updates_it_at_once(
    demo: Demo, clock: FrozenClock
) -> None:
    from datetime import timedelta

    secret = secret_of(demo.store, "one-time")
    async with demo_app(demo, clock).run_test(size=(100, 40)) as pilot:
        await open_scenario(pilot, "one-time")
        demo.store.pay(secret)
        clock.advance(timedelta(seconds=5))  # paid, then succeeded
        await type_into(pilot, "customer_name", "Ada")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "already paid (succeeded)" in banner(pilot))
        assert "Checkout " not in banner(pilot).removeprefix("Checkout is not open")
        assert "ctrl+s to try again" not in banner(pilot)
        assert "·  succeeded  ·" in screen_text(pilot)
        assert field_value(pilot, "customer_name") == "Ada"  # the typing stays on screen
        assert pilot.app.screen.query_one("#customer_name").disabled  # but takes no more
