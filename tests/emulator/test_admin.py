"""The QA admin API under /emulator/: sessions, payments, expiry, locks, blocks, reset."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import httpx
import pytest

from tui.emulator.http.server import create_app
from tui.emulator.model.clock import FrozenClock
from tui.emulator.store import Store

from .support import BASE, NOW

NOT_FOUND = {"error": "ResourceNotFound", "detail": "Not found"}
UNKNOWN = "polar_c_" + "x" * 43


@pytest.fixture
def admin_clock() -> FrozenClock:
    return FrozenClock(NOW)


@pytest.fixture
def admin_store(admin_clock: FrozenClock) -> Store:
    return Store(admin_clock)


@pytest.fixture
def one_time(admin_store: Store) -> str:
    return next(e.client_secret for e in admin_store.list_sessions() if e.scenario == "one-time")


@pytest.fixture
async def http(admin_store: Store) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(admin_store))
    async with httpx.AsyncClient(transport=transport, base_url="http://emulator") as client:
        yield client


async def post_ok(http: httpx.AsyncClient, path: str, body: Any = None) -> dict[str, Any]:
    response = await http.post(path, json=body)
    assert response.status_code == 200, response.text
    entry: dict[str, Any] = response.json()
    return entry


async def test_lists_every_session(http: httpx.AsyncClient, admin_store: Store) -> None:
    listed = (await http.get("/emulator/sessions")).json()
    assert [e["scenario"] for e in listed] == [s.name for s in admin_store.scenarios()]
    assert [e["client_secret"] for e in listed] == [
        s.client_secret for s in admin_store.scenarios()
    ]
    by_name = {entry["scenario"]: entry for entry in listed}
    assert by_name["one-time"]["status"] == "open"
    assert by_name["one-time"]["expires_at"] == "2026-05-01T13:00:00Z"
    assert by_name["expired"]["status"] == "expired"
    assert by_name["succeeded"]["status"] == "succeeded"
    assert set(by_name["free"]) == {
        "scenario",
        "client_secret",
        "status",
        "expires_at",
        "product_name",
        "price_text",
    }
    assert by_name["seats"]["product_name"] == "Relay Team Workspace"
    assert by_name["seats"]["price_text"] == "$15.00 per seat / month"
    assert by_name["pay-what-you-want"]["price_text"] == "Pay what you want (min $5.00)"


async def test_creates_a_fresh_session_of_a_scenario(
    http: httpx.AsyncClient, one_time: str
) -> None:
    await http.patch(f"{BASE}/{one_time}", json={"customer_name": "Seeded"})
    response = await http.post("/emulator/sessions", json={"scenario": "one-time"})
    assert response.status_code == 201
    created = response.json()
    assert created["scenario"] == "one-time"
    assert created["status"] == "open"
    assert created["client_secret"] != one_time
    assert created["client_secret"].startswith("polar_c_")
    session = (await http.get(f"{BASE}/{created['client_secret']}")).json()
    assert session["customer_name"] is None
    assert session["product"]["name"] == "Fieldnotes Pro"
    listed = (await http.get("/emulator/sessions")).json()
    assert listed[-1] == created
    assert (created["product_name"], created["price_text"]) == ("Fieldnotes Pro", "$49.00 one-time")


async def test_an_unknown_scenario_is_refused_with_the_known_names(
    http: httpx.AsyncClient,
) -> None:
    response = await http.post("/emulator/sessions", json={"scenario": "pro-yearly"})
    assert response.status_code == 422
    (item,) = response.json()["detail"]
    assert item["loc"] == ["body", "scenario"]
    assert item["msg"].startswith('Unknown scenario "pro-yearly"; known scenarios: one-time, ')
    for body in ({}, {"scenario": "one-time", "extra": 1}, {"scenario": 5}):
        assert (await http.post("/emulator/sessions", json=body)).status_code == 422


@pytest.mark.fidelity("payment-failed-reopens")
async def test_pay_confirms_then_succeeds(
    http: httpx.AsyncClient, admin_clock: FrozenClock, one_time: str
) -> None:
    assert (await post_ok(http, f"/emulator/sessions/{one_time}/pay"))["status"] == "confirmed"
    assert (await http.get(f"{BASE}/{one_time}")).json()["status"] == "confirmed"
    admin_clock.advance(timedelta(seconds=5))
    assert (await http.get(f"{BASE}/{one_time}")).json()["status"] == "succeeded"
    response = await http.post(f"/emulator/sessions/{one_time}/pay")
    assert response.status_code == 409
    assert response.json()["detail"].endswith("is not open: succeeded")


@pytest.mark.fidelity("payment-failed-reopens")
async def test_decline_puts_a_confirmed_session_back_to_open(
    http: httpx.AsyncClient, admin_clock: FrozenClock, one_time: str
) -> None:
    await post_ok(http, f"/emulator/sessions/{one_time}/pay")
    assert (await post_ok(http, f"/emulator/sessions/{one_time}/decline"))["status"] == "open"
    admin_clock.advance(timedelta(seconds=5))  # the payment that was running never succeeds
    assert (await http.get(f"{BASE}/{one_time}")).json()["status"] == "open"


async def test_decline_of_an_open_session_leaves_it_open_to_try_again(
    http: httpx.AsyncClient, one_time: str
) -> None:
    assert (await post_ok(http, f"/emulator/sessions/{one_time}/decline"))["status"] == "open"
    response = await http.patch(f"{BASE}/{one_time}", json={"customer_name": "Ada"})
    assert response.status_code == 200


async def test_decline_refuses_a_session_that_is_not_open(
    http: httpx.AsyncClient, admin_clock: FrozenClock, one_time: str
) -> None:
    await post_ok(http, f"/emulator/sessions/{one_time}/pay")
    admin_clock.advance(timedelta(seconds=5))
    response = await http.post(f"/emulator/sessions/{one_time}/decline")
    assert response.status_code == 409
    assert response.json()["detail"].endswith("is not open: succeeded")


async def test_expire_makes_polar_answer_410(http: httpx.AsyncClient, one_time: str) -> None:
    entry = await post_ok(http, f"/emulator/sessions/{one_time}/expire")
    assert entry["status"] == "expired"
    assert entry["expires_at"] == "2026-05-01T11:59:59Z"
    assert (await http.get(f"{BASE}/{one_time}")).status_code == 410


@pytest.mark.parametrize(("body", "held_for"), [(None, 5), ({}, 5), ({"seconds": 30}, 30)])
async def test_lock_answers_409_to_writes_until_it_ends(
    http: httpx.AsyncClient,
    admin_clock: FrozenClock,
    one_time: str,
    body: dict[str, Any] | None,
    held_for: int,
) -> None:
    await post_ok(http, f"/emulator/sessions/{one_time}/lock", body)
    assert (await http.get(f"{BASE}/{one_time}")).status_code == 200
    admin_clock.advance(timedelta(seconds=held_for - 1))
    response = await http.patch(f"{BASE}/{one_time}", json={"customer_name": "Ada"})
    assert (response.status_code, response.json()["error"]) == (409, "CheckoutLocked")
    admin_clock.advance(timedelta(seconds=2))
    assert (await http.patch(f"{BASE}/{one_time}", json={})).status_code == 200


@pytest.mark.parametrize("seconds", [0, -1, 3601, "soon"])
async def test_bad_lock_bodies(http: httpx.AsyncClient, one_time: str, seconds: object) -> None:
    response = await http.post(f"/emulator/sessions/{one_time}/lock", json={"seconds": seconds})
    assert response.status_code == 422
    assert (await http.patch(f"{BASE}/{one_time}", json={})).status_code == 200


async def test_block_and_unblock_the_organization(http: httpx.AsyncClient, one_time: str) -> None:
    await post_ok(http, f"/emulator/sessions/{one_time}/block")
    response = await http.get(f"{BASE}/{one_time}")
    assert (response.status_code, response.json()) == (
        403,
        {"error": "NotPermitted", "detail": "Not permitted"},
    )
    await post_ok(http, f"/emulator/sessions/{one_time}/block", {"blocked": False})
    assert (await http.get(f"{BASE}/{one_time}")).status_code == 200


async def test_the_clock_moves_forward_and_sessions_expire_by_it(
    http: httpx.AsyncClient, admin_store: Store, one_time: str
) -> None:
    events = admin_store.subscribe(one_time)
    response = await http.post("/emulator/clock", json={"advance": "PT3600.000S"})
    assert response.status_code == 200
    assert response.json() == {"now": "2026-05-01T13:00:00Z", "frozen": True}
    assert (await http.get(f"{BASE}/{one_time}")).status_code == 200  # 13:00 is not past it
    assert (await http.post("/emulator/clock", json={"advance": 1})).status_code == 200
    assert (await http.get(f"{BASE}/{one_time}")).status_code == 410
    assert admin_store.session(one_time).status == "expired"
    assert [(p.event.key, dict(p.event.payload)) for p in events.drain()] == [
        ("checkout.updated", {"status": "expired"})
    ]


@pytest.mark.parametrize("advance", [0, -1, "PT-5S", "P400D", "soon", None])
async def test_the_clock_never_goes_back_nor_far(
    http: httpx.AsyncClient, admin_store: Store, advance: object
) -> None:
    before = admin_store.clock.now()
    response = await http.post("/emulator/clock", json={"advance": advance})
    assert response.status_code == 422
    assert admin_store.clock.now() == before


@pytest.mark.fidelity("not-found")
@pytest.mark.parametrize("action", ["pay", "decline", "expire", "lock", "block"])
async def test_unknown_secrets_answer_polar_404(http: httpx.AsyncClient, action: str) -> None:
    response = await http.post(f"/emulator/sessions/{UNKNOWN}/{action}")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


async def test_reset_reseeds_the_store(
    http: httpx.AsyncClient, admin_store: Store, one_time: str
) -> None:
    seeded = (await http.get("/emulator/sessions")).json()
    await http.post("/emulator/sessions", json={"scenario": "free"})
    await post_ok(http, f"/emulator/sessions/{one_time}/expire")
    assert (await http.post("/emulator/reset")).status_code == 204
    assert (await http.get("/emulator/sessions")).json() == seeded
    assert admin_store.session(one_time).status == "open"
