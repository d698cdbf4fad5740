"""POST confirm: every missing piece in one 422, then confirmed, then succeeded on the clock.

Single-error refusals (404, 410, 409, 403s, the update rules) are rows of the
conformance table; here are the 422s that list several pieces, and what a
confirm that goes through leaves behind.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import httpx
import pytest

from tui.emulator.model.clock import FrozenClock
from tui.emulator.model.ids import stable_uuid
from tui.emulator.rules.lifecycle import SUCCESS_DELAY
from tui.emulator.store import Store

from .support import (
    BASE,
    CONFIRM_EMAIL,
    GERMAN_ADDRESS,
    LEGACY_BASE,
    TIDEWATER_MONTHLY,
    confirm,
    get_ok,
    patch_ok,
)

PRVE = "PolarRequestValidationError"
REQUIRED = "Field is required."
FULL_ADDRESS = "Full billing address is required."
TOKEN = "Confirmation token is required."


def missing(*loc: str) -> tuple[list[str], str, str]:
    return (["body", *loc], REQUIRED, "missing")


def items(response: httpx.Response) -> list[tuple[list[str], str, str]]:
    assert response.status_code == 422, response.text
    payload = response.json()
    assert payload["error"] == PRVE
    for item in payload["detail"]:
        assert "ctx" not in item
    return [(item["loc"], item["msg"], item["type"]) for item in payload["detail"]]


# -- every missing piece at once ----------------------------------------------------------------


@pytest.mark.fidelity("confirm-missing")
@pytest.mark.parametrize(
    ("scenario", "body", "expected"),
    [
        ("one-time", {}, [
            missing("customer_email"),
            missing("customer_billing_address"),
            missing("customer_billing_address", "country"),
            (["body", "confirmation_token_id"], TOKEN, "missing"),
        ]),
        ("us-business", {}, [
            missing("customer_email"),
            missing("customer_billing_address"),
            missing("customer_billing_address", "country"),
            missing("customer_billing_address", "line1"),
            missing("customer_billing_address", "postal_code"),
            missing("customer_billing_address", "city"),
            (["body", "customer_billing_address"], FULL_ADDRESS, "value_error"),
            (["body", "confirmation_token_id"], TOKEN, "missing"),
        ]),
        ("one-time", {"is_business_customer": True, "customer_email": CONFIRM_EMAIL,
                      "customer_billing_address": {"country": "US", "city": "Austin"},
                      "confirmation_token_id": "ctoken_test"}, [
            (["body", "customer_billing_address"], "Required tax location information is missing.",
             "value_error"),
            missing("customer_billing_name"),
            missing("customer_billing_address", "state"),
            missing("customer_billing_address", "line1"),
            missing("customer_billing_address", "postal_code"),
        ]),
        ("subscription", {"customer_email": CONFIRM_EMAIL, "payment_method_type": "upi",
                          "customer_billing_address": {"country": "IN"}}, [
            missing("customer_billing_address", "line1"),
            missing("customer_billing_address", "postal_code"),
            missing("customer_billing_address", "city"),
            (["body", "customer_billing_address"], FULL_ADDRESS, "value_error"),
            (["body", "confirmation_token_id"], TOKEN, "missing"),
        ]),
    ],
    ids=["one-time-empty", "require-billing-address-empty", "us-business-customer", "upi"],
)  # fmt: skip
async def test_every_missing_piece_in_one_422(
    client: httpx.AsyncClient,
    store: Store,
    secrets: dict[str, str],
    scenario: str,
    body: dict[str, Any],
    expected: list[tuple[list[str], str, str]],
) -> None:
    secret = secrets[scenario]
    before = store.get_json(secret)
    assert items(await confirm(client, secret, body)) == expected
    assert store.get_json(secret) == before  # the body's fields were not saved either


@pytest.mark.fidelity("confirm-missing")
async def test_full_address_message_carries_the_stored_address(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    secret = secrets["us-business"]
    await patch_ok(client, secret, {"customer_billing_address": {"country": "FR"}})
    response = await confirm(client, secret, {"customer_email": CONFIRM_EMAIL})
    detail = response.json()["detail"]
    full = next(item for item in detail if item["msg"] == FULL_ADDRESS)
    assert full["input"] == {
        "line1": None,
        "line2": None,
        "postal_code": None,
        "city": None,
        "state": None,
        "country": "FR",
    }
    assert [item["input"] for item in detail if item["msg"] == REQUIRED] == [None, None, None]


@pytest.mark.fidelity("confirm-missing")
async def test_attached_customer_needs_no_email(
    client: httpx.AsyncClient, store: Store, secrets: dict[str, str]
) -> None:
    secret = secrets["free"]
    customer = stable_uuid("test", "customer")
    store.edit(secret, customer_id=customer)
    response = await confirm(client, secret, {})
    assert response.status_code == 200, response.text
    assert response.json()["customer_id"] == str(customer)
    assert response.json()["customer_session_token"] is not None


@pytest.mark.fidelity("confirm-payment")
async def test_a_token_is_a_payment(client: httpx.AsyncClient, secrets: dict[str, str]) -> None:
    secret = secrets["one-time"]
    body = {"customer_email": CONFIRM_EMAIL, "customer_billing_address": GERMAN_ADDRESS}
    response = await confirm(client, secret, {**body, "confirmation_token_id": "ctoken_1"})
    assert response.status_code == 200, response.text
    session = response.json()
    assert (session["status"], session["total_amount"], session["tax_amount"]) == (
        "confirmed",
        4900,
        782,
    )


# -- confirmed, then succeeded ------------------------------------------------------------------


@pytest.mark.fidelity("confirm-free")
@pytest.mark.parametrize("prefix", [BASE, LEGACY_BASE])
async def test_free_session_confirms_then_succeeds_on_the_clock(
    client: httpx.AsyncClient, clock: FrozenClock, secrets: dict[str, str], prefix: str
) -> None:
    secret = secrets["free"]
    clock.advance(timedelta(minutes=1))
    response = await confirm(
        client, secret, {"customer_name": "Ada Lovelace", "customer_email": CONFIRM_EMAIL}, prefix
    )
    assert response.status_code == 200, response.text
    confirmed = response.json()
    assert confirmed["status"] == "confirmed"
    assert confirmed["modified_at"] == "2026-05-01T12:01:00Z"
    assert confirmed["customer_name"] == "Ada Lovelace"
    assert confirmed["customer_id"] == str(
        stable_uuid("customer", confirmed["organization_id"], CONFIRM_EMAIL)
    )
    assert re.fullmatch(r"polar_cst_[A-Za-z0-9]{43}", confirmed["customer_session_token"])
    assert "customer_session_token" not in await get_ok(client, secret)

    clock.advance(SUCCESS_DELAY - timedelta(microseconds=1))
    assert (await get_ok(client, secret))["status"] == "confirmed"
    clock.advance(timedelta(microseconds=1))
    succeeded = await get_ok(client, secret)
    assert succeeded["status"] == "succeeded"
    assert succeeded["modified_at"] == "2026-05-01T12:01:02Z"

    again = await confirm(client, secret, {})
    assert again.status_code == 403
    assert again.json()["error"] == "NotOpenCheckout"


async def test_customer_found_by_email_gets_no_session_token(
    client: httpx.AsyncClient, store: Store, secrets: dict[str, str]
) -> None:
    first = await confirm(client, secrets["free"], {"customer_email": CONFIRM_EMAIL})
    second_secret = store.create_session("free").client_secret
    second = await confirm(client, second_secret, {"customer_email": CONFIRM_EMAIL.upper()})
    assert second.status_code == 200, second.text
    assert second.json()["customer_id"] == first.json()["customer_id"]
    assert second.json()["customer_session_token"] is None
    assert first.json()["customer_session_token"] is not None


@pytest.mark.fidelity("confirm-free")
async def test_full_forever_discount_confirms_a_subscription_without_a_token(
    client: httpx.AsyncClient, clock: FrozenClock, secrets: dict[str, str]
) -> None:
    secret = secrets["subscription"]
    session = await patch_ok(client, secret, {"discount_code": "FOREVERFREE"})
    assert session["is_payment_form_required"] is False
    assert session["discount"]["duration"] == "forever"
    response = await confirm(client, secret, {"customer_email": CONFIRM_EMAIL})
    assert response.status_code == 200, response.text
    clock.advance(SUCCESS_DELAY)
    assert (await get_ok(client, secret))["status"] == "succeeded"


@pytest.mark.fidelity("flags")
async def test_repeating_discount_still_needs_a_payment_method(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    secret = secrets["subscription"]
    session = await patch_ok(client, secret, {"discount_code": "quarter25", "allow_trial": False})
    assert session["discount"]["duration"] == "repeating"
    assert session["discount"]["duration_in_months"] == 3
    assert session["product_id"] == str(TIDEWATER_MONTHLY.id)
    assert (session["discount_amount"], session["net_amount"]) == (300, 900)
    assert session["is_payment_form_required"] is True
    response = await confirm(client, secret, {"customer_email": CONFIRM_EMAIL})
    assert items(response)[-1] == (["body", "confirmation_token_id"], TOKEN, "missing")


@pytest.mark.fidelity("confirm-discount-redeemed")
async def test_confirm_redeems_the_discount(
    client: httpx.AsyncClient, store: Store, secrets: dict[str, str]
) -> None:
    secret = secrets["discount"]
    await patch_ok(client, secret, {"discount_code": "LASTONE"})
    response = await confirm(client, secret, {"customer_email": CONFIRM_EMAIL})
    assert response.status_code == 200, response.text
    other = store.create_session("discount").client_secret
    refused = await client.patch(f"{BASE}/{other}", json={"discount_code": "LASTONE"})
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["msg"] == "Discount does not exist."
    store.reset()  # forgets redemptions
    again = await patch_ok(client, secret, {"discount_code": "LASTONE"})
    assert again["discount"]["code"] == "LASTONE"
