"""The scenario file's schema: organizations, custom fields, products, prices, discounts,
customers' subscriptions and sessions.

Each spec checks its own entry and knows how to become the emulator's object
(`to_organization`, `to_custom_field`, `to_product`, `to_price`, `to_discount`,
`to_subscription`, `to_scenario`), with ids derived from the names in the file: an
organization by its slug, a custom field by its organization and slug, a product by its
organization and key, a price by its product and currency (a
product has one price per currency), a benefit by its place in the product, a
discount by its organization and code, a customer by its organization and email, a
session by its name. Checks across
entries (unknown or duplicate names) are the loader's (see `loader`).

The field types live in `fields`, the price specs in `prices`, the custom
field specs in `custom_fields`.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import Field, field_validator, model_validator

from tui.domain.validation import (
    check_address,
    check_customer_name,
    check_email,
    check_tax_id,
    clean_text,
)
from tui.emulator.model.catalog import (
    Benefit,
    BenefitType,
    Catalog,
    Discount,
    DiscountDuration,
    Interval,
    Organization,
    Product,
    TaxBehaviorOption,
)
from tui.emulator.model.custom_fields import AttachedCustomField
from tui.emulator.model.customers import CustomerSubscription, SubscriptionStatus
from tui.emulator.model.ids import stable_uuid
from tui.emulator.model.session import Status
from tui.emulator.rules.ledger import unaliased

from .custom_fields import AttachedFieldSpec, CustomFieldSpec
from .fields import Amount, Country, Currency, Moment, Name, Spec, Text
from .prices import PriceSpec
from .scenario import CATALOG_CREATED_AT, SESSION_TTL, Scenario


class OrganizationSpec(Spec):
    slug: Name
    name: Text
    default_currency: Currency = "usd"
    default_tax_behavior: TaxBehaviorOption = "location"
    country: Country = "US"
    avatar_url: str | None = None
    checkout_localization_enabled: bool = False
    """Polar's feature setting: without it every session's locale is "en"."""
    blocked: bool = False
    can_accept_payments: bool = True
    allow_multiple_subscriptions: bool = False

    def to_organization(self) -> Organization:
        return Organization(
            id=stable_uuid("org", self.slug),
            name=self.name,
            slug=self.slug,
            avatar_url=self.avatar_url,
            created_at=CATALOG_CREATED_AT,
            default_currency=self.default_currency,
            default_tax_behavior=self.default_tax_behavior,
            country=self.country,
            checkout_localization_enabled=self.checkout_localization_enabled,
            blocked=self.blocked,
            can_accept_payments=self.can_accept_payments,
            allow_multiple_subscriptions=self.allow_multiple_subscriptions,
        )


class BenefitSpec(Spec):
    type: BenefitType = "custom"
    description: Text


class ProductSpec(Spec):
    key: Name
    """How sessions and discounts refer to the product."""
    organization: str
    name: Text
    description: str | None = None
    recurring_interval: Interval | None = None
    recurring_interval_count: Annotated[int, Field(ge=1)] = 1
    trial_interval: Interval | None = None
    trial_interval_count: Annotated[int, Field(ge=1)] = 1
    is_tax_applicable: bool = True
    is_archived: bool = False
    """Archived since the sessions were created: an update switching to it answers 422."""
    prices: Annotated[list[PriceSpec], Field(min_length=1)]
    benefits: list[BenefitSpec] = []
    attached_custom_fields: list[AttachedFieldSpec] = []
    """The organization's custom fields the product asks, in this order."""

    @model_validator(mode="after")
    def _trial_needs_recurring(self) -> ProductSpec:
        if self.trial_interval is not None and self.recurring_interval is None:
            raise ValueError("a trial needs a recurring product (recurring_interval)")
        return self

    @property
    def id(self) -> UUID:
        return stable_uuid("product", self.organization, self.key)

    def to_product(self, attached: tuple[AttachedCustomField, ...] = ()) -> Product:
        """The product, asking the `attached` fields (those of `attached_custom_fields`)."""
        recurring = self.recurring_interval is not None
        trial = self.trial_interval is not None
        return Product(
            id=self.id,
            name=self.name,
            description=self.description,
            created_at=CATALOG_CREATED_AT,
            prices=tuple(
                price.to_price(
                    self.id, stable_uuid("price", self.organization, self.key, price.currency)
                )
                for price in self.prices
            ),
            recurring_interval=self.recurring_interval,
            recurring_interval_count=self.recurring_interval_count if recurring else None,
            benefits=tuple(
                Benefit(
                    stable_uuid("benefit", self.organization, self.key, str(index)),
                    benefit.type,
                    benefit.description,
                )
                for index, benefit in enumerate(self.benefits)
            ),
            trial_interval=self.trial_interval,
            trial_interval_count=self.trial_interval_count if trial else None,
            is_tax_applicable=self.is_tax_applicable,
            attached_custom_fields=attached,
            is_archived=self.is_archived,
        )


class DiscountSpec(Spec):
    organization: str
    code: Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]+$")]
    name: Text
    type: Literal["percentage", "fixed"]
    duration: DiscountDuration = "once"
    duration_in_months: Annotated[int, Field(ge=1)] | None = None
    basis_points: Annotated[int, Field(ge=1, le=10_000)] | None = None
    amounts: dict[Currency, Amount] = {}
    products: list[str] = []
    """Product keys; empty means every product of the organization."""
    starts_at: Moment | None = None
    """When the code starts to work; a date-time without an offset is read as UTC."""
    ends_at: Moment | None = None
    """When the code stops working; a date-time without an offset is read as UTC."""
    max_redemptions: Annotated[int, Field(ge=1)] | None = None
    redemptions: Amount = 0
    """Redemptions made before the emulator started."""
    max_redemptions_per_customer: Annotated[int, Field(ge=1)] | None = None
    redeemed_by: list[str] = []
    """Emails of customers who each redeemed it once before the emulator started (they count
    for `max_redemptions_per_customer` and, with `redemptions`, for `max_redemptions`)."""

    @field_validator("redeemed_by")
    @classmethod
    def _emails(cls, value: list[str]) -> list[str]:
        return [email for email in (check_email(item) for item in value) if email is not None]

    @model_validator(mode="after")
    def _consistent(self) -> DiscountSpec:
        if self.type == "percentage" and self.basis_points is None:
            raise ValueError("a percentage discount needs basis_points")
        if self.type == "fixed" and not self.amounts:
            raise ValueError("a fixed discount needs amounts")
        if (self.duration == "repeating") != (self.duration_in_months is not None):
            raise ValueError("duration_in_months goes with (and only with) a repeating duration")
        return self

    def to_discount(self, product_ids: frozenset[UUID]) -> Discount:
        """The discount, limited to `product_ids` (the ids of `products`; empty: all)."""
        return Discount(
            id=stable_uuid("discount", self.organization, self.code),
            name=self.name,
            code=self.code,
            type=self.type,
            duration=self.duration,
            basis_points=self.basis_points or 0,
            amounts=tuple(self.amounts.items()),
            duration_in_months=self.duration_in_months,
            product_ids=product_ids,
            starts_at=self.starts_at,
            ends_at=self.ends_at,
            max_redemptions=self.max_redemptions,
            redemptions_count=self.redemptions + len(self.redeemed_by),
            max_redemptions_per_customer=self.max_redemptions_per_customer,
            redeemed_by=frozenset(unaliased(email) for email in self.redeemed_by),
        )


class AddressSpec(Spec):
    country: str
    line1: str | None = None
    line2: str | None = None
    postal_code: str | None = None
    city: str | None = None
    state: str | None = None

    @model_validator(mode="after")
    def _as_polar_accepts(self) -> AddressSpec:
        check_address(self.model_dump())
        return self


class CustomerSpec(Spec):
    name: str | None = None
    email: str | None = None
    billing_name: str | None = None
    billing_address: AddressSpec | None = None
    is_business: bool = False
    tax_id: str | None = None

    @field_validator("name")
    @classmethod
    def _name(cls, value: str | None) -> str | None:
        return check_customer_name(value)

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        return check_email(value)

    @model_validator(mode="after")
    def _tax_id(self) -> CustomerSpec:
        address = self.billing_address
        check_tax_id(self.tax_id, address.country.upper() if address else None)
        return self

    def to_fields(self) -> dict[str, Any]:
        """The session fields the customer fills in, normalized as Polar stores them."""
        address = check_address(self.billing_address.model_dump()) if self.billing_address else None
        return {
            "customer_name": self.name,
            "customer_email": self.email,
            "customer_billing_name": clean_text(self.billing_name),
            "customer_billing_address": address,
            "is_business_customer": self.is_business,
            "customer_tax_id": check_tax_id(self.tax_id, address.country if address else None),
        }


class SessionSpec(Spec):
    name: Name
    """The scenario's name; its client secret is derived from it."""
    product: str
    currency: Currency | None = None
    """Default: the organization's currency if the product has a price in it."""
    status: Status = "open"
    expires_in_minutes: Annotated[int, Field(le=7 * 24 * 60)] | None = None
    """Minutes until the session expires (default 1440: 24 hours, as on Polar); 0 or less:
    already expired (an hour ago), as is a session with status "expired" and no expiry given."""
    allow_discount_codes: bool = True
    require_billing_address: bool = False
    locale: str | None = None
    """Kept only if the organization opted in to checkout localization; else Polar writes "en"."""
    customer: CustomerSpec = CustomerSpec()

    def to_scenario(
        self,
        catalog: Catalog,
        product: Product,
        subscriptions: tuple[CustomerSubscription, ...] = (),
    ) -> Scenario:
        """The session of `product` in `catalog`, beside the organization's `subscriptions`."""
        minutes = self.expires_in_minutes
        expired = minutes <= 0 if minutes is not None else self.status == "expired"
        return Scenario(
            name=self.name,
            catalog=catalog,
            product=product,
            status=self.status,
            expired=expired,
            expires_in=timedelta(minutes=minutes) if minutes and minutes > 0 else SESSION_TTL,
            allow_discount_codes=self.allow_discount_codes,
            require_billing_address=self.require_billing_address,
            locale=self.locale,
            customer=self.customer.to_fields(),
            subscriptions=subscriptions,
        )


class SubscriptionSpec(Spec):
    """A subscription a customer already holds (its organization is its product's)."""

    product: str
    """The key of a recurring product."""
    email: str
    status: SubscriptionStatus = "active"
    """Only trialing, active and past_due subscriptions stop a customer from checking out."""

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        email = check_email(value)
        if email is None:
            raise ValueError("an email is required")
        return email

    def to_subscription(self, organization_id: UUID, product_id: UUID) -> CustomerSubscription:
        return CustomerSubscription(organization_id, product_id, self.email, self.status)


class ScenarioFile(Spec):
    organizations: Annotated[list[OrganizationSpec], Field(min_length=1)]
    custom_fields: list[CustomFieldSpec] = []
    products: Annotated[list[ProductSpec], Field(min_length=1)]
    discounts: list[DiscountSpec] = []
    subscriptions: list[SubscriptionSpec] = []
    sessions: Annotated[list[SessionSpec], Field(min_length=1)]
