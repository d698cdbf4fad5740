"""Polar's checkout client contract, the schemas: the OpenAPI document as JSON Schema validators.

The document is vendored as `tests/fixtures/polar-checkout-client.openapi.json`;
`polar-api.md` makes it the source for every status an operation declares.
Additional keys are allowed (the document omits keys real responses carry), and
each `oneOf` union is rewritten to pick its branch by its discriminator first,
since plain JSON Schema ignores discriminators (and legacy prices or repeating
discounts match two branches).

`rewritten_document()` is the whole document so rewritten (schemathesis reads it);
`schema_problems(name, body)` lists what in a body breaks one of the document's
schemas; `request_body_problems(body)` also refuses keys the schema does not
know. Whole responses are judged in `contract_responses.py`.
"""

from __future__ import annotations

import copy
import json
from datetime import datetime
from functools import cache
from typing import Any, Final
from uuid import UUID

from email_validator import EmailNotValidError, validate_email
from jsonschema import (  # type: ignore[import-untyped]
    Draft202012Validator,
    FormatChecker,
    ValidationError,
)
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests.fixtures import CONTRACT

CONTRACT_URI: Final = "urn:polar-checkout-client"
SCHEMAS: Final = "#/components/schemas/"


@cache
def contract_document() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(CONTRACT.read_text(encoding="utf-8"))
    return loaded


LEGACY_PRICE: Final = SCHEMAS + "LegacyRecurringProductPrice"
PRODUCT_PRICE: Final = SCHEMAS + "ProductPrice"
DISCOUNT_BRANCHES: Final = {
    ("fixed", "once"): "CheckoutDiscountFixedOnceForeverDuration",
    ("fixed", "forever"): "CheckoutDiscountFixedOnceForeverDuration",
    ("fixed", "repeating"): "CheckoutDiscountFixedRepeatDuration",
    ("percentage", "once"): "CheckoutDiscountPercentageOnceForeverDuration",
    ("percentage", "forever"): "CheckoutDiscountPercentageOnceForeverDuration",
    ("percentage", "repeating"): "CheckoutDiscountPercentageRepeatDuration",
}
PREDATED_PRICE_TYPE: Final = "unit_based"
"""An `amount_type` newer than the document (polar-api.md): checked for the keys every price has."""


def _predated_price_schema() -> dict[str, Any]:
    """A unit-based price: what `ProductPriceFixed` has, less its `price_amount`."""
    fixed = contract_document()["components"]["schemas"]["ProductPriceFixed"]
    properties = {k: v for k, v in fixed["properties"].items() if k != "price_amount"}
    properties["amount_type"] = {"const": PREDATED_PRICE_TYPE}
    required = [k for k in fixed["required"] if k != "price_amount"]
    return {"type": "object", "properties": properties, "required": required}


def _case(conditions: dict[str, Any], then: dict[str, Any]) -> dict[str, Any]:
    properties = {key: {"const": value} for key, value in conditions.items()}
    return {"if": {"properties": properties, "required": list(conditions)}, "then": then}


def _by_discriminator(node: dict[str, Any]) -> dict[str, Any]:
    key = node["discriminator"]["propertyName"]
    mapping: dict[str, str] = dict(node["discriminator"]["mapping"])
    accepted = sorted(mapping)
    cases = [_case({key: value}, {"$ref": target}) for value, target in mapping.items()]
    if mapping.get("fixed") == SCHEMAS + "ProductPriceFixed":
        accepted.append(PREDATED_PRICE_TYPE)
        cases.append(_case({key: PREDATED_PRICE_TYPE}, _predated_price_schema()))
    return {
        "type": "object",
        "required": [key],
        "properties": {key: {"enum": accepted}},
        "allOf": cases,
    }


def _branch_picked(node: dict[str, Any]) -> dict[str, Any] | None:
    """The `oneOf` union `node` with its branch picked as Polar's models pick it, or None."""
    if "discriminator" in node and "mapping" in node["discriminator"]:
        return _by_discriminator(node)
    refs = [branch.get("$ref") for branch in node["oneOf"]]
    if refs == [LEGACY_PRICE, PRODUCT_PRICE]:
        # Legacy prices carry `legacy: true` (and `type: "recurring"`); no other price does.
        return {
            "if": {"properties": {"legacy": {"const": True}}, "required": ["legacy"]},
            "then": {"$ref": LEGACY_PRICE},
            "else": {"$ref": PRODUCT_PRICE},
        }
    if refs and all(str(ref).startswith(SCHEMAS + "CheckoutDiscount") for ref in refs):
        return {
            "type": "object",
            "required": ["type", "duration"],
            "properties": {
                "type": {"enum": ["fixed", "percentage"]},
                "duration": {"enum": ["once", "forever", "repeating"]},
            },
            "allOf": [
                _case({"type": kind, "duration": duration}, {"$ref": SCHEMAS + target})
                for (kind, duration), target in DISCOUNT_BRANCHES.items()
            ],
        }
    return None


def _rewrite(node: Any) -> Any:
    if isinstance(node, list):
        return [_rewrite(item) for item in node]
    if not isinstance(node, dict):
        return node
    if "oneOf" in node:
        picked = _branch_picked(node)
        if picked is None:
            raise ValueError(f"a oneOf union this module cannot pick a branch of: {node}")
        return picked
    return {key: _rewrite(value) for key, value in node.items()}


def _is_uuid4(value: object) -> bool:
    return not isinstance(value, str) or UUID(value).version == 4


def _is_date_time(value: object) -> bool:
    if isinstance(value, str):
        parsed = datetime.fromisoformat(value)
        if parsed.tzinfo is None:
            raise ValueError(f"{value!r} has no time zone")
    return True


def _is_email(value: object) -> bool:
    if isinstance(value, str):
        validate_email(value, check_deliverability=False)
    return True


def _format_checker() -> FormatChecker:
    checker = FormatChecker()
    checker.checks("uuid4", raises=ValueError)(_is_uuid4)
    checker.checks("date-time", raises=ValueError)(_is_date_time)
    checker.checks("email", raises=EmailNotValidError)(_is_email)
    return checker


def rewritten_document() -> dict[str, Any]:
    """A fresh copy of the document with each `oneOf` union picking its branch as Polar does."""
    rewritten: dict[str, Any] = _rewrite(copy.deepcopy(contract_document()))
    return rewritten


@cache
def _registry() -> Registry[Any]:
    document = rewritten_document()
    resource: Resource[Any] = Resource.from_contents(document, default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource(CONTRACT_URI, resource)
    return registry


@cache
def validator_for(schema_name: str) -> Draft202012Validator:
    """A validator of `#/components/schemas/<schema_name>`, unions resolved by discriminator."""
    if schema_name not in contract_document()["components"]["schemas"]:
        raise KeyError(f"no schema {schema_name!r} in the contract")
    return Draft202012Validator(
        {"$ref": CONTRACT_URI + SCHEMAS + schema_name},
        registry=_registry(),
        format_checker=_format_checker(),
    )


def _leaves(error: ValidationError) -> list[ValidationError]:
    """The errors under `error` worth reading: within an `anyOf`, those of the closest branch."""
    if not error.context:
        return [error]
    branches: dict[Any, list[ValidationError]] = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)

    def distance(errors: list[ValidationError]) -> tuple[bool, int]:
        """Branches of another JSON type come last, then those with more errors."""
        wrong_type = any(e.validator == "type" and not e.relative_path for e in errors)
        return wrong_type, len(errors)

    closest = min(branches.values(), key=distance)
    return [leaf for sub in closest for leaf in _leaves(sub)]


def schema_problems(schema_name: str, instance: Any) -> list[str]:
    """What in `instance` breaks the document's `schema_name` (additional keys allowed)."""
    leaves = [
        leaf
        for error in validator_for(schema_name).iter_errors(instance)
        for leaf in _leaves(error)
    ]
    return sorted({_shorten(f"{leaf.json_path}: {leaf.message}") for leaf in leaves})


def _shorten(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def request_body_problems(body: Any, schema_name: str = "CheckoutUpdatePublic") -> list[str]:
    """What in a request body breaks the schema, plus every key the schema does not know.

    Polar ignores unknown keys, so a misspelt key would be silently dropped: for
    bodies we send, unknown keys are problems (at the top and in the address).
    """
    problems = schema_problems(schema_name, body)
    schemas = contract_document()["components"]["schemas"]
    if isinstance(body, dict):
        known = schemas[schema_name]["properties"]
        problems += [f"$.{key}: not a key of {schema_name}" for key in body if key not in known]
        address = body.get("customer_billing_address")
        if isinstance(address, dict):
            known = schemas["AddressInput"]["properties"]
            problems += [
                f"$.customer_billing_address.{key}: not a key of AddressInput"
                for key in address
                if key not in known
            ]
    return problems
