"""The refusals of `examples/scenarios.refusals.toml`, each as Polar answers it.

Lines are those of Polar's `server/polar/checkout/service.py` at the mirror's HEAD
(c6c3645e): 403 NotPermitted when the organization cannot use the API, a blocked one
(`get_by_client_secret`, 1636; `Organization.can_authenticate` is false for status
BLOCKED); "Product is archived." on a switch to an archived product (2126); "Price is
archived." on confirm (1122); DiscountRedemptionLimitReached on update (2432) and
confirm (1253).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from polar.base import deserialize
from polar.v2026_10 import outputs as outputs_2026_10

from tui.emulator.http.server import create_app
from tui.emulator.model.clock import FrozenClock
from tui.emulator.model.ids import stable_uuid
from tui.emulator.seed.loader import load_scenarios
from tui.emulator.store import Store

from .conftest import ContractGuard
from .support import BASE, NOW

REFUSALS = Path(__file__).resolve().parents[2] / "examples" / "scenarios.refusals.toml"
NOT_PERMITTED = {"error": "NotPermitted", "detail": "Not permitted"}
LIMIT_REACHED = {
    "error": "DiscountRedemptionLimitReached",
    "detail": "You have already redeemed this discount the maximum number of times allowed "
    "per customer.",
}
FIRST_EDITION = str(stable_uuid("product", "evergreen-editions", "first-edition"))
SAMPLER_PRICE = str(stable_uuid("price", "evergreen-editions", "sampler", "usd"))


@pytest.fixture
def refusals() -> Store:
    return Store(FrozenClock(NOW), scenarios=load_scenarios(REFUSALS))


@pytest.fixture
async def http(refusals: Store, contract_guard: ContractGuard) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(refusals))
    async with httpx.AsyncClient(transport=transport, base_url="http://emulator") as client:
        yield client


def secret(store: Store, name: str) -> str:
    return next(e.client_secret for e in store.scenarios() if e.name == name)


@pytest.mark.fidelity("not-permitted")
async def test_a_blocked_organization_answers_403_even_to_get(
    http: httpx.AsyncClient, refusals: Store
) -> None:
    path = f"{BASE}/{secret(refusals, 'blocked-organization')}"
    for response in (
        await http.get(path),
        await http.patch(path, json={"customer_name": "Ada"}),
        await http.post(f"{path}/confirm", json={}),
        await http.post(f"{path}/opened", json={}),
    ):
        assert (response.status_code, response.json()) == (403, NOT_PERMITTED)


@pytest.mark.fidelity("archived")
async def test_switching_to_an_archived_product_is_refused(
    http: httpx.AsyncClient, refusals: Store
) -> None:
    path = f"{BASE}/{secret(refusals, 'archived-product')}"
    session = (await http.get(path)).json()
    listed = session["products"]
    parsed = deserialize(session, outputs_2026_10.CheckoutPublic)  # the official SDK reads it
    assert [product.is_archived for product in parsed.products] == [False, True, False]
    assert [(p["name"], p["is_archived"]) for p in listed] == [
        ("Evergreen Atlas (second edition)", False),
        ("Evergreen Atlas (first edition)", True),
        ("Evergreen Sampler", False),
    ]
    response = await http.patch(path, json={"product_id": FIRST_EDITION, "customer_name": "Ada"})
    assert response.status_code == 422
    assert response.json() == {
        "error": "PolarRequestValidationError",
        "detail": [
            {
                "type": "value_error",
                "loc": ["body", "product_id"],
                "msg": "Product is archived.",
                "input": FIRST_EDITION,
            }
        ],
    }
    assert (await http.get(path)).json()["customer_name"] is None  # nothing applied


@pytest.mark.fidelity("archived")
async def test_confirming_an_archived_price_is_refused(
    http: httpx.AsyncClient, refusals: Store
) -> None:
    path = f"{BASE}/{secret(refusals, 'archived-price')}"
    session = (await http.get(path)).json()
    assert (session["product_price"]["id"], session["product_price"]["is_archived"]) == (
        SAMPLER_PRICE,
        True,
    )
    assert (await http.patch(path, json={"customer_name": "Ada"})).status_code == 200
    response = await http.post(f"{path}/confirm", json={"customer_email": "ada@example.com"})
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {
            "type": "value_error",
            "loc": ["body", "product_price_id"],
            "msg": "Price is archived.",
            "input": SAMPLER_PRICE,
        }
    ]


@pytest.mark.fidelity("discount-customer-limit")
@pytest.mark.parametrize("route", ["", "/confirm"])
async def test_a_seeded_redemption_reaches_the_per_customer_limit(
    http: httpx.AsyncClient, refusals: Store, route: str
) -> None:
    path = f"{BASE}/{secret(refusals, 'redemption-limit')}{route}"
    method = "POST" if route else "PATCH"
    response = await http.request(method, path, json={"discount_code": "LOYAL"})
    assert (response.status_code, response.json()) == (403, LIMIT_REACHED)


@pytest.mark.fidelity("discount-customer-limit")
async def test_another_customer_may_still_redeem_it(
    http: httpx.AsyncClient, refusals: Store
) -> None:
    path = f"{BASE}/{secret(refusals, 'redemption-limit')}"
    body = {"discount_code": "LOYAL", "customer_email": "New.Reader+atlas@example.com"}
    response = await http.post(f"{path}/confirm", json=body)
    assert (response.status_code, response.json()["status"]) == (200, "confirmed")
    alias = {"discount_code": "LOYAL", "customer_email": "Returning+again@Example.com"}
    other = f"{BASE}/{refusals.create_session('redemption-limit').client_secret}"
    refused = await http.patch(other, json=alias)
    assert (refused.status_code, refused.json()) == (403, LIMIT_REACHED)


@pytest.mark.fidelity("discount-customer-limit")
async def test_the_builtin_friends_code_was_already_used_by_a_regular(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    body = {"discount_code": "FRIENDS", "customer_email": "regular@example.com"}
    response = await client.patch(f"{BASE}/{secrets['discount']}", json=body)
    assert (response.status_code, response.json()) == (403, LIMIT_REACHED)
