"""A discount's and a trial's terms in words: "LAUNCH20 −20 %", "−$5.00 once",
"−20 % for 3 months, until May 28, 2027", "14 days free, then €12.00 / month from
Dec 13, 2026". Labels stay English; money and dates follow the locale."""

from __future__ import annotations

import calendar
from datetime import date, datetime

from tui.domain.locales import format_date
from tui.domain.money import money_text, recurring_suffix
from tui.polar.models import CheckoutPublic, Discount

MINUS = "\u2212"


def _months_later(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def discount_terms(
    discount: Discount, currency: str | None, locale: str | None, today: date | None = None
) -> str:
    """What the discount takes off and for how long; `today` dates a repeating one's end."""
    if discount.type == "percentage" and discount.basis_points is not None:
        off = f"{MINUS}{discount.basis_points / 100:g} %"
    else:
        amounts = discount.amounts or {}
        amount = amounts.get((currency or "").lower(), discount.amount)
        off = f"{MINUS}{money_text(amount, currency, locale)}" if amount is not None else MINUS
    if discount.duration == "once":
        return f"{off} once"
    if discount.duration == "repeating" and discount.duration_in_months:
        months = discount.duration_in_months
        span = f"{off} for {months} month{'s' if months != 1 else ''}"
        if today is None:
            return span
        return f"{span}, until {format_date(_months_later(today, months), locale)}"
    return off


def named_discount(
    discount: Discount, currency: str | None, locale: str | None, today: date | None = None
) -> str:
    """The code (else the name) and its terms: "LAUNCH20 −20 %"."""
    name = discount.code or discount.name or "Discount"
    return f"{name} {discount_terms(discount, currency, locale, today)}"


def trial_terms(session: CheckoutPublic, locale: str | None) -> str | None:
    """ "14 days free, then €12.00 / month from Dec 13, 2026"; None without a trial."""
    unit = session.active_trial_interval
    if not unit:
        return None
    count = session.active_trial_interval_count or 1
    free = f"{count} {unit}{'s' if count != 1 else ''} free"
    product = session.product
    if session.total_amount is None or product is None or not product.is_recurring:
        return free
    interval = product.recurring_interval or "month"
    price = money_text(session.total_amount, session.currency, locale)
    then = f"then {price} {recurring_suffix(interval, product.recurring_interval_count)}"
    if isinstance(session.trial_end, datetime):
        then += f" from {format_date(session.trial_end, locale)}"
    return f"{free}, {then}"
