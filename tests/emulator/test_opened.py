"""`POST .../opened`, the checkout page's analytics ping (private in Polar's schema).

Polar (`server/polar/checkout/endpoints.py:281-304` at the mirror's HEAD c6c3645e):
a required `CheckoutOpened` body (`distinct_id`, optional), the session loaded as GET
loads it (no row lock: 404, 410, 403), then `CheckoutService.mark_opened`
(`server/polar/checkout/service.py:1640`): the first ping records `opened_at`, later
ones change nothing; the answer is 200 `CheckoutPublic`.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest
from polar.base import deserialize
from polar.v2026_04 import outputs as outputs_2026_04
from polar.v2026_10 import outputs as outputs_2026_10
from polar.v2027_01 import outputs as outputs_2027_01

from tui.emulator.model.clock import FrozenClock
from tui.emulator.store import Store

from .support import BASE, LEGACY_BASE, get_ok

FIELD_REQUIRED = {"type": "missing", "loc": ["body"], "msg": "Field required", "input": None}


@pytest.mark.fidelity("opened")
@pytest.mark.parametrize("prefix", [BASE, LEGACY_BASE])
async def test_the_first_ping_stamps_the_session_later_ones_change_nothing(
    client: httpx.AsyncClient, clock: FrozenClock, secrets: dict[str, str], prefix: str
) -> None:
    secret = secrets["one-time"]
    before = await get_ok(client, secret)
    assert before["modified_at"] is None
    response = await client.post(f"{prefix}/{secret}/opened", json={})
    assert response.status_code == 200
    assert response.json() == before  # the session as loaded
    stamped = await get_ok(client, secret)
    assert stamped["modified_at"] == "2026-05-01T12:00:00Z"
    clock.advance(timedelta(minutes=5))
    again = await client.post(f"{prefix}/{secret}/opened", json={"distinct_id": "ph_7"})
    assert (again.status_code, again.json()) == (200, stamped)
    assert await get_ok(client, secret) == stamped


@pytest.mark.fidelity("opened")
async def test_the_body_is_required(client: httpx.AsyncClient, secrets: dict[str, str]) -> None:
    response = await client.post(f"{BASE}/{secrets['one-time']}/opened")
    assert response.status_code == 422
    assert response.json() == {"error": "RequestValidationError", "detail": [FIELD_REQUIRED]}
    bad = await client.post(f"{BASE}/{secrets['one-time']}/opened", json={"distinct_id": 7})
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["body", "distinct_id"]


@pytest.mark.fidelity("opened")
async def test_refused_as_get_is_and_never_locked(
    client: httpx.AsyncClient, store: Store, secrets: dict[str, str]
) -> None:
    unknown = await client.post(f"{BASE}/polar_c_{'x' * 43}/opened", json={})
    assert unknown.json() == {"error": "ResourceNotFound", "detail": "Not found"}
    expired = await client.post(f"{BASE}/{secrets['expired']}/opened", json={})
    assert expired.status_code == 410
    store.lock(secrets["one-time"])
    locked = await client.post(f"{BASE}/{secrets['one-time']}/opened", json={})
    assert locked.status_code == 200
    store.block_organization(secrets["one-time"])
    blocked = await client.post(f"{BASE}/{secrets['one-time']}/opened", json={})
    assert (blocked.status_code, blocked.json()) == (
        403,
        {"error": "NotPermitted", "detail": "Not permitted"},
    )


@pytest.mark.fidelity("opened")
@pytest.mark.parametrize(
    ("version", "outputs"),
    [("2026-04", outputs_2026_04), ("2026-10", outputs_2026_10), ("2027-01", outputs_2027_01)],
)
async def test_the_official_sdk_reads_the_answer(
    client: httpx.AsyncClient, secrets: dict[str, str], version: str, outputs: Any
) -> None:
    """The SDK has no method for this private route; its `CheckoutPublic` reads the answer."""
    response = await client.post(
        f"{BASE}/{secrets['seats']}/opened", json={}, headers={"Polar-Version": version}
    )
    assert response.headers["Polar-Version"] == version
    parsed = deserialize(response.json(), outputs.CheckoutPublic)
    assert (parsed.client_secret, parsed.seats) == (secrets["seats"], 1)
