"""While the client waits to try a save again, the banner says so and how to stop waiting; the
answer that follows replaces it, and Esc stops the wait: nothing more is sent, the typing
stays.

The retry policy runs as in use (stamina out of its test mode), but its waits are held by
`Waits` until a test ends them: what each wait was asked for is kept, nothing is slept."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import stamina
from textual.pilot import Pilot

from tests.support import (
    banner,
    field_value,
    mock_app,
    one_time_body,
    screen_text,
    type_into,
    wait_loaded,
    wait_until,
)
from tui.emulator.model.clock import FrozenClock
from tui.keys import RELOAD_KEY
from tui.screens.session_link import SessionLink


def footer(pilot: Pilot[Any]) -> str:
    return screen_text(pilot).splitlines()[-1]


class Waits:
    """stamina's waits between tries, each held until `end` is called with its number."""

    def __init__(self) -> None:
        self.asked: list[float] = []
        """The seconds each wait was asked for, in order."""
        self._ends: list[asyncio.Event] = []

    async def sleep(self, seconds: float) -> None:
        self.asked.append(seconds)
        end = asyncio.Event()
        self._ends.append(end)
        await end.wait()

    def end(self, index: int) -> None:
        self._ends[index].set()


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> Iterator[Waits]:
    """The real policy (its tries and the waits it asks for), its sleeps held by the test."""
    held = Waits()
    monkeypatch.setattr("stamina._core._smart_sleep", held.sleep)
    with stamina.set_testing(False):
        yield held


class BusyPolar:
    """GET serves the session; the first PATCH is refused with `Retry-After: 1`, the second
    waits for `gate`."""

    def __init__(self, session: dict[str, Any]) -> None:
        self.session = session
        self.gate = asyncio.Event()
        self.patches = 0

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.method == "PATCH":
            self.patches += 1
            if self.patches == 1:
                return httpx.Response(429, headers={"Retry-After": "1"})
            await self.gate.wait()
            self.session.update(json.loads(request.content))
        return httpx.Response(200, json=self.session)


async def test_the_banner_says_polar_is_busy_until_the_retry_answers(
    clock: FrozenClock, waits: Waits
) -> None:
    polar = BusyPolar(one_time_body(clock))
    async with mock_app(httpx.MockTransport(polar), clock).run_test(size=(100, 40)) as pilot:
        await wait_loaded(pilot)
        await type_into(pilot, "customer_name", "Jane Doe")
        await pilot.press("ctrl+s")
        busy = "Polar is busy — retrying in 1 s, attempt 2 of 3. Press esc to stop."
        await wait_until(pilot, lambda: banner(pilot) == busy)
        await pilot.pause()
        assert "Stop retrying" in footer(pilot)
        assert waits.asked == [1.0]  # Polar's `Retry-After: 1`, waited out as asked
        waits.end(0)
        # On its way again: nothing can stop it, the banner names no key, Esc is Back.
        await wait_until(pilot, lambda: banner(pilot) == "Trying again (attempt 2 of 3)…")
        await pilot.pause()
        assert "Stop retrying" not in footer(pilot)
        polar.gate.set()
        await wait_until(pilot, lambda: banner(pilot) == "")
        assert polar.session["customer_name"] == "Jane Doe"


class RateLimitedOnce:
    """GET serves the session; the first PATCH is refused with `Retry-After: 10` (the most
    the app waits out), later ones are saved; so is the second GET (the first reload)."""

    def __init__(self, session: dict[str, Any]) -> None:
        self.session = session
        self.patches = 0
        self.gets = 0

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.method == "GET":
            self.gets += 1
            if self.gets == 2:
                return httpx.Response(429, headers={"Retry-After": "10"})
        if request.method == "PATCH":
            self.patches += 1
            if self.patches == 1:
                return httpx.Response(429, headers={"Retry-After": "10"})
            self.session.update(json.loads(request.content))
        return httpx.Response(200, json=self.session)


async def test_esc_stops_waiting_to_retry_and_keeps_the_typing(clock: FrozenClock) -> None:
    polar = RateLimitedOnce(one_time_body(clock))
    app = mock_app(httpx.MockTransport(polar), clock)
    # The real policy, waits included: Polar's 10 s is waited out unless stopped.
    with stamina.set_testing(False):
        async with app.run_test(size=(100, 40)) as pilot:
            await wait_loaded(pilot)
            await type_into(pilot, "customer_name", "Jane Doe")
            await pilot.press("ctrl+s")
            busy = "Polar is busy — retrying in 10 s, attempt 2 of 3. Press esc to stop."
            await wait_until(pilot, lambda: banner(pilot) == busy)
            await pilot.pause()
            assert "Stop retrying" in footer(pilot)
            await pilot.press("escape")
            await wait_until(pilot, lambda: banner(pilot).startswith("Stopped retrying"))
            await pilot.pause()
            assert "Stop retrying" not in footer(pilot)  # Esc is Back again
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
            # A reload waiting to be tried again, replaced by a live read (the server said
            # the session changed): that read's answer ends the wait, and the hint with it.
            await pilot.press(RELOAD_KEY)
            await wait_until(pilot, lambda: "Press esc to stop." in banner(pilot))
            app.screen.query_one(SessionLink).load(live=True)
            await wait_until(pilot, lambda: polar.gets == 3)
            await wait_until(pilot, lambda: banner(pilot) == "")
            await pilot.pause()
            assert "Stop retrying" not in footer(pilot)


class ReadsRetried:
    """The first PATCH and the 2nd and 5th GET are refused with `Retry-After: 1`; the 3rd GET
    is held until `gate`; the rest are answered with the session (saved as sent)."""

    def __init__(self, session: dict[str, Any]) -> None:
        self.session = session
        self.gate = asyncio.Event()
        self.gets = 0
        self.patches = 0

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.method == "GET":
            self.gets += 1
            if self.gets in (2, 5):
                return httpx.Response(429, headers={"Retry-After": "1"})
            if self.gets == 3:
                await self.gate.wait()
        if request.method == "PATCH":
            self.patches += 1
            if self.patches == 1:
                return httpx.Response(429, headers={"Retry-After": "1"})
            self.session.update(json.loads(request.content))
        return httpx.Response(200, json=self.session)


async def test_a_retry_replaced_or_overtaken_leaves_no_stale_banner(
    clock: FrozenClock, waits: Waits
) -> None:
    polar = ReadsRetried(one_time_body(clock))
    app = mock_app(httpx.MockTransport(polar), clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_loaded(pilot)
        # A reload on its way again, replaced by a live read (the server said the session
        # changed): the live answer ends it, and "Trying again" with it.
        await pilot.press(RELOAD_KEY)
        await wait_until(pilot, lambda: "Press esc to stop." in banner(pilot))
        waits.end(0)
        await wait_until(pilot, lambda: banner(pilot) == "Trying again (attempt 2 of 3)…")
        app.screen.query_one(SessionLink).load(live=True)
        await wait_until(pilot, lambda: polar.gets == 4)
        await wait_until(pilot, lambda: banner(pilot) == "")
        # A reload and a save both waiting: the reload's wait ends, the save still waits,
        # and Esc still stops it.
        await type_into(pilot, "customer_name", "Jane Doe")
        await pilot.press(RELOAD_KEY)
        await wait_until(pilot, lambda: "Press esc to stop." in banner(pilot))
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: len(waits.asked) == 3)
        waits.end(1)
        await wait_until(pilot, lambda: polar.gets == 6)
        assert "Stop retrying" in footer(pilot)
        await pilot.press("escape")
        await wait_until(pilot, lambda: banner(pilot).startswith("Stopped retrying"))
        assert polar.patches == 1
        assert field_value(pilot, "customer_name") == "Jane Doe"
