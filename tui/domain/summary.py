"""What the summary pane says about a session: pure text, computed from the server's values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from tui.domain.money import money_text, usable_currency
from tui.domain.price_text import describe_price
from tui.polar.models import CheckoutPublic


@dataclass(frozen=True, slots=True)
class SummaryRow:
    label: str
    value: str
    kind: str = ""
    """`total`, `discount` or empty: lets the pane style a row."""


def price_label(session: CheckoutPublic) -> str:
    """The session's price described (see `price_text`), or "—" when it has none."""
    price = session.price
    if price is None:
        return "—"
    return describe_price(price, session.product, currency=session.currency)


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


def session_currency(session: CheckoutPublic) -> str | None:
    """The session's currency, else its price's (the 2024 shape may lack one)."""
    price_currency = session.price.price_currency if session.price else None
    return usable_currency(session.currency) or usable_currency(price_currency)


def summary_rows(session: CheckoutPublic, now: datetime) -> list[SummaryRow]:
    currency = session_currency(session)

    def money(amount: int | None) -> str:
        return "—" if amount is None else money_text(amount, currency)

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
    if session.total_amount is None:
        return "—"
    return money_text(session.total_amount, session_currency(session))
