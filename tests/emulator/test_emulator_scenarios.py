"""The seeded scenarios: stable names and secrets, what each one starts as, reset."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any
from uuid import UUID

import httpx
import pytest

from tui.emulator.listing import ScenarioEntry
from tui.emulator.model.clock import FrozenClock
from tui.emulator.rules.wire import timestamp
from tui.emulator.store import Store

from .support import (
    BASE,
    GERMAN_ADDRESS,
    GERMAN_VAT_ID,
    LIVE_SCENARIOS,
    NEW_YORK_ADDRESS,
    NOW,
    SCENARIO_NAMES,
    UPDATABLE_SCENARIOS,
    get_ok,
    patch_ok,
)

EXPECTED_SECRETS = {
    "one-time": "polar_c_3iHyQAIEqDgmYrNafBAYxjB0ir21VC1BoloFAqGxJmx",
    "subscription": "polar_c_CrJHh0zk5iZsFwhL2rPHjsPT6haxNHp2n4Uic32Xqjy",
    "pay-what-you-want": "polar_c_4un5CKUN4xzswzll9xVyZdAKmgOHVYqZcZmSjIx6mzk",
    "free": "polar_c_D6g5N6Cw3xsK3jl2M1YGT4JKlNuIXnO1zRDgJRGp6vj",
    "seats": "polar_c_TIxbKLfKOTf1ZetW7aBjSs4kjD7UIl8XUqOemHlZ8jz",
    "discount": "polar_c_D7ZZNIQxkb0bDmX5ptV5NkkenMh3KpoXosdoiZ3sXpJ",
    "us-business": "polar_c_A12SXZHrJOBngz4DIdJ3fxyiuCOChxZD0HleoZo96tv",
    "jpy": "polar_c_ud3o1nWg32pygKjq0FpFqnD7LD5MXNmmJkuUahAoVFD",
    "expired": "polar_c_waQrOuQeI1rgs8dyKpdSfCHlbyIMBYYAbKZShYYd4ri",
    "succeeded": "polar_c_Ee1Sksw37fqf6UAacyuN3fPfW5oQuWfanbV8gQpcE7H",
    "custom-fields": "polar_c_GlS7EAWScQPeVKTvpNqaWYuCXDFm1zlkBhOmi1mfyak",
    "every-choice": "polar_c_bczlaUmO7BJfQb7RTX2UE63IpIFf342yNJgpe7ombnL",
    "already-subscribed": "polar_c_ebi0xtB86pIAnrqsg9iP4q4FHahny6OHZ7TfcEtzehb",
}


def test_scenarios_are_listed_in_seed_order_with_stable_secrets(store: Store) -> None:
    entries = store.scenarios()
    assert [entry.name for entry in entries] == list(SCENARIO_NAMES)
    assert {entry.name: entry.client_secret for entry in entries} == EXPECTED_SECRETS
    for entry in entries:
        assert re.fullmatch(r"polar_c_[A-Za-z0-9]{43}", entry.client_secret)


def test_scenario_entries_describe_product_and_price(store: Store) -> None:
    assert store.scenarios() == [
        ScenarioEntry("one-time", EXPECTED_SECRETS["one-time"], "Fieldnotes Pro",
                      "$49.00 one-time", "open"),
        ScenarioEntry("subscription", EXPECTED_SECRETS["subscription"], "Tidewater Pro (monthly)",
                      "€12.00 / month", "open"),
        ScenarioEntry("pay-what-you-want", EXPECTED_SECRETS["pay-what-you-want"],
                      "The Orchard Handbook (PDF)", "Pay what you want (min $5.00)", "open"),
        ScenarioEntry("free", EXPECTED_SECRETS["free"], "Lumen Sans Community Licence", "Free",
                      "open"),
        ScenarioEntry("seats", EXPECTED_SECRETS["seats"], "Relay Team Workspace",
                      "$15.00 per seat / month", "open"),
        ScenarioEntry("discount", EXPECTED_SECRETS["discount"], "Pine Icons Complete",
                      "$79.00 one-time", "open"),
        ScenarioEntry("us-business", EXPECTED_SECRETS["us-business"], "Harbor Insights Business",
                      "$299.00 / year", "open"),
        ScenarioEntry("jpy", EXPECTED_SECRETS["jpy"], "Koto Sample Library", "¥4,800 one-time",
                      "open"),
        ScenarioEntry("expired", EXPECTED_SECRETS["expired"], "Fieldnotes Pro", "$49.00 one-time",
                      "expired"),
        ScenarioEntry("succeeded", EXPECTED_SECRETS["succeeded"], "Fieldnotes Pro",
                      "$49.00 one-time", "succeeded"),
        ScenarioEntry("custom-fields", EXPECTED_SECRETS["custom-fields"],
                      "Fernhill Pilot Programme", "Free", "open"),
        ScenarioEntry("every-choice", EXPECTED_SECRETS["every-choice"], "Lantern Membership",
                      "Pay what you want (min $5.00)", "open"),
        ScenarioEntry("already-subscribed", EXPECTED_SECRETS["already-subscribed"],
                      "Lantern Membership", "Pay what you want (min $5.00)", "open"),
    ]  # fmt: skip


def test_two_stores_seed_identical_sessions(store: Store) -> None:
    other = Store(FrozenClock(NOW))
    for name, secret in EXPECTED_SECRETS.items():
        assert other.get_json(secret) == store.get_json(secret), name


def test_ids_are_deterministic_version_4_uuids(store: Store) -> None:
    session = store.get_json(EXPECTED_SECRETS["discount"])
    ids = [session["id"], session["organization_id"], session["product_id"]]
    ids += [product["id"] for product in session["products"]]
    ids += [price["id"] for prices in session["prices"].values() for price in prices]
    for value in ids:
        assert UUID(value).version == 4
    assert session["id"] == "d0367771-1a64-4b41-a104-dac3589acf36"
    assert len(set(ids)) == len(ids) - 1  # product_id repeats the selected product


@pytest.mark.parametrize("name", LIVE_SCENARIOS)
async def test_every_live_scenario_loads(
    client: httpx.AsyncClient, secrets: dict[str, str], name: str
) -> None:
    session = await get_ok(client, secrets[name])
    assert session["client_secret"] == secrets[name]
    assert session["expires_at"] == timestamp(NOW + timedelta(hours=1))
    assert session["created_at"] == "2026-05-01T12:00:00Z"
    assert session["url"] == f"http://127.0.0.1/checkout/{secrets[name]}"
    assert session["product"]["id"] == session["product_id"]
    assert session["product_price"]["id"] == session["product_price_id"]


@pytest.mark.fidelity("expired")
async def test_expired_scenario_answers_410(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    response = await client.get(f"{BASE}/{secrets['expired']}")
    assert response.status_code == 410
    assert response.json() == {
        "error": "ExpiredCheckoutError",
        "detail": "This checkout session has expired.",
    }


STARTING_VALUES: dict[str, dict[str, Any]] = {
    "one-time": {"amount": 4900, "currency": "usd", "tax_amount": None, "total_amount": 4900,
                 "is_payment_required": True, "is_payment_setup_required": False,
                 "is_free_product_price": False, "seats": None, "trial_end": None},
    "subscription": {"amount": 1200, "currency": "eur", "tax_amount": None, "total_amount": 1200,
                     "is_payment_required": False, "is_payment_setup_required": True,
                     "is_payment_form_required": True, "active_trial_interval": "day",
                     "active_trial_interval_count": 14, "trial_end": "2026-05-15T12:00:00Z"},
    "pay-what-you-want": {"amount": 1500, "currency": "usd", "net_amount": 1500,
                          "is_discount_applicable": True},
    "free": {"amount": 0, "tax_amount": 0, "total_amount": 0, "is_free_product_price": True,
             "is_payment_required": False, "is_payment_setup_required": False,
             "is_payment_form_required": False, "is_discount_applicable": False},
    "seats": {"amount": 1500, "seats": 1, "min_seats": None, "max_seats": None,
              "is_payment_setup_required": True},
    "discount": {"amount": 7900, "allow_discount_codes": True, "discount": None,
                 "discount_amount": 0},
    "us-business": {"amount": 29900, "require_billing_address": True,
                    "billing_address_fields": {"country": "required", "state": "optional",
                                               "line1": "required", "line2": "optional",
                                               "city": "required", "postal_code": "required"}},
    "jpy": {"amount": 4800, "currency": "jpy", "locale": "ja"},
    "succeeded": {"status": "succeeded", "customer_name": "Ada Lovelace",
                  "tax_amount": 817, "tax_behavior": "inclusive", "net_amount": 4083,
                  "total_amount": 4900},
}  # fmt: skip


@pytest.mark.parametrize("name", list(STARTING_VALUES))
def test_scenario_starting_values(store: Store, name: str) -> None:
    session = store.get_json(EXPECTED_SECRETS[name])
    expected = STARTING_VALUES[name]
    assert {key: session[key] for key in expected} == expected


def test_units_keys_are_sent_and_null(store: Store) -> None:
    for secret in EXPECTED_SECRETS.values():
        session = store.get_json(secret)
        assert session["units"] is None
        assert session["min_units"] is None
        assert session["max_units"] is None
        assert session["subtotal_amount"] == session["net_amount"]


async def test_reset_restores_the_seeded_state(
    client: httpx.AsyncClient, store: Store, clock: FrozenClock, secrets: dict[str, str]
) -> None:
    secret = secrets["discount"]
    seeded = store.get_json(secret)
    await patch_ok(client, secret, {"customer_name": "Ada", "discount_code": "LAUNCH20"})
    assert store.get_json(secret) != seeded
    store.reset()
    assert store.get_json(secret) == seeded


async def test_reset_reseeds_times_from_the_clock(store: Store, clock: FrozenClock) -> None:
    clock.advance(timedelta(hours=5))
    assert store.scenarios()[0].status == "expired"
    store.reset()
    session = store.get_json(EXPECTED_SECRETS["one-time"])
    assert session["expires_at"] == "2026-05-01T18:00:00Z"
    assert store.scenarios()[0].status == "open"
    assert store.scenarios()[8].status == "expired"


def test_get_json_of_unknown_secret_raises_key_error(store: Store) -> None:
    with pytest.raises(KeyError):
        store.get_json("polar_c_unknown")


# -- amount arithmetic, per scenario and customer -----------------------------

CUSTOMERS: dict[str, dict[str, Any]] = {
    "no-address": {},
    "german-individual": {"customer_billing_address": GERMAN_ADDRESS},
    "german-business": {
        "is_business_customer": True,
        "customer_billing_address": GERMAN_ADDRESS,
        "customer_billing_name": "Muster GmbH",
        "customer_tax_id": GERMAN_VAT_ID,
    },
    "new-york": {"customer_billing_address": NEW_YORK_ADDRESS},
    "japan": {"customer_billing_address": {"country": "JP"}},
}


@pytest.mark.parametrize("customer", list(CUSTOMERS))
@pytest.mark.parametrize("name", UPDATABLE_SCENARIOS)
async def test_amount_arithmetic(
    client: httpx.AsyncClient, secrets: dict[str, str], name: str, customer: str
) -> None:
    session = await patch_ok(client, secrets[name], CUSTOMERS[customer])
    amount, discount = session["amount"], session["discount_amount"]
    net, tax = session["net_amount"], session["tax_amount"]
    assert 0 <= discount <= amount
    assert session["total_amount"] == net + (tax or 0)
    if session["tax_behavior"] == "inclusive":
        assert net == amount - discount - tax
        assert session["total_amount"] == amount - discount
    else:
        assert net == amount - discount
    if customer == "no-address":
        assert tax == (0 if not session["is_payment_form_required"] else None)
    elif session["is_payment_form_required"]:
        assert tax is not None
        assert session["tax_behavior"] in ("inclusive", "exclusive")
    else:
        assert tax == 0
    assert session["is_payment_required"] == (
        session["total_amount"] > 0 and session["trial_end"] is None
    )
    assert session["is_payment_form_required"] == (
        session["is_payment_required"] or session["is_payment_setup_required"]
    )
