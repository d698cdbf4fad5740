"""The editable projection of a checkout session, and the minimal update it implies."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from tui.domain import validation
from tui.domain.field_errors import field_for, readable
from tui.domain.validation import ADDRESS_PARTS, AddressValues, FieldMode, RuleError
from tui.polar.models import CheckoutPublic

TEXT_FIELDS = (
    "customer_name",
    "customer_email",
    "customer_billing_name",
    "customer_tax_id",
    *ADDRESS_PARTS,
)


@dataclass(frozen=True, slots=True)
class Draft:
    """What the user typed, as text, exactly as typed."""

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

    def has_address(self) -> bool:
        return any(getattr(self, part).strip() for part in ADDRESS_PARTS)

    def address_parts(self) -> dict[str, str | None]:
        """The address as the form sends it: the country code trimmed, the rest as typed."""
        parts: dict[str, str | None] = {part: getattr(self, part) for part in ADDRESS_PARTS}
        parts["country"] = self.country.strip()
        return parts

    def changed_fields(self, other: Draft) -> set[str]:
        """Fields whose values differ, ignoring spaces around text (Polar trims them)."""

        def same(a: object, b: object) -> bool:
            if isinstance(a, str) and isinstance(b, str):
                return a.strip() == b.strip()
            return a == b

        return {
            f.name for f in fields(self) if not same(getattr(self, f.name), getattr(other, f.name))
        }


def address_modes(draft: Draft, session: CheckoutPublic) -> dict[str, FieldMode]:
    """Which address parts show and which are required.

    The server's `billing_address_fields` wins while the inputs it depends on (country and
    the business flag) are as the server has them; once the user changes either, the same
    rule Polar applies is recomputed locally at once.
    """
    country = draft.country.strip().upper() or None
    stored = session.customer_billing_address
    as_stored = country == (stored.country if stored else None) and (
        draft.is_business_customer == session.is_business_customer
    )
    if as_stored and session.billing_address_fields:
        modes = {}
        for part, mode in session.billing_address_fields.items():
            try:
                modes[part] = FieldMode(mode)
            except ValueError:
                modes[part] = FieldMode.OPTIONAL
        return modes
    return validation.billing_address_fields(
        country=country,
        is_business=draft.is_business_customer,
        require_billing_address=session.require_billing_address,
        payment_method_type=session.payment_method_type,
    )


@dataclass(frozen=True, slots=True)
class Checked:
    """A draft after local validation: per-field messages and the normalized values."""

    errors: dict[str, str]
    missing: frozenset[str] = frozenset()
    """Fields whose only problem is that they are required and empty."""
    name: str | None = None
    email: str | None = None
    billing_name: str | None = None
    tax_id: str | None = None
    address: AddressValues | None = None
    """The address as it would be sent: parts the form hides are left out."""
    typed_address: AddressValues | None = None
    """Every part as typed, hidden ones included: compared with the stored address."""

    @property
    def ok(self) -> bool:
        return not self.errors


def check(draft: Draft, session: CheckoutPublic) -> Checked:
    """Run every local rule; each failing field gets Polar's message for it."""
    found: dict[str, str] = {}
    empty: set[str] = set()

    def record(error: RuleError) -> None:
        field = field_for(error.error.path, error.error.message)
        if field not in found:
            found[field] = readable(error.error.message)
            if error.error.message == validation.FIELD_REQUIRED:
                empty.add(field)

    for field in TEXT_FIELDS:
        if validation.has_nul(getattr(draft, field)):
            found[field] = readable(validation.INVALID_CHARACTERS)

    values: dict[str, Any] = {}
    for key, rule, text in (
        ("name", validation.check_customer_name, draft.customer_name),
        ("email", validation.check_email, draft.customer_email),
    ):
        try:
            values[key] = rule(text)
        except RuleError as error:
            record(error)

    address: AddressValues | None = None
    typed: AddressValues | None = None
    if draft.has_address() or session.customer_billing_address is not None:
        modes = address_modes(draft, session)
        parts = {
            part: None if modes.get(part) == FieldMode.DISABLED else value
            for part, value in draft.address_parts().items()
        }
        try:
            address = validation.check_address(parts)
            typed = validation.check_address(draft.address_parts())
        except RuleError as error:
            record(error)
        else:
            for missing in validation.missing_address_parts(address, modes):
                field = field_for(missing.path, missing.message)
                if field not in found:
                    found[field] = readable(missing.message)
                    empty.add(field)

    tax_id: str | None = None
    billing_name: str | None = None
    if draft.is_business_customer:
        billing_name = validation.clean_text(draft.customer_billing_name)
        try:
            country = address.country if address else None
            tax_id = validation.check_tax_id(draft.customer_tax_id, country)
        except RuleError as error:
            if "country" not in found:
                record(error)
    return Checked(
        found,
        frozenset(empty),
        values.get("name"),
        values.get("email"),
        billing_name,
        tax_id,
        address,
        typed,
    )


def _session_address(session: CheckoutPublic) -> dict[str, str | None] | None:
    address = session.customer_billing_address
    if address is None:
        return None
    return {part: getattr(address, part) for part in ADDRESS_PARTS}


def _stored_email(email: str | None) -> str | None:
    """The stored email as the form would send it, so an untouched one is not "changed"."""
    try:
        return validation.check_email(email)
    except RuleError:
        return validation.clean_text(email)


def diff(checked: Checked, draft: Draft, session: CheckoutPublic) -> dict[str, Any]:
    """The PATCH body: only keys whose normalized value differs from the server's.

    An address change sends the whole address as the form shows it (parts the current
    address mode hides are left out). Turning business off sends only the flag:
    Polar clears the tax ID and billing name itself.
    """
    body: dict[str, Any] = {}
    if checked.name != validation.clean_text(session.customer_name):
        body["customer_name"] = checked.name
    if checked.email != _stored_email(session.customer_email):
        body["customer_email"] = checked.email
    if draft.is_business_customer != session.is_business_customer:
        body["is_business_customer"] = draft.is_business_customer
    if draft.is_business_customer:
        if checked.billing_name != validation.clean_text(session.customer_billing_name):
            body["customer_billing_name"] = checked.billing_name
        if checked.tax_id != validation.clean_text(session.customer_tax_id):
            body["customer_tax_id"] = checked.tax_id
    typed = checked.typed_address
    if (
        checked.address is not None
        and typed is not None
        and typed.as_dict() != _session_address(session)
    ):
        body["customer_billing_address"] = {
            part: value for part, value in checked.address.as_dict().items() if value is not None
        }
    return body
