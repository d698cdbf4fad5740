"""The seeded demo sessions: one per behaviour worth showing or testing, each with a stable name.

Everything is deterministic: ids are version-4 UUIDs and client secrets are
`polar_c_` + 43 letters and digits, all derived from names by hashing, so a
scenario has the same secret on every run and every machine. Only the times
follow the injected clock: a session is created "now" and expires an hour
later (the `expired` one expired an hour ago).

All sellers are demo organizations established in the US.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any, Final
from uuid import UUID

from tui.domain.validation import AddressValues
from tui.emulator.model.catalog import (
    Benefit,
    BenefitType,
    Catalog,
    Discount,
    Organization,
    Price,
    Product,
    SeatTier,
    UnitTier,
    default_price,
    upfront_amount,
)
from tui.emulator.model.ids import stable_secret, stable_uuid
from tui.emulator.model.session import Session, Status
from tui.emulator.rules.update import recompute, refresh_trial_end

SESSION_TTL: Final = timedelta(hours=1)
CATALOG_CREATED_AT: Final = datetime(2025, 1, 15, 9, 30, tzinfo=UTC)


# -- catalogue builders ------------------------------------------------------


def _org(slug: str, name: str, currency: str, **options: Any) -> Organization:
    return Organization(
        id=stable_uuid("org", slug),
        name=name,
        slug=slug,
        avatar_url=None,
        created_at=CATALOG_CREATED_AT,
        default_currency=currency,
        **options,
    )


def _price(org: Organization, product_key: str, key: str, **fields: Any) -> Price:
    return Price(
        id=stable_uuid("price", org.slug, product_key, key),
        product_id=stable_uuid("product", org.slug, product_key),
        created_at=CATALOG_CREATED_AT,
        **fields,
    )


def _benefits(
    org: Organization, product_key: str, *items: tuple[BenefitType, str]
) -> tuple[Benefit, ...]:
    return tuple(
        Benefit(stable_uuid("benefit", org.slug, product_key, str(i)), kind, text)
        for i, (kind, text) in enumerate(items)
    )


def _product(
    org: Organization,
    key: str,
    name: str,
    description: str,
    prices: tuple[Price, ...],
    **options: Any,
) -> Product:
    return Product(
        id=stable_uuid("product", org.slug, key),
        name=name,
        description=description,
        created_at=CATALOG_CREATED_AT,
        prices=prices,
        **options,
    )


def _discount(org: Organization, code: str, name: str, **fields: Any) -> Discount:
    return Discount(id=stable_uuid("discount", org.slug, code), name=name, code=code, **fields)


NORTHWIND = _org("northwind-labs", "Northwind Labs", "usd")
FIELDNOTES = _product(
    NORTHWIND,
    "fieldnotes-pro",
    "Fieldnotes Pro",
    "A lifetime licence for Fieldnotes, the offline-first notebook for field researchers: "
    "sync over your own network, export to Markdown and PDF.",
    (
        _price(
            NORTHWIND,
            "fieldnotes-pro",
            "usd",
            amount_type="fixed",
            currency="usd",
            tax_behavior="location",
            price_amount=4900,
        ),
    ),
    benefits=_benefits(
        NORTHWIND,
        "fieldnotes-pro",
        ("license_keys", "Licence key for up to three devices"),
        ("downloadables", "Installers for macOS, Windows and Linux"),
    ),
)
NORTHWIND_CATALOG = Catalog(NORTHWIND, (FIELDNOTES,))

TIDEWATER = _org("tidewater-audio", "Tidewater Audio", "eur", default_tax_behavior="inclusive")
TIDEWATER_MONTHLY = _product(
    TIDEWATER,
    "pro-monthly",
    "Tidewater Pro (monthly)",
    "Every Tidewater plug-in, preset pack and update while you subscribe. Cancel any time.",
    (
        _price(
            TIDEWATER, "pro-monthly", "eur", amount_type="fixed", currency="eur", price_amount=1200
        ),
    ),
    recurring_interval="month",
    recurring_interval_count=1,
    trial_interval="day",
    trial_interval_count=14,
    benefits=_benefits(
        TIDEWATER, "pro-monthly", ("downloadables", "All plug-ins and preset packs")
    ),
)
TIDEWATER_YEARLY = _product(
    TIDEWATER,
    "pro-yearly",
    "Tidewater Pro (yearly)",
    "Tidewater Pro billed once a year: two months free compared with monthly.",
    (
        _price(
            TIDEWATER, "pro-yearly", "eur", amount_type="fixed", currency="eur", price_amount=12000
        ),
    ),
    recurring_interval="year",
    recurring_interval_count=1,
    benefits=_benefits(TIDEWATER, "pro-yearly", ("downloadables", "All plug-ins and preset packs")),
)
TIDEWATER_CATALOG = Catalog(
    TIDEWATER,
    (TIDEWATER_MONTHLY, TIDEWATER_YEARLY),
    (
        _discount(
            TIDEWATER,
            "QUARTER25",
            "25 % off your first three months",
            type="percentage",
            duration="repeating",
            duration_in_months=3,
            basis_points=2500,
        ),
        _discount(
            TIDEWATER,
            "FOREVERFREE",
            "Free for life",
            type="percentage",
            duration="forever",
            basis_points=10_000,
        ),
    ),
)

ORCHARD = _org("open-orchard-press", "Open Orchard Press", "usd")
HANDBOOK = _product(
    ORCHARD,
    "orchard-handbook",
    "The Orchard Handbook (PDF)",
    "A 240-page guide to planting, pruning and grafting fruit trees in small gardens. "
    "Pay what you think it is worth.",
    (
        _price(
            ORCHARD,
            "orchard-handbook",
            "usd",
            amount_type="custom",
            currency="usd",
            minimum_amount=500,
            maximum_amount=100_000,
            preset_amount=1500,
        ),
    ),
    benefits=_benefits(ORCHARD, "orchard-handbook", ("downloadables", "PDF and EPUB editions")),
)
ORCHARD_CATALOG = Catalog(ORCHARD, (HANDBOOK,))

LUMEN = _org("lumen-type", "Lumen Type Foundry", "usd")
LUMEN_SANS = _product(
    LUMEN,
    "lumen-sans-community",
    "Lumen Sans Community Licence",
    "The Lumen Sans family for personal and open-source projects, free of charge.",
    (
        _price(
            LUMEN,
            "lumen-sans-community",
            "usd",
            amount_type="fixed",
            currency="usd",
            price_amount=0,
        ),
    ),
    benefits=_benefits(
        LUMEN, "lumen-sans-community", ("downloadables", "OTF and WOFF2 font files")
    ),
)
LUMEN_CATALOG = Catalog(LUMEN, (LUMEN_SANS,))

RELAY = _org("relay-systems", "Relay Systems", "usd")
RELAY_TEAM = _product(
    RELAY,
    "relay-team",
    "Relay Team Workspace",
    "Shared incident runbooks and on-call schedules for your whole team, billed per seat.",
    (
        _price(
            RELAY,
            "relay-team",
            "usd",
            amount_type="seat_based",
            currency="usd",
            seat_tiers=(
                SeatTier(1, 4, 1500),
                SeatTier(5, 19, 1200),
                SeatTier(20, 50, 900),
            ),
        ),
    ),
    recurring_interval="month",
    recurring_interval_count=1,
    benefits=_benefits(RELAY, "relay-team", ("custom", "Priority support channel")),
)
RELAY_ALERT_CREDITS = _product(
    RELAY,
    "relay-alert-credits",
    "Relay SMS Alert Credits",
    "Prepaid credits for SMS and voice alerts, one credit per message; the more you buy, the "
    "less each costs.",
    (
        _price(
            RELAY,
            "relay-alert-credits",
            "usd",
            amount_type="unit_based",
            currency="usd",
            unit_tier_type="graduated",
            unit_tiers=(UnitTier(100, 50), UnitTier(1000, 40), UnitTier(10_000, 30)),
            minimum_units=10,
        ),
    ),
    benefits=_benefits(RELAY, "relay-alert-credits", ("custom", "Credits added to your account")),
)
RELAY_CATALOG = Catalog(RELAY, (RELAY_TEAM, RELAY_ALERT_CREDITS))

PINE = _org("pixel-and-pine", "Pixel & Pine", "usd")
PINE_COMPLETE = _product(
    PINE,
    "pine-icons-complete",
    "Pine Icons Complete",
    "4,800 hand-drawn icons in six styles, with Figma and SVG sources.",
    (
        _price(
            PINE,
            "pine-icons-complete",
            "usd",
            amount_type="fixed",
            currency="usd",
            price_amount=7900,
        ),
    ),
    benefits=_benefits(PINE, "pine-icons-complete", ("downloadables", "SVG, PNG and Figma files")),
)
PINE_STARTER = _product(
    PINE,
    "pine-icons-starter",
    "Pine Icons Starter",
    "The 600 most used Pine icons in two styles.",
    (
        _price(
            PINE,
            "pine-icons-starter",
            "usd",
            amount_type="fixed",
            currency="usd",
            price_amount=1900,
        ),
    ),
    benefits=_benefits(PINE, "pine-icons-starter", ("downloadables", "SVG and PNG files")),
)
PINE_CATALOG = Catalog(
    PINE,
    (PINE_COMPLETE, PINE_STARTER),
    (
        _discount(
            PINE, "LAUNCH20", "Launch week", type="percentage", duration="once", basis_points=2000
        ),
        _discount(
            PINE,
            "FIVEOFF",
            "Five off",
            type="fixed",
            duration="once",
            amounts=(("usd", 500), ("eur", 450)),
        ),
        _discount(
            PINE,
            "STARTER50",
            "Half-price starter",
            type="percentage",
            duration="once",
            basis_points=5000,
            product_ids=frozenset({PINE_STARTER.id}),
        ),
        _discount(
            PINE,
            "FRIENDS",
            "Friends of the studio",
            type="percentage",
            duration="once",
            basis_points=10_000,
            max_redemptions_per_customer=1,
        ),
        _discount(
            PINE,
            "EARLYBIRD",
            "Early bird (first 100 buyers)",
            type="percentage",
            duration="once",
            basis_points=3000,
            max_redemptions=100,
            redemptions_count=100,
        ),
        _discount(
            PINE,
            "LASTONE",
            "The last giveaway",
            type="percentage",
            duration="once",
            basis_points=10_000,
            max_redemptions=1,
        ),
        _discount(
            PINE,
            "NEXTYEAR",
            "Next year's sale",
            type="percentage",
            duration="once",
            basis_points=2500,
            starts_at=datetime(2099, 1, 1, tzinfo=UTC),
        ),
        _discount(
            PINE, "EURO10", "Euro launch", type="fixed", duration="once", amounts=(("eur", 1000),)
        ),
        _discount(
            PINE,
            "SUMMER23",
            "Summer sale 2023",
            type="percentage",
            duration="once",
            basis_points=1500,
            ends_at=datetime(2023, 9, 1, tzinfo=UTC),
        ),
    ),
)

HARBOR = _org("harbor-analytics", "Harbor Analytics", "usd")
HARBOR_BUSINESS = _product(
    HARBOR,
    "insights-business",
    "Harbor Insights Business",
    "Privacy-friendly web analytics for up to 20 sites, with invoices for your accounts team.",
    (
        _price(
            HARBOR,
            "insights-business",
            "usd",
            amount_type="fixed",
            currency="usd",
            price_amount=29900,
        ),
    ),
    recurring_interval="year",
    recurring_interval_count=1,
    benefits=_benefits(HARBOR, "insights-business", ("custom", "Quarterly usage review call")),
)
HARBOR_CATALOG = Catalog(HARBOR, (HARBOR_BUSINESS,))

SAKURA = _org("sakura-sound-works", "Sakura Sound Works", "jpy")
KOTO = _product(
    SAKURA,
    "koto-library",
    "Koto Sample Library",
    "Multi-sampled 13-string koto recorded in Kyoto: 9 GB of articulations and phrases.",
    (
        _price(
            SAKURA, "koto-library", "jpy", amount_type="fixed", currency="jpy", price_amount=4800
        ),
    ),
    benefits=_benefits(SAKURA, "koto-library", ("downloadables", "Kontakt and WAV versions")),
)
TIP_JAR = _product(
    SAKURA,
    "tip-jar",
    "Support the studio",
    "Chip in for our next field recording trip, any amount you like.",
    (
        _price(
            SAKURA,
            "tip-jar",
            "jpy",
            amount_type="custom",
            currency="jpy",
            minimum_amount=0,
            preset_amount=500,
        ),
    ),
)
SAKURA_CATALOG = Catalog(SAKURA, (KOTO, TIP_JAR))


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
    customer: Mapping[str, Any] = field(default_factory=dict)
    """Customer fields already filled in (name, email, address, ...)."""

    @property
    def client_secret(self) -> str:
        return stable_secret(self.name)

    @property
    def session_id(self) -> UUID:
        return stable_uuid("session", self.name)


SCENARIOS: Final[tuple[Scenario, ...]] = (
    Scenario("one-time", NORTHWIND_CATALOG, FIELDNOTES),
    Scenario("subscription", TIDEWATER_CATALOG, TIDEWATER_MONTHLY),
    Scenario("pay-what-you-want", ORCHARD_CATALOG, HANDBOOK),
    Scenario("free", LUMEN_CATALOG, LUMEN_SANS),
    Scenario("seats", RELAY_CATALOG, RELAY_TEAM),
    Scenario("discount", PINE_CATALOG, PINE_COMPLETE),
    Scenario("us-business", HARBOR_CATALOG, HARBOR_BUSINESS, require_billing_address=True),
    Scenario("jpy", SAKURA_CATALOG, KOTO, locale="ja"),
    Scenario("expired", NORTHWIND_CATALOG, FIELDNOTES, status="expired", expired=True),
    Scenario(
        "succeeded",
        NORTHWIND_CATALOG,
        FIELDNOTES,
        status="succeeded",
        customer={
            "customer_name": "Ada Lovelace",
            "customer_email": "ada@example.com",
            "customer_billing_address": AddressValues(
                country="GB", line1="12 St James's Square", postal_code="SW1Y 4LB", city="London"
            ),
        },
    ),
)
"""Seed order: the order `Store.scenarios()` lists them in."""


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
    created_at = now - 2 * SESSION_TTL if scenario.expired else now
    session = Session(
        id=session_id or scenario.session_id,
        client_secret=client_secret or scenario.client_secret,
        catalog=scenario.catalog,
        created_at=created_at,
        expires_at=created_at + (SESSION_TTL if scenario.expired else scenario.expires_in),
        product_id=product.id,
        product_price_id=default_price(prices).id,
        currency=prices[0].currency,
        amount=amount,
        net_amount=amount,
        allow_discount_codes=scenario.allow_discount_codes,
        require_billing_address=scenario.require_billing_address,
        seats=seats,
        units=units,
        locale=scenario.locale,
        status=scenario.status,
    )
    session = replace(session, **scenario.customer)
    return recompute(refresh_trial_end(session, created_at))
