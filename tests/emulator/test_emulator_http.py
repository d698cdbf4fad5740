"""The HTTP surface: both path prefixes, Polar-Version, auth headers, expiry, the issue's flow."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from tui.emulator.http.server import create_app
from tui.emulator.model.clock import FrozenClock
from tui.emulator.store import Store

from .conftest import ContractGuard
from .support import BASE, GERMAN_ADDRESS, GERMAN_VAT_ID, LEGACY_BASE, get_ok, patch_ok


@pytest.mark.fidelity("read", "update", "legacy-path")
@pytest.mark.parametrize("prefix", [BASE, LEGACY_BASE])
async def test_both_prefixes_read_and_update(
    client: httpx.AsyncClient, store: Store, secrets: dict[str, str], prefix: str
) -> None:
    secret = secrets["one-time"]
    response = await client.get(f"{prefix}/{secret}")
    assert response.status_code == 200
    assert response.json() == store.get_json(secret)
    response = await client.patch(f"{prefix}/{secret}", json={"customer_name": "Ada"})
    assert response.status_code == 200
    assert store.get_json(secret)["customer_name"] == "Ada"


@pytest.mark.fidelity("not-found")
@pytest.mark.parametrize("prefix", [BASE, LEGACY_BASE])
async def test_unknown_secret(client: httpx.AsyncClient, prefix: str) -> None:
    response = await client.get(f"{prefix}/polar_c_doesnotexist")
    assert response.status_code == 404
    assert response.json() == {"error": "ResourceNotFound", "detail": "Not found"}


@pytest.mark.fidelity("versions")
@pytest.mark.parametrize(
    ("sent", "echoed"),
    [
        (None, "2026-04"),
        ("2026-04", "2026-04"),
        ("2026-10", "2026-10"),
        ("2027-01", "2027-01"),
        ("", "2026-04"),
    ],
)
async def test_polar_version_is_echoed(
    client: httpx.AsyncClient, secrets: dict[str, str], sent: str | None, echoed: str
) -> None:
    headers = {} if sent is None else {"Polar-Version": sent}
    response = await client.get(f"{BASE}/{secrets['one-time']}", headers=headers)
    assert response.status_code == 200
    assert response.headers["Polar-Version"] == echoed
    error = await client.get(f"{BASE}/polar_c_missing", headers=headers)
    assert (error.status_code, error.headers["Polar-Version"]) == (404, echoed)


@pytest.mark.fidelity("versions")
@pytest.mark.parametrize("version", ["2025-01", "2026-4", "latest", "2026-13"])
async def test_unknown_polar_version_is_not_found(
    client: httpx.AsyncClient, secrets: dict[str, str], version: str
) -> None:
    for method in ("GET", "PATCH"):
        response = await client.request(
            method,
            f"{BASE}/{secrets['one-time']}",
            headers={"Polar-Version": version},
            json={"customer_name": "Ada"} if method == "PATCH" else None,
        )
        assert response.status_code == 404
        assert response.json() == {"detail": "Not Found"}
        assert "Polar-Version" not in response.headers


@pytest.mark.fidelity("versions-retired")
async def test_a_retired_version_is_not_found(
    store: Store, secrets: dict[str, str], contract_guard: ContractGuard
) -> None:
    """`--versions 2026-10,2027-01`: 2026-04 answers as an unknown version would, and a request
    without the header gets the oldest version still served."""
    app = create_app(store, versions=frozenset({"2026-10", "2027-01"}))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://emulator"
    ) as http:
        path = f"{BASE}/{secrets['one-time']}"
        with contract_guard.exempt():  # the contract serves 2026-04: this app retired it
            retired = await http.get(path, headers={"Polar-Version": "2026-04"})
        assert (retired.status_code, retired.json()) == (404, {"detail": "Not Found"})
        assert "Polar-Version" not in retired.headers
        served = await http.get(path, headers={"Polar-Version": "2027-01"})
        assert (served.status_code, served.headers["Polar-Version"]) == (200, "2027-01")
        with contract_guard.exempt():  # the contract's default is 2026-04
            default = await http.get(path)
        assert (default.status_code, default.headers["Polar-Version"]) == (200, "2026-10")


@pytest.mark.fidelity("bearer-ignored")
async def test_bearer_token_is_accepted_and_ignored(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    headers = {"Authorization": "Bearer polar_oat_anything", "Polar-Version": "2026-04"}
    response = await client.patch(
        f"{BASE}/{secrets['one-time']}", json={"customer_name": "Ada"}, headers=headers
    )
    assert response.status_code == 200
    assert response.json()["customer_name"] == "Ada"


@pytest.mark.fidelity("unknown-route")
async def test_unknown_route_is_plain_not_found(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/checkouts/elsewhere")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


@pytest.mark.fidelity("expiry-clock")
async def test_expiry_follows_the_clock(
    client: httpx.AsyncClient, clock: FrozenClock, secrets: dict[str, str]
) -> None:
    secret = secrets["one-time"]
    clock.advance(timedelta(hours=1))  # exactly at expires_at: still open
    assert (await client.get(f"{BASE}/{secret}")).status_code == 200
    clock.advance(timedelta(seconds=1))
    for response in (
        await client.get(f"{BASE}/{secret}"),
        await client.patch(f"{BASE}/{secret}", json={"customer_name": "Ada"}),
        await client.get(f"{LEGACY_BASE}/{secret}"),
    ):
        assert response.status_code == 410
        assert response.json() == {
            "error": "ExpiredCheckoutError",
            "detail": "This checkout session has expired.",
        }


@pytest.mark.fidelity("expired")
async def test_expired_beats_not_open(
    client: httpx.AsyncClient, clock: FrozenClock, secrets: dict[str, str]
) -> None:
    clock.advance(timedelta(hours=2))
    response = await client.patch(f"{BASE}/{secrets['succeeded']}", json={})
    assert response.status_code == 410


@pytest.mark.fidelity("not-open")
async def test_succeeded_session_reads_but_refuses_updates(
    client: httpx.AsyncClient, store: Store, secrets: dict[str, str]
) -> None:
    secret = secrets["succeeded"]
    session = await get_ok(client, secret)
    assert session["status"] == "succeeded"
    response = await client.patch(f"{BASE}/{secret}", json={"customer_name": "Someone Else"})
    assert response.status_code == 403
    assert response.json() == {
        "error": "NotOpenCheckout",
        "detail": f"Checkout {session['id']} is not open: succeeded",
    }
    assert store.get_json(secret)["customer_name"] == "Ada Lovelace"


async def test_admin_routes_list_and_reset(
    client: httpx.AsyncClient, store: Store, secrets: dict[str, str]
) -> None:
    listed = (await client.get("/emulator/scenarios")).json()
    assert [entry["name"] for entry in listed][:2] == ["one-time", "subscription"]
    assert listed[0] == {
        "name": "one-time",
        "client_secret": secrets["one-time"],
        "product_name": "Fieldnotes Pro",
        "price_text": "$49.00 one-time",
        "status": "open",
    }
    await patch_ok(client, secrets["one-time"], {"customer_name": "Ada"})
    response = await client.post("/emulator/reset")
    assert response.status_code == 204
    assert store.get_json(secrets["one-time"])["customer_name"] is None


async def test_german_business_customer_flow(
    client: httpx.AsyncClient, store: Store, secrets: dict[str, str]
) -> None:
    """The issue's acceptance path, one PATCH per field as the form sends them."""
    secret = secrets["one-time"]
    for body in (
        {"customer_name": "Erika Mustermann"},
        {"customer_email": "erika@example.de"},
        {"is_business_customer": True},
        {"customer_billing_address": GERMAN_ADDRESS},
        {"customer_billing_name": "Mustermann Consulting GmbH"},
        {"customer_tax_id": GERMAN_VAT_ID},
    ):
        await patch_ok(client, secret, body)

    stored = store.get_json(secret)
    assert stored["customer_name"] == "Erika Mustermann"
    assert stored["customer_email"] == "erika@example.de"
    assert stored["is_business_customer"] is True
    assert stored["customer_billing_address"] == {
        "line1": "Friedrichstraße 123",
        "line2": None,
        "postal_code": "10117",
        "city": "Berlin",
        "state": None,
        "country": "DE",
    }
    assert stored["customer_billing_name"] == "Mustermann Consulting GmbH"
    assert stored["customer_tax_id"] == "DE136695976"
    assert stored["billing_address_fields"]["line1"] == "required"
    # A German business with a valid VAT ID buying from a US seller: reverse charge.
    assert (stored["tax_amount"], stored["tax_behavior"]) == (0, "inclusive")
    assert (stored["amount"], stored["net_amount"], stored["total_amount"]) == (4900, 4900, 4900)
    assert stored["modified_at"] == "2026-05-01T12:00:00Z"
