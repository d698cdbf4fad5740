"""Lenient models of Polar's checkout responses, today's shape and the 2024 one.

They never reject what the server sent: every field is optional, unknown keys are kept,
and enums are plain strings so a new value from Polar does not break parsing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator


class _Lenient(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)

    @model_validator(mode="before")
    @classmethod
    def _null_means_default(cls, data: Any) -> Any:
        """A null where we expect a value reads as the field's default, never as an error."""
        if isinstance(data, dict):
            declared = cls.model_fields
            return {k: v for k, v in data.items() if v is not None or k not in declared}
        return data


class Address(_Lenient):
    country: str | None = None
    line1: str | None = None
    line2: str | None = None
    postal_code: str | None = None
    city: str | None = None
    state: str | None = None


class Price(_Lenient):
    id: str | None = None
    amount_type: str | None = None
    type: str | None = None
    price_currency: str | None = None
    price_amount: int | None = None
    minimum_amount: int | None = None
    maximum_amount: int | None = None
    preset_amount: int | None = None
    recurring_interval: str | None = None
    is_archived: bool = False
    seat_tiers: dict[str, Any] | None = None
    tiers: dict[str, Any] | None = None
    """Unit-based prices: `{"type": ..., "tiers": [{"bound": ..., "unit_amount": "50"}]}`."""
    minimum_units: int | None = None
    maximum_units: int | None = None
    unit_label: str | None = None


class Benefit(_Lenient):
    id: str | None = None
    type: str | None = None
    description: str | None = None


class Media(_Lenient):
    id: str | None = None
    name: str | None = None
    mime_type: str | None = None
    public_url: str | None = None


class Product(_Lenient):
    id: str | None = None
    name: str = ""
    description: str | None = None
    is_recurring: bool = False
    is_archived: bool = False
    recurring_interval: str | None = None
    recurring_interval_count: int | None = None
    trial_interval: str | None = None
    trial_interval_count: int | None = None
    prices: list[Price] = Field(default_factory=list)
    benefits: list[Benefit] = Field(default_factory=list)
    medias: list[Media] = Field(default_factory=list)


class CustomField(_Lenient):
    """A merchant's question: `type` is text, number, date, select or checkbox."""

    id: str | None = None
    type: str | None = None
    slug: str = ""
    name: str = ""
    properties: dict[str, Any] = Field(default_factory=dict)
    """form_label, form_help_text, form_placeholder; textarea, min_length, max_length (text);
    ge, le (number, date); options [{value, label}] (select)."""


class AttachedCustomField(_Lenient):
    custom_field_id: str | None = None
    custom_field: CustomField = Field(default_factory=CustomField)
    order: int = 0
    required: bool = False


class Discount(_Lenient):
    id: str | None = None
    name: str | None = None
    code: str | None = None
    type: str | None = None
    duration: str | None = None
    duration_in_months: int | None = None
    basis_points: int | None = None
    amount: int | None = None
    currency: str | None = None
    amounts: dict[str, int] | None = None


class Organization(_Lenient):
    id: str | None = None
    name: str = ""
    slug: str | None = None


class Received(NamedTuple):
    """A session's body exactly as the server sent it, and when it arrived (our clock)."""

    body: bytes
    at: datetime


class CheckoutPublic(_Lenient):
    """A checkout session as the client API returns it."""

    _received: Received | None = PrivateAttr(default=None)

    id: str | None = None
    status: str = "open"
    client_secret: str = ""
    url: str | None = None
    success_url: str | None = None
    expires_at: datetime | None = None
    created_at: datetime | None = None
    modified_at: datetime | None = None

    currency: str | None = None
    amount: int | None = None
    discount_amount: int | None = None
    subtotal_amount: int | None = None
    net_amount: int | None = None
    tax_amount: int | None = None
    tax_behavior: str | None = None
    total_amount: int | None = None

    product_id: str | None = None
    product_price_id: str | None = None
    product: Product | None = None
    product_price: Price | None = None
    products: list[Product] = Field(default_factory=list)
    prices: dict[str, list[Price]] | None = None
    discount: Discount | None = None
    organization: Organization | None = None

    seats: int | None = None
    min_seats: int | None = None
    max_seats: int | None = None
    units: int | None = None
    min_units: int | None = None
    max_units: int | None = None
    allow_trial: bool | None = None
    trial_end: datetime | None = None
    active_trial_interval: str | None = None
    active_trial_interval_count: int | None = None

    allow_discount_codes: bool = False
    require_billing_address: bool = False
    is_discount_applicable: bool = False
    is_free_product_price: bool = False
    is_payment_required: bool = False
    is_payment_setup_required: bool = False
    is_payment_form_required: bool | None = None
    """None when the server did not say (the 2024 shape): the form then asks for an address."""

    customer_id: str | None = None
    customer_name: str | None = None
    customer_email: str | None = None
    customer_billing_name: str | None = None
    customer_billing_address: Address | None = None
    customer_tax_id: str | None = None
    is_business_customer: bool = False
    locale: str | None = None
    payment_method_type: str | None = None
    billing_address_fields: dict[str, str] | None = None
    attached_custom_fields: list[AttachedCustomField] = Field(default_factory=list)
    custom_field_data: dict[str, Any] = Field(default_factory=dict)

    @property
    def received(self) -> Received | None:
        """The body this session was read from (the session inspector shows it; the model
        would drop or reshape what it does not know); None when no server sent it."""
        return self._received

    def arrived(self, body: bytes, at: datetime) -> CheckoutPublic:
        """This session, noted as read from `body` at `at`."""
        self._received = Received(body, at)
        return self

    @property
    def price(self) -> Price | None:
        """The selected price: `product_price` when present, else the product's first."""
        if self.product_price is not None:
            return self.product_price
        if self.product is not None and self.product.prices:
            return self.product.prices[0]
        return None

    @property
    def net(self) -> int | None:
        """Amount after discount (and after inclusive tax); the 2024 shape lacks it."""
        if self.net_amount is not None:
            return self.net_amount
        return self.subtotal_amount if self.subtotal_amount is not None else self.amount


@dataclass(frozen=True, slots=True)
class FieldError:
    """A problem with one field: the body path without Polar's leading "body", and the words.

    Local rule failures and the server's 422 entries share this type, so both reach the form
    through the same field mapping.
    """

    path: tuple[str | int, ...]
    message: str
    kind: str = "value_error"
