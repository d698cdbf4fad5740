"""Conformance rows refused by Polar's request schema (`RequestValidationError`), and its items.

Rows and runner: `conformance.py`. Then the 422s of several items at once, what
each item echoes (`input`, `ctx`), a country outside Polar's enum and the JSON
encoding of a NUL in the echoed input.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from tui.emulator.store import Store

from .conformance import INVALID_CHARS, NOT_A_COUNTRY, RVE, Row, check_row, proving
from .support import BASE

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
]  # fmt: skip
RULES = {
    "name-too-long": ("body-schema",),
    "name-untrimmed-too-long": ("body-schema",),
    "name-nul": ("body-trim",),
    "billing-name-nul": ("body-trim",),
    "tax-id-nul": ("body-trim",),
    "discount-code-nul": ("body-trim",),
    "custom-field-key-nul": ("body-trim",),
    "address-part-nul": ("body-trim",),
    "email-no-at": ("email",),
    "email-blank": ("email",),
    "email-no-dot": ("email",),
    "country-missing": ("address",),
    "country-padded": ("address",),
    "country-null": ("address",),
    "country-number": ("address",),
    "address-not-object": ("address",),
    "us-state-lowercase": ("address",),
    "us-state-puerto-rico": ("address",),
    "us-state-wrong-prefix": ("address",),
    "ca-province-unknown": ("address",),
    "amount-negative": ("body-schema",),
    "amount-text": ("body-schema",),
    "amount-fraction": ("body-schema",),
    "seats-zero": ("body-schema",),
    "seats-over-schema-limit": ("body-schema",),
    "units-zero": ("body-schema",),
    "business-not-bool": ("body-schema",),
    "product-id-not-uuid": ("body-schema",),
    "product-id-uuid1": ("body-schema",),
    "allow-trial-true": ("body-schema",),
    "locale-underscore": ("body-schema",),
    "custom-fields-null": ("body-schema",),
    "body-not-object": ("body-schema",),
    "schema-before-rules": ("validation-errors",),
    "schema-before-expiry": ("validation-errors",),
    "schema-before-not-found": ("validation-errors",),
}


@pytest.mark.parametrize("row", proving(ROWS, RULES))
async def test_conformance(
    row: Row, client: httpx.AsyncClient, store: Store, secrets: dict[str, str]
) -> None:
    await check_row(row, client, store, secrets)


@pytest.mark.fidelity("body-unknown-keys", "body-schema", "validation-errors")
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


@pytest.mark.fidelity("validation-errors")
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


@pytest.mark.fidelity("address")
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


@pytest.mark.fidelity("address")
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


@pytest.mark.fidelity("body-trim")
async def test_json_encoding_of_nul_input(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    response = await client.patch(f"{BASE}/{secrets['one-time']}", json={"customer_name": "a\x00"})
    assert '"a\\u0000"' in response.text
    assert json.loads(response.text)["detail"][0]["input"] == "a\x00"
