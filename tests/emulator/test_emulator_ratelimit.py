"""Polar's confirm rate limit: 6 a minute, 20 an hour per client, then a 30-minute block.

All on the frozen clock, over ASGI (every request comes from 127.0.0.1 unless a
header says otherwise).
"""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from tui.emulator.model.clock import FrozenClock
from tui.emulator.rules.ratelimit import client_identity
from tui.emulator.store import Store

from .support import BASE, CONFIRM_EMAIL, LEGACY_BASE, confirm

BLOCK_SECONDS = 1800


def assert_limited(response: httpx.Response, retry_after: int) -> None:
    assert response.status_code == 429
    assert response.content == b""
    assert response.headers["Retry-After"] == str(retry_after)


@pytest.mark.fidelity("confirm-rate-limit")
async def test_seventh_confirm_in_a_minute_is_refused_and_blocks_the_client(
    client: httpx.AsyncClient, clock: FrozenClock, secrets: dict[str, str]
) -> None:
    secret = secrets["free"]
    statuses = []
    for _ in range(6):
        response = await confirm(client, secret, {"customer_email": CONFIRM_EMAIL})
        statuses.append(response.status_code)
        clock.advance(timedelta(seconds=5))
    assert statuses == [200, 403, 403, 403, 403, 403]  # counted whatever the answer

    seventh = await confirm(client, secret, {})
    assert_limited(seventh, BLOCK_SECONDS)
    assert seventh.headers["Polar-Version"] == "2026-04"

    # Blocked: every /v1 path, any session, whatever the method; versions are checked first.
    assert_limited(await client.get(f"{BASE}/{secrets['one-time']}"), BLOCK_SECONDS)
    assert_limited(await client.patch(f"{LEGACY_BASE}/{secret}", json={}), BLOCK_SECONDS)
    unknown_version = await client.get(f"{BASE}/{secret}", headers={"Polar-Version": "2020-01"})
    assert unknown_version.status_code == 404
    assert (await client.get("/emulator/scenarios")).status_code == 200

    clock.advance(timedelta(seconds=BLOCK_SECONDS - 1, milliseconds=400))
    assert_limited(await client.get(f"{BASE}/{secret}"), 1)  # 0.6 s left: Redis says 1
    clock.advance(timedelta(milliseconds=600))
    assert (await client.get(f"{BASE}/{secret}")).status_code == 200
    # The minute window ended long ago; the hour window still has 14 of 20.
    assert (await confirm(client, secrets["one-time"], {})).status_code == 422


@pytest.mark.fidelity("confirm-rate-limit")
async def test_twenty_first_confirm_in_an_hour_is_refused(
    client: httpx.AsyncClient, clock: FrozenClock, secrets: dict[str, str]
) -> None:
    secret = secrets["one-time"]
    for sent in range(20):
        assert (await confirm(client, secret, {})).status_code == 422
        if sent % 5 == 4:
            clock.advance(timedelta(minutes=1))  # a fresh minute window every 5 confirms
    assert_limited(await confirm(client, secret, {}), BLOCK_SECONDS)


async def test_windows_start_at_the_first_request(
    client: httpx.AsyncClient, clock: FrozenClock, secrets: dict[str, str]
) -> None:
    secret = secrets["one-time"]
    for _ in range(6):
        assert (await confirm(client, secret, {})).status_code == 422
    clock.advance(timedelta(seconds=59))
    assert_limited(await confirm(client, secret, {}), BLOCK_SECONDS)


async def test_a_new_minute_window_lets_six_more_through(
    client: httpx.AsyncClient, clock: FrozenClock, secrets: dict[str, str]
) -> None:
    secret = secrets["one-time"]
    for _ in range(6):
        assert (await confirm(client, secret, {})).status_code == 422
    clock.advance(timedelta(seconds=60))
    for _ in range(6):
        assert (await confirm(client, secret, {})).status_code == 422


async def test_clients_are_counted_apart(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    secret = secrets["one-time"]
    clients = [
        {},
        {"Authorization": "Bearer polar_oat_a"},
        {"Authorization": "Bearer polar_oat_b"},
        {"True-Client-IP": "203.0.113.7"},
    ]
    for headers in clients:
        for _ in range(6):
            response = await client.post(f"{BASE}/{secret}/confirm", json={}, headers=headers)
            assert response.status_code == 422
    for headers in clients:
        response = await client.post(f"{BASE}/{secret}/confirm", json={}, headers=headers)
        assert_limited(response, BLOCK_SECONDS)


@pytest.mark.fidelity("confirm-rate-limit")
async def test_reads_and_updates_are_not_counted(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    secret = secrets["one-time"]
    for _ in range(30):
        assert (await client.get(f"{BASE}/{secret}")).status_code == 200
        assert (await client.patch(f"{BASE}/{secret}", json={})).status_code == 200
    assert (await confirm(client, secret, {})).status_code == 422


async def test_reset_forgets_counters_and_blocks(
    client: httpx.AsyncClient, store: Store, secrets: dict[str, str]
) -> None:
    secret = secrets["one-time"]
    for _ in range(7):
        await confirm(client, secret, {})
    assert_limited(await client.get(f"{BASE}/{secret}"), BLOCK_SECONDS)
    store.reset()
    assert (await client.get(f"{BASE}/{secret}")).status_code == 200
    assert (await confirm(client, secret, {})).status_code == 422


@pytest.mark.fidelity("confirm-rate-limit")
def test_client_identity_follows_polar() -> None:
    token = client_identity("Bearer abc", "198.51.100.1", "127.0.0.1")
    assert token.startswith("token:")
    assert len(token) == len("token:") + 32
    assert token == client_identity("bearer abc", None, None)
    assert client_identity("Basic abc", "198.51.100.1", "127.0.0.1") == "198.51.100.1"
    assert client_identity("Bearer ", None, "127.0.0.1") == "127.0.0.1"
    assert client_identity(None, None, None) == "anonymous"
