"""What a seller offers: organizations, products, prices, benefits and discounts.

Plain immutable data plus the arithmetic Polar attaches to it (what a price
costs for a number of seats, what a discount takes off, which prices can be
discounted). Sessions refer to these objects; nothing here changes at run time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal
from uuid import UUID

from .custom_fields import AttachedCustomField

AmountType = Literal["fixed", "custom", "seat_based", "unit_based"]
TierType = Literal["volume", "graduated"]
TaxBehaviorOption = Literal["location", "inclusive", "exclusive"]
TaxBehavior = Literal["inclusive", "exclusive"]
Interval = Literal["day", "week", "month", "year"]
DiscountType = Literal["fixed", "percentage"]
DiscountDuration = Literal["once", "forever", "repeating"]
BenefitType = Literal["custom", "downloadables", "license_keys", "github_repository", "discord"]


@dataclass(frozen=True, slots=True)
class Organization:
    id: UUID
    name: str
    slug: str
    avatar_url: str | None
    created_at: datetime
    default_currency: str
    default_tax_behavior: TaxBehaviorOption = "location"
    country: str = "US"
    """Where the seller is established: decides EU reverse charge in the tax stand-in."""
    checkout_localization_enabled: bool = False
    """Polar's feature setting: unless it is on, Polar writes the locale "en" on every create
    and update, whatever the merchant or the customer sent."""
    blocked: bool = False
    """A blocked organization loses API access: its sessions answer 403 NotPermitted."""
    can_accept_payments: bool = True
    """Without it, confirming a session that needs a payment form answers 403 PaymentNotReady."""
    allow_multiple_subscriptions: bool = False
    """Polar's subscription setting: without it, a customer who already subscribes to one of
    the organization's products cannot check out a recurring product of it."""


@dataclass(frozen=True, slots=True)
class SeatTier:
    min_seats: int
    max_seats: int | None
    price_per_seat: int


@dataclass(frozen=True, slots=True)
class UnitTier:
    """A per-unit rate (minor units) up to and including `bound`; the last may be unbounded."""

    bound: int | None
    unit_amount: int


def tiered_amount(kind: TierType, tiers: tuple[tuple[int | None, int], ...], quantity: int) -> int:
    """What `quantity` costs under (upper bound, rate) tiers, as Polar's `Tiers.calculate`.

    Volume: every unit at the rate of the tier the quantity falls in. Graduated:
    each tier prices the units between the previous tier's bound and its own; the
    first tier starts at zero.
    """
    if quantity <= 0:
        return 0
    if kind == "volume":
        for bound, rate in tiers:
            if bound is None or quantity <= bound:
                return rate * quantity
        raise ValueError(f"no tier covers a quantity of {quantity}")
    total, remaining, previous_bound = 0, quantity, 0
    for bound, rate in tiers:
        if remaining <= 0:
            break
        in_tier = remaining if bound is None else min(remaining, bound - previous_bound)
        total += in_tier * rate
        remaining -= in_tier
        if bound is not None:
            previous_bound = bound
    return total


@dataclass(frozen=True, slots=True)
class Price:
    id: UUID
    product_id: UUID
    amount_type: AmountType
    currency: str
    created_at: datetime
    tax_behavior: TaxBehaviorOption | None = None
    price_amount: int = 0
    """Fixed prices: the amount. A fixed price of 0 is how Polar spells "free"."""
    minimum_amount: int = 0
    maximum_amount: int | None = None
    preset_amount: int | None = None
    seat_tiers: tuple[SeatTier, ...] = ()
    seat_tier_type: TierType = "volume"
    unit_tiers: tuple[UnitTier, ...] = ()
    unit_tier_type: TierType = "volume"
    minimum_units: int | None = None
    """Unit-based prices: the smallest purchasable quantity (None: one)."""
    is_archived: bool = False
    """Archived after sessions were created with it: confirm refuses it ("Price is archived.")."""
    maximum_units: int | None = None
    """Unit-based prices: the largest purchasable quantity (None: the last tier's bound)."""

    @property
    def is_free(self) -> bool:
        if self.amount_type == "fixed":
            return self.price_amount == 0
        if self.amount_type == "seat_based":
            return all(tier.price_per_seat == 0 for tier in self.seat_tiers)
        if self.amount_type == "unit_based":
            return all(tier.unit_amount == 0 for tier in self.unit_tiers)
        return False

    @property
    def is_discountable(self) -> bool:
        """Polar's `is_discount_applicable` for one price: every paid price qualifies."""
        return not self.is_free

    @property
    def minimum_seats(self) -> int:
        return self.seat_tiers[0].min_seats if self.seat_tiers else 1

    @property
    def maximum_seats(self) -> int | None:
        return self.seat_tiers[-1].max_seats if self.seat_tiers else None

    def seats_amount(self, seats: int) -> int:
        """What `seats` seats cost under this price's tiers (volume or graduated)."""
        tiers = tuple((tier.max_seats, tier.price_per_seat) for tier in self.seat_tiers)
        return tiered_amount(self.seat_tier_type, tiers, seats)

    @property
    def minimum_purchasable_units(self) -> int:
        """Polar never sells fewer than one unit, whatever `minimum_units` says."""
        return max(1, self.minimum_units or 0)

    @property
    def maximum_purchasable_units(self) -> int | None:
        if self.maximum_units is not None:
            return self.maximum_units
        return self.unit_tiers[-1].bound if self.unit_tiers else None

    def units_amount(self, units: int) -> int:
        """What `units` units cost under this price's tiers (volume or graduated)."""
        tiers = tuple((tier.bound, tier.unit_amount) for tier in self.unit_tiers)
        return tiered_amount(self.unit_tier_type, tiers, units)


@dataclass(frozen=True, slots=True)
class Benefit:
    id: UUID
    type: BenefitType
    description: str


@dataclass(frozen=True, slots=True)
class Product:
    id: UUID
    name: str
    description: str | None
    created_at: datetime
    prices: tuple[Price, ...]
    recurring_interval: Interval | None = None
    recurring_interval_count: int | None = None
    benefits: tuple[Benefit, ...] = ()
    trial_interval: Interval | None = None
    trial_interval_count: int | None = None
    is_tax_applicable: bool = True
    attached_custom_fields: tuple[AttachedCustomField, ...] = ()
    """In their order (Polar's `order`, from 0)."""
    is_archived: bool = False
    """Archived after sessions were created with it: an update switching to it is refused."""

    @property
    def is_recurring(self) -> bool:
        return self.recurring_interval is not None

    def prices_in(self, currency: str) -> tuple[Price, ...]:
        return tuple(price for price in self.prices if price.currency == currency)


@dataclass(frozen=True, slots=True)
class Discount:
    id: UUID
    name: str
    code: str | None
    type: DiscountType
    duration: DiscountDuration
    basis_points: int = 0
    amounts: tuple[tuple[str, int], ...] = ()
    """Fixed discounts: (currency, amount) pairs."""
    duration_in_months: int | None = None
    product_ids: frozenset[UUID] = field(default_factory=frozenset)
    """Empty means every product of the organization."""
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    max_redemptions: int | None = None
    """How many times the discount may be redeemed in all (None: no limit)."""
    redemptions_count: int = 0
    """Redemptions made before the emulator started (confirmed checkouts add to them)."""
    max_redemptions_per_customer: int | None = None
    redeemed_by: frozenset[str] = frozenset()
    """Customers (emails, unaliased and lower-cased) who redeemed it once each before the
    emulator started; they count for `max_redemptions_per_customer`."""

    def amount_in(self, currency: str) -> int | None:
        return dict(self.amounts).get(currency)

    def is_applicable(self, product: Product, currency: str) -> bool:
        if self.type == "fixed" and self.amount_in(currency) is None:
            return False
        return not self.product_ids or product.id in self.product_ids

    def is_redeemable(self, now: datetime, redeemed: int = 0) -> bool:
        """Within its dates and, counting `redeemed` redemptions since the start, not used up."""
        if self.starts_at is not None and self.starts_at > now:
            return False
        if self.ends_at is not None and self.ends_at < now:
            return False
        return self.max_redemptions is None or self.redemptions_count + redeemed < (
            self.max_redemptions
        )

    def discount_amount(self, amount: int, currency: str) -> int:
        """What the discount takes off `amount`.

        Percentage: amount x basis points / 10 000, computed in floating point as
        Polar does, then rounded half away from zero. Fixed: the currency's amount,
        capped at `amount`.
        """
        if self.type == "fixed":
            return min(self.amount_in(currency) or 0, amount)
        return round_half_away_from_zero(amount * (self.basis_points / 10_000))

    @property
    def is_full_forever(self) -> bool:
        """A 100 % discount on every cycle: the subscription costs nothing, ever."""
        return (
            self.type == "percentage" and self.duration == "forever" and self.basis_points == 10_000
        )


def round_half_away_from_zero(value: float) -> int:
    magnitude = math.floor(abs(value) + 0.5)
    return int(magnitude if value >= 0 else -magnitude)


@dataclass(frozen=True, slots=True)
class Catalog:
    """Everything one checkout session may show or switch to."""

    organization: Organization
    products: tuple[Product, ...]
    discounts: tuple[Discount, ...] = ()

    def product(self, product_id: UUID) -> Product | None:
        return next((p for p in self.products if p.id == product_id), None)

    def discount(self, discount_id: UUID | None) -> Discount | None:
        if discount_id is None:
            return None
        return next((d for d in self.discounts if d.id == discount_id), None)

    def discount_by_code(self, code: str) -> Discount | None:
        """The discount whose code matches, ignoring case (redeemable or not)."""
        wanted = code.casefold()
        return next(
            (d for d in self.discounts if d.code is not None and d.code.casefold() == wanted), None
        )


def default_price(prices: tuple[Price, ...]) -> Price:
    """The price a session shows for a product: Polar takes the first static one.

    Every price type modelled here (fixed, custom, seat-based, unit-based) is static.
    """
    return prices[0]


def upfront_amount(prices: tuple[Price, ...], *, seats: int | None, units: int | None) -> int:
    """What the prices charge up front before any custom amount: Polar's starting amount.

    Fixed prices add their amount, a custom price its preset (or its minimum), a
    seat price the cost of `seats` seats, a unit price the cost of `units` units.
    """
    total = 0
    for price in prices:
        if price.amount_type == "fixed":
            total += price.price_amount
        elif price.amount_type == "custom":
            total += (
                price.preset_amount if price.preset_amount is not None else price.minimum_amount
            )
        elif price.amount_type == "seat_based":
            if seats is None:
                raise ValueError("a seat-based price needs a number of seats")
            total += price.seats_amount(seats)
        elif price.amount_type == "unit_based":
            if units is None:
                raise ValueError("a unit-based price needs a number of units")
            total += price.units_amount(units)
    return total
