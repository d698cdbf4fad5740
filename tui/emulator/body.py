"""The update and confirm bodies (`CheckoutUpdatePublic`, `CheckoutConfirmStripe`): decoded
and checked as Polar's schema does.

The confirm body is the update body plus `confirmation_token_id` (a string or
null); on an update that key is unknown, hence ignored. These are the checks
FastAPI runs before Polar's handler starts, so every problem is reported in
one `RequestValidationError` 422: wrong JSON types, numbers out of range, the
customer name's length, email syntax, the address's country and state, NUL
characters, the locale tag. Types and ranges come from
pydantic (the same library and messages as Polar); the field rules come from
`tui.domain.validation`, the code the form itself uses. Unknown keys are ignored.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Annotated, Any, Final, Literal
from uuid import UUID

from annotated_types import Ge, Le, MaxLen
from pydantic import UUID4, BaseModel, TypeAdapter, ValidationError

from tui.domain import regions, validation
from tui.domain.validation import AddressValues, RuleError

from .errors import SCHEMA_ERROR, ErrorItem, UpdateRejected

FIELD_ORDER: Final = (
    "custom_field_data",
    "product_id",
    "product_price_id",
    "amount",
    "seats",
    "units",
    "is_business_customer",
    "customer_name",
    "customer_email",
    "customer_billing_name",
    "customer_billing_address",
    "customer_tax_id",
    "locale",
    "payment_method_type",
    "discount_code",
    "allow_trial",
)
"""The body's keys in the order Polar's model declares them: errors come out in this order."""
CONFIRM_FIELD_ORDER: Final = (*FIELD_ORDER, "confirmation_token_id")

# What email-validator says about an empty address. Polar's email type has no
# "empty means null": a blank email is a syntax error, not a way to clear it.
BLANK_EMAIL_REASON: Final = "An email address must have an @-sign."
INVALID_LOCALE: Final = "Invalid IETF BCP 47 language tag"
EMAIL_PREFIX: Final = "value is not a valid email address: "
VALUE_ERROR_PREFIX: Final = "Value error, "


class AddressInput(BaseModel):
    """The JSON shape of Polar's `AddressInput` (named alike: pydantic's messages quote it).

    Only types here; `validation.check_address` does the rest.
    """

    line1: str | None = None
    line2: str | None = None
    postal_code: str | None = None
    city: str | None = None
    state: str | None = None
    country: str


_CustomFieldValue = str | int | bool | datetime | None

_ADAPTERS: Final[dict[str, TypeAdapter[Any]]] = {
    "custom_field_data": TypeAdapter(dict[str, _CustomFieldValue]),
    "product_id": TypeAdapter(UUID4 | None),
    "product_price_id": TypeAdapter(UUID4 | None),
    "amount": TypeAdapter(Annotated[int, Ge(0)] | None),
    "seats": TypeAdapter(Annotated[int, Ge(1), Le(10_000)] | None),
    "units": TypeAdapter(Annotated[int, Ge(1), Le(2_147_483_647)] | None),
    "is_business_customer": TypeAdapter(bool | None),
    "customer_name": TypeAdapter(Annotated[str, MaxLen(validation.NAME_MAX_LENGTH)] | None),
    "customer_email": TypeAdapter(str | None),
    "customer_billing_name": TypeAdapter(str | None),
    "customer_billing_address": TypeAdapter(AddressInput | None),
    "customer_tax_id": TypeAdapter(str | None),
    "locale": TypeAdapter(str | None),
    "payment_method_type": TypeAdapter(str | None),
    "discount_code": TypeAdapter(str | None),
    "allow_trial": TypeAdapter(Literal[False] | None),
    "confirmation_token_id": TypeAdapter(str | None),
}


@dataclass(frozen=True, slots=True)
class UpdateRequest:
    """A body that passed the schema: values normalized as Polar stores them.

    `fields_set` holds the keys the body carried; a key absent from it means "no
    change", a key present with None means whatever null means for that key.
    """

    fields_set: frozenset[str] = frozenset()
    custom_field_data: dict[str, Any] | None = None
    product_id: UUID | None = None
    product_price_id: UUID | None = None
    amount: int | None = None
    seats: int | None = None
    units: int | None = None
    is_business_customer: bool | None = None
    customer_name: str | None = None
    customer_email: str | None = None
    customer_billing_name: str | None = None
    customer_billing_address: AddressValues | None = None
    customer_tax_id: str | None = None
    locale: str | None = None
    payment_method_type: str | None = None
    discount_code: str | None = None
    allow_trial: bool | None = None

    def has(self, key: str) -> bool:
        return key in self.fields_set


@dataclass(frozen=True, slots=True)
class ConfirmRequest(UpdateRequest):
    """A confirm body: the update's fields plus the Stripe confirmation token, if any."""

    confirmation_token_id: str | None = None


def decode_body(raw: bytes, content_type: str | None) -> object:
    """The request body as FastAPI hands it to validation, or a 422 for what it cannot read."""
    is_json = content_type is None or _is_json_media_type(content_type)
    if not raw:
        raise UpdateRejected(
            SCHEMA_ERROR, [ErrorItem("missing", ("body",), "Field required", None)]
        )
    if not is_json:
        text = raw.decode("utf-8", errors="replace")
        raise UpdateRejected(SCHEMA_ERROR, [_not_an_object(text)])
    try:
        return json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        position = error.pos if isinstance(error, json.JSONDecodeError) else error.start
        message = error.msg if isinstance(error, json.JSONDecodeError) else error.reason
        raise UpdateRejected(
            SCHEMA_ERROR,
            [
                ErrorItem(
                    "json_invalid", ("body", position), "JSON decode error", {}, {"error": message}
                )
            ],
        ) from error


def _is_json_media_type(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (
        media.startswith("application/") and media.endswith("+json")
    )


def _not_an_object(value: object) -> ErrorItem:
    return ErrorItem(
        "model_attributes_type",
        ("body",),
        "Input should be a valid dictionary or object to extract fields from",
        value,
    )


def parse_update(body: object) -> UpdateRequest:
    """Check a decoded update body against the schema; raises one 422 listing every problem."""
    return UpdateRequest(**_parse(body, FIELD_ORDER))


def parse_confirm(body: object) -> ConfirmRequest:
    """Check a decoded confirm body against the schema; raises one 422 listing every problem."""
    return ConfirmRequest(**_parse(body, CONFIRM_FIELD_ORDER))


def _parse(body: object, keys: tuple[str, ...]) -> dict[str, Any]:
    """The typed, normalized values of the `keys` present in `body`, plus `fields_set`."""
    if not isinstance(body, dict):
        raise UpdateRejected(SCHEMA_ERROR, [_not_an_object(body)])
    present = [key for key in keys if key in body]
    values: dict[str, Any] = {}
    errors: list[ErrorItem] = []
    for key in present:
        raw = body[key]
        try:
            typed = _ADAPTERS[key].validate_python(raw)
        except ValidationError as error:
            errors.extend(_from_pydantic(key, error))
            continue
        try:
            values[key] = _normalize(key, typed, raw)
        except UpdateRejected as rejected:
            errors.extend(rejected.items)
    if errors:
        raise UpdateRejected(SCHEMA_ERROR, errors)
    return {"fields_set": frozenset(present), **values}


def _from_pydantic(key: str, error: ValidationError) -> list[ErrorItem]:
    return [
        ErrorItem(
            detail["type"],
            ("body", key, *detail["loc"]),
            detail["msg"],
            detail["input"],
            dict(detail["ctx"]) if "ctx" in detail else None,
        )
        for detail in error.errors(include_url=False)
    ]


def _value_error(loc: tuple[str | int, ...], text: str, raw: Any) -> UpdateRejected:
    """What pydantic reports when a validator raises ValueError(text)."""
    item = ErrorItem(
        "value_error", ("body", *loc), f"{VALUE_ERROR_PREFIX}{text}", raw, {"error": {}}
    )
    return UpdateRejected(SCHEMA_ERROR, [item])


def _normalize(key: str, value: Any, raw: Any) -> Any:
    """Polar's per-field rules after the type check, then its NUL-character check."""
    if key == "customer_billing_address":
        return None if value is None else _address(value, raw)
    if key == "customer_email":
        value = None if value is None else _email(value, raw)
    elif key == "customer_name":
        value = validation.check_customer_name(value)
    elif key in ("customer_billing_name", "customer_tax_id", "payment_method_type"):
        value = validation.clean_text(value)
    elif key == "discount_code":
        value = None if value is None else value.strip()
    elif key == "locale":
        value = None if value is None else _locale(value, raw)
    if _contains_nul(value):
        raise _value_error((key,), validation.INVALID_CHARACTERS, raw)
    return value


def _contains_nul(value: Any) -> bool:
    if isinstance(value, str):
        return validation.has_nul(value)
    if isinstance(value, dict):
        return any(_contains_nul(k) or _contains_nul(v) for k, v in value.items())
    return False


def _email(value: str, raw: Any) -> str:
    if validation.clean_text(value) is None:
        reason = BLANK_EMAIL_REASON
    else:
        try:
            email = validation.check_email(value)
        except RuleError as error:
            reason = error.error.message.removeprefix(EMAIL_PREFIX)
        else:
            assert email is not None
            return email
    item = ErrorItem(
        "value_error",
        ("body", "customer_email"),
        f"{EMAIL_PREFIX}{reason}",
        raw,
        {"reason": reason},
    )
    raise UpdateRejected(SCHEMA_ERROR, [item])


def _address(shape: AddressInput, raw: Any) -> AddressValues:
    parts = shape.model_dump()
    for part, text in parts.items():
        if isinstance(text, str) and validation.has_nul(text):
            # Polar skips its NUL check inside the address (and its database then
            # refuses the value); the emulator refuses it up front, at the part.
            raise _value_error(
                ("customer_billing_address", part), validation.INVALID_CHARACTERS, text
            )
    try:
        return validation.check_address(parts)
    except RuleError as error:
        failure = error.error
        loc = ("body", *failure.path)
        if failure.path == ("customer_billing_address", "country"):
            # The decision is the shared rule's; the words are those of Polar's country
            # enum, which sees the code upper-cased (a blank code is just not a member).
            expected = _expected_countries()
            country = str(parts["country"]).upper()
            item = ErrorItem(
                "enum", loc, f"Input should be {expected}", country, {"expected": expected}
            )
        else:
            item = ErrorItem(failure.kind, loc, failure.message, raw, {"error": {}})
        raise UpdateRejected(SCHEMA_ERROR, [item]) from error


@cache
def _expected_countries() -> str:
    """Pydantic's wording of the accepted country codes: "'AD', 'AE', ... or 'ZW'"."""
    codes = sorted(regions.all_country_codes() - regions.EMBARGOED_COUNTRIES)
    quoted = [f"'{code}'" for code in codes]
    return f"{', '.join(quoted[:-1])} or {quoted[-1]}"


_LANGUAGE_TAG = re.compile(
    r"""
    (?P<language>[A-Za-z]{2,3})
    (?:-(?P<script>[A-Za-z]{4}))?
    (?:-(?P<region>[A-Za-z]{2}|[0-9]{3}))?
    (?P<variants>(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*)
    """,
    re.VERBOSE,
)


def _locale(value: str, raw: Any) -> str:
    """A BCP 47 tag with a real language, in its canonical case ("en-us" -> "en-US").

    Polar checks and standardizes tags with `langcodes`; this covers the common
    subset (language, script, region, variants) and refuses extensions,
    private-use tags and "und", which carry no language.
    """
    match = _LANGUAGE_TAG.fullmatch(value)
    if match is None or match["language"].lower() == "und":
        raise _value_error(("locale",), INVALID_LOCALE, raw)
    parts = [match["language"].lower()]
    if match["script"]:
        parts.append(match["script"].title())
    if match["region"]:
        parts.append(match["region"].upper())
    if match["variants"]:
        parts.extend(variant.lower() for variant in match["variants"].strip("-").split("-"))
    return "-".join(parts)
