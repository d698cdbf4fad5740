"""Fault plans by operation: each route's own error bodies, sequences, seeded shares, delays."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tui.emulator.http.faults import Fault, FaultRegistry
from tui.emulator.http.server import create_app
from tui.emulator.model.clock import FrozenClock
from tui.emulator.store import Store

from .support import BASE, LEGACY_BASE, NOW

PAYMENT_ERROR = {
    "error": "PaymentError",
    "detail": "The payment failed: Your card was declined. "
    "Please try again with a different payment method.",
}
LOCKED = {
    "error": "CheckoutLocked",
    "detail": "Checkout is currently being processed. Please try again.",
}
EXPIRED = {"error": "ExpiredCheckoutError", "detail": "This checkout session has expired."}


@pytest.fixture
def plan_store() -> Store:
    return Store(FrozenClock(NOW))


@pytest.fixture
def secret(plan_store: Store) -> str:
    return plan_store.scenarios()[0].client_secret


async def _client(store: Store) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=create_app(store))
    return httpx.AsyncClient(transport=transport, base_url="http://emulator")


@pytest.fixture
async def http(plan_store: Store) -> AsyncIterator[httpx.AsyncClient]:
    async with await _client(plan_store) as client:
        yield client


async def add_fault(http: httpx.AsyncClient, **fault: Any) -> dict[str, Any]:
    response = await http.post("/emulator/faults", json=fault)
    assert response.status_code == 201, response.text
    stored: dict[str, Any] = response.json()
    return stored


async def call(http: httpx.AsyncClient, operation: str, secret: str) -> httpx.Response:
    if operation == "update":
        return await http.patch(f"{BASE}/{secret}", json={"customer_name": "Ada"})
    if operation == "confirm":
        return await http.post(f"{BASE}/{secret}/confirm", json={})
    suffix = "/stream" if operation == "stream" else ""
    return await http.get(f"{BASE}/{secret}{suffix}")


@pytest.mark.parametrize(
    ("operation", "status", "body"),
    [
        ("update", 400, {"detail": "There was an error parsing the body"}),
        ("confirm", 400, PAYMENT_ERROR),
        ("update", 409, LOCKED),
        ("confirm", 409, LOCKED),
        ("stream", 410, EXPIRED),
        ("get", 403, {"error": "NotPermitted", "detail": "Not permitted"}),
        ("stream", 404, {"error": "ResourceNotFound", "detail": "Not found"}),
    ],
)
async def test_each_route_answers_an_injected_status_with_its_own_body(
    http: httpx.AsyncClient, secret: str, operation: str, status: int, body: dict[str, Any]
) -> None:
    await add_fault(http, operation=operation, status=status)
    response = await call(http, operation, secret)
    assert (response.status_code, response.json()) == (status, body)


@pytest.mark.contract_exempt("statuses Polar's code never answers on these routes")
@pytest.mark.parametrize(
    ("operation", "status", "body"),
    [
        ("get", 400, {"detail": "Bad Request"}),
        ("get", 409, {"detail": "Conflict"}),
        ("stream", 409, {"detail": "Conflict"}),
        ("get", 422, {"detail": "Unprocessable Entity"}),
    ],
)
async def test_a_status_a_route_never_answers_gets_fastapi_s_plain_body(
    http: httpx.AsyncClient, secret: str, operation: str, status: int, body: dict[str, Any]
) -> None:
    await add_fault(http, operation=operation, status=status)
    response = await call(http, operation, secret)
    assert (response.status_code, response.json()) == (status, body)


@pytest.mark.parametrize(
    ("operation", "error", "detail"),
    [
        ("update", "AlreadyActiveSubscriptionError", "You already have an active subscription."),
        (
            "confirm",
            "DiscountRedemptionLimitReached",
            "You have already redeemed this discount the maximum number of times allowed "
            "per customer.",
        ),
        ("confirm", "PaymentNotReady", "Organization is not ready to accept payments"),
    ],
)
async def test_a_fault_may_name_which_of_polar_s_403s_it_answers(
    http: httpx.AsyncClient, secret: str, operation: str, error: str, detail: str
) -> None:
    stored = await add_fault(http, operation=operation, error=error)
    assert (stored["status"], stored["error"]) == (403, error)
    response = await call(http, operation, secret)
    assert (response.status_code, response.json()) == (403, {"error": error, "detail": detail})


async def test_a_400_on_the_older_prefix_is_the_update_s_too(
    http: httpx.AsyncClient, secret: str
) -> None:
    await add_fault(http, path="*", status=400)
    response = await http.patch(f"{LEGACY_BASE}/{secret}", json={})
    assert response.json() == {"detail": "There was an error parsing the body"}


async def test_an_operation_picks_its_route_alone(
    http: httpx.AsyncClient, plan_store: Store, secret: str
) -> None:
    await add_fault(http, operation="update", status=500, count=2)
    assert (await call(http, "get", secret)).status_code == 200
    assert (await call(http, "confirm", secret)).status_code != 500
    assert (await call(http, "update", secret)).status_code == 500
    assert (await http.patch(f"{LEGACY_BASE}/{secret}", json={})).status_code == 500
    assert (await call(http, "update", secret)).status_code == 200
    assert plan_store.get_json(secret)["customer_name"] == "Ada"


async def test_an_operation_and_a_path_must_both_match(
    http: httpx.AsyncClient, plan_store: Store, secret: str
) -> None:
    other = plan_store.scenarios()[1].client_secret
    await add_fault(http, operation="get", path=f"*/{other}", status=503)
    assert (await call(http, "get", secret)).status_code == 200
    assert (await call(http, "get", other)).status_code == 503


async def test_a_sequence_answers_in_turn_then_is_spent(
    http: httpx.AsyncClient, plan_store: Store, secret: str
) -> None:
    stored = await add_fault(http, operation="update", sequence=[503, 503, 200])
    assert (stored["count"], stored["sequence"]) == (None, [503, 503, 200])
    assert (await call(http, "update", secret)).text == "Service Unavailable"
    pending = (await http.get("/emulator/faults")).json()
    assert [(f["count"], f["sequence"]) for f in pending] == [(2, [503, 200])]
    assert (await call(http, "update", secret)).status_code == 503
    assert plan_store.get_json(secret)["customer_name"] is None
    assert (await call(http, "update", secret)).status_code == 200
    assert plan_store.get_json(secret)["customer_name"] == "Ada"
    assert (await http.get("/emulator/faults")).json() == []


async def failing_turns(store: Store, secret: str, **fault: Any) -> list[int]:
    """Which of 20 reads a fault spoils, on a fresh emulator."""
    async with await _client(store) as client:
        await add_fault(client, **fault)
        statuses = [(await call(client, "get", secret)).status_code for _ in range(20)]
    return [turn for turn, status in enumerate(statuses) if status == 500]


async def test_a_share_fails_the_same_requests_on_every_run(plan_store: Store, secret: str) -> None:
    plan = {"operation": "get", "status": 500, "probability": 0.2, "seed": 7}
    first = await failing_turns(plan_store, secret, **plan)
    assert 1 <= len(first) <= 9  # about a fifth of 20
    assert await failing_turns(Store(FrozenClock(NOW)), secret, **plan) == first
    assert await failing_turns(Store(FrozenClock(NOW)), secret, **{**plan, "seed": 8}) != first


def test_a_share_with_a_count_is_spent_after_that_many_failures() -> None:
    registry = FaultRegistry()
    registry.add(Fault("/v1/*", count=2, status=500, probability=0.5, seed=1))
    strikes = [registry.take("GET", "/v1/x") for _ in range(20)]
    assert sum(strike is not None for strike in strikes) == 2
    assert registry.pending() == []


def test_a_delay_range_draws_reproducibly_within_it() -> None:
    def delays(seed: int) -> list[int]:
        registry = FaultRegistry()
        registry.add(Fault("/v1/*", count=None, delay_ms=(100, 300), seed=seed))
        strikes = [registry.take("GET", "/v1/x") for _ in range(20)]
        return [strike.delay_ms for strike in strikes if strike is not None]

    drawn = delays(3)
    assert len(drawn) == 20
    assert all(100 <= delay <= 300 for delay in drawn)
    assert len(set(drawn)) > 5
    assert delays(3) == drawn
    assert delays(4) != drawn


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"operation": "delete", "status": 500}, "Input should be 'get', 'update'"),
        ({"operation": "get", "sequence": [500], "status": 500}, "replaces status and count"),
        ({"operation": "get", "sequence": [500], "count": 2}, "replaces status and count"),
        ({"operation": "get", "sequence": []}, "at least 1 item"),
        ({"operation": "get", "sequence": [500, 418]}, "status must be one Polar answers"),
        (
            {"operation": "get", "sequence": [500], "probability": 0.5},
            "a sequence or a probability",
        ),
        ({"operation": "get", "status": 500, "probability": 0}, "greater than 0"),
        ({"operation": "get", "status": 500, "probability": 1.5}, "less than or equal to 1"),
        ({"operation": "get", "delay_ms": [300, 100]}, "a delay is 0 to 60000 ms"),
        ({"operation": "get", "error": "Teapot"}, "error must be one of Polar's: NotPermitted"),
        (
            {"operation": "get", "error": "AlreadyActiveSubscriptionError"},
            "Polar sends AlreadyActiveSubscriptionError on confirm and update only",
        ),
        (
            {"operation": "update", "error": "PaymentNotReady", "status": 409},
            "PaymentNotReady is Polar's 403: give it no other status or sequence",
        ),
    ],
)
async def test_bad_plans_are_refused(
    http: httpx.AsyncClient, body: dict[str, Any], message: str
) -> None:
    response = await http.post("/emulator/faults", json=body)
    assert response.status_code == 422
    assert message in response.json()["detail"][0]["msg"]
    assert (await http.get("/emulator/faults")).json() == []
