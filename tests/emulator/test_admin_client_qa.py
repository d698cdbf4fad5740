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

from .support import NOW


@pytest.fixture
def qa_store() -> Store:
    return Store(FrozenClock(NOW))


@pytest.fixture
async def admin(qa_store: Store) -> AsyncIterator[EmulatorAdmin]:
    client = EmulatorAdmin(
        "http://emulator.test", transport=httpx.ASGITransport(app=create_app(qa_store))
    )
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
