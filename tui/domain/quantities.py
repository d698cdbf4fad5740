"""Polar's checks of a pay-what-you-want amount, and of seats and units, with its words.

One code path for the form (as the customer types) and the emulator (on update): each
raises `RuleError` at the key Polar reports (`amount`, `seats`, `units`).
"""

from __future__ import annotations

from tui.domain import amount_limits
from tui.domain.money import format_money
from tui.domain.validation import RuleError
from tui.polar.models import FieldError


def _fail(key: str, message: str, kind: str) -> RuleError:
    return RuleError(FieldError((key,), message, kind))


def check_custom_amount(amount: int, *, minimum: int, maximum: int | None, currency: str) -> None:
    """A pay-what-you-want amount (minor units), checked in Polar's order: negative, below
    the price's minimum, between 0 and the currency's floor, above the price's maximum,
    above the currency's ceiling."""
    if amount < 0:
        raise _fail("amount", "Amount must be at least 0.", "greater_than_equal")
    if amount < minimum:
        raise _fail("amount", "Amount is below minimum.", "greater_than_equal")
    floor = amount_limits.minimum_amount(currency)
    if 0 < amount < floor:
        message = f"Amount must be 0 or at least {format_money(floor, currency)}."
        raise _fail("amount", message, "invalid_amount")
    if maximum is not None and amount > maximum:
        raise _fail("amount", "Amount is above maximum.", "less_than_equal")
    ceiling = amount_limits.maximum_amount(currency)
    if amount > ceiling:
        message = f"Amount must be at most {format_money(ceiling, currency)}."
        raise _fail("amount", message, "less_than_equal")


def quantity_bounds(
    price_bounds: tuple[int, int | None], session_bounds: tuple[int | None, int | None]
) -> tuple[int, int | None]:
    """The price's bounds narrowed by the session's own (`min_seats`, `max_seats`, ...)."""
    minimum, maximum = price_bounds
    session_min, session_max = session_bounds
    if session_min is not None:
        minimum = max(minimum, session_min)
    if session_max is not None:
        maximum = session_max if maximum is None else min(maximum, session_max)
    return minimum, maximum


def check_quantity(key: str, quantity: int, bounds: tuple[int, int | None]) -> None:
    """Seats or units within bounds: "Minimum 2 seats required.", "Maximum 50 units allowed."."""
    minimum, maximum = bounds
    if quantity < minimum:
        raise _fail(key, f"Minimum {minimum} {key} required.", "greater_than_equal")
    if maximum is not None and quantity > maximum:
        raise _fail(key, f"Maximum {maximum} {key} allowed.", "less_than_equal")
