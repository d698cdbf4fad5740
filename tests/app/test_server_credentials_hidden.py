"""A user name and password in a --server URL never reach the screen."""

from __future__ import annotations

from tests.support import (
    REAL_LOOKING_SECRET,
    ScriptedPolar,
    one_time_body,
    screen_text,
    wait_loaded,
)
from tui.app import CheckoutApp
from tui.emulator.model.clock import FrozenClock
from tui.launch import Launch
from tui.polar.secret import SessionRef
from tui.settings import resolve_server

WITH_CREDENTIALS = "https://ada:s3cret-pa55@polar.example.com:8443"


async def test_the_checkout_header_names_the_host_only(clock: FrozenClock) -> None:
    launch = Launch(
        server=resolve_server(WITH_CREDENTIALS),
        server_explicit=True,
        ref=SessionRef(REAL_LOOKING_SECRET),
        live=False,
    )
    transport = ScriptedPolar(one_time_body(clock)).transport()
    app = CheckoutApp(launch, clock=clock.now, transport=transport)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_loaded(pilot)
        assert screen.sub_title == "polar.example.com:8443 · polar_c_…OpA5"
        text = screen_text(pilot)
        assert "polar.example.com:8443 · polar_c_…OpA5" in text
        assert "ada" not in text
        assert "s3cret-pa55" not in text


async def test_the_start_screen_names_the_host_only(clock: FrozenClock) -> None:
    launch = Launch(server=resolve_server(WITH_CREDENTIALS), server_explicit=True)
    async with CheckoutApp(launch, clock=clock.now).run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(pilot)
        assert "https://polar.example.com:8443" in text  # the URL picked, to begin with
        assert "ada" not in text
        assert "s3cret-pa55" not in text
