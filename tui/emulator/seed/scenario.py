"""A scenario: where one seeded session starts, and the session Polar would have created from it.

Everything is deterministic: ids and the client secret derive from names (see
`model.ids`), so a scenario has the same secret on every run and every machine.
Only the times follow the injected clock: a session is created "now" and
expires 24 hours later, as Polar's do (`CHECKOUT_TTL_SECONDS`), unless its scenario
says sooner; an expired one expired an hour ago, 24 hours after its creation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any, Final
from uuid import UUID

from tui.emulator.model.catalog import Catalog, Product, default_price, upfront_amount
from tui.emulator.model.customers import CustomerSubscription
from tui.emulator.model.ids import stable_secret, stable_uuid
from tui.emulator.model.session import Session, Status
from tui.emulator.rules.update import recompute, refresh_trial_end

SESSION_TTL: Final = timedelta(hours=24)
"""Polar's `CHECKOUT_TTL_SECONDS` (server/polar/config.py)."""
EXPIRED_AGO: Final = timedelta(hours=1)
"""How long ago an expired scenario's session expired."""
CATALOG_CREATED_AT: Final = datetime(2025, 1, 15, 9, 30, tzinfo=UTC)
"""When every seeded organization, product and price was created."""


@dataclass(frozen=True, slots=True)
class Scenario:
    """A seeded session's starting point."""

    name: str
    catalog: Catalog
    product: Product
    status: Status = "open"
    expired: bool = False
    expires_in: timedelta = SESSION_TTL
    """How long after seeding the session expires (ignored when `expired`)."""
    allow_discount_codes: bool = True
    require_billing_address: bool = False
    locale: str | None = None
    """What the merchant asked for; Polar writes "en" instead unless the organization opted in
    to checkout localization."""
    customer: Mapping[str, Any] = field(default_factory=dict)
    """Customer fields already filled in (name, email, address, ...)."""
    subscriptions: tuple[CustomerSubscription, ...] = ()
    """The subscriptions the organization's customers already hold (the store files them)."""

    @property
    def client_secret(self) -> str:
        return stable_secret(self.name)

    @property
    def session_id(self) -> UUID:
        return stable_uuid("session", self.name)


def build_session(
    scenario: Scenario,
    now: datetime,
    *,
    session_id: UUID | None = None,
    client_secret: str | None = None,
) -> Session:
    """The scenario's session as Polar would have created it at `now`.

    With the scenario's own id and secret unless others are given (a second
    session of the same scenario).
    """
    product = scenario.product
    prices = product.prices_in(scenario.catalog.organization.default_currency) or product.prices
    seat_price = next((p for p in prices if p.amount_type == "seat_based"), None)
    seats = seat_price.minimum_seats if seat_price else None
    unit_price = next((p for p in prices if p.amount_type == "unit_based"), None)
    units = unit_price.minimum_purchasable_units if unit_price else None
    amount = upfront_amount(prices, seats=seats, units=units)
    expires_at = now - EXPIRED_AGO if scenario.expired else now + scenario.expires_in
    created_at = expires_at - SESSION_TTL if scenario.expired else now
    session = Session(
        id=session_id or scenario.session_id,
        client_secret=client_secret or scenario.client_secret,
        catalog=scenario.catalog,
        created_at=created_at,
        expires_at=expires_at,
        product_id=product.id,
        product_price_id=default_price(prices).id,
        currency=prices[0].currency,
        amount=amount,
        net_amount=amount,
        allow_discount_codes=scenario.allow_discount_codes,
        require_billing_address=scenario.require_billing_address,
        seats=seats,
        units=units,
        locale=scenario.locale
        if scenario.catalog.organization.checkout_localization_enabled
        else "en",
        status=scenario.status,
    )
    session = replace(session, **scenario.customer)
    return recompute(refresh_trial_end(session, created_at))
