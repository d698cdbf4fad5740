"""Updates that succeed: normalisation, null semantics, discounts, seats, products, flags."""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

import httpx
import pytest

from tui.emulator.model.clock import FrozenClock
from tui.emulator.store import Store

from .support import (
    GERMAN_ADDRESS,
    GERMAN_VAT_ID,
    NEW_YORK_ADDRESS,
    PINE_STARTER,
    TIDEWATER_YEARLY,
    TIP_JAR,
    UNITS_SWITCH,
    get_ok,
    patch_ok,
)

FULL = {
    "country": "required",
    "state": "optional",
    "line1": "required",
    "line2": "optional",
    "city": "required",
    "postal_code": "required",
}
COUNTRY_ONLY = {
    "country": "required",
    "state": "disabled",
    "line1": "disabled",
    "line2": "disabled",
    "city": "disabled",
    "postal_code": "disabled",
}


# -- normalisation -------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "stored"),
    [
        ({"country": "US", "state": "CA"}, {"country": "US", "state": "US-CA"}),
        ({"country": "us", "state": "US-NY"}, {"country": "US", "state": "US-NY"}),
        ({"country": "US", "state": "DC"}, {"country": "US", "state": "US-DC"}),
        ({"country": "CA", "state": "ON"}, {"country": "CA", "state": "CA-ON"}),
        ({"country": "CA", "state": "CA-QC"}, {"country": "CA", "state": "CA-QC"}),
        ({"country": "de", "state": "  Berlin "}, {"country": "DE", "state": "Berlin"}),
        ({"country": "FR", "state": "", "city": "  Lyon ", "line2": ""},
         {"country": "FR", "state": None, "city": "Lyon", "line2": None}),
    ],
    ids=["us-bare-state", "lower-country", "dc", "ca-province", "ca-prefixed", "free-text-state",
         "empty-means-null"],
)  # fmt: skip
async def test_address_normalisation(
    client: httpx.AsyncClient,
    secrets: dict[str, str],
    address: dict[str, str],
    stored: dict[str, str | None],
) -> None:
    session = await patch_ok(client, secrets["one-time"], {"customer_billing_address": address})
    saved = session["customer_billing_address"]
    assert {key: saved[key] for key in stored} == stored
    assert set(saved) == {"line1", "line2", "postal_code", "city", "state", "country"}


async def test_address_is_replaced_as_a_whole(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    secret = secrets["one-time"]
    await patch_ok(client, secret, {"customer_billing_address": GERMAN_ADDRESS})
    session = await patch_ok(client, secret, {"customer_billing_address": {"country": "FR"}})
    assert session["customer_billing_address"] == {
        "line1": None,
        "line2": None,
        "postal_code": None,
        "city": None,
        "state": None,
        "country": "FR",
    }


async def test_text_fields_are_trimmed_and_email_normalized(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    session = await patch_ok(
        client,
        secrets["one-time"],
        {
            "customer_name": "  Ada Lovelace ",
            "customer_email": " Ada@Example.COM ",
            "customer_billing_name": " Analytical Engines Ltd ",
            "locale": "en-gb",
            "payment_method_type": " card ",
        },
    )
    assert session["customer_name"] == "Ada Lovelace"
    assert session["customer_email"] == "Ada@example.com"
    assert session["customer_billing_name"] == "Analytical Engines Ltd"
    assert session["locale"] == "en-GB"
    assert session["payment_method_type"] == "card"


async def test_tax_id_is_stored_compact(client: httpx.AsyncClient, secrets: dict[str, str]) -> None:
    session = await patch_ok(
        client,
        secrets["one-time"],
        {
            "is_business_customer": True,
            "customer_billing_address": {"country": "AT"},
            "customer_tax_id": " ATU 57194903 ",
        },
    )
    assert session["customer_tax_id"] == "ATU57194903"


# -- null and absent keys -----------------------------------------------------------


async def test_null_semantics(client: httpx.AsyncClient, secrets: dict[str, str]) -> None:
    secret = secrets["pay-what-you-want"]
    await patch_ok(
        client,
        secret,
        {
            "customer_name": "Ada",
            "customer_email": "ada@example.com",
            "customer_billing_address": GERMAN_ADDRESS,
            "amount": 2500,
            "locale": "de",
        },
    )
    session = await patch_ok(
        client,
        secret,
        {
            "customer_name": None,
            "customer_email": None,
            "customer_billing_address": None,
            "amount": None,
            "product_id": None,
            "seats": None,
            "is_business_customer": None,
            "locale": None,
            "something_new": "ignored",
        },
    )
    assert session["customer_name"] is None
    assert session["customer_email"] is None
    assert session["locale"] is None
    assert session["customer_billing_address"]["country"] == "DE"  # null: no change
    assert session["amount"] == 2500  # null: no change
    assert session["is_business_customer"] is False


async def test_empty_body_changes_nothing_but_modified_at(
    client: httpx.AsyncClient, store: Store, clock: FrozenClock, secrets: dict[str, str]
) -> None:
    secret = secrets["one-time"]
    before = store.get_json(secret)
    assert before["modified_at"] is None
    clock.advance(timedelta(minutes=3))
    after = await patch_ok(client, secret, {})
    assert after["modified_at"] == "2026-05-01T12:03:00Z"
    assert {**after, "modified_at": None} == before


async def test_empty_name_means_null(client: httpx.AsyncClient, secrets: dict[str, str]) -> None:
    secret = secrets["one-time"]
    await patch_ok(client, secret, {"customer_name": "Ada"})
    session = await patch_ok(client, secret, {"customer_name": "   "})
    assert session["customer_name"] is None


async def test_turning_business_off_clears_tax_id_and_billing_name(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    secret = secrets["one-time"]
    session = await patch_ok(
        client,
        secret,
        {
            "is_business_customer": True,
            "customer_billing_address": GERMAN_ADDRESS,
            "customer_billing_name": "Muster GmbH",
            "customer_tax_id": GERMAN_VAT_ID,
        },
    )
    assert session["tax_amount"] == 0
    session = await patch_ok(
        client, secret, {"is_business_customer": False, "customer_billing_name": "Kept?"}
    )
    assert session["is_business_customer"] is False
    assert session["customer_tax_id"] is None
    assert session["customer_billing_name"] is None
    assert session["tax_amount"] == 782  # reverse charge no longer applies


async def test_null_tax_id_clears_it(client: httpx.AsyncClient, secrets: dict[str, str]) -> None:
    secret = secrets["one-time"]
    await patch_ok(
        client,
        secret,
        {"customer_billing_address": GERMAN_ADDRESS, "customer_tax_id": GERMAN_VAT_ID},
    )
    session = await patch_ok(client, secret, {"customer_tax_id": None})
    assert session["customer_tax_id"] is None


# -- address modes ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("scenario", "body", "modes"),
    [
        ("one-time", {}, COUNTRY_ONLY),
        ("one-time", {"customer_billing_address": {"country": "DE"}}, COUNTRY_ONLY),
        ("one-time", {"customer_billing_address": {"country": "US"}},
         {**FULL, "state": "required"}),
        ("one-time", {"customer_billing_address": {"country": "CA"}},
         {**COUNTRY_ONLY, "state": "required"}),
        ("one-time", {"is_business_customer": True}, FULL),
        ("one-time", {"payment_method_type": "upi"}, FULL),
        ("one-time", {"payment_method_type": "card"}, COUNTRY_ONLY),
        ("us-business", {}, FULL),
    ],
    ids=["empty", "germany", "us", "canada", "business", "upi", "card", "require-billing-address"],
)  # fmt: skip
async def test_billing_address_fields(
    client: httpx.AsyncClient,
    secrets: dict[str, str],
    scenario: str,
    body: dict[str, object],
    modes: dict[str, str],
) -> None:
    session = await patch_ok(client, secrets[scenario], body)
    assert session["billing_address_fields"] == modes
    legacy = session["customer_billing_address_fields"]
    assert legacy["line1"] == (modes["line1"] == "required")
    assert legacy["line2"] is False


# -- pay what you want ----------------------------------------------------------------


@pytest.mark.parametrize("amount", [500, 1234, 100_000])
async def test_custom_amount_accepted(
    client: httpx.AsyncClient, secrets: dict[str, str], amount: int
) -> None:
    session = await patch_ok(client, secrets["pay-what-you-want"], {"amount": amount})
    assert session["amount"] == amount
    assert session["net_amount"] == amount


async def test_amount_is_ignored_on_fixed_prices(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    session = await patch_ok(client, secrets["one-time"], {"amount": 100})
    assert session["amount"] == 4900


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


async def test_selecting_the_product_again_resets_the_custom_amount(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    secret = secrets["pay-what-you-want"]
    session = await patch_ok(client, secret, {"amount": 4200})
    session = await patch_ok(client, secret, {"product_id": session["product_id"]})
    assert session["amount"] == 1500


# -- seats -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seats", "amount"), [(1, 1500), (4, 6000), (5, 6000), (19, 22800), (20, 18000), (50, 45000)]
)
async def test_seat_tiers_price_every_seat_at_the_matching_rate(
    client: httpx.AsyncClient, secrets: dict[str, str], seats: int, amount: int
) -> None:
    session = await patch_ok(client, secrets["seats"], {"seats": seats})
    assert session["seats"] == seats
    assert session["amount"] == amount


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


# -- discounts ---------------------------------------------------------------------------


async def test_percentage_discount(client: httpx.AsyncClient, secrets: dict[str, str]) -> None:
    session = await patch_ok(client, secrets["discount"], {"discount_code": "  launch20 "})
    assert session["discount_amount"] == 1580
    assert session["net_amount"] == 6320
    assert session["total_amount"] == 6320
    assert session["discount"]["code"] == "LAUNCH20"
    assert session["discount"]["basis_points"] == 2000
    assert session["discount_id"] == session["discount"]["id"]


async def test_fixed_discount(client: httpx.AsyncClient, secrets: dict[str, str]) -> None:
    session = await patch_ok(client, secrets["discount"], {"discount_code": "FIVEOFF"})
    assert session["discount_amount"] == 500
    assert session["net_amount"] == 7400
    assert session["discount"]["amounts"] == {"usd": 500, "eur": 450}
    assert (session["discount"]["amount"], session["discount"]["currency"]) == (500, "usd")


async def test_null_code_removes_the_discount(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    secret = secrets["discount"]
    await patch_ok(client, secret, {"discount_code": "LAUNCH20"})
    session = await patch_ok(client, secret, {"discount_code": None})
    assert session["discount"] is None
    assert session["discount_amount"] == 0
    assert session["net_amount"] == 7900


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


async def test_product_switch_keeps_a_discount_that_still_applies(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    secret = secrets["discount"]
    await patch_ok(client, secret, {"discount_code": "LAUNCH20"})
    session = await patch_ok(client, secret, {"product_id": str(PINE_STARTER.id)})
    assert session["discount"]["code"] == "LAUNCH20"
    assert (session["amount"], session["discount_amount"]) == (1900, 380)


async def test_codes_are_ignored_when_codes_are_not_allowed(
    client: httpx.AsyncClient, store: Store, secrets: dict[str, str]
) -> None:
    secret = secrets["discount"]
    store.edit(secret, allow_discount_codes=False)
    session = await patch_ok(client, secret, {"discount_code": "NOPE"})
    assert session["discount"] is None
    assert session["allow_discount_codes"] is False


# -- products and trials --------------------------------------------------------------


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


async def test_declining_the_trial(client: httpx.AsyncClient, secrets: dict[str, str]) -> None:
    session = await patch_ok(client, secrets["subscription"], {"allow_trial": False})
    assert session["allow_trial"] is False
    assert session["trial_end"] is None
    assert session["active_trial_interval"] is None
    assert session["is_payment_required"] is True


async def test_trial_end_follows_the_clock(
    client: httpx.AsyncClient, clock: FrozenClock, secrets: dict[str, str]
) -> None:
    clock.advance(timedelta(minutes=30))
    session = await patch_ok(client, secrets["subscription"], {"customer_name": "Ada"})
    assert session["trial_end"] == "2026-05-15T12:30:00Z"


async def test_custom_field_data_without_attached_fields_stays_empty(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    session = await patch_ok(client, secrets["one-time"], {"custom_field_data": {"team": "blue"}})
    assert session["custom_field_data"] == {}
    assert session["attached_custom_fields"] == []


async def test_email_is_kept_when_a_customer_is_attached(
    client: httpx.AsyncClient, store: Store, secrets: dict[str, str]
) -> None:
    secret = secrets["one-time"]
    customer = UUID("0b0a5d57-7c6e-4d3a-9a0e-1f6f3d8a2b10")
    store.edit(secret, customer_id=customer, customer_email="owner@example.com")
    session = await patch_ok(client, secret, {"customer_email": "other@example.com"})
    assert session["customer_email"] == "owner@example.com"
    assert session["customer_id"] == str(customer)


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


async def test_update_ignores_the_confirm_only_token(
    client: httpx.AsyncClient, store: Store, secrets: dict[str, str]
) -> None:
    secret = secrets["one-time"]
    session = await patch_ok(client, secret, {"confirmation_token_id": 7, "customer_name": "Ada"})
    assert session["status"] == "open"
    assert session["customer_name"] == "Ada"
    assert "confirmation_token_id" not in session


# -- unit-based prices -----------------------------------------------------------------------


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


async def test_units_then_back_to_seats(client: httpx.AsyncClient, secrets: dict[str, str]) -> None:
    secret = secrets["seats"]
    seat_product = (await get_ok(client, secret))["product_id"]
    await patch_ok(client, secret, UNITS_SWITCH)
    session = await patch_ok(client, secret, {"units": 250, "discount_code": None})
    assert (session["units"], session["amount"]) == (250, 5000 + 150 * 40)
    session = await patch_ok(client, secret, {"product_id": seat_product})
    assert (session["units"], session["seats"], session["amount"]) == (None, 1, 1500)
