"""The update and confirm bodies, declared as Polar declares them: `CheckoutUpdatePublic` and
`CheckoutConfirmStripe` (the update's keys plus `confirmation_token_id`), and the
analytics ping's `CheckoutOpened`.

The routes take these models, so FastAPI decodes and validates a body before
the handler runs, exactly as on Polar (also a FastAPI app): a body that is not
JSON, not an object, or breaks any field's type, range or rule is one
`RequestValidationError` 422 listing every problem, in the order the fields
are declared here (Polar's order). Unknown keys are ignored.

As Polar's models have it: numbers and their ranges; the customer name at most
256 characters as sent, then trimmed; free text trimmed, empty meaning null;
the email checked by pydantic's `EmailStr` (Polar then checks the domain's
DNS, which the emulator, offline, cannot); the address's country one of the
supported codes, upper-cased but not trimmed; a US or CA state prefixed with
its country and checked (`tui.domain.validation.check_address`, the form's
own rule); a BCP 47 locale in its canonical case; no NUL character in any
field's value (Polar's base schema refuses them everywhere but inside the
address; the emulator refuses them there too, at the part).

One piece is not Polar's declaration: FastAPI validates bodies with
`from_attributes`, which turns pydantic's `model_type` error for an address
that is not an object into `model_attributes_type`; `_an_address_object`
keeps `model_type` ("... instance of AddressInput"), the answer the
conformance tests hold the emulator to.
"""

from __future__ import annotations

import re
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, Final, Literal

from annotated_types import Ge, Le, MaxLen
from pydantic import (
    UUID4,
    AfterValidator,
    BaseModel,
    BeforeValidator,
    EmailStr,
    Field,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from tui.domain import regions, validation
from tui.domain.custom_fields import INT32_MAX
from tui.domain.validation import AddressValues, RuleError

INVALID_LOCALE: Final = "Invalid IETF BCP 47 language tag"
VALUE_ERROR_PREFIX: Final = "Value error, "

EmptyToNone = AfterValidator(validation.clean_text)
"""Polar's `EmptyStrToNone`: trimmed, and empty means null."""


def _refuse_nul(value: Any) -> Any:
    """Polar's base-schema check: no NUL in a string, a key or a value, however deep."""
    pending = [value]
    while pending:
        current = pending.pop()
        if isinstance(current, str) and validation.has_nul(current):
            raise ValueError(validation.INVALID_CHARACTERS)
        if isinstance(current, dict):
            pending.extend(current.keys())
            pending.extend(current.values())
        elif isinstance(current, list):
            pending.extend(current)
    return value


def _upper_if_str(value: Any) -> Any:
    return value.upper() if isinstance(value, str) else value


# Polar's `CountryAlpha2Input`: an enum of the supported codes, behind a validator
# that upper-cases strings (and does not trim). Anything else (" de", "", null, 123)
# is not a member: pydantic's `enum` error, quoting every accepted code.
if TYPE_CHECKING:
    CountryAlpha2Input = str
else:
    CountryAlpha2Input = StrEnum(
        "CountryAlpha2Input",
        [
            (code, code)
            for code in sorted(regions.all_country_codes() - regions.EMBARGOED_COUNTRIES)
        ],
    )

AddressPart = Annotated[str | None, AfterValidator(_refuse_nul), EmptyToNone]


class AddressInput(BaseModel):
    """Polar's `AddressInput`, fields in its order (pydantic's messages quote the name)."""

    line1: AddressPart = None
    line2: AddressPart = None
    postal_code: AddressPart = None
    city: AddressPart = None
    state: AddressPart = None
    country: Annotated[CountryAlpha2Input, BeforeValidator(_upper_if_str)]

    @model_validator(mode="after")
    def _state_of_the_country(self) -> AddressInput:
        """A US or CA state gets its country's prefix and must be one of that country's."""
        try:
            checked = validation.check_address(self.model_dump())
        except RuleError as error:
            # The form shows the message as Polar words it; pydantic adds the prefix again.
            raise ValueError(error.error.message.removeprefix(VALUE_ERROR_PREFIX)) from None
        self.state = checked.state
        return self

    def to_values(self) -> AddressValues:
        """The address as a session stores it."""
        return AddressValues(
            country=str(self.country),
            line1=self.line1,
            line2=self.line2,
            postal_code=self.postal_code,
            city=self.city,
            state=self.state,
        )


def _an_address_object(value: Any) -> Any:
    """pydantic's `model_type` error for an address that is not an object (see the module's doc)."""
    if value is None or isinstance(value, dict | AddressInput):
        return value
    raise PydanticCustomError(
        "model_type",
        "Input should be a valid dictionary or instance of {class_name}",
        {"class_name": AddressInput.__name__},
    )


_LANGUAGE_TAG: Final = re.compile(
    r"""
    (?P<language>[A-Za-z]{2,3})
    (?:-(?P<script>[A-Za-z]{4}))?
    (?:-(?P<region>[A-Za-z]{2}|[0-9]{3}))?
    (?P<variants>(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*)
    """,
    re.VERBOSE,
)


def _locale(value: str) -> str:
    """A BCP 47 tag with a real language, in its canonical case ("en-us" -> "en-US").

    Polar checks and standardizes tags with `langcodes`; this covers the common
    subset (language, script, region, variants) and refuses extensions,
    private-use tags and "und", which carry no language.
    """
    match = _LANGUAGE_TAG.fullmatch(value)
    if match is None or match["language"].lower() == "und":
        raise ValueError(INVALID_LOCALE)
    parts = [match["language"].lower()]
    if match["script"]:
        parts.append(match["script"].title())
    if match["region"]:
        parts.append(match["region"].upper())
    if match["variants"]:
        parts.extend(variant.lower() for variant in match["variants"].strip("-").split("-"))
    return "-".join(parts)


CustomFieldValue = str | int | bool | datetime | None


class CheckoutUpdatePublic(BaseModel):
    """An update by client secret. Only the keys the body carried count (see `has`)."""

    custom_field_data: dict[str, CustomFieldValue] = Field(default_factory=dict)
    product_id: UUID4 | None = None
    product_price_id: UUID4 | None = None
    amount: Annotated[int, Ge(0)] | None = None
    seats: Annotated[int, Ge(1), Le(10_000)] | None = None
    units: Annotated[int, Ge(1), Le(INT32_MAX)] | None = None
    is_business_customer: bool | None = None
    customer_name: Annotated[str, MaxLen(validation.NAME_MAX_LENGTH), EmptyToNone] | None = None
    customer_email: EmailStr | None = None
    customer_billing_name: Annotated[str | None, EmptyToNone] = None
    customer_billing_address: Annotated[
        AddressInput | None, BeforeValidator(_an_address_object)
    ] = None
    customer_tax_id: Annotated[str | None, EmptyToNone] = None
    locale: Annotated[str, AfterValidator(_locale)] | None = None
    payment_method_type: Annotated[str | None, EmptyToNone] = None
    discount_code: Annotated[str, AfterValidator(str.strip)] | None = None
    allow_trial: Literal[False] | None = None

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul_characters(cls, value: Any) -> Any:
        if isinstance(value, BaseModel):
            return value  # as on Polar: the address's parts are checked on their own
        return _refuse_nul(value)

    def has(self, key: str) -> bool:
        """Whether the body carried `key` (null included); an absent key means "no change"."""
        return key in self.model_fields_set


class CheckoutOpened(BaseModel):
    """The checkout page's analytics ping (`POST .../opened`): an optional PostHog id."""

    distinct_id: str | None = None

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul_characters(cls, value: Any) -> Any:
        return _refuse_nul(value)


class CheckoutConfirmStripe(CheckoutUpdatePublic):
    """A confirm: the update's keys plus the Stripe confirmation token, if any."""

    confirmation_token_id: str | None = None
