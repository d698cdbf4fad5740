"""What a price costs, in one line: "$49.00 one-time", "€12.00 / month", "Free", ...

The one describer of prices: the checkout's summary and pricing pane describe
the session's price with it, and the emulator describes its scenarios' prices
for the demo's picker with it too (after rendering them as Polar's JSON), so
both always say the same. It reads the wire models, today's shape and the
2024 one (legacy recurring prices, placeholder currencies).
"""

from __future__ import annotations

from tui.domain.money import money_text, recurring_suffix, usable_currency
from tui.domain.tiers import tier_list, whole_rate
from tui.polar.models import Price, Product

_PER = {"seat_based": "seat", "unit_based": "unit"}
"""What a tiered price charges per."""


def describe_price(
    price: Price, product: Product | None, *, currency: str | None = None, locale: str | None = None
) -> str:
    """What `price` (of `product`) costs, with its cadence for every kind that has an amount.

    Money is in the price's currency, else `currency` (the session's), written as `locale`
    writes it (en_US when None); with no currency, the bare numbers.
    """
    code = usable_currency(price.price_currency) or usable_currency(currency)
    kind = price.amount_type
    rates = _tier_rates(price)
    if _is_free(price, rates):
        return "Free"
    if kind == "custom":
        floor = price.minimum_amount or 0
        if floor:
            return f"Pay what you want (min {money_text(floor, code, locale)})"
        return "Pay what you want"
    cadence = _cadence(price, product)
    if kind in _PER:
        first = rates[0] if rates else None
        if first is None:
            return f"Per {_PER[kind]} {cadence}"
        return f"{money_text(first, code, locale)} per {_PER[kind]} {cadence}"
    if kind == "metered_unit":
        return f"Usage-based {cadence}"
    if price.price_amount is not None:
        return f"{money_text(price.price_amount, code, locale)} {cadence}"
    return kind or "—"


def billing_interval(price: Price | None, product: Product | None) -> tuple[str, int] | None:
    """How often the price bills, as (interval, count): ("month", 1), ("month", 3); None for
    a one-time price. A legacy price carries its own interval."""
    recurring = bool(price and price.type == "recurring") or bool(product and product.is_recurring)
    interval = (price.recurring_interval if price else None) or (
        product.recurring_interval if product else None
    )
    if not recurring or interval is None:
        return None
    return interval, (product.recurring_interval_count if product else None) or 1


def _cadence(price: Price, product: Product | None) -> str:
    """ "one-time", "/ month", "every 3 months"."""
    billing = billing_interval(price, product)
    return recurring_suffix(*billing) if billing else "one-time"


def _is_free(price: Price, rates: list[int | None]) -> bool:
    """Polar's free prices: the 2024 `free` type, a fixed 0, or tiers that all cost 0."""
    if price.amount_type == "free" or (price.amount_type == "fixed" and price.price_amount == 0):
        return True
    return bool(rates) and all(rate == 0 for rate in rates)


def _tier_rates(price: Price) -> list[int | None]:
    """Each tier's rate of a seat or unit price, in whole minor units (None if not whole)."""
    if price.amount_type == "seat_based":
        return [whole_rate(tier.get("price_per_seat")) for tier in tier_list(price.seat_tiers)]
    if price.amount_type == "unit_based":
        return [whole_rate(tier.get("unit_amount")) for tier in tier_list(price.tiers)]
    return []
