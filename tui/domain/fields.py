"""The field table: every field a customer sets, by the one name tapes, `apply` and the form
use, with the body path it is sent at and the 422 `loc` paths whose messages go under it.

Local rule failures and the server's 422 entries go through the same `field_for`, so both
look the same to the user.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Final

from tui.polar.models import FieldError

GENERAL: Final = "general"
"""Errors about keys no field shows go to the screen's message area."""
CUSTOM_FIELD_DATA: Final = "custom_field_data"
CUSTOM_FIELD_PREFIX: Final = f"{CUSTOM_FIELD_DATA}."
_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
_ADDRESS: Final = "customer_billing_address"
_VALUE_ERROR_PREFIX: Final = "Value error, "


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    """The tape name; also the form widget's id."""
    label: str
    body: str
    """The dotted body path the value is sent at."""
    locs: tuple[str, ...]
    """Dotted 422 `loc` paths (without the leading `body`) shown under the field."""
    stored: str = ""
    """The dotted path the session stores the value at, when it is not the body path."""

    @property
    def stored_path(self) -> str:
        return self.stored or self.body


FIELDS: Final = (
    FieldSpec("customer_name", "Name", "customer_name", ("customer_name",)),
    FieldSpec("customer_email", "Email", "customer_email", ("customer_email",)),
    FieldSpec("country", "Country", f"{_ADDRESS}.country", (f"{_ADDRESS}.country",)),
    FieldSpec("line1", "Address line 1", f"{_ADDRESS}.line1", (f"{_ADDRESS}.line1",)),
    FieldSpec("line2", "Address line 2", f"{_ADDRESS}.line2", (f"{_ADDRESS}.line2",)),
    FieldSpec(
        "postal_code", "Postal code", f"{_ADDRESS}.postal_code", (f"{_ADDRESS}.postal_code",)
    ),
    FieldSpec("city", "City", f"{_ADDRESS}.city", (f"{_ADDRESS}.city",)),
    FieldSpec("state", "State / region", f"{_ADDRESS}.state", (f"{_ADDRESS}.state",)),
    FieldSpec(
        "is_business_customer",
        "Purchasing as a business",
        "is_business_customer",
        ("is_business_customer",),
    ),
    FieldSpec(
        "customer_billing_name",
        "Billing name",
        "customer_billing_name",
        ("customer_billing_name",),
    ),
    FieldSpec("customer_tax_id", "Tax ID", "customer_tax_id", ("customer_tax_id",)),
    FieldSpec("product", "Product", "product_id", ("product_id", "product_price_id")),
    FieldSpec("amount", "Amount", "amount", ("amount",)),
    FieldSpec("seats", "Seats", "seats", ("seats",)),
    FieldSpec("units", "Units", "units", ("units",)),
    FieldSpec(
        "discount_code",
        "Discount code",
        "discount_code",
        ("discount_code", "discount_id"),
        stored="discount.code",
    ),
)
BY_NAME: Final = {spec.name: spec for spec in FIELDS}
CUSTOMER_FIELDS: Final = (
    "customer_name",
    "customer_email",
    "country",
    "line1",
    "line2",
    "postal_code",
    "city",
    "state",
    "is_business_customer",
    "customer_billing_name",
    "customer_tax_id",
)
"""Who buys: the customer, the billing address and the tax details."""
FORM_FIELDS: Final = (*CUSTOMER_FIELDS, "product", "amount", "seats", "units", "discount_code")
"""The fields of the table the checkout form edits, in the order it shows them."""
_BY_LOC: Final = {loc: spec.name for spec in FIELDS for loc in spec.locs}


def is_tape_field(name: str) -> bool:
    """A field of the table, or `custom_field_data.SLUG`."""
    if name in BY_NAME:
        return True
    slug = name.removeprefix(CUSTOM_FIELD_PREFIX)
    return slug != name and _SLUG.fullmatch(slug) is not None


def field_for(path: tuple[str | int, ...], message: str) -> str:
    """The field an error at this body path belongs to, or GENERAL.

    The address as a whole carries Polar's state check ("Invalid US state") and its
    country problems: a message that names a state goes under the state, the rest under
    the country.
    """
    for end in range(len(path), 0, -1):
        dotted = ".".join(str(part) for part in path[:end])
        if dotted in _BY_LOC:
            return _BY_LOC[dotted]
    if path and path[0] == _ADDRESS:
        lowered = message.lower()
        return "state" if "state" in lowered or "subdivision" in lowered else "country"
    if len(path) >= 2 and path[0] == CUSTOM_FIELD_DATA:
        return f"{CUSTOM_FIELD_PREFIX}{path[1]}"
    return GENERAL


def place_errors(
    errors: list[FieldError], shown: Collection[str]
) -> tuple[dict[str, str], list[str]]:
    """Each of Polar's messages under the field on screen it belongs to (the first for a
    field wins), and those that belong to no field shown, each with its path, for the
    banner."""
    placed: dict[str, str] = {}
    general: list[str] = []
    for error in errors:
        name = field_for(error.path, error.message)
        if name in shown:
            placed.setdefault(name, readable(error.message))
        else:
            where = ".".join(str(part) for part in error.path)
            general.append(f"{where}: {readable(error.message)}" if where else error.message)
    return placed, general


def readable(message: str) -> str:
    """Polar's pydantic messages read "Value error, Invalid US state": keep the sentence."""
    text = message.removeprefix(_VALUE_ERROR_PREFIX)
    return text if text.endswith((".", "!", "?")) else f"{text}."
