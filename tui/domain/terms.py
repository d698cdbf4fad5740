"""A discount's and a trial's terms in words: "LAUNCH20 −20 %", "−$5.00 once",
"−20 % for 3 months, until May 28, 2027", "14 days free, then €12.00 / month from
Dec 13, 2026". Labels stay English; money and dates follow the locale."""

from __future__ import annotations

import calendar
from datetime import date

from babel.numbers import format_decimal

from tui.domain.locales import format_date, resolve_locale
from tui.domain.money import money_text, recurring_suffix
from tui.domain.price_text import billing_interval
from tui.polar.models import CheckoutPublic, Discount

MINUS = "\u2212"
NBSP = "\u00a0"
"""Between a percentage and its sign, so a line never breaks there."""


def _months_later(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _off(discount: Discount, currency: str | None, locale: str | None) -> str | None:
    """ "−20 %", "−$5.00": what the discount takes off, in the session's currency; None when
    the discount does not say (a fixed discount without an amount in that currency)."""
    if discount.type == "percentage":
        if discount.basis_points is None:
            return None
        percent = format_decimal(discount.basis_points / 100, locale=resolve_locale(locale))
        return f"{MINUS}{percent}{NBSP}%"
    code = (currency or "").lower()
    amount = (discount.amounts or {}).get(code)
    if amount is None and (discount.currency or code).lower() == code:
        amount = discount.amount
    return None if amount is None else f"{MINUS}{money_text(amount, currency, locale)}"


def discount_terms(
    discount: Discount,
    currency: str | None,
    locale: str | None,
    today: date | None = None,
    *,
    recurring: bool = True,
) -> str:
    """What the discount takes off and for how long ("−20 % for 3 months, until May 28,
    2027"); `today` dates a repeating one's end. A one-time purchase (`recurring` false) is
    discounted once whatever the duration, so it goes unsaid. Empty when the discount says
    neither."""
    off = _off(discount, currency, locale)
    words = [off] if off else []
    if recurring and discount.duration == "once":
        words.append("once")
    elif recurring and discount.duration == "repeating" and discount.duration_in_months:
        months = discount.duration_in_months
        words.append(f"for {months} month{'s' if months != 1 else ''}")
        if today is not None:
            until = format_date(_months_later(today, months), locale)
            return f"{' '.join(words)}, until {until}"
    return " ".join(words)


def named_discount(
    discount: Discount,
    currency: str | None,
    locale: str | None,
    today: date | None = None,
    *,
    recurring: bool = True,
) -> str:
    """The code (else the name) and its terms: "LAUNCH20 −20 %"."""
    name = discount.code or discount.name or "Discount"
    terms = discount_terms(discount, currency, locale, today, recurring=recurring)
    return f"{name} {terms}" if terms else name


def trial_terms(session: CheckoutPublic, locale: str | None) -> str | None:
    """ "14 days free, then €12.00 / month from Dec 13, 2026"; None without a trial."""
    unit = session.active_trial_interval
    if not unit:
        return None
    count = session.active_trial_interval_count or 1
    free = f"{count} {unit}{'s' if count != 1 else ''} free"
    billing = billing_interval(session.price, session.product)
    if session.total_amount is None or billing is None:
        return free
    price = money_text(session.total_amount, session.currency, locale)
    then = f"then {price} {recurring_suffix(*billing)}"
    if session.trial_end is not None:
        then += f" from {format_date(session.trial_end, locale)}"
    return f"{free}, {then}"
