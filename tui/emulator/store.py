"""The emulator's sessions, in memory, keyed by client secret, and everything Polar keeps beside
them: row locks, blocked organizations, customers, their subscriptions and discount
redemptions, rate-limit counters, and the event streams' hub.

Seeded from the scenarios with the injected clock; `reset()` seeds again and
forgets everything else. Every public method holds one lock, so the app (or the
admin API) can use the store while the server runs in another thread. Every
method that reads or changes a session (all but `reset`, which builds them
afresh) first applies the transitions the clock has made due (`lifecycle`), so
an edit, a lock or a block lands on the session as it stands by now; and
every change publishes the events Polar publishes (`events`). The rules
themselves live in `rules` (`update`, `confirm`, `access`, `lifecycle`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, Final
from uuid import UUID

from tui.domain.price_text import describe_price
from tui.emulator.model.clock import Clock
from tui.emulator.model.ids import stable_secret, stable_uuid
from tui.emulator.model.session import Session, Status
from tui.emulator.rules import access, events, lifecycle, wire
from tui.emulator.rules.body import CheckoutConfirmStripe, CheckoutUpdatePublic
from tui.emulator.rules.confirm import confirm
from tui.emulator.rules.events import EventHub, Subscription
from tui.emulator.rules.ledger import Ledger
from tui.emulator.rules.ratelimit import RateLimiter
from tui.emulator.rules.update import apply_update
from tui.emulator.seed.loader import builtin_scenarios
from tui.emulator.seed.scenario import Scenario, build_session
from tui.polar.models import Price, Product

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


class Store:
    """Checkout sessions in memory.

    `public_url` is the base of the hosted-checkout `url` each session reports
    (`{public_url}/checkout/{secret}`); `RunningEmulator` sets it to its own address.
    `scenarios` are the sessions to seed (the built-in ones by default).
    """

    def __init__(
        self,
        clock: Clock,
        *,
        public_url: str = DEFAULT_PUBLIC_URL,
        scenarios: Sequence[Scenario] | None = None,
    ) -> None:
        self.clock = clock
        self.public_url = public_url
        self.events = EventHub()
        self.rate_limits = RateLimiter(clock)
        self._scenarios = tuple(builtin_scenarios() if scenarios is None else scenarios)
        self._lock = threading.RLock()
        self._sessions: dict[str, Session] = {}
        self._scenario_of: dict[str, Scenario] = {}
        self._created = 0
        self._locks = access.Locks()
        self._blocked: set[UUID] = set()
        self._ledger = Ledger()
        self.reset()

    # -- seeding and listing ------------------------------------------------------

    def reset(self) -> None:
        """Back to the seeded sessions, created now by the clock, and the seeded subscriptions
        (with their customers); locks, blocks, other customers, redemptions, rate-limit
        counters and event numbering start afresh."""
        now = self.clock.now()
        with self._lock:
            self._sessions = {s.client_secret: build_session(s, now) for s in self._scenarios}
            self._scenario_of = {s.client_secret: s for s in self._scenarios}
            self._created = 0
            self._locks.clear()
            self._blocked = {
                s.catalog.organization.id for s in self._scenarios if s.catalog.organization.blocked
            }
            self._ledger = Ledger()
            for scenario in self._scenarios:
                for subscription in scenario.subscriptions:
                    self._ledger.add_subscription(subscription)
            self.rate_limits.reset()
            self.events.restart_numbering()

    def scenarios(self) -> list[ScenarioEntry]:
        """The seeded sessions in seed order, as they are now."""
        with self._lock:
            self._advance()
            sessions = [self._sessions[s.client_secret] for s in self._scenarios]
        return [
            ScenarioEntry(
                name=scenario.name,
                client_secret=session.client_secret,
                product_name=session.product.name,
                price_text=_price_text(session),
                status="expired" if session.expires_at < self.clock.now() else session.status,
            )
            for scenario, session in zip(self._scenarios, sessions, strict=True)
        ]

    def list_sessions(self) -> list[SessionEntry]:
        """Every session, seeded ones first, then those created since, in creation order."""
        with self._lock:
            self._advance()
            return [self._entry(secret) for secret in self._sessions]

    def create_session(self, scenario: str) -> SessionEntry:
        """A fresh session of a seeded scenario, with its own id and secret.

        Raises KeyError for an unknown scenario name.
        """
        template = next((s for s in self._scenarios if s.name == scenario), None)
        if template is None:
            raise KeyError(scenario)
        with self._lock:
            self._advance()
            secret = template.client_secret
            while secret in self._sessions:
                self._created += 1
                secret = stable_secret(f"{scenario}/{self._created}")
            session_id = stable_uuid("session", scenario, str(self._created))
            self._sessions[secret] = build_session(
                template, self.clock.now(), session_id=session_id, client_secret=secret
            )
            self._scenario_of[secret] = template
            return self._entry(secret)

    # -- reading ------------------------------------------------------------------

    def session(self, client_secret: str) -> Session:
        """The stored session; raises KeyError for an unknown secret."""
        with self._lock:
            self._advance()
            return self._sessions[client_secret]

    def get_json(self, client_secret: str) -> dict[str, Any]:
        """The `CheckoutPublic` body a GET would return (without Polar's checks).

        Raises KeyError for an unknown secret.
        """
        return wire.checkout_public(self.session(client_secret), self.public_url)

    def read(self, client_secret: str) -> dict[str, Any]:
        """GET: the session's body, or PolarFailure 404 / 410 / 403 as Polar answers."""
        with self._lock:
            session = self._load(client_secret, write=False)
        return wire.checkout_public(session, self.public_url)

    def subscribe(self, client_secret: str) -> Subscription:
        """Open an event stream: the same checks as GET, then every event from now on."""
        with self._lock:
            self._load(client_secret, write=False)
            return self.events.subscribe(client_secret)

    def advance_clock(self, delta: timedelta) -> None:
        """Move the clock forward (QA): what the clock makes due happens now, with its events
        (a session past its expiry turns `expired`, a confirmed one `succeeded`)."""
        with self._lock:
            self.clock.advance(delta)
            self._advance()

    def tick(self) -> None:
        """Apply the transitions the clock has made due (open streams call this as they poll)."""
        with self._lock:
            self._advance()

    # -- Polar's writes --------------------------------------------------------------

    def update(self, client_secret: str, request: CheckoutUpdatePublic) -> dict[str, Any]:
        """PATCH with a body that passed the schema: the updated session's body.

        Raises, in Polar's order: PolarFailure 409 / 404 / 410 / 403, then Polar's
        rules (ValidationFailed or PolarFailure 403). A failed update changes nothing.
        """
        with self._lock:
            session = self._load(client_secret, write=True)
            now = self.clock.now()
            updated = apply_update(session, request, now, ledger=self._ledger)
            updated = replace(updated, modified_at=now)
            self._save(updated, events.status_changed(updated.status))
        return wire.checkout_public(updated, self.public_url)

    def confirm(self, client_secret: str, request: CheckoutConfirmStripe) -> dict[str, Any]:
        """POST confirm with a body that passed the schema: the `CheckoutPublicConfirmed` body.

        Raises like `update`, plus confirm's own 403s and its one 422 listing
        every missing piece (see `rules.confirm`). A failed confirm changes nothing.
        """
        with self._lock:
            session = self._load(client_secret, write=True)
            done = confirm(session, request, self.clock.now(), ledger=self._ledger)
            if done.customer_email is not None:
                organization = done.session.catalog.organization.id
                self._ledger.add_customer(organization, done.customer_email, done.customer_id)
            if done.redemption is not None:
                self._ledger.add_redemption(done.redemption)
            self._save(done.session, events.status_changed(done.session.status))
        return wire.checkout_public_confirmed(
            done.session, self.public_url, done.customer_session_token
        )

    def mark_opened(self, client_secret: str) -> dict[str, Any]:
        """POST opened, the checkout page's analytics ping: the session's body.

        As Polar's `mark_opened`: the checks of GET (no row lock), then the first ping
        records when the session was opened, which stamps `modified_at` for later reads
        (the answer itself is the session as loaded); later pings change nothing. No event.
        """
        with self._lock:
            session = self._load(client_secret, write=False)
            if session.opened_at is None:
                now = self.clock.now()
                self._sessions[client_secret] = replace(session, opened_at=now, modified_at=now)
        return wire.checkout_public(session, self.public_url)

    # -- what happens outside Polar's API (demos, tests, the admin API) ---------------

    def pay(self, client_secret: str) -> None:
        """The customer paid on the hosted page: confirmed now, succeeded shortly after.

        Raises KeyError for an unknown secret, `lifecycle.NotPayable` (a ValueError)
        unless the session is open and unexpired.
        """
        with self._lock:
            self._advance()
            paid = lifecycle.paid(self._sessions[client_secret], self.clock.now())
            self._save(paid, events.status_changed(paid.status))

    def decline(self, client_secret: str) -> None:
        """The customer's payment failed on the hosted page: back to open (see
        `lifecycle.declined`). KeyError if unknown, `NotPayable` unless open or confirmed."""
        with self._lock:
            self._advance()
            reopened, published = lifecycle.declined(
                self._sessions[client_secret], self.clock.now()
            )
            self._save(reopened, published)

    def expire(self, client_secret: str) -> None:
        """The session expires now: `expires_at` becomes one second ago, so GET and PATCH
        answer 410 at once (Polar's test is strict: `expires_at < now`), even on a frozen
        clock. An open session turns `expired`, with its event. KeyError if unknown."""
        with self._lock:
            self._advance()
            session = self._sessions[client_secret]
            past = self.clock.now() - timedelta(seconds=1)
            self._sessions[client_secret] = replace(session, expires_at=past)
            self._advance()

    def lock(self, client_secret: str, seconds: float = 5) -> None:
        """Another transaction holds the session's row: updates and confirms answer 409
        CheckoutLocked until `seconds` from now. KeyError if unknown."""
        with self._lock:
            self._advance()
            if client_secret not in self._sessions:
                raise KeyError(client_secret)
            until = self.clock.now() + timedelta(seconds=seconds)
            self._locks.hold(client_secret, until)

    def block_organization(self, client_secret: str, blocked: bool = True) -> None:
        """Block (or unblock) the organization selling this session: every route of every
        session of that organization answers 403 NotPermitted. KeyError if unknown."""
        with self._lock:
            self._advance()
            organization = self._sessions[client_secret].catalog.organization.id
            if blocked:
                self._blocked.add(organization)
            else:
                self._blocked.discard(organization)

    def edit(self, client_secret: str, **changes: Any) -> None:
        """Change a stored session's fields directly, skipping Polar's rules (tests, demos).

        E.g. `edit(secret, allow_discount_codes=False)` or `edit(secret, status="confirmed")`.
        Raises KeyError for an unknown secret.
        """
        with self._lock:
            self._advance()
            self._sessions[client_secret] = replace(self._sessions[client_secret], **changes)

    # -- inside the lock ------------------------------------------------------------

    def _load(self, client_secret: str, *, write: bool) -> Session:
        self._advance()
        now = self.clock.now()
        return access.load(
            self._sessions.get(client_secret),
            now,
            locked=write and self._locks.is_held(client_secret, now),
            blocked_organizations=self._blocked,
        )

    def _advance(self) -> None:
        now = self.clock.now()
        for session in list(self._sessions.values()):
            advanced, due = lifecycle.advance(session, now)
            if due:
                self._save(advanced, due)

    def _save(self, session: Session, published: Iterable[events.Event]) -> None:
        self._sessions[session.client_secret] = session
        self.events.publish(session.client_secret, published)

    def _entry(self, client_secret: str) -> SessionEntry:
        session = self._sessions[client_secret]
        return SessionEntry(
            scenario=self._scenario_of[client_secret].name,
            client_secret=client_secret,
            status=session.status,
            expires_at=session.expires_at,
            product_name=session.product.name,
            price_text=_price_text(session),
        )


def _price_text(session: Session) -> str:
    """The session's price as the app's summary describes it, from the same JSON it reads."""
    organization = session.catalog.organization
    return describe_price(
        Price.model_validate(wire.price_json(session.product_price)),
        Product.model_validate(wire.product_json(session.product, organization)),
    )
