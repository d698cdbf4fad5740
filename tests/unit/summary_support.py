"""What the summary's unit tests share: sessions as Polar sends them, and ways to read rows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tui.domain.summary import SummaryRow, amount_rows
from tui.polar.models import CheckoutPublic

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
NBSP = "\u00a0"
MINUS = "\u2212"
TIMES = "\u00d7"
YEN = "\uffe5"
"""ja's fullwidth yen sign: two terminal cells."""
MONTHLY = {"is_recurring": True, "recurring_interval": "month"}
GERMAN_BUSINESS = {
    "is_business_customer": True,
    "customer_billing_name": "Analytical Engines GmbH",
    "customer_billing_address": {"country": "DE", "city": "Berlin"},
    "customer_tax_id": "DE136695976",
}


def session(**values: Any) -> CheckoutPublic:
    return CheckoutPublic.model_validate(values)


def pairs(rows: list[SummaryRow]) -> list[tuple[str, str]]:
    return [(row.label, row.value) for row in rows]


def values(current: CheckoutPublic, locale: str | None = None) -> dict[str, str]:
    return {row.label: row.value for row in amount_rows(current, NOW, locale)}


def eur_session(**overrides: Any) -> CheckoutPublic:
    """A monthly €12.00 plan with 19 % tax on top, open for another 30 minutes."""
    values: dict[str, Any] = {
        "status": "open",
        "currency": "eur",
        "amount": 1200,
        "discount_amount": 0,
        "net_amount": 1200,
        "tax_amount": 228,
        "tax_behavior": "exclusive",
        "total_amount": 1428,
        "organization": {"name": "Acme Labs", "slug": "acme"},
        "product": {
            "name": "Pro plan",
            **MONTHLY,
            "prices": [{"amount_type": "fixed", "price_currency": "eur", "price_amount": 1200}],
        },
        "expires_at": (NOW + timedelta(minutes=30)).isoformat(),
    }
    values.update(overrides)
    return session(**values)
