"""Tiered prices (seats, units) read off the wire, and what a quantity costs in words:
"6 seats × $12.00, tier 5–19"; graduated tiers price each part at its own rate.

Seat tiers come as `seat_tiers = {"seat_tier_type", "tiers": [{"min_seats", "max_seats",
"price_per_seat"}]}`; unit tiers as `tiers = {"type", "tiers": [{"bound", "unit_amount"}]}`,
where a tier covers the units above the previous bound up to its own and the rate is a decimal
string of minor units ("50", "0.5"). Volume prices every unit at the rate of the tier the
quantity falls in; graduated prices each tier's share at that tier's rate (Polar's
`Tiers.calculate`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from babel.numbers import format_decimal

from tui.domain.locales import resolve_locale
from tui.polar.models import Price


@dataclass(frozen=True, slots=True)
class Tier:
    """Quantities `first` to `last` (None: no end) at `rate` minor units each (None: a rate
    that is not a whole number of minor units)."""

    first: int
    last: int | None
    rate: int | None


@dataclass(frozen=True, slots=True)
class Share:
    """How many of the quantity a tier prices."""

    quantity: int
    tier: Tier


def tier_list(tiers: Mapping[str, Any] | None) -> list[Mapping[str, Any]]:
    """The tier list of a seat or unit price's tiers object (none when absent or malformed)."""
    listed = (tiers or {}).get("tiers")
    if not isinstance(listed, list):
        return []
    return [tier for tier in listed if isinstance(tier, Mapping)]


def whole_rate(rate: Any) -> int | None:
    """A rate as whole minor units: unit rates are decimal strings on the wire ("50", "0.5")."""
    try:
        value = Decimal(str(rate))
    except InvalidOperation:
        return None
    return int(value) if value.is_finite() and value == value.to_integral_value() else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def price_tiers(price: Price) -> tuple[list[Tier], bool]:
    """A seat or unit price's tiers in order, and whether they are graduated."""
    if price.amount_type == "seat_based":
        graduated = (price.seat_tiers or {}).get("seat_tier_type") == "graduated"
        seats = [
            Tier(
                _int(tier.get("min_seats")) or 1,
                _int(tier.get("max_seats")),
                whole_rate(tier.get("price_per_seat")),
            )
            for tier in tier_list(price.seat_tiers)
        ]
        return seats, graduated
    if price.amount_type == "unit_based":
        graduated = (price.tiers or {}).get("type") == "graduated"
        tiers: list[Tier] = []
        first = 1
        for tier in tier_list(price.tiers):
            bound = _int(tier.get("bound"))
            tiers.append(Tier(first, bound, whole_rate(tier.get("unit_amount"))))
            first = (bound or first) + 1
        return tiers, graduated
    return [], False


def shares(price: Price, quantity: int) -> list[Share]:
    """The tiers that price `quantity`: the one it falls in (volume), or each tier's part of
    it from the first (graduated). Empty when no tier covers it."""
    tiers, graduated = price_tiers(price)
    if not graduated:
        return [
            Share(quantity, tier)
            for tier in tiers
            if tier.first <= quantity and (tier.last is None or quantity <= tier.last)
        ][:1]
    parts: list[Share] = []
    remaining = quantity
    for tier in tiers:
        if remaining <= 0:
            break
        span = remaining if tier.last is None else min(remaining, tier.last - tier.first + 1)
        parts.append(Share(span, tier))
        remaining -= span
    return parts


def breakdown(
    price: Price, quantity: int, money: Callable[[int], str], locale: str | None
) -> str | None:
    """ "6 seats × $12.00, tier 5–19"; graduated: "100 units × $0.50, tier 1–100 +
    50 units × $0.40, tier 101–1,000". None for a price without tiers, a quantity no tier
    covers, or a rate that is not whole minor units."""
    parts = shares(price, quantity)
    if not parts or any(part.tier.rate is None for part in parts):
        return None
    noun = "seat" if price.amount_type == "seat_based" else price.unit_label or "unit"

    def number(value: int) -> str:
        text: str = format_decimal(value, locale=resolve_locale(locale))
        return text

    words = []
    for part in parts:
        tier, rate = part.tier, part.tier.rate or 0
        last = "+" if tier.last is None else f"–{number(tier.last)}"
        reach = f"{number(tier.first)}{last}"
        count = f"{number(part.quantity)} {_plural(noun, part.quantity, price)}"
        words.append(f"{count} × {money(rate)}, tier {reach}")
    return " + ".join(words)


def _plural(noun: str, quantity: int, price: Price) -> str:
    """English plural of seat and unit; a merchant's own unit label stays as written."""
    if quantity == 1 or price.unit_label:
        return noun
    return f"{noun}s"
