"""Fault injection: Polar's bodies per status, counts, globs, delays and dropped answers."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tui.emulator.http.faults import Fault, FaultRegistry, Strike
from tui.emulator.http.server import create_app
from tui.emulator.model.clock import FrozenClock
from tui.emulator.rules.errors import (
    PolarFailure,
    checkout_locked,
    expired,
    not_found,
    not_permitted,
    payment_declined,
)
from tui.emulator.run.background import RunningEmulator
from tui.emulator.store import Store

from .support import BASE, LEGACY_BASE, NOW

LOCKED = {
    "error": "CheckoutLocked",
    "detail": "Checkout is currently being processed. Please try again.",
}


@pytest.fixture
def fault_store() -> Store:
    return Store(FrozenClock(NOW))


@pytest.fixture
def secret(fault_store: Store) -> str:
    return fault_store.scenarios()[0].client_secret


@pytest.fixture
async def http(fault_store: Store) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(fault_store))
    async with httpx.AsyncClient(transport=transport, base_url="http://emulator") as client:
        yield client


async def add_fault(http: httpx.AsyncClient, **fault: Any) -> dict[str, Any]:
    response = await http.post("/emulator/faults", json=fault)
    assert response.status_code == 201, response.text
    stored: dict[str, Any] = response.json()
    return stored


async def test_a_fault_answers_instead_of_the_route_then_lets_requests_through(
    http: httpx.AsyncClient, fault_store: Store, secret: str
) -> None:
    await add_fault(http, path=f"{BASE}/{secret}", status=409)
    response = await http.patch(
        f"{BASE}/{secret}", json={"customer_name": "Ada"}, headers={"Polar-Version": "2026-10"}
    )
    assert response.status_code == 409
    assert response.json() == LOCKED
    assert response.headers["Polar-Version"] == "2026-10"
    assert fault_store.get_json(secret)["customer_name"] is None
    response = await http.patch(f"{BASE}/{secret}", json={"customer_name": "Ada"})
    assert response.status_code == 200
    assert fault_store.get_json(secret)["customer_name"] == "Ada"


@pytest.mark.fidelity("error-bodies")
@pytest.mark.parametrize(
    ("status", "body"),
    [
        (403, {"error": "NotPermitted", "detail": "Not permitted"}),
        (404, {"error": "ResourceNotFound", "detail": "Not found"}),
        (410, {"error": "ExpiredCheckoutError", "detail": "This checkout session has expired."}),
        (
            422,
            {
                "error": "PolarRequestValidationError",
                "detail": [
                    {
                        "type": "value_error",
                        "loc": ["body"],
                        "msg": "Value error, injected by the emulator",
                        "input": None,
                    }
                ],
            },
        ),
    ],
)
async def test_polar_bodies_per_status(
    http: httpx.AsyncClient, secret: str, status: int, body: dict[str, Any]
) -> None:
    await add_fault(http, path=f"{BASE}/*", status=status)
    response = await http.patch(f"{BASE}/{secret}", json={})
    assert response.status_code == status
    assert response.json() == body


@pytest.mark.fidelity("confirm-payment")
async def test_payment_error_on_confirm(http: httpx.AsyncClient, secret: str) -> None:
    await add_fault(http, path="*/confirm", method="post", status=400)
    response = await http.post(f"{BASE}/{secret}/confirm", json={})
    assert response.status_code == 400
    assert response.json() == {
        "error": "PaymentError",
        "detail": "The payment failed: Your card was declined. "
        "Please try again with a different payment method.",
    }


async def test_rate_limit_has_an_empty_body_and_retry_after(
    http: httpx.AsyncClient, secret: str
) -> None:
    await add_fault(http, path=f"{BASE}/{secret}", status=429)
    response = await http.get(f"{BASE}/{secret}")
    assert response.status_code == 429
    assert response.content == b""
    assert response.headers["Retry-After"] == "1"


@pytest.mark.parametrize(
    ("status", "text"), [(500, "Internal Server Error"), (503, "Service Unavailable")]
)
async def test_server_errors_are_plain_text(
    http: httpx.AsyncClient, secret: str, status: int, text: str
) -> None:
    await add_fault(http, path=f"{BASE}/{secret}", status=status)
    response = await http.get(f"{BASE}/{secret}")
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text == text


async def test_count_glob_and_method_decide_which_requests_fail(
    http: httpx.AsyncClient, secret: str
) -> None:
    stored = await add_fault(http, path=f"{BASE}/polar_c_*", method="patch", status=500, count=2)
    assert stored == {
        "path": f"{BASE}/polar_c_*",
        "count": 2,
        "method": "PATCH",
        "status": 500,
        "delay_ms": 0,
        "drop": False,
        "operation": None,
        "sequence": None,
        "probability": None,
        "seed": 0,
        "error": None,
    }
    assert (await http.get(f"{BASE}/{secret}")).status_code == 200  # another method
    assert (await http.patch(f"{LEGACY_BASE}/{secret}", json={})).status_code == 200  # no match
    assert (await http.patch(f"{BASE}/{secret}", json={})).status_code == 500
    assert [f["count"] for f in (await http.get("/emulator/faults")).json()] == [1]
    assert (await http.patch(f"{BASE}/{secret}", json={})).status_code == 500
    assert (await http.get("/emulator/faults")).json() == []
    assert (await http.patch(f"{BASE}/{secret}", json={})).status_code == 200


async def test_faults_never_touch_the_admin_api_or_an_unknown_version(
    http: httpx.AsyncClient, secret: str
) -> None:
    await add_fault(http, path="*", status=500)
    assert (await http.get("/emulator/faults")).status_code == 200
    response = await http.get(f"{BASE}/{secret}", headers={"Polar-Version": "2099-01"})
    assert (response.status_code, response.json()) == (404, {"detail": "Not Found"})
    assert [f["status"] for f in (await http.get("/emulator/faults")).json()] == [500]
    assert (await http.get(f"{BASE}/{secret}")).status_code == 500


async def test_delete_and_reset_clear_pending_faults(
    http: httpx.AsyncClient, fault_store: Store, secret: str
) -> None:
    await add_fault(http, path="*", status=500)
    assert (await http.delete("/emulator/faults")).status_code == 204
    assert (await http.get(f"{BASE}/{secret}")).status_code == 200
    await add_fault(http, path="*", status=500)
    fault_store.edit(secret, customer_name="Changed")
    assert (await http.post("/emulator/reset")).status_code == 204
    assert (await http.get("/emulator/faults")).json() == []
    assert (await http.get(f"{BASE}/{secret}")).json()["customer_name"] is None


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"path": "/v1/*"}, "a fault needs a status, a sequence, a delay_ms or drop"),
        ({"path": "/v1/*", "status": 418}, "status must be one Polar answers"),
        ({"path": "/v1/*", "status": 200}, "status must be one Polar answers"),
        ({"path": "/v1/*", "delay_ms": 60_001}, "a delay is 0 to 60000 ms"),
        ({"path": "/v1/*", "status": 500, "count": 0}, "greater than or equal to 1"),
        ({"path": "/emulator/reset", "status": 500}, "faults never apply to /emulator/*"),
        ({"path": "/v1/*", "delay": 100}, "Extra inputs are not permitted"),
        ({"status": 500}, "a fault needs a path, an operation or both"),
    ],
)
async def test_bad_fault_bodies_are_refused(
    http: httpx.AsyncClient, body: dict[str, Any], message: str
) -> None:
    response = await http.post("/emulator/faults", json=body)
    assert response.status_code == 422
    assert message in response.json()["detail"][0]["msg"]
    assert (await http.get("/emulator/faults")).json() == []


BROKEN_ANSWER = (httpx.RemoteProtocolError, httpx.ReadError)
"""A dropped answer: httpx reports the cut as a protocol error, or as a reset when the
server's close races the client's read."""


def test_registry_spends_the_first_matching_fault_in_order() -> None:
    registry = FaultRegistry()
    registry.add(Fault("/v1/a", status=500))
    registry.add(Fault("/v1/*", status=409, count=2))
    registry.add(Fault("/v1/a", status=404))
    assert registry.take("GET", "/v1/b") == Strike(None, 409, 0, False)
    assert registry.pending()[1] == Fault("/v1/*", status=409, count=1)
    assert registry.take("GET", "/v1/a") == Strike(None, 500, 0, False)
    assert registry.take("GET", "/v1/a") == Strike(None, 409, 0, False)
    assert registry.pending() == [Fault("/v1/a", status=404)]
    assert registry.take("GET", "/v2/a") is None
    with pytest.raises(ValueError, match="status must be one Polar answers"):
        Fault("/v1/*", status=418)


@pytest.mark.parametrize("status", [200, 401, 418, 499])
async def test_the_admin_api_and_fault_refuse_a_status_alike(
    http: httpx.AsyncClient, status: int
) -> None:
    with pytest.raises(ValueError, match="status must be one Polar answers") as refused:
        Fault("/v1/*", status=status)
    response = await http.post("/emulator/faults", json={"path": "/v1/*", "status": status})
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == f"Value error, {refused.value}"
    assert str(refused.value) == (
        f"status must be one Polar answers: 400, 403, 404, 409, 410, 422, 429 or 5xx, not {status}"
    )


@pytest.mark.parametrize(
    "failure", [payment_declined(), not_permitted(), not_found(), checkout_locked(), expired()]
)
async def test_a_fault_answers_with_the_body_polar_routes_answer(
    http: httpx.AsyncClient, secret: str, failure: PolarFailure
) -> None:
    await add_fault(http, path=f"{BASE}/{secret}/confirm", status=failure.status)
    response = await http.post(f"{BASE}/{secret}/confirm", json={})
    assert (response.status_code, response.json()) == (failure.status, failure.as_json())


# -- over a real socket ---------------------------------------------------------------


def test_a_delay_waits_in_real_time_then_answers_normally_or_with_the_status() -> None:
    with (
        RunningEmulator(Store(FrozenClock(NOW))) as emulator,
        httpx.Client(base_url=emulator.base_url, timeout=5) as client,
    ):
        secret = emulator.store.scenarios()[0].client_secret
        client.post("/emulator/faults", json={"path": f"{BASE}/*", "delay_ms": 200})
        client.post("/emulator/faults", json={"path": f"{BASE}/*", "delay_ms": 200, "status": 500})
        started = time.monotonic()
        assert client.get(f"{BASE}/{secret}").status_code == 200
        assert client.get(f"{BASE}/{secret}").status_code == 500
        assert time.monotonic() - started >= 0.4
        started = time.monotonic()
        assert client.get(f"{BASE}/{secret}").status_code == 200
        assert time.monotonic() - started < 0.2


def test_a_dropped_answer_breaks_the_response_but_the_update_is_applied() -> None:
    with (
        RunningEmulator(Store(FrozenClock(NOW))) as emulator,
        httpx.Client(base_url=emulator.base_url, timeout=5) as client,
    ):
        secret = emulator.store.scenarios()[0].client_secret
        client.post("/emulator/faults", json={"path": f"{BASE}/{secret}", "drop": True})
        with pytest.raises(BROKEN_ANSWER):
            client.patch(f"{BASE}/{secret}", json={"customer_name": "Grace Hopper"})
        assert emulator.store.get_json(secret)["customer_name"] == "Grace Hopper"
        assert client.get(f"{BASE}/{secret}").json()["customer_name"] == "Grace Hopper"


def test_a_dropped_error_breaks_the_response_and_changes_nothing() -> None:
    with (
        RunningEmulator(Store(FrozenClock(NOW))) as emulator,
        httpx.Client(base_url=emulator.base_url, timeout=5) as client,
    ):
        secret = emulator.store.scenarios()[0].client_secret
        for status in (409, 429):
            client.post(
                "/emulator/faults", json={"path": f"{BASE}/*", "status": status, "drop": True}
            )
            with pytest.raises(BROKEN_ANSWER):
                client.patch(f"{BASE}/{secret}", json={"customer_name": "Grace Hopper"})
        assert emulator.store.get_json(secret)["customer_name"] is None
        assert client.get("/emulator/faults").json() == []


def test_a_dropped_event_stream_breaks_at_once() -> None:
    with (
        RunningEmulator(Store(FrozenClock(NOW))) as emulator,
        httpx.Client(base_url=emulator.base_url, timeout=2) as client,
    ):
        secret = emulator.store.scenarios()[0].client_secret
        client.post("/emulator/faults", json={"path": "*/stream", "drop": True})
        with client.stream("GET", f"{BASE}/{secret}/stream") as stream:
            assert stream.headers["content-type"].startswith("text/event-stream")
            with pytest.raises(BROKEN_ANSWER):
                stream.read()
