"""The emulator's clock as QA drives it: read it, move it, stop it and restart it.

The "real" time here is a hand-moved stand-in, so a test can let minutes pass at once.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from tui.emulator.http.server import create_app
from tui.emulator.model.clock import FrozenClock, SystemClock
from tui.emulator.store import Store

from .support import BASE

REAL_START = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


class RealTime:
    """The wall clock, moved by hand."""

    def __init__(self) -> None:
        self.moment = REAL_START

    def __call__(self) -> datetime:
        return self.moment

    def passes(self, seconds: float) -> None:
        self.moment += timedelta(seconds=seconds)


@pytest.fixture
def real() -> RealTime:
    return RealTime()


@pytest.fixture
def clock_store(real: RealTime) -> Store:
    return Store(SystemClock(real=real))


@pytest.fixture
async def http(clock_store: Store) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(clock_store))
    async with httpx.AsyncClient(transport=transport, base_url="http://emulator") as client:
        yield client


def secret_of(store: Store, scenario: str) -> str:
    return next(e.client_secret for e in store.list_sessions() if e.scenario == scenario)


async def clock(http: httpx.AsyncClient, body: object = None) -> object:
    if body is None:
        response = await http.get("/emulator/clock")
    else:
        response = await http.post("/emulator/clock", json=body)
    assert response.status_code == 200, response.text
    return response.json()


async def test_get_shows_the_time_and_whether_it_runs(
    http: httpx.AsyncClient, real: RealTime
) -> None:
    assert await clock(http) == {"now": "2026-06-01T09:00:00Z", "frozen": False}
    real.passes(90)
    assert await clock(http) == {"now": "2026-06-01T09:01:30Z", "frozen": False}


async def test_a_frozen_clock_stands_still_then_runs_on_from_where_it_stopped(
    http: httpx.AsyncClient, real: RealTime
) -> None:
    real.passes(10)
    assert await clock(http, {"freeze": True}) == {"now": "2026-06-01T09:00:10Z", "frozen": True}
    real.passes(3600)
    assert await clock(http) == {"now": "2026-06-01T09:00:10Z", "frozen": True}
    assert await clock(http, {"advance": "PT30M"}) == {
        "now": "2026-06-01T09:30:10Z",
        "frozen": True,
    }
    assert await clock(http, {"freeze": True}) == {"now": "2026-06-01T09:30:10Z", "frozen": True}
    # Restarted, it runs on from 09:30:10, not from the real 10:00:10: it never goes back.
    assert await clock(http, {"freeze": False}) == {
        "now": "2026-06-01T09:30:10Z",
        "frozen": False,
    }
    real.passes(5)
    assert await clock(http) == {"now": "2026-06-01T09:30:15Z", "frozen": False}


async def test_freeze_and_advance_in_one_request(http: httpx.AsyncClient, real: RealTime) -> None:
    assert await clock(http, {"freeze": True, "advance": 60}) == {
        "now": "2026-06-01T09:01:00Z",
        "frozen": True,
    }
    real.passes(60)
    assert await clock(http) == {"now": "2026-06-01T09:01:00Z", "frozen": True}


@pytest.mark.parametrize("body", [{}, {"freeze": "yes"}, {"freeze": True, "rewind": 5}])
async def test_a_clock_request_that_says_nothing_is_refused(
    http: httpx.AsyncClient, body: object
) -> None:
    response = await http.post("/emulator/clock", json=body)
    assert response.status_code == 422
    assert await clock(http) == {"now": "2026-06-01T09:00:00Z", "frozen": False}


async def test_a_frozen_clock_holds_the_payment_lock_and_expiry_however_long_it_stands(
    http: httpx.AsyncClient, clock_store: Store, real: RealTime
) -> None:
    one_time, paid = secret_of(clock_store, "one-time"), secret_of(clock_store, "free")
    await clock(http, {"freeze": True})
    assert (await http.post(f"/emulator/sessions/{paid}/pay")).json()["status"] == "confirmed"
    assert (await http.post(f"/emulator/sessions/{one_time}/lock", json={"seconds": 5})).is_success
    real.passes(2 * 3600)  # past the payment's delay, the lock and the one-hour expiry
    assert (await http.get(f"{BASE}/{paid}")).json()["status"] == "confirmed"
    assert (await http.get(f"{BASE}/{one_time}")).json()["status"] == "open"
    assert (await http.patch(f"{BASE}/{one_time}", json={})).status_code == 409
    await clock(http, {"advance": "PT6S"})
    assert (await http.get(f"{BASE}/{paid}")).json()["status"] == "succeeded"
    assert (await http.patch(f"{BASE}/{one_time}", json={})).status_code == 200
    await clock(http, {"advance": "PT1H"})
    assert (await http.get(f"{BASE}/{one_time}")).status_code == 410


def test_the_test_clock_restarts_too(real: RealTime) -> None:
    frozen = FrozenClock(datetime(2026, 1, 1, tzinfo=UTC), real=real)
    frozen.freeze(False)
    real.passes(1)
    assert (frozen.now(), frozen.frozen) == (datetime(2026, 1, 1, 0, 0, 1, tzinfo=UTC), False)
    frozen.set(datetime(2026, 1, 1, tzinfo=UTC))
    real.passes(1)
    assert (frozen.now(), frozen.frozen) == (datetime(2026, 1, 1, tzinfo=UTC), True)
