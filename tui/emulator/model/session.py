"""One checkout session's state, and the values Polar derives from it on every read.

A `Session` is immutable: an update builds a new one (see `rules.update`), so a
rejected update leaves the stored session exactly as it was.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from tui.domain import validation
from tui.domain.validation import AddressValues, FieldMode

from .catalog import Catalog, Discount, Interval, Price, Product, TaxBehavior

Status = Literal["open", "expired", "confirmed", "succeeded", "failed"]


@dataclass(frozen=True, slots=True)
class Session:
    id: UUID
    client_secret: str
    catalog: Catalog
    created_at: datetime
    expires_at: datetime
    product_id: UUID
    product_price_id: UUID
    currency: str
    amount: int
    net_amount: int
    modified_at: datetime | None = None
    status: Status = "open"
    allow_discount_codes: bool = True
    require_billing_address: bool = False
    success_url: str | None = None
    """None means Polar's default: the hosted page's confirmation URL."""
    return_url: str | None = None
    seats: int | None = None
    min_seats: int | None = None
    max_seats: int | None = None
    units: int | None = None
    min_units: int | None = None
    max_units: int | None = None
    discount_id: UUID | None = None
    tax_amount: int | None = None
    tax_behavior: TaxBehavior | None = None
    customer_id: UUID | None = None
    customer_name: str | None = None
    customer_email: str | None = None
    customer_billing_name: str | None = None
    customer_billing_address: AddressValues | None = None
    customer_tax_id: str | None = None
    is_business_customer: bool = False
    locale: str | None = None
    payment_method_type: str | None = None
    custom_field_data: Mapping[str, Any] = field(default_factory=dict)
    allow_trial: bool | None = True
    trial_end: datetime | None = None
    opened_at: datetime | None = None
    """When the checkout page first sent its analytics ping (Polar keeps it out of answers)."""
    succeeds_at: datetime | None = None
    """A confirmed session turns succeeded once the clock reaches this (see `lifecycle`)."""

    # -- the catalogue as this session sees it ---------------------------------

    @property
    def product(self) -> Product:
        product = self.catalog.product(self.product_id)
        if product is None:  # pragma: no cover - sessions are built from their catalog
            raise LookupError(f"product {self.product_id} is not in this session")
        return product

    @property
    def product_price(self) -> Price:
        return next(p for p in self.product.prices if p.id == self.product_price_id)

    @property
    def product_prices(self) -> tuple[Price, ...]:
        """Every price of the selected product (Polar's `checkout.prices[product_id]`)."""
        return self.product.prices

    @property
    def price_set(self) -> tuple[Price, ...]:
        """The selected product's prices in the session's currency."""
        return self.product.prices_in(self.currency)

    def price_of_type(self, amount_type: str) -> Price | None:
        return next((p for p in self.price_set if p.amount_type == amount_type), None)

    @property
    def discount(self) -> Discount | None:
        return self.catalog.discount(self.discount_id)

    # -- money ------------------------------------------------------------------

    @property
    def discount_amount(self) -> int:
        discount = self.discount
        return discount.discount_amount(self.amount, self.currency) if discount else 0

    @property
    def total_amount(self) -> int:
        return self.net_amount + (self.tax_amount or 0)

    # -- flags ------------------------------------------------------------------

    @property
    def is_discount_applicable(self) -> bool:
        return any(price.is_discountable for price in self.product_prices)

    @property
    def is_free_product_price(self) -> bool:
        return all(price.is_free for price in self.product_prices)

    @property
    def is_payment_required(self) -> bool:
        return self.total_amount > 0 and self.trial_end is None

    @property
    def is_payment_setup_required(self) -> bool:
        if self.is_free_product_price or self.amount == 0:
            return False
        discount = self.discount
        if discount is not None and discount.is_full_forever:
            return False
        return self.product.is_recurring

    @property
    def is_payment_form_required(self) -> bool:
        return self.is_payment_required or self.is_payment_setup_required

    # -- trial --------------------------------------------------------------------

    @property
    def active_trial_interval(self) -> Interval | None:
        if not self.allow_trial or not self.product.is_recurring:
            return None
        return self.product.trial_interval

    @property
    def active_trial_interval_count(self) -> int | None:
        if not self.allow_trial or not self.product.is_recurring:
            return None
        return self.product.trial_interval_count

    # -- the address form -------------------------------------------------------

    @property
    def is_billing_address_required(self) -> bool:
        """Polar's own flag (US customers excluded): confirm then wants a full address."""
        return validation.is_billing_address_required(
            is_business=self.is_business_customer,
            require_billing_address=self.require_billing_address,
            payment_method_type=self.payment_method_type,
        )

    @property
    def customer_billing_address_fields(self) -> dict[str, bool]:
        """The deprecated booleans: which parts are required."""
        modes = self.billing_address_fields
        return {part: mode == FieldMode.REQUIRED for part, mode in modes.items()}

    @property
    def billing_address_fields(self) -> dict[str, FieldMode]:
        address = self.customer_billing_address
        return validation.billing_address_fields(
            country=address.country if address else None,
            is_business=self.is_business_customer,
            require_billing_address=self.require_billing_address,
            payment_method_type=self.payment_method_type,
        )
