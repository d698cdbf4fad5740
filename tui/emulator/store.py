"""The emulator's sessions, in memory, keyed by client secret.

Seeded from `scenarios` with the injected clock; `reset()` seeds again. Every
read and write holds one lock, so the app can read the store directly while
the server runs in another thread.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from typing import Any, Final

from . import rules, wire
from .body import parse_update
from .catalog import describe_price
from .clock import Clock
from .errors import expired, not_found
from .scenarios import SCENARIOS, build_session
from .session import Session

DEFAULT_PUBLIC_URL: Final = "http://127.0.0.1"


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


class Store:
    """Checkout sessions in memory.

    `public_url` is the base of the hosted-checkout `url` each session reports
    (`{public_url}/checkout/{secret}`); `RunningEmulator` sets it to its own address.
    """

    def __init__(self, clock: Clock, *, public_url: str = DEFAULT_PUBLIC_URL) -> None:
        self.clock = clock
        self.public_url = public_url
        self._lock = threading.RLock()
        self._sessions: dict[str, Session] = {}
        self.reset()

    def reset(self) -> None:
        """Back to the seeded sessions, created now by the clock."""
        now = self.clock.now()
        seeded = {s.client_secret: build_session(s, now) for s in SCENARIOS}
        with self._lock:
            self._sessions = seeded

    def scenarios(self) -> list[ScenarioEntry]:
        """The seeded sessions in seed order, as they are now."""
        now = self.clock.now()
        with self._lock:
            sessions = [self._sessions[s.client_secret] for s in SCENARIOS]
        return [
            ScenarioEntry(
                name=scenario.name,
                client_secret=session.client_secret,
                product_name=session.product.name,
                price_text=describe_price(session.product_price, session.product),
                status="expired" if session.expires_at < now else session.status,
            )
            for scenario, session in zip(SCENARIOS, sessions, strict=True)
        ]

    def session(self, client_secret: str) -> Session:
        """The stored session; raises KeyError for an unknown secret."""
        with self._lock:
            return self._sessions[client_secret]

    def get_json(self, client_secret: str) -> dict[str, Any]:
        """The `CheckoutPublic` body a GET would return (without the expiry check).

        Raises KeyError for an unknown secret.
        """
        return wire.checkout_public(self.session(client_secret), self.public_url)

    def read(self, client_secret: str) -> dict[str, Any]:
        """GET: the session's body, or PolarFailure 404 / 410 as Polar answers."""
        return wire.checkout_public(self._live(client_secret), self.public_url)

    def update(self, client_secret: str, body: object) -> dict[str, Any]:
        """PATCH with a decoded JSON body: the updated session's body.

        Raises, in Polar's order: UpdateRejected (schema, before the session is
        even looked up), PolarFailure 404 / 410 / 403, UpdateRejected (Polar's rules).
        A failed update changes nothing.
        """
        request = parse_update(body)
        with self._lock:
            session = self._live(client_secret)
            now = self.clock.now()
            updated = replace(rules.apply_update(session, request, now), modified_at=now)
            self._sessions[client_secret] = updated
        return wire.checkout_public(updated, self.public_url)

    def edit(self, client_secret: str, **changes: Any) -> None:
        """Change a stored session's fields directly, skipping Polar's rules (tests, demos).

        E.g. `edit(secret, allow_discount_codes=False)` or `edit(secret, status="confirmed")`.
        Raises KeyError for an unknown secret.
        """
        with self._lock:
            self._sessions[client_secret] = replace(self._sessions[client_secret], **changes)

    def _live(self, client_secret: str) -> Session:
        with self._lock:
            session = self._sessions.get(client_secret)
        if session is None:
            raise not_found()
        if session.expires_at < self.clock.now():
            raise expired()
        return session
