"""The admin client's QA calls against the emulator itself: the clock, the journal."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
import pytest

from tui.admin_client import ClockState, EmulatorAdmin
from tui.emulator.http.server import create_app
from tui.emulator.model.clock import FrozenClock
from tui.emulator.store import Store

from .support import BASE, NOW


@pytest.fixture
def qa_store() -> Store:
    return Store(FrozenClock(NOW))


@pytest.fixture
def transport(qa_store: Store) -> httpx.ASGITransport:
    return httpx.ASGITransport(app=create_app(qa_store))


@pytest.fixture
async def admin(transport: httpx.ASGITransport) -> AsyncIterator[EmulatorAdmin]:
    client = EmulatorAdmin("http://emulator.test", transport=transport)
    yield client
    await client.aclose()


async def test_the_clock_is_read_frozen_and_restarted(admin: EmulatorAdmin) -> None:
    assert await admin.clock() == ClockState(now=NOW, frozen=True)
    running = await admin.freeze_clock(False)
    assert running.frozen is False
    assert NOW <= running.now < NOW + timedelta(seconds=5)
    assert (await admin.clock()).frozen is False
    await admin.advance_clock(60)
    stopped = await admin.freeze_clock()
    assert stopped.frozen is True
    assert stopped.now >= NOW + timedelta(seconds=60)


async def test_the_journal_is_read_whole_or_for_one_session(
    admin: EmulatorAdmin, qa_store: Store, transport: httpx.ASGITransport
) -> None:
    first, second = (entry.client_secret for entry in qa_store.scenarios()[:2])
    async with httpx.AsyncClient(transport=transport, base_url="http://emulator.test") as polar:
        for secret in (first, second):
            await polar.get(f"{BASE}/{secret}")
    whole = await admin.requests()
    assert [(entry.method, entry.path, entry.status) for entry in whole] == [
        ("GET", f"{BASE}/{second}", 200),
        ("GET", f"{BASE}/{first}", 200),
    ]
    assert whole[0].at == NOW
    assert [entry.path for entry in await admin.requests(first)] == [f"{BASE}/{first}"]
    assert len(await admin.requests(limit=1)) == 1
