"""The editable projection of a checkout session, Polar's rules applied to it, and the update
body a set of changed fields implies."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from typing import Any

from tui.domain import validation
from tui.domain.fields import CUSTOMER_FIELDS, field_for, readable
from tui.domain.validation import ADDRESS_PARTS, FieldMode, RuleError
from tui.polar.models import CheckoutPublic

TEXT_FIELDS = (
    "customer_name",
    "customer_email",
    "customer_billing_name",
    "customer_tax_id",
    *ADDRESS_PARTS,
)
TEXT_LIMIT = 1_000
"""The most characters a field takes where Polar sets no maximum of its own."""
_LIMITS = {"customer_name": validation.NAME_MAX_LENGTH}

Value = str | bool | None
"""A field's value as Polar would store it: trimmed text or None, or a flag."""


def max_length(field: str) -> int:
    """How many characters a text field takes: Polar's own maximum, else `TEXT_LIMIT`."""
    return _LIMITS.get(field, TEXT_LIMIT)


@dataclass(frozen=True, slots=True)
class Draft:
    """The form's values as the rules read them: text as typed; country and state as codes
    when the text names one, else as the text itself."""

    customer_name: str = ""
    customer_email: str = ""
    is_business_customer: bool = False
    customer_billing_name: str = ""
    customer_tax_id: str = ""
    country: str = ""
    line1: str = ""
    line2: str = ""
    postal_code: str = ""
    city: str = ""
    state: str = ""

    @classmethod
    def from_session(cls, session: CheckoutPublic) -> Draft:
        address = session.customer_billing_address
        return cls(
            customer_name=session.customer_name or "",
            customer_email=session.customer_email or "",
            is_business_customer=session.is_business_customer,
            customer_billing_name=session.customer_billing_name or "",
            customer_tax_id=session.customer_tax_id or "",
            **{part: (getattr(address, part) or "") if address else "" for part in ADDRESS_PARTS},
        )

    def with_values(self, **values: Any) -> Draft:
        return replace(self, **values)


def address_modes(
    country: str | None, is_business: bool, session: CheckoutPublic
) -> dict[str, FieldMode]:
    """Which address parts show and which are required.

    The server's `billing_address_fields` wins while the inputs it depends on (country and
    the business flag) are as the server has them; once either differs, the same rule Polar
    applies is recomputed locally at once. Like Polar's web checkout, the form asks for no
    address when no payment form is needed and the merchant does not require one.
    """
    if session.is_payment_form_required is False and not session.require_billing_address:
        return dict.fromkeys(ADDRESS_PARTS, FieldMode.DISABLED)
    stored = session.customer_billing_address
    as_stored = country == (stored.country if stored else None) and (
        is_business == session.is_business_customer
    )
    if as_stored and session.billing_address_fields:
        modes = {}
        for part, mode in session.billing_address_fields.items():
            try:
                modes[part] = FieldMode(mode)
            except ValueError:
                modes[part] = FieldMode.OPTIONAL
        return {part: modes.get(part, FieldMode.OPTIONAL) for part in ADDRESS_PARTS}
    return validation.billing_address_fields(
        country=country,
        is_business=is_business,
        require_billing_address=session.require_billing_address,
        payment_method_type=session.payment_method_type,
    )


def field_modes(
    country: str | None, is_business: bool, session: CheckoutPublic
) -> dict[str, FieldMode]:
    """Every form field's mode: hidden, optional, or required to confirm the checkout.

    Polar asks for the email at confirm unless a customer is attached, and a business
    customer for the name on the invoice; the tax ID and that name mean nothing for a
    consumer, so the form hides them.
    """
    business = FieldMode.REQUIRED if is_business else FieldMode.DISABLED
    if session.is_payment_form_required is False and not session.require_billing_address:
        # Polar's page asks none of it, and Polar clears it when no payment form is needed.
        return {
            "customer_name": FieldMode.OPTIONAL,
            "customer_email": FieldMode.OPTIONAL if session.customer_id else FieldMode.REQUIRED,
            **address_modes(country, is_business, session),
            "is_business_customer": FieldMode.DISABLED,
            "customer_billing_name": FieldMode.DISABLED,
            "customer_tax_id": FieldMode.DISABLED,
        }
    return {
        "customer_name": FieldMode.OPTIONAL,
        "customer_email": FieldMode.OPTIONAL if session.customer_id else FieldMode.REQUIRED,
        **address_modes(country, is_business, session),
        "is_business_customer": FieldMode.OPTIONAL,
        "customer_billing_name": business,
        "customer_tax_id": FieldMode.OPTIONAL if is_business else FieldMode.DISABLED,
    }


@dataclass(frozen=True, slots=True)
class Checked:
    """A draft after Polar's rules: each field's value as Polar would store it, and the
    fields whose value Polar would refuse, with its message."""

    values: Mapping[str, Value]
    invalid: Mapping[str, str]


def check(draft: Draft) -> Checked:
    """Run every local rule; each failing field gets Polar's message for it.

    An empty country is not invalid here: whether it is needed depends on what is sent.
    """
    values: dict[str, Value] = {
        field: validation.clean_text(getattr(draft, field)) for field in TEXT_FIELDS
    }
    country = draft.country.strip().upper() or None
    values["country"] = country
    values["is_business_customer"] = draft.is_business_customer
    invalid: dict[str, str] = {}

    def record(error: RuleError) -> None:
        invalid.setdefault(field_for(error.error.path, error.error.message), readable(str(error)))

    for field in TEXT_FIELDS:
        if validation.has_nul(getattr(draft, field)):
            invalid[field] = readable(validation.INVALID_CHARACTERS)
    try:
        values["customer_name"] = validation.check_customer_name(draft.customer_name)
    except RuleError as error:
        record(error)
    try:
        values["customer_email"] = validation.check_email(draft.customer_email)
    except RuleError as error:
        record(error)
    country_ok = False
    if country is not None:
        try:
            address = validation.check_address(
                {part: getattr(draft, part) for part in ADDRESS_PARTS}
            )
        except RuleError as error:
            record(error)
            country_ok = field_for(error.error.path, error.error.message) != "country"
        else:
            values.update(address.as_dict())
            country_ok = True
    if draft.is_business_customer and (country_ok or country is None):
        try:
            values["customer_tax_id"] = validation.check_tax_id(
                draft.customer_tax_id, country if country_ok else None
            )
        except RuleError as error:
            record(error)
    return Checked(values, invalid)


def update_body(
    changed: Collection[str], values: Mapping[str, Value], modes: Mapping[str, FieldMode]
) -> dict[str, Any]:
    """The PATCH body for the changed fields, each value as Polar would store it.

    An address change sends the whole address as the form shows it (parts the current mode
    hides are left out, and so are empty ones). Turning business off sends only the flag:
    Polar clears the tax ID and billing name itself.
    """
    body: dict[str, Any] = {
        field: values[field]
        for field in CUSTOMER_FIELDS
        if field in changed and field not in ADDRESS_PARTS
    }
    if any(part in changed for part in ADDRESS_PARTS):
        body["customer_billing_address"] = {
            part: value
            for part in ADDRESS_PARTS
            if modes.get(part) != FieldMode.DISABLED and (value := values[part]) is not None
        }
    return body
