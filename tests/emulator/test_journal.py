"""The request journal: what the emulator served, newest first, per session, bounded."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tui.emulator.http.journal import MAX_BODY_BYTES, Journal
from tui.emulator.http.server import create_app
from tui.emulator.model.clock import FrozenClock
from tui.emulator.run.background import RunningEmulator
from tui.emulator.store import Store

from .support import BASE, NOW


@pytest.fixture
def journal_store() -> Store:
    return Store(FrozenClock(NOW))


@pytest.fixture
def secrets(journal_store: Store) -> list[str]:
    return [entry.client_secret for entry in journal_store.scenarios()]


@pytest.fixture
async def http(journal_store: Store) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(journal_store))
    async with httpx.AsyncClient(transport=transport, base_url="http://emulator") as client:
        yield client


async def journal(http: httpx.AsyncClient, query: str = "") -> list[dict[str, Any]]:
    response = await http.get(f"/emulator/requests{query}")
    assert response.status_code == 200, response.text
    entries: list[dict[str, Any]] = response.json()
    return entries


async def test_requests_are_listed_newest_first_with_their_bodies(
    http: httpx.AsyncClient, secrets: list[str]
) -> None:
    secret = secrets[0]
    patched = await http.patch(
        f"{BASE}/{secret}",
        content=b'{"customer_name": "Ada"}',
        headers={"content-type": "application/json"},
    )
    await http.get(f"{BASE}/{secret}?x=1", headers={"Polar-Version": "1999-01"})
    await http.post("/emulator/faults", json={"operation": "get", "status": 503})
    await http.get(f"{BASE}/{secret}")
    newest, refused, update = await journal(http)
    assert (newest["method"], newest["path"], newest["status"]) == (
        "GET",
        f"{BASE}/{secret}",
        503,
    )
    assert (newest["request_body"], newest["response_body"]) == (None, "Service Unavailable")
    assert (refused["path"], refused["status"]) == (f"{BASE}/{secret}?x=1", 404)
    assert refused["response_body"] == '{"detail":"Not Found"}'
    assert (update["method"], update["status"]) == ("PATCH", 200)
    assert update["request_body"] == '{"customer_name": "Ada"}'
    assert json.loads(update["response_body"]) == patched.json()
    assert update["at"] == "2026-05-01T12:00:00Z"
    assert update["cut_off"] is False
    assert update["request_body_truncated"] is update["response_body_truncated"] is False
    assert all(entry["duration_ms"] >= 0 for entry in (newest, refused, update))
    assert [entry["number"] for entry in (newest, refused, update)] == [3, 2, 1]


async def test_the_admin_api_is_never_journalled(http: httpx.AsyncClient) -> None:
    await http.get("/emulator/sessions")
    await http.post("/emulator/clock", json={"advance": 1})
    await http.get("/emulator/requests")
    assert await journal(http) == []


async def test_a_secret_the_emulator_never_handed_out_is_kept_masked(
    http: httpx.AsyncClient, secrets: list[str]
) -> None:
    """A real session's secret sent here by mistake is a credential: the journal masks it."""
    real = "polar_c_RealCustomerSecretThatIsNotDemoData0123456f3a9"
    await http.get(f"{BASE}/{real}")
    await http.get(f"{BASE}/{secrets[0]}")
    paths = [entry["path"] for entry in await journal(http)]
    assert paths == [f"{BASE}/{secrets[0]}", f"{BASE}/polar_c_…f3a9"]


async def test_one_session_s_requests_and_a_limit(
    http: httpx.AsyncClient, secrets: list[str]
) -> None:
    first, second = secrets[:2]
    for secret in (first, second, first):
        await http.get(f"{BASE}/{secret}")
    await http.get(f"/checkout/{second}")
    mine = await journal(http, f"?session={first}")
    assert [entry["path"] for entry in mine] == [f"{BASE}/{first}"] * 2
    theirs = await journal(http, f"?session={second}&limit=1")
    assert [entry["path"] for entry in theirs] == [f"/checkout/{second}"]
    assert [entry["number"] for entry in await journal(http, "?limit=2")] == [4, 3]
    assert (await http.get("/emulator/requests?limit=0")).status_code == 422


async def test_delete_and_reset_empty_the_journal(
    http: httpx.AsyncClient, secrets: list[str]
) -> None:
    await http.get(f"{BASE}/{secrets[0]}")
    assert (await http.delete("/emulator/requests")).status_code == 204
    assert await journal(http) == []
    await http.get(f"{BASE}/{secrets[0]}")
    assert (await http.post("/emulator/reset")).status_code == 204
    assert await journal(http) == []


async def test_a_big_body_is_kept_only_in_part(http: httpx.AsyncClient, secrets: list[str]) -> None:
    body = json.dumps({"customer_name": "A" * 40_000}).encode()
    await http.patch(f"{BASE}/{secrets[0]}", content=body)
    (entry,) = await journal(http)
    assert entry["request_body_truncated"] is True
    assert entry["request_body"].encode() == body[:MAX_BODY_BYTES]


def test_the_journal_keeps_only_the_newest_requests() -> None:
    kept = Journal(FrozenClock(NOW), capacity=3)
    for number in range(5):
        kept.open("GET", f"/v1/{number}")
    assert [entry.path for entry in kept.recent()] == ["/v1/4", "/v1/3", "/v1/2"]


def test_an_open_stream_shows_while_open_and_a_dropped_answer_shows_cut_off() -> None:
    with (
        RunningEmulator(Store(FrozenClock(NOW))) as emulator,
        httpx.Client(base_url=emulator.base_url, timeout=5) as client,
    ):
        secret = emulator.store.scenarios()[0].client_secret
        with client.stream("GET", f"{BASE}/{secret}/stream") as stream:
            assert stream.status_code == 200
            (open_stream,) = client.get("/emulator/requests").json()
            assert (open_stream["status"], open_stream["duration_ms"]) == (200, None)
        client.post("/emulator/faults", json={"operation": "update", "drop": True})
        with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
            client.patch(f"{BASE}/{secret}", json={"customer_name": "Grace"})
        dropped = client.get("/emulator/requests?limit=1").json()[0]
        assert (dropped["method"], dropped["status"], dropped["cut_off"]) == ("PATCH", 200, True)
