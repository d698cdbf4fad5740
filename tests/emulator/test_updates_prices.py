"""Updates that succeed, the price's side: amounts, seats, units, products, trials, sales tax."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from tui.emulator.model.clock import FrozenClock

from .support import (
    NEW_YORK_ADDRESS,
    TIDEWATER_YEARLY,
    TIP_JAR,
    UNITS_SWITCH,
    get_ok,
    patch_ok,
)

# -- pay what you want ----------------------------------------------------------------


@pytest.mark.fidelity("amount")
@pytest.mark.parametrize("amount", [500, 1234, 100_000])
async def test_custom_amount_accepted(
    client: httpx.AsyncClient, secrets: dict[str, str], amount: int
) -> None:
    session = await patch_ok(client, secrets["pay-what-you-want"], {"amount": amount})
    assert session["amount"] == amount
    assert session["net_amount"] == amount


@pytest.mark.fidelity("amount")
async def test_amount_is_ignored_on_fixed_prices(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    session = await patch_ok(client, secrets["one-time"], {"amount": 100})
    assert session["amount"] == 4900


@pytest.mark.fidelity("amount")
async def test_zero_amount_allowed_when_minimum_is_zero(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    secret = secrets["jpy"]
    session = await patch_ok(client, secret, {"product_id": str(TIP_JAR.id)})
    assert session["amount"] == 500  # the preset
    assert session["product_price"]["amount_type"] == "custom"
    session = await patch_ok(client, secret, {"amount": 0})
    assert session["amount"] == 0
    assert session["is_payment_form_required"] is False
    session = await patch_ok(client, secret, {"amount": 80})
    assert session["amount"] == 80


@pytest.mark.fidelity("product-switch")
async def test_selecting_the_product_again_resets_the_custom_amount(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    secret = secrets["pay-what-you-want"]
    session = await patch_ok(client, secret, {"amount": 4200})
    session = await patch_ok(client, secret, {"product_id": session["product_id"]})
    assert session["amount"] == 1500


# -- seats -------------------------------------------------------------------------------


@pytest.mark.fidelity("seats-units")
@pytest.mark.parametrize(
    ("seats", "amount"), [(1, 1500), (4, 6000), (5, 6000), (19, 22800), (20, 18000), (50, 45000)]
)
async def test_seat_tiers_price_every_seat_at_the_matching_rate(
    client: httpx.AsyncClient, secrets: dict[str, str], seats: int, amount: int
) -> None:
    session = await patch_ok(client, secrets["seats"], {"seats": seats})
    assert session["seats"] == seats
    assert session["amount"] == amount


@pytest.mark.fidelity("product-switch")
async def test_selecting_the_seat_product_resets_seats(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    secret = secrets["seats"]
    session = await patch_ok(client, secret, {"seats": 7})
    session = await patch_ok(client, secret, {"product_id": session["product_id"]})
    assert session["seats"] == 1
    assert session["amount"] == 1500
    session = await patch_ok(client, secret, {"product_id": session["product_id"], "seats": 3})
    assert (session["seats"], session["amount"]) == (3, 4500)


# -- unit-based prices -----------------------------------------------------------------------


@pytest.mark.fidelity("seats-units")
@pytest.mark.parametrize(
    ("body", "units", "amount"),
    [
        ({}, 10, 500),
        ({"units": 100}, 100, 5000),
        ({"units": 150}, 150, 7000),
        ({"units": 10_000}, 10_000, 5000 + 900 * 40 + 9000 * 30),
    ],
)
async def test_units_price_along_the_graduated_tiers(
    client: httpx.AsyncClient,
    secrets: dict[str, str],
    body: dict[str, int],
    units: int,
    amount: int,
) -> None:
    session = await patch_ok(client, secrets["seats"], {**UNITS_SWITCH, **body})
    assert session["product"]["name"] == "Relay SMS Alert Credits"
    assert session["product_price"]["amount_type"] == "unit_based"
    assert (session["units"], session["seats"], session["amount"]) == (units, None, amount)
    assert (session["min_units"], session["max_units"]) == (None, None)


@pytest.mark.fidelity("seats-units")
async def test_units_then_back_to_seats(client: httpx.AsyncClient, secrets: dict[str, str]) -> None:
    secret = secrets["seats"]
    seat_product = (await get_ok(client, secret))["product_id"]
    await patch_ok(client, secret, UNITS_SWITCH)
    session = await patch_ok(client, secret, {"units": 250, "discount_code": None})
    assert (session["units"], session["amount"]) == (250, 5000 + 150 * 40)
    session = await patch_ok(client, secret, {"product_id": seat_product})
    assert (session["units"], session["seats"], session["amount"]) == (None, 1, 1500)


# -- products and trials --------------------------------------------------------------


@pytest.mark.fidelity("product-switch")
async def test_switching_to_the_yearly_plan(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    session = await patch_ok(
        client,
        secrets["subscription"],
        {
            "product_id": str(TIDEWATER_YEARLY.id),
            "product_price_id": str(TIDEWATER_YEARLY.prices[0].id),
        },
    )
    assert session["product"]["name"] == "Tidewater Pro (yearly)"
    assert session["amount"] == 12000
    assert session["product_price_id"] == str(TIDEWATER_YEARLY.prices[0].id)
    assert session["trial_end"] is None
    assert session["is_payment_required"] is True


@pytest.mark.fidelity("trial")
async def test_declining_the_trial(client: httpx.AsyncClient, secrets: dict[str, str]) -> None:
    session = await patch_ok(client, secrets["subscription"], {"allow_trial": False})
    assert session["allow_trial"] is False
    assert session["trial_end"] is None
    assert session["active_trial_interval"] is None
    assert session["is_payment_required"] is True


@pytest.mark.fidelity("trial")
async def test_trial_end_follows_the_clock(
    client: httpx.AsyncClient, clock: FrozenClock, secrets: dict[str, str]
) -> None:
    clock.advance(timedelta(minutes=30))
    session = await patch_ok(client, secrets["subscription"], {"customer_name": "Ada"})
    assert session["trial_end"] == "2026-05-15T12:30:00Z"


# -- sales tax ----------------------------------------------------------------------------


async def test_new_york_customer_pays_sales_tax_on_top(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    session = await patch_ok(
        client, secrets["us-business"], {"customer_billing_address": NEW_YORK_ADDRESS}
    )
    assert session["tax_behavior"] == "exclusive"
    assert session["tax_amount"] == 1196
    assert session["net_amount"] == 29900
    assert session["total_amount"] == 31096
