"""Updates that succeed, the customer's side: normalisation, null semantics, address modes.

Also the keys an update accepts and does not apply: custom fields none is
attached for, an email a customer already owns, the confirm-only token.
"""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

import httpx
import pytest

from tui.emulator.model.clock import FrozenClock
from tui.emulator.store import Store

from .support import GERMAN_ADDRESS, GERMAN_VAT_ID, patch_ok

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


@pytest.mark.fidelity("address")
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


@pytest.mark.fidelity("address")
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


@pytest.mark.fidelity("body-trim")
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
            "payment_method_type": " card ",
        },
    )
    assert session["customer_name"] == "Ada Lovelace"
    assert session["customer_email"] == "Ada@example.com"
    assert session["customer_billing_name"] == "Analytical Engines Ltd"
    assert session["payment_method_type"] == "card"


@pytest.mark.fidelity("tax-id")
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


@pytest.mark.fidelity("body-null")
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
            "something_new": "ignored",
        },
    )
    assert session["customer_name"] is None
    assert session["customer_email"] is None
    assert session["customer_billing_address"]["country"] == "DE"  # null: no change
    assert session["amount"] == 2500  # null: no change
    assert session["is_business_customer"] is False


@pytest.mark.fidelity("body-unknown-keys")
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


@pytest.mark.fidelity("body-null", "body-trim")
async def test_empty_name_means_null(client: httpx.AsyncClient, secrets: dict[str, str]) -> None:
    secret = secrets["one-time"]
    await patch_ok(client, secret, {"customer_name": "Ada"})
    session = await patch_ok(client, secret, {"customer_name": "   "})
    assert session["customer_name"] is None


@pytest.mark.fidelity("business-off")
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


@pytest.mark.fidelity("body-null")
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


@pytest.mark.fidelity("address-modes")
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


# -- keys that are accepted and not applied ---------------------------------------------


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


async def test_update_ignores_the_confirm_only_token(
    client: httpx.AsyncClient, store: Store, secrets: dict[str, str]
) -> None:
    secret = secrets["one-time"]
    session = await patch_ok(client, secret, {"confirmation_token_id": 7, "customer_name": "Ada"})
    assert session["status"] == "open"
    assert session["customer_name"] == "Ada"
    assert "confirmation_token_id" not in session
