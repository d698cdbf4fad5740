"""What the summary pane says about a session: pure text, computed from the server's values.

Sections a person reads top to bottom: what is bought, the amounts (each explaining itself),
what the server has saved for the customer, the session's state, and the product's own
words. Labels stay English; money and dates follow the locale (the `--locale` override or
the session's own; en_US when neither says).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from tui.domain.money import money_text, recurring_suffix, usable_currency
from tui.domain.price_text import billing_interval, describe_price
from tui.domain.regions import embargoed_countries, region_name, supported_countries
from tui.domain.terms import MINUS, named_discount, trial_terms
from tui.domain.tiers import breakdown
from tui.polar.models import CheckoutPublic

NOT_SAVED = "(not saved)"
"""What a customer value the server has not stored shows as: never mistaken for data."""


@dataclass(frozen=True, slots=True)
class SummaryRow:
    label: str
    value: str = ""
    kind: str = ""
    """How the pane shows the row: empty (a label and its value), `total`, `discount`,
    `placeholder` (a value not saved), `text` (a paragraph, no label) or `item` (a bullet)."""


@dataclass(frozen=True, slots=True)
class SummarySection:
    title: str
    rows: tuple[SummaryRow, ...]


def price_label(session: CheckoutPublic, locale: str | None = None) -> str:
    """The session's price described (see `price_text`), or "—" when it has none."""
    price = session.price
    if price is None:
        return "—"
    return describe_price(price, session.product, currency=session.currency, locale=locale)


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


def summary_sections(
    session: CheckoutPublic, now: datetime, locale: str | None = None
) -> list[SummarySection]:
    """Every section that has something to say, in reading order."""
    sections = [
        SummarySection("What you buy", tuple(purchase_rows(session, locale))),
        SummarySection("Amounts", tuple(amount_rows(session, now, locale))),
        SummarySection("On file for the customer", tuple(customer_rows(session))),
        SummarySection(
            "Session",
            (
                SummaryRow("Status", session.status),
                SummaryRow("Expires", time_left(session.expires_at, now)),
            ),
        ),
        SummarySection("About the product", tuple(product_rows(session))),
    ]
    return [section for section in sections if section.rows]


def purchase_rows(session: CheckoutPublic, locale: str | None = None) -> list[SummaryRow]:
    rows = [
        SummaryRow("Seller", session.organization.name if session.organization else "—"),
        SummaryRow("Product", session.product.name if session.product else "—"),
        SummaryRow("Price", price_label(session, locale)),
    ]
    trial = trial_terms(session, locale)
    if trial:
        rows.append(SummaryRow("Trial", trial))
    elif session.allow_trial is False and session.product and session.product.trial_interval:
        rows.append(SummaryRow("Trial", "skipped"))
    return rows


def amount_rows(
    session: CheckoutPublic, now: datetime, locale: str | None = None
) -> list[SummaryRow]:
    """Subtotal, the discount with its terms, the taxable amount when a discount applies,
    tax, the total with its interval, and what is due today during a trial; a seat or unit
    price first says how its subtotal comes about."""
    currency = session_currency(session)

    def money(amount: int | None) -> str:
        return "—" if amount is None else money_text(amount, currency, locale)

    rows = []
    quantity = _quantity_text(session, locale)
    if quantity:
        rows.append(SummaryRow("", quantity, "text"))
    rows.append(SummaryRow("Subtotal", money(session.amount)))
    discounted = session.discount is not None or (session.discount_amount or 0) > 0
    if discounted:
        recurring = billing_interval(session.price, session.product) is not None
        label = (
            named_discount(session.discount, currency, locale, now.date(), recurring=recurring)
            if session.discount
            else "Discount"
        )
        rows.append(SummaryRow(label, f"{MINUS}{money(session.discount_amount or 0)}", "discount"))
        rows.append(SummaryRow("Taxable amount", money(session.net)))
    rows.append(SummaryRow("Tax", _tax_text(session, money)))
    rows.append(SummaryRow("Total", total_text(session, locale), "total"))
    if session.active_trial_interval:
        rows.append(SummaryRow("Due today", money(0)))
    return rows


def total_text(session: CheckoutPublic, locale: str | None = None) -> str:
    """The total with its interval ("€12.00 / month"); a discount that ends says for how
    long the total holds ("$63.20 / month for 3 months", "$63.20 for the first month")."""
    if session.total_amount is None:
        return "—"
    total = money_text(session.total_amount, session_currency(session), locale)
    billing = billing_interval(session.price, session.product)
    if billing is None:
        return total
    interval, count = billing
    discount = session.discount
    if discount is not None and (session.discount_amount or 0) > 0:
        if discount.duration == "once":
            period = interval if count == 1 else f"{count} {interval}s"
            return f"{total} for the first {period}"
        if discount.duration == "repeating" and discount.duration_in_months:
            months = discount.duration_in_months
            span = (
                _count(math.ceil(months / 12), "year")
                if interval == "year"
                else _count(months, "month")
            )
            return f"{total} {recurring_suffix(interval, count)} for {span}"
    return f"{total} {recurring_suffix(interval, count)}"


def customer_rows(session: CheckoutPublic) -> list[SummaryRow]:
    """What the server has stored for the customer, read-only; a value it has not stored
    shows as NOT_SAVED."""

    def saved(label: str, value: str | None) -> SummaryRow:
        return SummaryRow(label, value) if value else SummaryRow(label, NOT_SAVED, "placeholder")

    address = session.customer_billing_address
    country = address.country if address else None
    rows = [
        saved("Name", session.customer_name),
        saved("Email", session.customer_email),
        saved("Country", f"{_country_name(country)} ({country})" if country else None),
        SummaryRow("Business", "yes" if session.is_business_customer else "no"),
    ]
    if session.is_business_customer or session.customer_billing_name:
        rows.append(saved("Billing name", session.customer_billing_name))
    rows.append(saved("Tax ID", session.customer_tax_id))
    return rows


def product_rows(session: CheckoutPublic) -> list[SummaryRow]:
    """The product's description, each benefit's description and its media's file names."""
    product = session.product
    if product is None:
        return []
    rows = [SummaryRow("", product.description, "text")] if product.description else []
    benefits = [benefit.description for benefit in product.benefits if benefit.description]
    if benefits:
        rows.append(SummaryRow("Benefits"))
        rows.extend(SummaryRow("", text, "item") for text in benefits)
    files = [media.name for media in product.medias if media.name]
    if files:
        rows.append(SummaryRow("Files"))
        rows.extend(SummaryRow("", name, "item") for name in files)
    return rows


def is_reverse_charge(session: CheckoutPublic) -> bool:
    """A zero tax on a taxable amount for a business customer with a stored tax ID (Polar
    stores only one that validates for the billing country) outside the US: the business
    accounts for the VAT or GST itself. US sales tax knows no reverse charge."""
    address = session.customer_billing_address
    country = address.country if address else None
    return (
        session.tax_amount == 0
        and session.is_business_customer
        and bool(session.customer_tax_id)
        and country is not None
        and country != "US"
        and (session.net or 0) > 0
    )


def _tax_text(session: CheckoutPublic, money: Callable[[int | None], str]) -> str:
    if session.tax_amount is None:
        return "not calculated yet"
    if is_reverse_charge(session):
        return f"{money(0)} reverse charge"
    if session.tax_behavior == "inclusive":
        return f"{money(session.tax_amount)} included"
    return money(session.tax_amount)


def _quantity_text(session: CheckoutPublic, locale: str | None) -> str | None:
    """ "6 seats × $12.00, tier 5–19" for a seat or unit price; None for any other."""
    price, currency = session.price, session_currency(session)
    if price is None or currency is None:
        return None
    quantity = session.seats if price.amount_type == "seat_based" else session.units
    if quantity is None or price.amount_type not in ("seat_based", "unit_based"):
        return None
    return breakdown(price, quantity, lambda rate: money_text(rate, currency, locale), locale)


def _country_name(code: str) -> str:
    return region_name(supported_countries() + embargoed_countries(), code)


def _count(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"
