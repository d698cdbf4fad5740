"""What the summary pane says about a session: pure text, computed from the server's values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from tui.domain.money import format_money
from tui.polar.models import CheckoutPublic, Price, Product

_INTERVALS = {"day": "day", "week": "week", "month": "month", "year": "year"}


@dataclass(frozen=True, slots=True)
class SummaryRow:
    label: str
    value: str
    kind: str = ""
    """`total`, `discount` or empty: lets the pane style a row."""


def _interval(price: Price | None, product: Product | None) -> str | None:
    interval = (price.recurring_interval if price else None) or (
        product.recurring_interval if product else None
    )
    if interval is None:
        return None
    count = product.recurring_interval_count if product else None
    unit = _INTERVALS.get(interval, interval)
    return f"every {count} {unit}s" if count and count > 1 else f"/ {unit}"


def _currency(code: str | None) -> str | None:
    """A usable ISO 4217 code, or None for the 2024 examples' placeholder "string"."""
    return code if code and len(code) == 3 and code.isalpha() else None


def price_label(session: CheckoutPublic) -> str:
    """ "$49.00 one-time", "€12.00 / month", "Pay what you want (min $5.00)", "Free"."""
    price = session.price
    product = session.product
    if price is None:
        return "—"
    currency = _currency(price.price_currency) or _currency(session.currency) or "usd"
    is_recurring = price.type == "recurring" or bool(product and product.is_recurring)
    recurring = _interval(price, product) if is_recurring else None
    suffix = f" {recurring}" if recurring else " one-time"
    kind = price.amount_type
    if kind == "free" or (kind == "fixed" and price.price_amount == 0):
        return "Free"
    if kind == "custom":
        floor = price.minimum_amount or 0
        minimum = f" (min {format_money(floor, currency)})" if floor else ""
        return f"Pay what you want{minimum}"
    if kind == "seat_based":
        return f"Per seat{suffix}"
    if kind in {"metered_unit", "unit_based"}:
        return f"Usage-based{suffix}"
    if price.price_amount is not None:
        return f"{format_money(price.price_amount, currency)}{suffix}"
    return kind or "—"


def trial_text(session: CheckoutPublic) -> str | None:
    """The trial a session grants, e.g. "14 days free"; None without one."""
    unit = session.active_trial_interval
    if not unit:
        return None
    count = session.active_trial_interval_count or 1
    return f"{count} {unit}{'s' if count != 1 else ''} free"


def time_left(expires_at: datetime | None, now: datetime) -> str:
    if expires_at is None:
        return "—"
    if expires_at.tzinfo is None:
        expires_at = expires_at.replace(tzinfo=UTC)
    seconds = int((expires_at - now).total_seconds())
    if seconds <= 0:
        return "expired"
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d} left" if hours else f"{minutes}:{secs:02d} left"


def summary_rows(session: CheckoutPublic, now: datetime) -> list[SummaryRow]:
    currency = _currency(session.currency) or (
        _currency(session.price.price_currency) if session.price else None
    )

    def money(amount: int | None) -> str:
        if amount is None or currency is None:
            return "—" if amount is None else str(amount)
        return format_money(amount, currency)

    rows = [
        SummaryRow("Seller", session.organization.name if session.organization else "—"),
        SummaryRow("Product", session.product.name if session.product else "—"),
        SummaryRow("Price", price_label(session)),
    ]
    if session.seats is not None:
        rows.append(SummaryRow("Seats", str(session.seats)))
    trial = trial_text(session)
    if trial:
        rows.append(SummaryRow("Trial", trial))
    rows.append(SummaryRow("Subtotal", money(session.amount)))
    if session.discount is not None or (session.discount_amount or 0) > 0:
        name = session.discount.code or session.discount.name if session.discount else None
        label = f"Discount ({name})" if name else "Discount"
        rows.append(SummaryRow(label, f"-{money(session.discount_amount or 0)}", "discount"))
    rows.append(SummaryRow("Taxable amount", money(session.net)))
    if session.tax_amount is None:
        tax = "not calculated yet"
    elif session.tax_behavior == "inclusive":
        tax = f"{money(session.tax_amount)} included"
    else:
        tax = money(session.tax_amount)
    rows.append(SummaryRow("Tax", tax))
    rows.append(SummaryRow("Total", money(session.total_amount), "total"))
    rows.append(SummaryRow("Expires", time_left(session.expires_at, now)))
    rows.append(SummaryRow("Status", session.status))
    return rows


def total_text(session: CheckoutPublic) -> str:
    currency = _currency(session.currency)
    if session.total_amount is None or currency is None:
        return "—"
    return format_money(session.total_amount, currency)
