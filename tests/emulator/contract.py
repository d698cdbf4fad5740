"""Polar's checkout client contract as test helpers: responses and request bodies.

Two sources, as `polar-api.md` prescribes:
- the OpenAPI document (vendored as `tests/fixtures/polar-checkout-client.openapi.json`) for
  every status an operation declares; additional keys are allowed (the document
  omits keys real responses carry), and each `oneOf` union is rewritten to pick
  its branch by its discriminator first, since plain JSON Schema ignores
  discriminators (and legacy prices or repeating discounts match two branches);
- `polar-api.md` section 5 for what the document does not declare (403
  `NotPermitted`, 409, 429 on any path, FastAPI's plain 404 and 405) and for
  the exact `detail` of each named error, and section 1 for the echoed
  `Polar-Version` header;
- FastAPI itself (`fastapi.routing`, not in either) for its plain 400
  `{"detail": "There was an error parsing the body"}` on a write whose JSON body
  it cannot parse for another reason than a JSONDecodeError.

`response_problems(response)` lists what is wrong with one response (empty when
it conforms); `check_response` raises `ContractViolation` with all of them.
Only Polar's routes (`/v1/checkouts/...`) are checked; the emulator's own
helpers (`/emulator/...`) and 5xx answers (Polar documents none; faults may
inject them) are exempt. Event streams are checked for their content type only.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any, Final
from uuid import UUID

import httpx
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

POLAR_PREFIX: Final = "/v1/checkouts/"
CLIENT_PREFIXES: Final = ("/v1/checkouts/client/", "/v1/checkouts/custom/client/")
SUPPORTED_VERSIONS: Final = frozenset({"2026-04", "2026-10"})
DEFAULT_VERSION: Final = "2026-04"
PLAIN_NOT_FOUND: Final = {"detail": "Not Found"}
PLAIN_METHOD_NOT_ALLOWED: Final = {"detail": "Method Not Allowed"}
PLAIN_BODY_NOT_PARSED: Final = {"detail": "There was an error parsing the body"}

UPDATE_FAMILIES: Final = frozenset({"RequestValidationError", "PolarRequestValidationError"})
CHECKOUT_STATUSES: Final = ("open", "expired", "confirmed", "succeeded", "failed")
_UUID: Final = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
NOT_OPEN_DETAIL: Final = re.compile(
    rf"Checkout {_UUID} is not open: ({'|'.join(CHECKOUT_STATUSES)})"
)


@dataclass(frozen=True, slots=True)
class NamedError:
    """One row of polar-api.md section 5: a status and the exact detail (None: any text)."""

    status: int
    detail: str | re.Pattern[str] | None
    operations: frozenset[str]
    """Operations that may answer it (keys of `OPERATIONS`)."""


_ALL: Final = frozenset({"get", "update", "confirm", "stream"})
_WRITES: Final = frozenset({"update", "confirm"})
SECTION_5: Final[dict[str, NamedError]] = {
    "ResourceNotFound": NamedError(404, "Not found", _ALL),
    "ExpiredCheckoutError": NamedError(410, "This checkout session has expired.", _ALL),
    "NotPermitted": NamedError(403, "Not permitted", _ALL),
    "NotOpenCheckout": NamedError(403, NOT_OPEN_DETAIL, _WRITES),
    "AlreadyActiveSubscriptionError": NamedError(
        403, "You already have an active subscription.", _WRITES
    ),
    "DiscountRedemptionLimitReached": NamedError(
        403,
        "You have already redeemed this discount the maximum number of times allowed per customer.",
        _WRITES,
    ),
    "TrialAlreadyRedeemed": NamedError(
        403,
        "You have already used a trial for this product. "
        "Trials can only be used once per customer.",
        frozenset({"confirm"}),
    ),
    "PaymentNotReady": NamedError(
        403, "Organization is not ready to accept payments", frozenset({"confirm"})
    ),
    "CheckoutLocked": NamedError(
        409, "Checkout is currently being processed. Please try again.", _WRITES
    ),
    "PaymentError": NamedError(
        400,
        re.compile(
            r"The payment failed(: .+|\.) Please try again with a different payment method\."
        ),
        frozenset({"confirm"}),
    ),
}
"""Section 5's table; the details section 5 only describes are Polar's own words
(`server/polar/checkout/service.py` and `exceptions.py` at the document's commit)."""


@dataclass(frozen=True, slots=True)
class Operation:
    key: str
    """"get", "update", "confirm" or "stream"."""
    method: str
    suffix: str
    """What follows the client secret in the path: "", "/confirm" or "/stream"."""
    document_path: str | None
    """The operation's path in the OpenAPI document (the stream is not in it)."""


OPERATIONS: Final = (
    Operation("get", "GET", "", "/v1/checkouts/client/{client_secret}"),
    Operation("update", "PATCH", "", "/v1/checkouts/client/{client_secret}"),
    Operation("confirm", "POST", "/confirm", "/v1/checkouts/client/{client_secret}/confirm"),
    Operation("stream", "GET", "/stream", None),
)


class ContractViolation(AssertionError):
    """A response (or request body) that Polar's contract does not allow."""


# -- the document and its validators ------------------------------------------------------


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


@cache
def _registry() -> Registry[Any]:
    document = _rewrite(copy.deepcopy(contract_document()))
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


# -- responses ---------------------------------------------------------------------------


def match_operation(method: str, path: str) -> tuple[Operation | None, bool]:
    """The operation a request addresses, and whether its path is a client route at all.

    (None, True): a client route with another method (FastAPI answers 405);
    (None, False): no client route (FastAPI's plain 404).
    """
    rest = next((path[len(p) :] for p in CLIENT_PREFIXES if path.startswith(p)), None)
    if rest is None:
        return None, False
    secret, _, tail = rest.partition("/")
    if not secret:
        return None, False
    suffix = f"/{tail}" if tail else ""
    on_path = [op for op in OPERATIONS if op.suffix == suffix]
    if not on_path:
        return None, False
    return next((op for op in on_path if op.method == method.upper()), None), True


def _declared(operation: Operation, status: int) -> str | None:
    """The schema the document declares for `status`, or None."""
    if operation.document_path is None:
        return None
    paths = contract_document()["paths"]
    responses = paths[operation.document_path][operation.method.lower()]["responses"]
    entry = responses.get(str(status))
    if entry is None:
        return None
    ref: str = entry["content"]["application/json"]["schema"]["$ref"]
    return ref.removeprefix(SCHEMAS)


def _json_body(response: httpx.Response, problems: list[str]) -> Any:
    content_type = response.headers.get("content-type", "")
    if not content_type.startswith("application/json"):
        problems.append(f"content-type {content_type!r}, expected application/json")
    try:
        return response.json()
    except ValueError:
        problems.append(f"the body is not JSON: {response.text[:200]!r}")
        return None


def _requested_version(request: httpx.Request) -> str | None:
    """The API version the request selects; None when Polar would not know it."""
    raw = request.headers.get("Polar-Version")
    if not raw:
        return DEFAULT_VERSION
    return raw if raw in SUPPORTED_VERSIONS else None


def _named_error_problems(operation: Operation, status: int, body: Any) -> list[str]:
    """Section 5: `{"error": <Name>, "detail": <text>}`, the name allowed here, its exact detail."""
    if not isinstance(body, dict) or set(body) != {"error", "detail"}:
        return [f'expected exactly {{"error", "detail"}} (polar-api.md section 5), got {body!r}']
    name, detail = body["error"], body["detail"]
    known = SECTION_5.get(name)
    if known is None or known.status != status or operation.key not in known.operations:
        allowed = sorted(n for n, e in SECTION_5.items() if e.status == status)
        return [
            f"{operation.method} {operation.key} may not answer {status} {name!r} "
            f"(section 5 names for {status}: {allowed})"
        ]
    if not isinstance(detail, str):
        return [f"detail {detail!r} is not a string"]
    expected = known.detail
    if isinstance(expected, re.Pattern):
        if not expected.fullmatch(detail):
            return [f"{name} detail {detail!r} does not read {expected.pattern!r}"]
    elif expected is not None and detail != expected:
        return [f"{name} detail {detail!r}, Polar says {expected!r}"]
    return []


def _validation_problems(body: Any) -> list[str]:
    """Section 5's 422: one of the two families and Pydantic-style items located in the body."""
    if not isinstance(body, dict) or set(body) != {"error", "detail"}:
        return [f'422 body must be exactly {{"error", "detail"}}, got {body!r}']
    problems = []
    if body["error"] not in UPDATE_FAMILIES:
        problems.append(f"422 error {body['error']!r} is not one of {sorted(UPDATE_FAMILIES)}")
    items = body["detail"]
    if not isinstance(items, list) or not items:
        return [*problems, f"422 detail must be a non-empty list, got {items!r}"]
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            problems.append(f"$.detail[{index}] is not an object")
            continue
        missing = {"type", "loc", "msg", "input"} - set(item)
        extra = set(item) - {"type", "loc", "msg", "input", "ctx"}
        if missing or extra:
            problems.append(f"$.detail[{index}] missing {sorted(missing)}, extra {sorted(extra)}")
        loc = item.get("loc")
        if not isinstance(loc, list) or not loc or loc[0] != "body":
            problems.append(f'$.detail[{index}].loc {loc!r} does not start with "body"')
    return problems


def _rate_limited_problems(response: httpx.Response) -> list[str]:
    problems = []
    if response.content:
        problems.append(f"429 must have an empty body, got {response.text[:200]!r}")
    retry_after = response.headers.get("Retry-After")
    if retry_after is None or not retry_after.isdigit():
        problems.append(f"429 needs Retry-After in whole seconds, got {retry_after!r}")
    return problems


def _operation_problems(operation: Operation, response: httpx.Response, version: str) -> list[str]:
    status = response.status_code
    problems: list[str] = []
    echoed = response.headers.get("Polar-Version")
    if echoed != version:
        problems.append(f"Polar-Version header {echoed!r}, expected the version in use {version!r}")
    if operation.key == "stream" and status == 200:
        content_type = response.headers.get("content-type", "")
        if not content_type.startswith("text/event-stream"):
            problems.append(f"stream content-type {content_type!r}, expected text/event-stream")
        return problems
    body = _json_body(response, problems)
    if problems and body is None:
        return problems
    declared = _declared(operation, status)
    if status == 200:
        if declared is None:  # pragma: no cover - every documented operation declares 200
            return [*problems, f"no 200 schema for {operation.key}"]
        return problems + schema_problems(declared, body)
    if status == 422:
        if declared is not None:
            problems += schema_problems(declared, body)
        return problems + _validation_problems(body)
    if 200 <= status < 300:
        return [*problems, f"unexpected success status {status} for {operation.key}"]
    if status == 400 and operation.key in _WRITES and body == PLAIN_BODY_NOT_PARSED:
        return problems
    named = _named_error_problems(operation, status, body)
    if declared is not None and not (
        status == 403 and isinstance(body, dict) and body.get("error") == "NotPermitted"
    ):
        problems += schema_problems(declared, body)
    return problems + named


def response_problems(response: httpx.Response) -> list[str]:
    """Everything wrong with one response by Polar's contract; [] when it conforms or is exempt.

    The body must have been read (not needed for event streams).
    """
    request = response.request
    path = request.url.path
    status = response.status_code
    if not is_polar_route(response) or status >= 500:
        return []
    if status == 429:
        # Polar's rate limiter sits in front of every route, known or not.
        return _rate_limited_problems(response)
    if status in (307, 308) and path.endswith("/") and "location" in response.headers:
        return []  # FastAPI's redirect of a trailing slash, as on api.polar.sh
    operation, on_client_route = match_operation(request.method, path)
    version = _requested_version(request)
    problems: list[str] = []
    if version is None or not on_client_route:
        # An unknown Polar-Version or path: FastAPI's plain 404, whatever the method.
        if (status, _json_body(response, problems)) != (404, PLAIN_NOT_FOUND):
            reason = "unknown Polar-Version" if version is None else "no such route"
            problems.append(f"{reason}: expected 404 {PLAIN_NOT_FOUND}, got {status}")
        return problems
    if operation is None:
        if (status, _json_body(response, problems)) != (405, PLAIN_METHOD_NOT_ALLOWED):
            problems.append(f"expected 405 {PLAIN_METHOD_NOT_ALLOWED}, got {status}")
        return problems
    return _operation_problems(operation, response, version)


def violation_message(response: httpx.Response, problems: list[str]) -> str:
    request = response.request
    lines = "\n".join(f"  - {problem}" for problem in problems)
    try:
        body = repr(response.text[:500])
    except httpx.ResponseNotRead:
        body = "(an event stream, not read)"
    return (
        f"{request.method} {request.url.path} answered {response.status_code}, "
        f"which Polar's contract does not allow:\n{lines}\n  body: {body}"
    )


def is_polar_route(response: httpx.Response) -> bool:
    """Whether the response is one this module checks: a path of Polar's API."""
    return response.request.url.path.startswith(POLAR_PREFIX)


def is_event_stream(response: httpx.Response) -> bool:
    content_type: str = response.headers.get("content-type", "")
    return content_type.startswith("text/event-stream")


def check_response(response: httpx.Response) -> None:
    """Raise ContractViolation listing every problem with `response` (its body read)."""
    problems = response_problems(response)
    if problems:
        raise ContractViolation(violation_message(response, problems))
