"""The start screen's server: picked to begin with as launched, production, sandbox or a URL
checked as it is typed; F5 shows what was pasted, masked, and where it would go."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from textual.pilot import Pilot
from textual.widgets import Input, RadioSet, Static

from tests.support import (
    REAL_LOOKING_SECRET,
    ScriptedPolar,
    field_error,
    one_time_body,
    paste,
    screen_text,
    wait_until,
)
from tui.app import CheckoutApp
from tui.emulator.model.clock import FrozenClock
from tui.launch import Launch
from tui.settings import resolve_server

MASKED = "polar_c_…OpA5"


def help_line(pilot: Pilot[Any]) -> str:
    return str(pilot.app.screen.query_one("#start-help", Static).content)


async def test_pick_a_url_server_check_the_secret_and_open_it_there(clock: FrozenClock) -> None:
    hosts: list[str] = []
    inner = ScriptedPolar(one_time_body(clock)).transport()

    async def recording(request: httpx.Request) -> httpx.Response:
        hosts.append(f"{request.url.host}:{request.url.port}")
        return await inner.handle_async_request(request)

    launch = Launch(server=resolve_server("sandbox"), live=False)
    app = CheckoutApp(launch, clock=clock.now, transport=httpx.MockTransport(recording))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await wait_until(pilot, lambda: "▐●▌ Sandbox" in screen_text(pilot))
        await wait_until(pilot, lambda: "▐ ▌ Production" in screen_text(pilot))
        await paste(pilot, REAL_LOOKING_SECRET)
        await wait_until(pilot, lambda: MASKED not in screen_text(pilot))
        await pilot.press("f5")
        await wait_until(
            pilot, lambda: f"{MASKED} → sandbox (sandbox-api.polar.sh)" in screen_text(pilot)
        )
        await wait_until(pilot, lambda: REAL_LOOKING_SECRET not in screen_text(pilot))

        await pilot.press("shift+tab")
        assert isinstance(app.focused, RadioSet)
        await pilot.press("right", "right", "enter")  # the highlight starts on the first
        url_field = app.screen.query_one("#server-url", Input)
        url_shown = app.screen.query_one("#field-server-url")
        await wait_until(pilot, lambda: "▐●▌ URL" in screen_text(pilot) and url_shown.display)
        await pilot.pause()  # laid out, so Tab can reach it
        await pilot.press("tab")  # to the URL field, shown once URL is picked
        await wait_until(pilot, lambda: app.focused is url_field)
        await paste(pilot, "http://qa.example.com")
        assert field_error(pilot, "server-url").startswith(
            "Refusing plain http to qa.example.com: the secret would travel unencrypted."
        )
        refused = "Type a server URL the secret may go to first."
        await wait_until(pilot, lambda: refused in screen_text(pilot))
        await pilot.press("enter")  # a URL refused: the focus stays to mend it
        await pilot.press("ctrl+u")
        await paste(pilot, "https://qa.example.com:8443")
        assert field_error(pilot, "server-url") == ""
        assert "A checkout URL opens on the server URL below too." in help_line(pilot)
        await wait_until(pilot, lambda: f"{MASKED} → qa.example.com:8443" in screen_text(pilot))
        await pilot.press("enter", "enter")  # on to the secret, then open it
        await wait_until(pilot, lambda: bool(hosts))
    assert hosts[0] == "qa.example.com:8443"


@pytest.mark.parametrize(
    ("launched", "explicit", "pasted_on", "goes_to", "rule"),
    [
        (
            "https://qa.example.com:8443",
            False,
            "polar.sh",
            "api.polar.sh:None",
            "A checkout URL on Polar's hosts picks its own server.",
        ),
        (
            "production",
            True,
            "sandbox.polar.sh",
            "api.polar.sh:None",
            "A checkout URL opens on production too.",
        ),
    ],
    ids=["settings-file-url", "explicit-production"],
)
async def test_the_launched_server_keeps_how_it_was_given(
    clock: FrozenClock, launched: str, explicit: bool, pasted_on: str, goes_to: str, rule: str
) -> None:
    """As `open` does: a URL server from the settings file lets a checkout URL on Polar's
    hosts pick its own server (the secret never goes to the QA box), an explicit
    `--server production` wins over a sandbox checkout URL."""
    hosts: list[str] = []
    inner = ScriptedPolar(one_time_body(clock)).transport()

    async def recording(request: httpx.Request) -> httpx.Response:
        hosts.append(f"{request.url.host}:{request.url.port}")
        return await inner.handle_async_request(request)

    launch = Launch(server=resolve_server(launched), server_explicit=explicit, live=False)
    app = CheckoutApp(launch, clock=clock.now, transport=httpx.MockTransport(recording))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert rule in help_line(pilot)
        await paste(pilot, f"https://{pasted_on}/checkout/{REAL_LOOKING_SECRET}")
        await pilot.press("enter")
        await wait_until(pilot, lambda: bool(hosts))
    assert hosts[0] == goes_to
