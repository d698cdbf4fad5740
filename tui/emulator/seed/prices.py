"""The prices of a scenario file's products, one spec per Polar price type.

`fixed`, `custom` (pay what you want), `free` (a fixed price of 0, as the
emulator's catalog stores it), `seat_based` and `unit_based` (volume or
graduated tiers); each spec becomes its catalog `Price` (`to_price`). Polar's
metered prices (billed after use, not at checkout) are not modelled by the
emulator.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import Field, model_validator

from tui.emulator.model.catalog import Price, SeatTier, TaxBehaviorOption, UnitTier

from .fields import Amount, Currency, Spec
from .scenario import CATALOG_CREATED_AT


class _PriceSpec(Spec):
    currency: Currency
    tax_behavior: TaxBehaviorOption | None = None
    is_archived: bool = False
    """Archived since the sessions were created: confirm answers "Price is archived."."""

    def _price(self, product_id: UUID, price_id: UUID, **amounts: Any) -> Price:
        """The price with what every type shares, plus the type's own `amounts`."""
        return Price(
            id=price_id,
            product_id=product_id,
            currency=self.currency,
            created_at=CATALOG_CREATED_AT,
            tax_behavior=self.tax_behavior,
            is_archived=self.is_archived,
            **amounts,
        )


class FixedPriceSpec(_PriceSpec):
    amount_type: Literal["fixed"]
    amount: Amount

    def to_price(self, product_id: UUID, price_id: UUID) -> Price:
        return self._price(product_id, price_id, amount_type="fixed", price_amount=self.amount)


class FreePriceSpec(_PriceSpec):
    amount_type: Literal["free"]

    def to_price(self, product_id: UUID, price_id: UUID) -> Price:
        return self._price(product_id, price_id, amount_type="fixed", price_amount=0)


class CustomPriceSpec(_PriceSpec):
    amount_type: Literal["custom"]
    minimum_amount: Amount = 0
    maximum_amount: Amount | None = None
    preset_amount: Amount | None = None

    @model_validator(mode="after")
    def _ordered(self) -> CustomPriceSpec:
        top = self.maximum_amount
        if top is not None and top < self.minimum_amount:
            raise ValueError("maximum_amount is below minimum_amount")
        preset = self.preset_amount
        if preset is not None and (
            preset < self.minimum_amount or (top is not None and preset > top)
        ):
            raise ValueError("preset_amount is outside minimum_amount..maximum_amount")
        return self

    def to_price(self, product_id: UUID, price_id: UUID) -> Price:
        return self._price(
            product_id,
            price_id,
            amount_type="custom",
            minimum_amount=self.minimum_amount,
            maximum_amount=self.maximum_amount,
            preset_amount=self.preset_amount,
        )


class SeatTierSpec(Spec):
    min_seats: Annotated[int, Field(ge=1)]
    max_seats: Annotated[int, Field(ge=1)] | None = None
    price_per_seat: Amount


class SeatPriceSpec(_PriceSpec):
    amount_type: Literal["seat_based"]
    tier_type: Literal["volume", "graduated"] = "volume"
    tiers: Annotated[list[SeatTierSpec], Field(min_length=1)]

    @model_validator(mode="after")
    def _contiguous(self) -> SeatPriceSpec:
        expected = self.tiers[0].min_seats
        for number, tier in enumerate(self.tiers, start=1):
            if tier.min_seats != expected:
                raise ValueError(f"tier {number} must start at {expected} seats")
            if tier.max_seats is None:
                if number != len(self.tiers):
                    raise ValueError(f"only the last tier may leave max_seats open (tier {number})")
                break
            if tier.max_seats < tier.min_seats:
                raise ValueError(f"tier {number} ends before it starts")
            expected = tier.max_seats + 1
        return self

    def to_price(self, product_id: UUID, price_id: UUID) -> Price:
        tiers = tuple(SeatTier(t.min_seats, t.max_seats, t.price_per_seat) for t in self.tiers)
        return self._price(
            product_id,
            price_id,
            amount_type="seat_based",
            seat_tiers=tiers,
            seat_tier_type=self.tier_type,
        )


class UnitTierSpec(Spec):
    bound: Annotated[int, Field(ge=1)] | None = None
    """The last unit (inclusive) at this rate; only the last tier may leave it open."""
    unit_amount: Amount


class UnitPriceSpec(_PriceSpec):
    amount_type: Literal["unit_based"]
    tier_type: Literal["volume", "graduated"] = "volume"
    tiers: Annotated[list[UnitTierSpec], Field(min_length=1)]
    minimum_units: Annotated[int, Field(ge=1)] | None = None
    maximum_units: Annotated[int, Field(ge=1)] | None = None

    @model_validator(mode="after")
    def _increasing(self) -> UnitPriceSpec:
        bounds = [tier.bound for tier in self.tiers]
        if None in bounds[:-1]:
            raise ValueError("only the last tier may leave its bound open")
        closed = [bound for bound in bounds if bound is not None]
        if closed != sorted(set(closed)):
            raise ValueError("tier bounds must increase")
        last, most = bounds[-1], self.maximum_units
        if most is not None and last is not None and most > last:
            raise ValueError("maximum_units is above the last tier's bound")
        highest = most or last
        if highest is not None and highest < (self.minimum_units or 1):
            raise ValueError("minimum_units is above the most units one can buy")
        return self

    def to_price(self, product_id: UUID, price_id: UUID) -> Price:
        return self._price(
            product_id,
            price_id,
            amount_type="unit_based",
            unit_tiers=tuple(UnitTier(t.bound, t.unit_amount) for t in self.tiers),
            unit_tier_type=self.tier_type,
            minimum_units=self.minimum_units,
            maximum_units=self.maximum_units,
        )


AnyPriceSpec = FixedPriceSpec | CustomPriceSpec | FreePriceSpec | SeatPriceSpec | UnitPriceSpec
PriceSpec = Annotated[AnyPriceSpec, Field(discriminator="amount_type")]
PRICE_TAGS = frozenset({"fixed", "custom", "free", "seat_based", "unit_based"})
"""The price union's tags, which pydantic adds to an error's location."""
