"""The update and confirm bodies (`CheckoutUpdatePublic`, `CheckoutConfirmStripe`): decoded
and checked as Polar's schema does.

The confirm body is the update body plus `confirmation_token_id` (a string or
null); on an update that key is unknown, hence ignored. These are the checks
FastAPI runs before Polar's handler starts, so every problem is reported in
one `RequestValidationError` 422: wrong JSON types, numbers out of range, the
customer name's length, email syntax, the address's country and state, NUL
characters, the locale tag. Types, ranges and the country enum come from
pydantic (the same library and messages as Polar; the country codes from
`tui.domain.regions`); the other field rules come from `tui.domain.validation`,
the code the form itself uses. Unknown keys are ignored. A body that is not
JSON at all is answered as FastAPI answers it (see `decode_body`).
"""

from __future__ import annotations

import email.message
import json
import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, Final, Literal
from uuid import UUID

from annotated_types import Ge, Le, MaxLen
from pydantic import UUID4, BaseModel, BeforeValidator, TypeAdapter, ValidationError

from tui.domain import regions, validation
from tui.domain.validation import AddressValues, RuleError

from .errors import SCHEMA_ERROR, ErrorItem, ValidationFailed, body_not_parsed

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


def _upper_if_str(value: Any) -> Any:
    return value.upper() if isinstance(value, str) else value


def _supported_country_codes() -> list[str]:
    return sorted(regions.all_country_codes() - regions.EMBARGOED_COUNTRIES)


# Polar's `CountryAlpha2Input`: an enum of the supported codes, behind a validator
# that upper-cases strings (and does not trim). Anything else (" de", "", null, 123)
# is not a member: pydantic's `enum` error, quoting every accepted code.
if TYPE_CHECKING:
    CountryAlpha2Input = str
else:
    CountryAlpha2Input = StrEnum(
        "CountryAlpha2Input", [(code, code) for code in _supported_country_codes()]
    )


class AddressInput(BaseModel):
    """The JSON shape of Polar's `AddressInput` (named alike: pydantic's messages quote it).

    Types and the country's enum here; `validation.check_address` does the rest.
    """

    line1: str | None = None
    line2: str | None = None
    postal_code: str | None = None
    city: str | None = None
    state: str | None = None
    country: Annotated[CountryAlpha2Input, BeforeValidator(_upper_if_str)]


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
    """The request body as FastAPI hands it to validation, or the error FastAPI answers.

    As FastAPI's request handling (`fastapi.routing`, strict content type, the
    default since 0.132): an empty body is "missing"; a body is parsed as JSON
    only when its content type is `application/json` or `application/*+json`
    (without one it is not JSON, hence not an object); a JSONDecodeError is a
    422 `json_invalid`, any other failure of `json.loads` (invalid UTF-8, an
    integer longer than Python converts, nesting too deep) a 400 `HTTPError`.
    """
    if not raw:
        raise ValidationFailed(
            SCHEMA_ERROR, [ErrorItem("missing", ("body",), "Field required", None)]
        )
    if not _is_json_media_type(content_type):
        text = raw.decode("utf-8", errors="replace")
        raise ValidationFailed(SCHEMA_ERROR, [_not_an_object(text)])
    try:
        return json.loads(raw)
    except json.JSONDecodeError as error:
        item = ErrorItem(
            "json_invalid", ("body", error.pos), "JSON decode error", {}, {"error": error.msg}
        )
        raise ValidationFailed(SCHEMA_ERROR, [item]) from error
    except Exception as error:
        # FastAPI catches every other exception here alike (RecursionError included).
        raise body_not_parsed() from error


def _is_json_media_type(content_type: str | None) -> bool:
    """FastAPI's test, with the standard library's parser of the header."""
    if not content_type:
        return False
    message = email.message.Message()
    message["content-type"] = content_type
    if message.get_content_maintype() != "application":
        return False
    subtype = message.get_content_subtype()
    return subtype == "json" or subtype.endswith("+json")


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
        raise ValidationFailed(SCHEMA_ERROR, [_not_an_object(body)])
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
        except ValidationFailed as rejected:
            errors.extend(rejected.items)
    if errors:
        raise ValidationFailed(SCHEMA_ERROR, errors)
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


def _value_error(loc: tuple[str | int, ...], text: str, raw: Any) -> ValidationFailed:
    """What pydantic reports when a validator raises ValueError(text)."""
    item = ErrorItem(
        "value_error", ("body", *loc), f"{VALUE_ERROR_PREFIX}{text}", raw, {"error": {}}
    )
    return ValidationFailed(SCHEMA_ERROR, [item])


_TRIMMED: Final = (
    "customer_name",
    "customer_billing_name",
    "customer_tax_id",
    "payment_method_type",
)
"""Free text Polar trims (empty means null). The name's length is checked as sent, before
trimming, by its type in `_ADAPTERS`."""


def _normalize(key: str, value: Any, raw: Any) -> Any:
    """Polar's per-field rules after the type check, then its NUL-character check."""
    if key == "customer_billing_address":
        return None if value is None else _address(value, raw)
    if key == "customer_email":
        value = None if value is None else _email(value, raw)
    elif key in (
        "customer_name",
        "customer_billing_name",
        "customer_tax_id",
        "payment_method_type",
    ):
        # The name's length was checked as sent, before trimming, by its type above.
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
    raise ValidationFailed(SCHEMA_ERROR, [item])


def _address(shape: AddressInput, raw: Any) -> AddressValues:
    parts = {**shape.model_dump(), "country": str(shape.country)}
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
        # The country passed the enum above: what is left is the state's rule.
        failure = error.error
        item = ErrorItem(failure.kind, ("body", *failure.path), failure.message, raw, {"error": {}})
        raise ValidationFailed(SCHEMA_ERROR, [item]) from error


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
