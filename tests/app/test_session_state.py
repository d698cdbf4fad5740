"""What the form does as the session's state changes: closed sessions and `--read-only` take
no typing, and the countdown warns, then expires the form on its own."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Input, Static

from tests.support import (
    banner,
    demo_app,
    open_scenario,
    screen_text,
    secret_of,
    type_into,
    wait_until,
)
from tui.demo import Demo
from tui.emulator.model.clock import FrozenClock
from tui.launch import Launch
from tui.settings import resolve_server


def footer_has_submit(pilot) -> bool:  # type: ignore[no-untyped-def]
    return "Submit" in screen_text(pilot).splitlines()[-1]


async def test_a_paid_session_opens_read_only(demo: Demo, clock: FrozenClock) -> None:
    async with demo_app(demo, clock).run_test(size=(100, 32)) as pilot:
        screen = await open_scenario(pilot, "succeeded")
        assert banner(pilot) == (
            "Paid — succeeded. This checkout is closed: nothing can be changed."
        )
        assert screen.query_one("#customer_name", Input).disabled
        assert not footer_has_submit(pilot)
        await pilot.press("ctrl+s")
        assert not screen.form.saving


async def test_a_paid_session_past_its_expiry_stays_paid(demo: Demo, clock: FrozenClock) -> None:
    """Polar answers 410 for any session past `expires_at`, paid ones included: a reload
    then must not call a paid checkout expired."""
    async with demo_app(demo, clock).run_test(size=(100, 32)) as pilot:
        screen = await open_scenario(pilot, "succeeded")
        clock.advance(timedelta(hours=3))
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: "past its expiry" in banner(pilot))
        assert screen.session is not None
        assert screen.session.status == "succeeded"
        assert banner(pilot) == (
            "Paid — succeeded. This checkout is closed: nothing can be changed. "
            "Polar no longer answers for it: past its expiry."
        )


async def test_read_only_opens_any_session_to_look_at_only(demo: Demo, clock: FrozenClock) -> None:
    from tui.app import CheckoutApp

    launch = Launch(server=resolve_server(demo.base_url), demo=demo, read_only=True)
    secret = secret_of(demo.store, "one-time")
    async with CheckoutApp(launch, clock=clock.now).run_test(size=(100, 32)) as pilot:
        screen = await open_scenario(pilot, "one-time")
        assert banner(pilot).startswith("Read-only")
        assert screen.query_one("#customer_email", Input).disabled
        assert not footer_has_submit(pilot)
    assert demo.store.get_json(secret)["customer_email"] is None


async def test_the_countdown_warns_then_expires_the_form_on_its_own(
    demo: Demo, clock: FrozenClock
) -> None:
    async with demo_app(demo, clock).run_test(size=(100, 32)) as pilot:
        screen = await open_scenario(pilot, "one-time")
        await type_into(pilot, "customer_name", "Ada")
        assert footer_has_submit(pilot)
        clock.advance(timedelta(minutes=56))  # four minutes left
        await wait_until(pilot, lambda: "This checkout expires in 4:" in banner(pilot))
        assert screen.query_one("#total-bar").has_class("-warning")
        clock.advance(timedelta(minutes=4, seconds=1))
        await wait_until(pilot, lambda: banner(pilot).startswith("Expired at "))
        bar = str(screen.query_one("#total-bar", Static).content)
        assert bar.endswith("·  expired  ·  1 unsaved change")  # no time left, no ctrl+s
        assert screen.query_one("#customer_name", Input).value == "Ada"  # the typing stays
        assert screen.query_one("#customer_name", Input).disabled
        assert not footer_has_submit(pilot)
        assert not screen.query_one("#total-bar").has_class("-warning")
