"""Polar's 403 refusals of an update that concern one field: which field, and what to say.

Polar words them for a customer on its own page ("You already have an active
subscription."). The form puts each under the field it concerns and repeats it in the
banner, in words that name what is wrong with that field.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from tui.domain.fields import BY_NAME
from tui.polar.models import FieldError

ALREADY_SUBSCRIBED: Final = "This email already has an active subscription with this seller."
"""Polar refuses a recurring product to a customer who holds a subscription to any product
of the same organization, not only to this one."""


@dataclass(frozen=True, slots=True)
class Refusal:
    field: str
    """The form field the refusal concerns (a name of the field table)."""
    words: str | None = None
    """What to say instead of Polar's detail; None: Polar's detail says it plainly."""


REFUSALS: Final = {
    "DiscountRedemptionLimitReached": Refusal("discount_code"),
    "AlreadyActiveSubscriptionError": Refusal("customer_email", ALREADY_SUBSCRIBED),
}


def refusal_error(name: str, detail: str) -> FieldError | None:
    """Polar's refusal `name` as an error under its field, in plain words; None when the
    refusal concerns no field."""
    refusal = REFUSALS.get(name)
    if refusal is None:
        return None
    path = tuple(BY_NAME[refusal.field].body.split("."))
    return FieldError(path, refusal.words or detail)
