"""Updates that succeed, discount codes: percentage and fixed, removal, 100 %, product switches."""

from __future__ import annotations

import httpx
import pytest

from tui.emulator.store import Store

from .support import GERMAN_ADDRESS, GERMAN_VAT_ID, PINE_STARTER, get_ok, patch_ok


@pytest.mark.fidelity("discount-arithmetic")
async def test_percentage_discount(client: httpx.AsyncClient, secrets: dict[str, str]) -> None:
    session = await patch_ok(client, secrets["discount"], {"discount_code": "  launch20 "})
    assert session["discount_amount"] == 1580
    assert session["net_amount"] == 6320
    assert session["total_amount"] == 6320
    assert session["discount"]["code"] == "LAUNCH20"
    assert session["discount"]["basis_points"] == 2000
    assert session["discount_id"] == session["discount"]["id"]


@pytest.mark.fidelity("discount-arithmetic")
async def test_fixed_discount(client: httpx.AsyncClient, secrets: dict[str, str]) -> None:
    session = await patch_ok(client, secrets["discount"], {"discount_code": "FIVEOFF"})
    assert session["discount_amount"] == 500
    assert session["net_amount"] == 7400
    assert session["discount"]["amounts"] == {"usd": 500, "eur": 450}
    assert (session["discount"]["amount"], session["discount"]["currency"]) == (500, "usd")


@pytest.mark.fidelity("discount-code")
async def test_null_code_removes_the_discount(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    secret = secrets["discount"]
    await patch_ok(client, secret, {"discount_code": "LAUNCH20"})
    session = await patch_ok(client, secret, {"discount_code": None})
    assert session["discount"] is None
    assert session["discount_amount"] == 0
    assert session["net_amount"] == 7900


@pytest.mark.fidelity("flags")
async def test_full_discount_needs_no_payment_form_and_drops_business_details(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    secret = secrets["discount"]
    await patch_ok(
        client,
        secret,
        {
            "is_business_customer": True,
            "customer_billing_address": GERMAN_ADDRESS,
            "customer_billing_name": "Muster GmbH",
            "customer_tax_id": GERMAN_VAT_ID,
            "payment_method_type": "card",
        },
    )
    session = await patch_ok(client, secret, {"discount_code": "FRIENDS"})
    assert (session["discount_amount"], session["total_amount"], session["tax_amount"]) == (
        7900,
        0,
        0,
    )
    assert session["is_payment_form_required"] is False
    assert session["payment_method_type"] is None
    assert session["is_business_customer"] is False
    assert session["customer_tax_id"] is None
    assert session["customer_billing_name"] is None


@pytest.mark.fidelity("product-switch")
async def test_product_switch_drops_a_discount_that_no_longer_applies(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    secret = secrets["discount"]
    complete_id = (await get_ok(client, secret))["product_id"]
    await patch_ok(client, secret, {"product_id": str(PINE_STARTER.id)})
    session = await patch_ok(client, secret, {"discount_code": "STARTER50"})
    assert (session["amount"], session["discount_amount"]) == (1900, 950)
    session = await patch_ok(client, secret, {"product_id": complete_id})
    assert session["discount"] is None
    assert session["amount"] == 7900


@pytest.mark.fidelity("product-switch")
async def test_product_switch_keeps_a_discount_that_still_applies(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    secret = secrets["discount"]
    await patch_ok(client, secret, {"discount_code": "LAUNCH20"})
    session = await patch_ok(client, secret, {"product_id": str(PINE_STARTER.id)})
    assert session["discount"]["code"] == "LAUNCH20"
    assert (session["amount"], session["discount_amount"]) == (1900, 380)


@pytest.mark.fidelity("discount-code")
async def test_codes_are_ignored_when_codes_are_not_allowed(
    client: httpx.AsyncClient, store: Store, secrets: dict[str, str]
) -> None:
    secret = secrets["discount"]
    store.edit(secret, allow_discount_codes=False)
    session = await patch_ok(client, secret, {"discount_code": "NOPE"})
    assert session["discount"] is None
    assert session["allow_discount_codes"] is False
