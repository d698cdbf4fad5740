"""Fixtures for the emulator suite: a frozen clock, a fresh store, an in-process HTTP client."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tui.emulator.clock import FrozenClock
from tui.emulator.server import create_app
from tui.emulator.store import Store

from .support import CONTRACT, NOW


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(NOW)


@pytest.fixture
def store(clock: FrozenClock) -> Store:
    return Store(clock)


@pytest.fixture
def secrets(store: Store) -> dict[str, str]:
    """Scenario name -> client secret."""
    return {entry.name: entry.client_secret for entry in store.scenarios()}


@pytest.fixture
async def client(store: Store) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(store))
    async with httpx.AsyncClient(transport=transport, base_url="http://emulator") as http:
        yield http


@pytest.fixture(scope="session")
def contract() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(CONTRACT.read_text(encoding="utf-8"))
    return loaded
