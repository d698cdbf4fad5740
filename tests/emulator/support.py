"""Constants and helpers shared by the emulator tests (fixtures live in conftest.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import httpx

from tui.emulator.model.catalog import Product
from tui.emulator.model.ids import stable_uuid
from tui.emulator.rules.body import CheckoutConfirmStripe
from tui.emulator.seed.loader import builtin_scenarios
from tui.emulator.store import Store

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
BASE = "/v1/checkouts/client"
LEGACY_BASE = "/v1/checkouts/custom/client"

GERMAN_ADDRESS = {
    "country": "DE",
    "line1": "Friedrichstraße 123",
    "postal_code": "10117",
    "city": "Berlin",
}
NEW_YORK_ADDRESS = {
    "country": "US",
    "line1": "350 Fifth Avenue",
    "postal_code": "10118",
    "city": "New York",
    "state": "NY",
}
GERMAN_VAT_ID = "DE136695976"

SCENARIO_NAMES = (
    "one-time",
    "subscription",
    "pay-what-you-want",
    "free",
    "seats",
    "discount",
    "us-business",
    "jpy",
    "expired",
    "succeeded",
    "custom-fields",
    "every-choice",
    "already-subscribed",
)
LIVE_SCENARIOS = tuple(name for name in SCENARIO_NAMES if name != "expired")
UPDATABLE_SCENARIOS = tuple(
    name for name in LIVE_SCENARIOS if name not in {"succeeded", "already-subscribed"}
)
"""Those an update goes through on: open, and without an email that already subscribes."""
SCENARIOS = builtin_scenarios()


def builtin_product(organization: str, key: str) -> Product:
    """A product of the built-in scenarios, by its organization's slug and its key."""
    wanted = stable_uuid("product", organization, key)
    return next(p for s in SCENARIOS for p in s.catalog.products if p.id == wanted)


FIELDNOTES = builtin_product("northwind-labs", "fieldnotes-pro")
TIDEWATER_MONTHLY = builtin_product("tidewater-audio", "pro-monthly")
TIDEWATER_YEARLY = builtin_product("tidewater-audio", "pro-yearly")
RELAY_ALERT_CREDITS = builtin_product("relay-systems", "relay-alert-credits")
PINE_STARTER = builtin_product("pixel-and-pine", "pine-icons-starter")
TIP_JAR = builtin_product("sakura-sound-works", "tip-jar")
LANTERN_TASTER = builtin_product("lantern-learning", "lantern-taster")
SUBSCRIBER_EMAIL = "member@example.com"
"""Already subscribes to Lantern Membership (the `every-choice` and `already-subscribed`
scenarios' product)."""


async def patch_ok(client: httpx.AsyncClient, secret: str, body: dict[str, Any]) -> dict[str, Any]:
    """A PATCH that must succeed; returns the session body."""
    response = await client.patch(f"{BASE}/{secret}", json=body)
    assert response.status_code == 200, response.text
    session: dict[str, Any] = response.json()
    return session


async def get_ok(client: httpx.AsyncClient, secret: str) -> dict[str, Any]:
    response = await client.get(f"{BASE}/{secret}")
    assert response.status_code == 200, response.text
    session: dict[str, Any] = response.json()
    return session


CONFIRM_EMAIL = "ada@example.com"
UNITS_SWITCH = {"product_id": str(RELAY_ALERT_CREDITS.id)}
"""On the `seats` session: switch to the unit-based product of the same seller."""


def redeem_elsewhere(store: Store, code: str, email: str = CONFIRM_EMAIL) -> None:
    """Another session of the `discount` scenario applies `code` (a 100 % discount, so no
    payment form) and is confirmed by `email`: one redemption of the code."""
    secret = store.create_session("discount").client_secret
    store.confirm(secret, CheckoutConfirmStripe(discount_code=code, customer_email=email))


def without_payments(store: Store, secret: str) -> None:
    """The session's organization can no longer accept payments."""
    catalog = store.session(secret).catalog
    organization = replace(catalog.organization, can_accept_payments=False)
    store.edit(secret, catalog=replace(catalog, organization=organization))


async def confirm(
    client: httpx.AsyncClient, secret: str, body: dict[str, Any], prefix: str = BASE
) -> httpx.Response:
    return await client.post(f"{prefix}/{secret}/confirm", json=body)
