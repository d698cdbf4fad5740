"""Every response validates against Polar's OpenAPI `CheckoutPublic` (additional keys allowed).

The document's `oneOf` unions rely on discriminators plain JSON Schema ignores,
so before validating, each union is rewritten to pick its branch the way
Polar's pydantic models do: prices by `amount_type` (legacy ones by their
`type` key), discounts by `type` and `duration`.
"""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any
from uuid import UUID

import httpx
import pytest
from jsonschema import (  # type: ignore[import-untyped]
    Draft202012Validator,
    FormatChecker,
    ValidationError,
)
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tui.emulator.scenarios import TIP_JAR

from .support import (
    GERMAN_ADDRESS,
    GERMAN_VAT_ID,
    LIVE_SCENARIOS,
    NEW_YORK_ADDRESS,
    get_ok,
    patch_ok,
)

SCHEMAS = "#/components/schemas/"
LEGACY_PRICE = SCHEMAS + "LegacyRecurringProductPrice"
PRICE = SCHEMAS + "ProductPrice"
DISCOUNT_BRANCHES = {
    ("fixed", "once"): "CheckoutDiscountFixedOnceForeverDuration",
    ("fixed", "forever"): "CheckoutDiscountFixedOnceForeverDuration",
    ("fixed", "repeating"): "CheckoutDiscountFixedRepeatDuration",
    ("percentage", "once"): "CheckoutDiscountPercentageOnceForeverDuration",
    ("percentage", "forever"): "CheckoutDiscountPercentageOnceForeverDuration",
    ("percentage", "repeating"): "CheckoutDiscountPercentageRepeatDuration",
}


def _when(conditions: dict[str, Any], target: str) -> dict[str, Any]:
    properties = {key: {"const": value} for key, value in conditions.items()}
    return {
        "if": {"properties": properties, "required": list(conditions)},
        "then": {"$ref": target},
    }


def _discriminated(node: dict[str, Any]) -> dict[str, Any] | None:
    """The if/then form of a `oneOf` union, or None when the node is not one we rewrite."""
    refs = [branch.get("$ref") for branch in node.get("oneOf", [])]
    discriminator = node.get("discriminator")
    if discriminator and "mapping" in discriminator:
        key = discriminator["propertyName"]
        mapping = discriminator["mapping"]
        return {
            "type": "object",
            "required": [key],
            "properties": {key: {"enum": sorted(mapping)}},
            "allOf": [_when({key: value}, target) for value, target in mapping.items()],
        }
    if refs == [LEGACY_PRICE, PRICE]:
        return {
            "if": {"required": ["type"]},
            "then": {"$ref": LEGACY_PRICE},
            "else": {"$ref": PRICE},
        }
    if refs and all(ref and ref.startswith(SCHEMAS + "CheckoutDiscount") for ref in refs):
        return {
            "type": "object",
            "required": ["type", "duration"],
            "allOf": [
                _when({"type": kind, "duration": duration}, SCHEMAS + target)
                for (kind, duration), target in DISCOUNT_BRANCHES.items()
            ],
        }
    return None


def _rewrite(node: Any) -> Any:
    if isinstance(node, list):
        return [_rewrite(item) for item in node]
    if not isinstance(node, dict):
        return node
    replaced = _discriminated(node) if "oneOf" in node else None
    if replaced is not None:
        return replaced
    return {key: _rewrite(value) for key, value in node.items()}


def _is_uuid4(value: object) -> bool:
    return not isinstance(value, str) or UUID(value).version == 4


def _is_date_time(value: object) -> bool:
    if isinstance(value, str):
        datetime.fromisoformat(value)
    return True


format_checker = FormatChecker()
format_checker.checks("uuid4", raises=ValueError)(_is_uuid4)
format_checker.checks("date-time", raises=ValueError)(_is_date_time)


@pytest.fixture(scope="module")
def validator(contract: dict[str, Any]) -> Draft202012Validator:
    document = _rewrite(copy.deepcopy(contract))
    resource = Resource.from_contents(document, default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource("urn:polar-contract", resource)
    return Draft202012Validator(
        {"$ref": "urn:polar-contract" + SCHEMAS + "CheckoutPublic"},
        registry=registry,
        format_checker=format_checker,
    )


def assert_valid(validator: Draft202012Validator, session: dict[str, Any]) -> None:
    errors = sorted(validator.iter_errors(session), key=lambda error: list(error.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


@pytest.mark.parametrize("name", LIVE_SCENARIOS)
async def test_every_scenario_matches_the_contract(
    validator: Draft202012Validator,
    client: httpx.AsyncClient,
    secrets: dict[str, str],
    name: str,
) -> None:
    assert_valid(validator, await get_ok(client, secrets[name]))


def test_the_expired_scenario_matches_the_contract_too(
    validator: Draft202012Validator, store: Any, secrets: dict[str, str]
) -> None:
    assert_valid(validator, store.get_json(secrets["expired"]))


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
        ("jpy", {"product_id": str(TIP_JAR.id), "amount": 0}),
        ("subscription", {"allow_trial": False, "customer_billing_address": {"country": "US"}}),
    ],
    ids=["percentage", "fixed", "german-business", "seats", "tip-jar", "no-trial"],
)  # fmt: skip
async def test_updated_sessions_match_the_contract(
    validator: Draft202012Validator,
    client: httpx.AsyncClient,
    secrets: dict[str, str],
    name: str,
    body: dict[str, Any],
) -> None:
    assert_valid(validator, await patch_ok(client, secrets[name], body))


def test_the_validator_catches_a_broken_session(
    validator: Draft202012Validator, store: Any, secrets: dict[str, str]
) -> None:
    session = store.get_json(secrets["seats"])
    broken = {**session, "amount": "1500", "product_price": {**session["product_price"]}}
    del broken["product_price"]["seat_tiers"]
    del broken["billing_address_fields"]
    messages = {message for error in validator.iter_errors(broken) for message in _messages(error)}
    assert "'1500' is not of type 'integer'" in messages
    assert "'billing_address_fields' is a required property" in messages
    with pytest.raises(ValidationError):
        validator.validate({**session, "id": "6ba7b810-9dad-11d1-80b4-00c04fd430c8"})
    assert "'seat_tiers' is a required property" in messages


def _messages(error: ValidationError) -> list[str]:
    """An error's message and those of the branch errors beneath it."""
    return [error.message, *(m for child in error.context or () for m in _messages(child))]


def test_every_required_key_is_sent(
    contract: dict[str, Any], store: Any, secrets: dict[str, str]
) -> None:
    required = contract["components"]["schemas"]["CheckoutPublic"]["required"]
    session = store.get_json(secrets["one-time"])
    assert [key for key in required if key not in session] == []
    extra = set(session) - set(contract["components"]["schemas"]["CheckoutPublic"]["properties"])
    assert extra == {
        "units",
        "min_units",
        "max_units",
        "subtotal_amount",
        "customer_billing_address_fields",
    }
