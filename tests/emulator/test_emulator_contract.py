"""The emulator's bodies against Polar's contract: the OpenAPI document and `polar-sdk` 1.0.2.

Every response in this folder already passes the contract hook (conftest.py);
these tests cover bodies no request returns (the expired session, which GET
refuses) and what the document predates: unit-based prices, which only the
official SDK (`polar.v2026_04`, `polar.v2026_10`, `polar.v2027_01`) describes, and the keys it
requires (`units`, `min_units`, `max_units`).
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from polar.base import deserialize
from polar.v2026_04 import outputs as outputs_2026_04
from polar.v2026_10 import outputs as outputs_2026_10
from polar.v2027_01 import outputs as outputs_2027_01

from tui.emulator.store import Store

from .contract_schemas import schema_problems
from .support import (
    BASE,
    CONFIRM_EMAIL,
    GERMAN_ADDRESS,
    GERMAN_VAT_ID,
    NEW_YORK_ADDRESS,
    SCENARIO_NAMES,
    TIP_JAR,
    UNITS_SWITCH,
    patch_ok,
)

SDK_VERSIONS = ["2026-04", "2026-10", "2027-01"]
SDK_OUTPUTS = list(
    zip(SDK_VERSIONS, [outputs_2026_04, outputs_2026_10, outputs_2027_01], strict=True)
)


@pytest.mark.parametrize("name", SCENARIO_NAMES)
def test_every_scenario_matches_the_contract(
    store: Store, secrets: dict[str, str], name: str
) -> None:
    assert schema_problems("CheckoutPublic", store.get_json(secrets[name])) == []


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("discount", {"discount_code": "LAUNCH20", "customer_billing_address": NEW_YORK_ADDRESS}),
        ("discount", {"discount_code": "FIVEOFF"}),
        ("one-time", {"is_business_customer": True, "customer_billing_address": GERMAN_ADDRESS,
                      "customer_billing_name": "Muster GmbH", "customer_tax_id": GERMAN_VAT_ID,
                      "customer_name": "Erika", "customer_email": "erika@example.de",
                      "locale": "de-DE", "payment_method_type": "card"}),
        ("seats", {"seats": 12}),
        ("seats", {**UNITS_SWITCH, "units": 150}),
        ("jpy", {"product_id": str(TIP_JAR.id), "amount": 0}),
        ("subscription", {"allow_trial": False, "customer_billing_address": {"country": "US"}}),
        ("subscription", {"discount_code": "QUARTER25"}),
    ],
    ids=["percentage", "fixed", "german-business", "seats", "units", "tip-jar", "no-trial",
         "repeating-discount"],
)  # fmt: skip
@pytest.mark.parametrize(("version", "outputs"), SDK_OUTPUTS, ids=SDK_VERSIONS)
async def test_updated_sessions_parse_with_the_official_sdk(
    client: httpx.AsyncClient,
    secrets: dict[str, str],
    name: str,
    body: dict[str, Any],
    outputs: Any,
    version: str,
) -> None:
    response = await client.patch(
        f"{BASE}/{secrets[name]}", json=body, headers={"Polar-Version": version}
    )
    assert response.status_code == 200, response.text
    session = response.json()
    parsed = deserialize(session, outputs.CheckoutPublic)
    assert parsed.id == session["id"]
    assert (parsed.units, parsed.min_units, parsed.max_units) == (
        session["units"],
        session["min_units"],
        session["max_units"],
    )
    prices = [price for product in parsed.products for price in product.prices]
    kinds = {type(price).__name__ for price in prices}
    if name == "seats":
        assert kinds == {"ProductPriceSeatBased", "ProductPriceUnitBased"}


async def test_unit_based_price_as_the_sdk_reads_it(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    session = await patch_ok(client, secrets["seats"], {**UNITS_SWITCH, "units": 150})
    parsed = deserialize(session, outputs_2026_10.CheckoutPublic)
    price = parsed.product_price
    assert isinstance(price, outputs_2026_10.ProductPriceUnitBased)
    assert (price.minimum_units, price.maximum_units, price.unit_label) == (10, 10_000, None)
    assert price.tiers.type == "graduated"
    assert [(tier.bound, tier.unit_amount) for tier in price.tiers.tiers] == [
        (100, "50"),
        (1000, "40"),
        (10_000, "30"),
    ]
    assert (parsed.units, parsed.amount) == (150, 7000)


async def test_seat_based_price_in_2027_01_as_the_sdk_reads_it(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    """2027-01 writes a seat-based price's tiers as every tiered price's (the SDK's
    `polar.v2027_01.outputs.ProductPriceSeatBased`): the `seats` scenario's 1-4 seats at
    $15, 5-19 at $12, 20-50 at $9."""
    response = await client.get(f"{BASE}/{secrets['seats']}", headers={"Polar-Version": "2027-01"})
    assert response.status_code == 200
    assert "seat_tiers" not in response.json()["product_price"]
    price = deserialize(response.json(), outputs_2027_01.CheckoutPublic).product_price
    assert isinstance(price, outputs_2027_01.ProductPriceSeatBased)
    assert price.tiers.type == "volume"
    assert [(tier.bound, tier.unit_amount) for tier in price.tiers.tiers] == [
        (4, "1500"),
        (19, "1200"),
        (50, "900"),
    ]
    assert (price.minimum_units, price.maximum_units) == (1, 50)


@pytest.mark.parametrize(("version", "outputs"), SDK_OUTPUTS, ids=SDK_VERSIONS)
async def test_confirmed_session_parses_as_checkout_public_confirmed(
    client: httpx.AsyncClient, secrets: dict[str, str], outputs: Any, version: str
) -> None:
    response = await client.post(
        f"{BASE}/{secrets['free']}/confirm",
        json={"customer_email": CONFIRM_EMAIL},
        headers={"Polar-Version": version},
    )
    assert response.status_code == 200, response.text
    parsed = deserialize(response.json(), outputs.CheckoutPublicConfirmed)
    assert parsed.status == "confirmed"
    assert parsed.customer_session_token == response.json()["customer_session_token"]
    assert schema_problems("CheckoutPublicConfirmed", response.json()) == []


def test_every_required_key_is_sent(
    contract: dict[str, Any], store: Store, secrets: dict[str, str]
) -> None:
    schema = contract["components"]["schemas"]["CheckoutPublic"]
    session = store.get_json(secrets["one-time"])
    assert [key for key in schema["required"] if key not in session] == []
    assert set(session) - set(schema["properties"]) == {
        "units",
        "min_units",
        "max_units",
        "subtotal_amount",
        "customer_billing_address_fields",
    }
