"""Field rules shared by the form (as the user types) and the emulator (on update).

Every rule here mirrors what Polar's server does, so a value the form accepts is a
value Polar accepts, and the emulator refuses what Polar refuses with Polar's words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from email_validator import EmailNotValidError, validate_email

from tui.domain import regions
from tui.domain.tax_id import InvalidTaxId, validate_tax_id
from tui.polar.models import FieldError

NAME_MAX_LENGTH = 256
ADDRESS_PARTS = ("country", "state", "line1", "line2", "postal_code", "city")
FULL_ADDRESS_PAYMENT_METHODS = frozenset({"upi"})

INVALID_CHARACTERS = "This value contains invalid characters"
FIELD_REQUIRED = "Field is required."
INVALID_TAX_ID = "Invalid tax ID."
TAX_ID_NEEDS_COUNTRY = "Country is required to validate tax ID."


class FieldMode(StrEnum):
    REQUIRED = "required"
    OPTIONAL = "optional"
    DISABLED = "disabled"


class RuleError(ValueError):
    """A value broke one of Polar's rules; carries where and what, as Polar reports it."""

    def __init__(self, error: FieldError) -> None:
        super().__init__(error.message)
        self.error = error


def _fail(path: tuple[str | int, ...], message: str, kind: str = "value_error") -> RuleError:
    return RuleError(FieldError(path, message, kind))


def clean_text(value: str | None) -> str | None:
    """Polar's treatment of free text: trimmed, and empty means absent."""
    if value is None:
        return None
    stripped = value.strip()
    return stripped or None


def has_nul(value: str) -> bool:
    return "\x00" in value


def check_customer_name(value: str | None) -> str | None:
    """Polar limits the name as sent (before trimming), then trims it."""
    if value is not None and len(value) > NAME_MAX_LENGTH:
        raise _fail(
            ("customer_name",),
            f"String should have at most {NAME_MAX_LENGTH} characters",
            "string_too_long",
        )
    return clean_text(value)


def check_email(value: str | None) -> str | None:
    """Syntax check as Polar's pydantic `EmailStr` does; returns the normalized address.

    Polar also checks the domain's DNS; offline we cannot, so deliverability is never checked.
    """
    email = clean_text(value)
    if email is None:
        return None
    try:
        return validate_email(email, check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise _fail(("customer_email",), f"value is not a valid email address: {error}") from error


@dataclass(frozen=True, slots=True)
class AddressValues:
    """A billing address after Polar's normalization (country upper-cased, state prefixed)."""

    country: str
    line1: str | None = None
    line2: str | None = None
    postal_code: str | None = None
    city: str | None = None
    state: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {part: getattr(self, part) for part in ADDRESS_PARTS}


def check_address(parts: Mapping[str, str | None]) -> AddressValues:
    """Normalize an address the way Polar's `AddressInput` does, or raise with Polar's message."""
    country = (parts.get("country") or "").upper()  # Polar upper-cases; it does not trim
    if not country:
        raise _fail(("customer_billing_address", "country"), FIELD_REQUIRED, "missing")
    if not regions.is_supported_country(country):
        raise _fail(
            ("customer_billing_address", "country"),
            "Input should be a supported country code",
            "enum",
        )
    state = clean_text(parts.get("state"))
    if state is not None:
        state = regions.normalize_state(country, state)
        if country in regions.STATE_COUNTRIES and not regions.is_valid_subdivision(country, state):
            kind = "US state" if country == "US" else "CA subdivision"
            raise _fail(("customer_billing_address",), f"Value error, Invalid {kind}")
    return AddressValues(
        country=country,
        line1=clean_text(parts.get("line1")),
        line2=clean_text(parts.get("line2")),
        postal_code=clean_text(parts.get("postal_code")),
        city=clean_text(parts.get("city")),
        state=state,
    )


def is_billing_address_required(
    *, is_business: bool, require_billing_address: bool, payment_method_type: str | None
) -> bool:
    """Polar's own flag: a full address is needed (US customers need one regardless)."""
    return (
        require_billing_address
        or is_business
        or payment_method_type in FULL_ADDRESS_PAYMENT_METHODS
    )


def billing_address_fields(
    *,
    country: str | None,
    is_business: bool,
    require_billing_address: bool,
    payment_method_type: str | None,
) -> dict[str, FieldMode]:
    """Which address parts the form shows and requires: Polar's `billing_address_fields`."""
    full = country == "US" or is_billing_address_required(
        is_business=is_business,
        require_billing_address=require_billing_address,
        payment_method_type=payment_method_type,
    )
    on = FieldMode.REQUIRED if full else FieldMode.DISABLED
    if country in regions.STATE_COUNTRIES:
        state = FieldMode.REQUIRED
    else:
        state = FieldMode.OPTIONAL if full else FieldMode.DISABLED
    return {
        "country": FieldMode.REQUIRED,
        "state": state,
        "line1": on,
        "line2": FieldMode.OPTIONAL if full else FieldMode.DISABLED,
        "city": on,
        "postal_code": on,
    }


def missing_address_parts(
    address: AddressValues | None, modes: Mapping[str, FieldMode]
) -> list[FieldError]:
    """Every required part that is empty, each as Polar's confirm reports it."""
    values = address.as_dict() if address else {}
    return [
        FieldError(("customer_billing_address", part), FIELD_REQUIRED, "missing")
        for part in ADDRESS_PARTS
        if modes.get(part) == FieldMode.REQUIRED and not values.get(part)
    ]


def check_tax_id(value: str | None, country: str | None) -> str | None:
    """Validate a tax ID against the billing country; returns the compact number Polar stores."""
    tax_id = clean_text(value)
    if tax_id is None:
        return None
    if not country:
        raise _fail(("customer_billing_address",), TAX_ID_NEEDS_COUNTRY, "missing")
    try:
        compact, _format = validate_tax_id(tax_id, country)
    except InvalidTaxId as error:
        raise _fail(("customer_tax_id",), INVALID_TAX_ID) from error
    return compact
