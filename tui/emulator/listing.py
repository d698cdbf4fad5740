"""What the demo and the admin API list of the emulator's sessions: scenario, secret, status,
product and price in words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tui.domain.price_text import describe_price
from tui.emulator.model.session import Session, Status
from tui.emulator.rules import wire
from tui.polar.models import Price, Product


@dataclass(frozen=True, slots=True)
class ScenarioEntry:
    """One seeded session, as a demo lists it."""

    name: str
    client_secret: str
    product_name: str
    price_text: str
    """"$49.00 one-time", "€12.00 / month", "Pay what you want (min $5.00)", "Free", ..."""
    status: str
    """The session's status; "expired" once its expiry time has passed."""


@dataclass(frozen=True, slots=True)
class SessionEntry:
    """Any session, seeded or created since: which scenario it comes from and where it stands."""

    scenario: str
    client_secret: str
    status: Status
    expires_at: datetime
    product_name: str
    price_text: str
    """As in `ScenarioEntry`: "$49.00 one-time", "Free", ..."""


def price_text(session: Session) -> str:
    """The session's price as the app's summary describes it, from the same JSON it reads."""
    organization = session.catalog.organization
    return describe_price(
        Price.model_validate(wire.price_json(session.product_price)),
        Product.model_validate(wire.product_json(session.product, organization)),
    )
