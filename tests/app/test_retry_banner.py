"""While the client waits to try a save again, the banner says so and how to stop waiting; the
answer that follows replaces it, and Esc stops the wait: nothing more is sent, the typing
stays."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest
import stamina

from tests.support import (
    REAL_LOOKING_SECRET,
    banner,
    field_value,
    mock_app,
    type_into,
    wait_loaded,
    wait_until,
)
from tui.emulator.model.clock import FrozenClock
from tui.emulator.store import Store


class BusyPolar:
    """GET serves the session; the first PATCH answers 503, the second waits for `gate`."""

    def __init__(self, session: dict[str, Any]) -> None:
        self.session = session
        self.gate = asyncio.Event()
        self.patches = 0

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.method == "PATCH":
            self.patches += 1
            if self.patches == 1:
                return httpx.Response(503)
            await self.gate.wait()
            self.session.update(json.loads(request.content))
        return httpx.Response(200, json=self.session)


@pytest.mark.usefixtures("retries")
async def test_the_banner_says_polar_is_busy_until_the_retry_answers(clock: FrozenClock) -> None:
    store = Store(clock)
    secret = next(e.client_secret for e in store.scenarios() if e.name == "one-time")
    session = store.get_json(secret) | {"client_secret": REAL_LOOKING_SECRET}
    polar = BusyPolar(session)
    async with mock_app(httpx.MockTransport(polar), clock).run_test(size=(100, 40)) as pilot:
        await wait_loaded(pilot)
        await type_into(pilot, "customer_name", "Jane Doe")
        await pilot.press("ctrl+s")
        # stamina's test mode does not wait: 0 s, nothing to stop.
        busy = "Polar is busy — retrying in 0 s, attempt 2 of 3."
        await wait_until(pilot, lambda: busy in banner(pilot))
        polar.gate.set()
        await wait_until(pilot, lambda: banner(pilot) == "")
        assert polar.session["customer_name"] == "Jane Doe"


class RateLimitedOnce:
    """GET serves the session; the first PATCH is refused with `Retry-After: 10` (the most
    the app waits out), later ones are saved."""

    def __init__(self, session: dict[str, Any]) -> None:
        self.session = session
        self.patches = 0

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.method == "PATCH":
            self.patches += 1
            if self.patches == 1:
                return httpx.Response(429, headers={"Retry-After": "10"})
            self.session.update(json.loads(request.content))
        return httpx.Response(200, json=self.session)


async def test_esc_stops_waiting_to_retry_and_keeps_the_typing(clock: FrozenClock) -> None:
    store = Store(clock)
    secret = next(e.client_secret for e in store.scenarios() if e.name == "one-time")
    polar = RateLimitedOnce(store.get_json(secret) | {"client_secret": REAL_LOOKING_SECRET})
    app = mock_app(httpx.MockTransport(polar), clock)
    # The real policy, waits included: Polar's 10 s is waited out unless stopped.
    with stamina.set_testing(False):
        async with app.run_test(size=(100, 40)) as pilot:
            await wait_loaded(pilot)
            await type_into(pilot, "customer_name", "Jane Doe")
            await pilot.press("ctrl+s")
            busy = "Polar is busy — retrying in 10 s, attempt 2 of 3. Press esc to stop."
            await wait_until(pilot, lambda: banner(pilot) == busy)
            await pilot.press("escape")
            await wait_until(pilot, lambda: banner(pilot).startswith("Stopped retrying"))
            assert banner(pilot) == (
                "Stopped retrying: nothing more was sent after 1 try; the last answer: Too many "
                "requests. Your edits are kept. Press ctrl+s to try again."
            )
            assert all(worker.is_finished for worker in app.workers if worker.group == "patch")
            assert polar.patches == 1
            assert field_value(pilot, "customer_name") == "Jane Doe"
            assert len(app.screen_stack) == 2  # Esc stopped the wait; it did not leave
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: polar.session["customer_name"] == "Jane Doe")
            assert polar.patches == 2
