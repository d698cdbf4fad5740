"""One row per rule or error: request -> status, `error`, `loc`, `msg` (and `type`).

Rows PATCH the session, or POST its confirm when `route` says so. Every failing
row also checks that nothing was applied: the stored session is the same before
and after the refused request. Confirm's 422s that list several pieces at once
are in `test_emulator_confirm`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.fixtures import CONTRACT
from tui.emulator.model.ids import stable_uuid
from tui.emulator.store import Store

from .support import (
    BASE,
    CONFIRM_EMAIL,
    FIELDNOTES,
    GERMAN_ADDRESS,
    GERMAN_VAT_ID,
    NEW_YORK_ADDRESS,
    TIDEWATER_MONTHLY,
    TIDEWATER_YEARLY,
    TIP_JAR,
    UNITS_SWITCH,
    patch_ok,
    redeem_elsewhere,
    without_payments,
)

RVE = "RequestValidationError"
PRVE = "PolarRequestValidationError"
INVALID_CHARS = "Value error, This value contains invalid characters"


def _accepted_countries() -> list[str]:
    schemas = json.loads(CONTRACT.read_text(encoding="utf-8"))["components"]["schemas"]
    accepted: list[str] = schemas["AddressInput"]["properties"]["country"]["enum"]
    return accepted


ACCEPTED_COUNTRIES = _accepted_countries()
NOT_A_COUNTRY = (
    "Input should be "
    + ", ".join(f"'{code}'" for code in ACCEPTED_COUNTRIES[:-1])
    + f" or '{ACCEPTED_COUNTRIES[-1]}'"
)
"""Pydantic's message for a value outside Polar's country enum."""


@dataclass(frozen=True)
class Row:
    id: str
    scenario: str
    body: Any
    status: int
    error: str
    loc: tuple[str | int, ...] | None
    msg: str
    type: str | None = None
    before: tuple[dict[str, Any], ...] = ()
    """PATCHes applied first, each must succeed."""
    setup: Callable[[Store, str], None] | None = None
    """Then this, with the store and the row's secret (locks, blocks, other sessions)."""
    route: str = ""
    """"" for PATCH, "/confirm" for POST confirm."""


CONFIRM = "/confirm"


def _lock(store: Store, secret: str) -> None:
    store.lock(secret)


def _block(store: Store, secret: str) -> None:
    store.block_organization(secret)


def _friends_redeemed(store: Store, secret: str) -> None:
    redeem_elsewhere(store, "FRIENDS")


def _last_one_redeemed(store: Store, secret: str) -> None:
    redeem_elsewhere(store, "LASTONE", "grace@example.com")


PER_CUSTOMER_LIMIT = (
    "You have already redeemed this discount the maximum number of times allowed per customer."
)
LOCKED = "Checkout is currently being processed. Please try again."


ROWS = [
    # -- schema checks: RequestValidationError --------------------------------------
    Row("name-too-long", "one-time", {"customer_name": "x" * 257}, 422, RVE,
        ("body", "customer_name"), "String should have at most 256 characters", "string_too_long"),
    Row("name-untrimmed-too-long", "one-time", {"customer_name": " " * 10 + "x" * 250}, 422, RVE,
        ("body", "customer_name"), "String should have at most 256 characters", "string_too_long"),
    Row("name-nul", "one-time", {"customer_name": "Ada\x00"}, 422, RVE,
        ("body", "customer_name"), INVALID_CHARS, "value_error"),
    Row("billing-name-nul", "one-time", {"customer_billing_name": "A\x00B"}, 422, RVE,
        ("body", "customer_billing_name"), INVALID_CHARS, "value_error"),
    Row("tax-id-nul", "one-time", {"customer_tax_id": "DE\x00"}, 422, RVE,
        ("body", "customer_tax_id"), INVALID_CHARS, "value_error"),
    Row("discount-code-nul", "discount", {"discount_code": "LAUNCH\x0020"}, 422, RVE,
        ("body", "discount_code"), INVALID_CHARS, "value_error"),
    Row("custom-field-key-nul", "one-time", {"custom_field_data": {"a\x00": "b"}}, 422, RVE,
        ("body", "custom_field_data"), INVALID_CHARS, "value_error"),
    Row("address-part-nul", "one-time",
        {"customer_billing_address": {"country": "DE", "city": "B\x00"}}, 422, RVE,
        ("body", "customer_billing_address", "city"), INVALID_CHARS, "value_error"),
    Row("email-no-at", "one-time", {"customer_email": "ada.example.com"}, 422, RVE,
        ("body", "customer_email"),
        "value is not a valid email address: An email address must have an @-sign.", "value_error"),
    Row("email-blank", "one-time", {"customer_email": "  "}, 422, RVE, ("body", "customer_email"),
        "value is not a valid email address: An email address must have an @-sign.", "value_error"),
    Row("email-no-dot", "one-time", {"customer_email": "ada@example"}, 422, RVE,
        ("body", "customer_email"),
        "value is not a valid email address: The part after the @-sign is not valid. "
        "It should have a period.", "value_error"),
    Row("country-missing", "one-time", {"customer_billing_address": {"city": "Berlin"}}, 422, RVE,
        ("body", "customer_billing_address", "country"), "Field required", "missing"),
    Row("country-padded", "one-time", {"customer_billing_address": {"country": " de"}}, 422, RVE,
        ("body", "customer_billing_address", "country"), NOT_A_COUNTRY, "enum"),
    Row("country-null", "one-time", {"customer_billing_address": {"country": None}}, 422, RVE,
        ("body", "customer_billing_address", "country"), NOT_A_COUNTRY, "enum"),
    Row("country-number", "one-time", {"customer_billing_address": {"country": 123}}, 422, RVE,
        ("body", "customer_billing_address", "country"), NOT_A_COUNTRY, "enum"),
    Row("address-not-object", "one-time", {"customer_billing_address": "DE"}, 422, RVE,
        ("body", "customer_billing_address"),
        "Input should be a valid dictionary or instance of AddressInput", "model_type"),
    Row("us-state-lowercase", "one-time",
        {"customer_billing_address": {"country": "US", "state": "ca"}}, 422, RVE,
        ("body", "customer_billing_address"), "Value error, Invalid US state", "value_error"),
    Row("us-state-puerto-rico", "one-time",
        {"customer_billing_address": {"country": "US", "state": "PR"}}, 422, RVE,
        ("body", "customer_billing_address"), "Value error, Invalid US state", "value_error"),
    Row("us-state-wrong-prefix", "one-time",
        {"customer_billing_address": {"country": "US", "state": "CA-ON"}}, 422, RVE,
        ("body", "customer_billing_address"), "Value error, Invalid US state", "value_error"),
    Row("ca-province-unknown", "one-time",
        {"customer_billing_address": {"country": "CA", "state": "XX"}}, 422, RVE,
        ("body", "customer_billing_address"), "Value error, Invalid CA subdivision", "value_error"),
    Row("amount-negative", "pay-what-you-want", {"amount": -1}, 422, RVE, ("body", "amount"),
        "Input should be greater than or equal to 0", "greater_than_equal"),
    Row("amount-text", "pay-what-you-want", {"amount": "ten"}, 422, RVE, ("body", "amount"),
        "Input should be a valid integer, unable to parse string as an integer", "int_parsing"),
    Row("amount-fraction", "pay-what-you-want", {"amount": 12.5}, 422, RVE, ("body", "amount"),
        "Input should be a valid integer, got a number with a fractional part", "int_from_float"),
    Row("seats-zero", "seats", {"seats": 0}, 422, RVE, ("body", "seats"),
        "Input should be greater than or equal to 1", "greater_than_equal"),
    Row("seats-over-schema-limit", "seats", {"seats": 10_001}, 422, RVE, ("body", "seats"),
        "Input should be less than or equal to 10000", "less_than_equal"),
    Row("units-zero", "seats", {"units": 0}, 422, RVE, ("body", "units"),
        "Input should be greater than or equal to 1", "greater_than_equal"),
    Row("business-not-bool", "one-time", {"is_business_customer": "maybe"}, 422, RVE,
        ("body", "is_business_customer"),
        "Input should be a valid boolean, unable to interpret input", "bool_parsing"),
    Row("product-id-not-uuid", "subscription", {"product_id": "not-a-uuid"}, 422, RVE,
        ("body", "product_id"), "Input should be a valid UUID, invalid character: found `n` at 0",
        "uuid_parsing"),
    Row("product-id-uuid1", "subscription", {"product_id": "6ba7b810-9dad-11d1-80b4-00c04fd430c8"},
        422, RVE, ("body", "product_id"), "UUID version 4 expected", "uuid_version"),
    Row("allow-trial-true", "subscription", {"allow_trial": True}, 422, RVE,
        ("body", "allow_trial"), "Input should be False", "literal_error"),
    Row("locale-underscore", "one-time", {"locale": "en_US"}, 422, RVE, ("body", "locale"),
        "Value error, Invalid IETF BCP 47 language tag", "value_error"),
    Row("custom-fields-null", "one-time", {"custom_field_data": None}, 422, RVE,
        ("body", "custom_field_data"), "Input should be a valid dictionary", "dict_type"),
    Row("body-not-object", "one-time", [{"customer_name": "Ada"}], 422, RVE, ("body",),
        "Input should be a valid dictionary or object to extract fields from",
        "model_attributes_type"),
    Row("schema-before-rules", "seats", {"seats": 0, "discount_code": "NOPE", "units": 3}, 422, RVE,
        ("body", "seats"), "Input should be greater than or equal to 1", "greater_than_equal"),
    Row("schema-before-expiry", "expired", {"amount": -5}, 422, RVE, ("body", "amount"),
        "Input should be greater than or equal to 0", "greater_than_equal"),
    Row("schema-before-not-found", "unknown", {"seats": 0}, 422, RVE, ("body", "seats"),
        "Input should be greater than or equal to 1", "greater_than_equal"),
    # -- Polar's own rules: PolarRequestValidationError --------------------------
    Row("product-not-in-checkout", "subscription", {"product_id": str(FIELDNOTES.id)}, 422, PRVE,
        ("body", "product_id"), "Product is not available in this checkout.", "value_error"),
    Row("price-not-of-product", "subscription",
        {"product_id": str(TIDEWATER_MONTHLY.id),
         "product_price_id": str(TIDEWATER_YEARLY.prices[0].id)}, 422, PRVE,
        ("body", "product_price_id"), "Price is not available in this checkout.", "value_error"),
    Row("amount-below-minimum", "pay-what-you-want", {"amount": 499}, 422, PRVE, ("body", "amount"),
        "Amount is below minimum.", "greater_than_equal"),
    Row("amount-zero-below-minimum", "pay-what-you-want", {"amount": 0}, 422, PRVE,
        ("body", "amount"), "Amount is below minimum.", "greater_than_equal"),
    Row("amount-above-maximum", "pay-what-you-want", {"amount": 100_001}, 422, PRVE,
        ("body", "amount"), "Amount is above maximum.", "less_than_equal"),
    Row("amount-below-yen-floor", "jpy", {"product_id": str(TIP_JAR.id), "amount": 79}, 422, PRVE,
        ("body", "amount"), "Amount must be 0 or at least ¥80.", "invalid_amount"),
    Row("amount-above-yen-ceiling", "jpy", {"amount": 100_000_000},
        422, PRVE, ("body", "amount"), "Amount must be at most ¥99,999,999.", "less_than_equal",
        before=({"product_id": str(TIP_JAR.id)},)),
    Row("rules-stop-at-first", "pay-what-you-want", {"amount": 1, "seats": 3, "units": 2}, 422,
        PRVE, ("body", "amount"), "Amount is below minimum.", "greater_than_equal"),
    Row("seats-above-tiers", "seats", {"seats": 51}, 422, PRVE, ("body", "seats"),
        "Maximum 50 seats allowed.", "less_than_equal"),
    Row("seats-on-fixed-price", "one-time", {"seats": 2}, 422, PRVE, ("body", "seats"),
        "Seats can only be set for seat-based pricing.", "value_error"),
    Row("units-on-seat-price", "seats", {"units": 2}, 422, PRVE, ("body", "units"),
        "Units can only be set for unit-based pricing.", "value_error"),
    Row("discount-unknown", "discount", {"discount_code": "NOPE"}, 422, PRVE,
        ("body", "discount_code"), "Discount does not exist.", "value_error"),
    Row("discount-blank", "discount", {"discount_code": "  "}, 422, PRVE,
        ("body", "discount_code"), "Discount does not exist.", "value_error"),
    Row("discount-ended", "discount", {"discount_code": "SUMMER23"}, 422, PRVE,
        ("body", "discount_code"), "Discount does not exist.", "value_error"),
    Row("discount-other-product", "discount", {"discount_code": "STARTER50"}, 422, PRVE,
        ("body", "discount_code"), "Discount does not exist.", "value_error"),
    Row("discount-other-currency", "discount", {"discount_code": "EURO10"}, 422, PRVE,
        ("body", "discount_code"), "Discount does not exist.", "value_error"),
    Row("discount-on-free-product", "free", {"discount_code": "LAUNCH20"}, 422, PRVE,
        ("body", "discount_code"), "Discounts are not applicable to this product.", "value_error"),
    Row("tax-id-without-country", "one-time", {"customer_tax_id": GERMAN_VAT_ID}, 422, PRVE,
        ("body", "customer_billing_address"), "Country is required to validate tax ID.", "missing"),
    Row("tax-id-invalid", "one-time",
        {"customer_billing_address": GERMAN_ADDRESS, "customer_tax_id": "DE136695977"}, 422, PRVE,
        ("body", "customer_tax_id"), "Invalid tax ID.", "value_error"),
    Row("tax-id-revalidated-on-country-change", "one-time",
        {"customer_billing_address": NEW_YORK_ADDRESS}, 422, PRVE, ("body", "customer_tax_id"),
        "Invalid tax ID.", "value_error",
        before=({"is_business_customer": True, "customer_billing_address": GERMAN_ADDRESS,
                 "customer_tax_id": GERMAN_VAT_ID},)),
    Row("tax-id-revalidated-on-any-update", "one-time",
        {"customer_name": "Ada", "customer_tax_id": "123"}, 422, PRVE,
        ("body", "customer_tax_id"), "Invalid tax ID.", "value_error",
        before=({"customer_billing_address": GERMAN_ADDRESS},)),
    # -- not a 422 -----------------------------------------------------------------
    Row("unknown-secret", "unknown", {"customer_name": "Ada"}, 404, "ResourceNotFound", None,
        "Not found"),
    Row("expired-session", "expired", {"customer_name": "Ada"}, 410, "ExpiredCheckoutError", None,
        "This checkout session has expired."),
    Row("succeeded-session", "succeeded", {}, 403, "NotOpenCheckout", None,
        f"Checkout {stable_uuid('session', 'succeeded')} is not open: succeeded"),
    Row("locked", "one-time", {"customer_name": "Ada"}, 409, "CheckoutLocked", None, LOCKED,
        setup=_lock),
    Row("locked-before-expired", "expired", {"customer_name": "Ada"}, 409, "CheckoutLocked", None,
        LOCKED, setup=_lock),
    Row("blocked-organization", "one-time", {"customer_name": "Ada"}, 403, "NotPermitted", None,
        "Not permitted", setup=_block),
    Row("blocked-after-expired", "expired", {}, 410, "ExpiredCheckoutError", None,
        "This checkout session has expired.", setup=_block),
    Row("per-customer-discount-limit", "discount",
        {"customer_email": CONFIRM_EMAIL, "discount_code": "FRIENDS"}, 403,
        "DiscountRedemptionLimitReached", None, PER_CUSTOMER_LIMIT, setup=_friends_redeemed),
    Row("per-customer-limit-ignores-alias-and-case", "discount",
        {"customer_email": "Ada+gifts@Example.com", "discount_code": "friends"}, 403,
        "DiscountRedemptionLimitReached", None, PER_CUSTOMER_LIMIT, setup=_friends_redeemed),
    Row("per-customer-limit-on-a-later-email", "discount", {"customer_email": CONFIRM_EMAIL}, 403,
        "DiscountRedemptionLimitReached", None, PER_CUSTOMER_LIMIT,
        before=({"discount_code": "FRIENDS"},), setup=_friends_redeemed),
    # -- discounts: redemption limits and dates ------------------------------------------------
    Row("discount-sold-out", "discount", {"discount_code": "EARLYBIRD"}, 422, PRVE,
        ("body", "discount_code"), "Discount does not exist.", "value_error"),
    Row("discount-used-up-by-a-confirm", "discount", {"discount_code": "LASTONE"}, 422, PRVE,
        ("body", "discount_code"), "Discount does not exist.", "value_error",
        setup=_last_one_redeemed),
    Row("discount-not-started", "discount", {"discount_code": "NEXTYEAR"}, 422, PRVE,
        ("body", "discount_code"), "Discount does not exist.", "value_error"),
    # -- unit-based prices -----------------------------------------------------------------
    Row("units-below-minimum", "seats", {"units": 9}, 422, PRVE, ("body", "units"),
        "Minimum 10 units required.", "greater_than_equal", before=(UNITS_SWITCH,)),
    Row("units-above-last-tier", "seats", {"units": 10_001}, 422, PRVE, ("body", "units"),
        "Maximum 10000 units allowed.", "less_than_equal", before=(UNITS_SWITCH,)),
    Row("units-narrowed-by-session", "seats", {"units": 60}, 422, PRVE, ("body", "units"),
        "Maximum 50 units allowed.", "less_than_equal", before=(UNITS_SWITCH,),
        setup=lambda store, secret: store.edit(secret, max_units=50)),
    Row("units-switch-below-minimum", "seats", {**UNITS_SWITCH, "units": 5}, 422, PRVE,
        ("body", "units"), "Minimum 10 units required.", "greater_than_equal"),
    Row("seats-on-unit-price", "seats", {"seats": 3}, 422, PRVE, ("body", "seats"),
        "Seats can only be set for seat-based pricing.", "value_error", before=(UNITS_SWITCH,)),
    # -- confirm -------------------------------------------------------------------------------
    Row("confirm-schema-first", "expired", {"amount": -1}, 422, RVE,
        ("body", "amount"), "Input should be greater than or equal to 0", "greater_than_equal",
        route=CONFIRM),
    Row("confirm-token-not-a-string", "one-time", {"confirmation_token_id": 7}, 422, RVE,
        ("body", "confirmation_token_id"), "Input should be a valid string", "string_type",
        route=CONFIRM),
    Row("confirm-token-nul", "one-time", {"confirmation_token_id": "ctoken_\x00"}, 422, RVE,
        ("body", "confirmation_token_id"), INVALID_CHARS, "value_error", route=CONFIRM),
    Row("confirm-unknown-secret", "unknown", {}, 404, "ResourceNotFound", None, "Not found",
        route=CONFIRM),
    Row("confirm-expired", "expired", {}, 410, "ExpiredCheckoutError", None,
        "This checkout session has expired.", route=CONFIRM),
    Row("confirm-locked", "free", {"customer_email": CONFIRM_EMAIL}, 409, "CheckoutLocked", None,
        LOCKED, setup=_lock, route=CONFIRM),
    Row("confirm-blocked", "free", {"customer_email": CONFIRM_EMAIL}, 403, "NotPermitted", None,
        "Not permitted", setup=_block, route=CONFIRM),
    Row("confirm-not-open", "succeeded", {}, 403, "NotOpenCheckout", None,
        f"Checkout {stable_uuid('session', 'succeeded')} is not open: succeeded", route=CONFIRM),
    Row("confirm-update-rules-first", "free", {"discount_code": "LAUNCH20"}, 422, PRVE,
        ("body", "discount_code"), "Discounts are not applicable to this product.", "value_error",
        route=CONFIRM),
    Row("confirm-email-required", "free", {"customer_name": "Ada"}, 422, PRVE,
        ("body", "customer_email"), "Field is required.", "missing", route=CONFIRM),
    Row("confirm-token-required", "one-time",
        {"customer_email": CONFIRM_EMAIL, "customer_billing_address": {"country": "DE"}}, 422, PRVE,
        ("body", "confirmation_token_id"), "Confirmation token is required.", "missing",
        route=CONFIRM),
    Row("confirm-payment-not-ready", "one-time", {"confirmation_token_id": "ctoken_1"}, 403,
        "PaymentNotReady", None, "Organization is not ready to accept payments",
        setup=without_payments, route=CONFIRM),
    Row("confirm-discount-no-longer-redeemable", "discount", {}, 422, PRVE,
        ("body", "discount_id"), "Discount is no longer redeemable.", "value_error",
        before=({"discount_code": "LASTONE", "customer_email": "erika@example.de"},),
        setup=_last_one_redeemed, route=CONFIRM),
    Row("confirm-per-customer-discount-limit", "discount",
        {"discount_code": "FRIENDS", "customer_email": CONFIRM_EMAIL}, 403,
        "DiscountRedemptionLimitReached", None, PER_CUSTOMER_LIMIT, setup=_friends_redeemed,
        route=CONFIRM),
]  # fmt: skip


def _secret(secrets: dict[str, str], scenario: str) -> str:
    return secrets.get(scenario, "polar_c_" + "x" * 43)


def _stored(store: Store, secret: str) -> dict[str, Any] | None:
    try:
        return store.get_json(secret)
    except KeyError:
        return None


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
async def test_conformance(
    row: Row, client: httpx.AsyncClient, store: Store, secrets: dict[str, str]
) -> None:
    secret = _secret(secrets, row.scenario)
    for body in row.before:
        await patch_ok(client, secret, body)
    if row.setup is not None:
        row.setup(store, secret)
    stored_before = _stored(store, secret)

    method = "POST" if row.route == CONFIRM else "PATCH"
    response = await client.request(method, f"{BASE}/{secret}{row.route}", json=row.body)

    assert response.status_code == row.status, response.text
    payload = response.json()
    assert payload["error"] == row.error
    if row.status == 422:
        assert payload["detail"] == [
            {**payload["detail"][0], "loc": list(row.loc or ()), "msg": row.msg, "type": row.type}
        ]
        assert "input" in payload["detail"][0]
        if row.error == PRVE:
            # Polar's own rule errors carry no context.
            assert "ctx" not in payload["detail"][0]
    else:
        assert payload == {"error": row.error, "detail": row.msg}
    assert _stored(store, secret) == stored_before


async def test_schema_errors_come_all_together(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    body = {
        "customer_name": "x" * 300,
        "customer_email": "nope",
        "customer_billing_address": {"country": "US", "state": "PR"},
        "amount": -1,
        "seats": 0,
        "locale": "??",
        "unknown_key": {"is": "ignored"},
    }
    response = await client.patch(f"{BASE}/{secrets['seats']}", json=body)
    assert response.status_code == 422
    payload = response.json()
    assert payload["error"] == RVE
    # In the order Polar's model declares its fields.
    assert [(item["loc"], item["msg"]) for item in payload["detail"]] == [
        (["body", "amount"], "Input should be greater than or equal to 0"),
        (["body", "seats"], "Input should be greater than or equal to 1"),
        (["body", "customer_name"], "String should have at most 256 characters"),
        (["body", "customer_email"],
         "value is not a valid email address: An email address must have an @-sign."),
        (["body", "customer_billing_address"], "Value error, Invalid US state"),
        (["body", "locale"], "Value error, Invalid IETF BCP 47 language tag"),
    ]  # fmt: skip


async def test_error_items_carry_input_and_context(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    address = {"country": "US", "state": "ca"}
    response = await client.patch(
        f"{BASE}/{secrets['one-time']}",
        json={"customer_billing_address": address, "customer_name": "y" * 257},
    )
    name_error, state_error = response.json()["detail"]
    assert name_error["input"] == "y" * 257
    assert name_error["ctx"] == {"max_length": 256}
    assert state_error["input"] == address
    assert state_error["ctx"] == {"error": {}}


@pytest.mark.parametrize(
    ("country", "echoed"),
    [
        ("RU", "RU"),
        ("ru", "RU"),
        ("XX", "XX"),
        ("", ""),
        (" de", " DE"),  # upper-cased, never trimmed
        ("DE ", "DE "),
        (None, None),
        (123, 123),
        (["DE"], ["DE"]),
    ],
)
async def test_a_country_outside_the_enum_names_every_accepted_code(
    client: httpx.AsyncClient, secrets: dict[str, str], country: Any, echoed: Any
) -> None:
    address = {"country": country, "state": "anything", "city": "Berlin"}
    response = await client.patch(
        f"{BASE}/{secrets['one-time']}", json={"customer_billing_address": address}
    )
    assert response.status_code == 422
    assert response.json()["error"] == RVE
    (item,) = response.json()["detail"]
    assert item == {
        "type": "enum",
        "loc": ["body", "customer_billing_address", "country"],
        "msg": NOT_A_COUNTRY,
        "input": echoed,
        "ctx": {"expected": NOT_A_COUNTRY.removeprefix("Input should be ")},
    }


async def test_a_bad_country_is_reported_with_the_other_address_parts(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    address = {"country": None, "line1": 5}
    response = await client.patch(
        f"{BASE}/{secrets['one-time']}", json={"customer_billing_address": address}
    )
    assert response.status_code == 422
    assert [(item["type"], item["loc"][-1]) for item in response.json()["detail"]] == [
        ("string_type", "line1"),
        ("enum", "country"),
    ]


@pytest.mark.parametrize(
    ("content", "headers", "expected"),
    [
        (
            b"{not json",
            {"content-type": "application/json"},
            {
                "type": "json_invalid",
                "loc": ["body", 1],
                "msg": "JSON decode error",
                "input": {},
                "ctx": {"error": "Expecting property name enclosed in double quotes"},
            },
        ),
        (
            b"",
            {"content-type": "application/json"},
            {"type": "missing", "loc": ["body"], "msg": "Field required", "input": None},
        ),
        (
            b"customer_name=Ada",
            {"content-type": "application/x-www-form-urlencoded"},
            {
                "type": "model_attributes_type",
                "loc": ["body"],
                "msg": "Input should be a valid dictionary or object to extract fields from",
                "input": "customer_name=Ada",
            },
        ),
        (
            b'{"customer_name": "Ada"}',
            {},
            {
                "type": "model_attributes_type",
                "loc": ["body"],
                "msg": "Input should be a valid dictionary or object to extract fields from",
                "input": '{"customer_name": "Ada"}',
            },
        ),
    ],
    ids=["invalid-json", "empty-body", "not-json", "json-without-content-type"],
)
async def test_unreadable_bodies(
    client: httpx.AsyncClient,
    secrets: dict[str, str],
    content: bytes,
    headers: dict[str, str],
    expected: dict[str, Any],
) -> None:
    response = await client.patch(f"{BASE}/{secrets['one-time']}", content=content, headers=headers)
    assert response.status_code == 422
    assert response.json() == {"error": RVE, "detail": [expected]}


UNPARSABLE_BODIES = {
    # json.loads raises ValueError, UnicodeDecodeError, RecursionError: not JSONDecodeError.
    "integer-over-4300-digits": b'{"amount": ' + b"9" * 4301 + b"}",
    "invalid-utf-8": b'{"customer_name": "Ad\xff"}',
    "nested-too-deep": b'{"custom_field_data": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
}


@pytest.mark.parametrize("route", ["", CONFIRM], ids=["update", "confirm"])
@pytest.mark.parametrize("content", UNPARSABLE_BODIES.values(), ids=list(UNPARSABLE_BODIES))
async def test_bodies_json_cannot_parse_get_fastapis_400(
    client: httpx.AsyncClient, store: Store, secrets: dict[str, str], content: bytes, route: str
) -> None:
    secret = secrets["pay-what-you-want"]
    before = store.get_json(secret)
    method = "POST" if route == CONFIRM else "PATCH"
    response = await client.request(
        method,
        f"{BASE}/{secret}{route}",
        content=content,
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "There was an error parsing the body"}
    assert store.get_json(secret) == before


@pytest.mark.parametrize(
    "content_type",
    ["application/json", "Application/JSON; charset=utf-8", "application/merge-patch+json"],
)
async def test_json_media_types_are_read_as_json(
    client: httpx.AsyncClient, secrets: dict[str, str], content_type: str
) -> None:
    response = await client.patch(
        f"{BASE}/{secrets['one-time']}",
        content=b'{"customer_name": "Ada"}',
        headers={"content-type": content_type},
    )
    assert response.status_code == 200, response.text
    assert response.json()["customer_name"] == "Ada"


async def test_failed_update_applies_nothing_even_when_other_keys_were_fine(
    client: httpx.AsyncClient, store: Store, secrets: dict[str, str]
) -> None:
    secret = secrets["one-time"]
    before = store.get_json(secret)
    response = await client.patch(
        f"{BASE}/{secret}",
        json={
            "customer_name": "Grace Hopper",
            "customer_billing_address": GERMAN_ADDRESS,
            "customer_tax_id": "not a vat id",
        },
    )
    assert response.status_code == 422
    after = store.get_json(secret)
    assert after == before
    assert after["customer_name"] is None
    assert after["customer_billing_address"] is None


async def test_json_encoding_of_nul_input(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    response = await client.patch(f"{BASE}/{secrets['one-time']}", json={"customer_name": "a\x00"})
    assert '"a\\u0000"' in response.text
    assert json.loads(response.text)["detail"][0]["input"] == "a\x00"
