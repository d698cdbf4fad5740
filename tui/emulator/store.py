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
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any, Final
from uuid import UUID

from tui.emulator.listing import ScenarioEntry, SessionEntry, price_text
from tui.emulator.model.clock import Clock
from tui.emulator.model.ids import stable_secret, stable_uuid
from tui.emulator.model.session import Session
from tui.emulator.rules import access, events, lifecycle, wire
from tui.emulator.rules.body import CheckoutConfirmStripe, CheckoutUpdatePublic
from tui.emulator.rules.confirm import confirm
from tui.emulator.rules.events import EventHub, Subscription
from tui.emulator.rules.ledger import Ledger
from tui.emulator.rules.ratelimit import RateLimiter
from tui.emulator.rules.update import apply_update
from tui.emulator.seed.loader import builtin_scenarios
from tui.emulator.seed.scenario import Scenario, build_session
from tui.emulator.state.file import SavedState, StateFile

DEFAULT_PUBLIC_URL: Final = "http://127.0.0.1"
LOOK_NOW: Final = datetime.min.replace(tzinfo=UTC)  # due already: look at every session


class Store:
    """Checkout sessions in memory.

    `public_url` is the base of the hosted-checkout `url` each session reports
    (`{public_url}/checkout/{secret}`); `RunningEmulator` sets it to its own address.
    `scenarios` are the sessions to seed (the built-in ones by default). With a `state`
    file, what an earlier run left there is taken back instead of the seed, and every
    change is written to it (in the background); `close()` lets go of it.
    """

    def __init__(
        self,
        clock: Clock,
        *,
        public_url: str = DEFAULT_PUBLIC_URL,
        scenarios: Sequence[Scenario] | None = None,
        state: StateFile | None = None,
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
        self._due: datetime | None = LOOK_NOW  # when the clock next changes a session itself
        self._state: StateFile | None = None
        self.reset()
        if state is not None:
            saved = state.load()
            with self._lock:
                if saved is not None:
                    self._restore(saved)
                self._state = state
                for secret in self._sessions:
                    self._keep(secret)
            state.start(self._kept)

    def close(self) -> None:
        """Write what is left to the state file, if any, and let go of it."""
        if self._state is not None:
            self._state.close()

    # -- seeding and listing ------------------------------------------------------

    def reset(self) -> None:
        """Back to the seeded sessions, created now by the clock, and the seeded subscriptions
        (with their customers); locks, blocks, other customers, redemptions, rate-limit
        counters and event numbering start afresh."""
        now = self.clock.now()
        with self._lock:
            self._sessions = {s.client_secret: build_session(s, now) for s in self._scenarios}
            self._due = LOOK_NOW
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
            if self._state is not None:
                self._state.forget_all()
                for secret in self._sessions:
                    self._keep(secret)

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
                price_text=price_text(session),
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
            self._scenario_of[secret] = template
            self._save(
                build_session(
                    template, self.clock.now(), session_id=session_id, client_secret=secret
                ),
                (),
            )
            return self._entry(secret)

    # -- reading ------------------------------------------------------------------

    def session(self, client_secret: str) -> Session:
        """The stored session; raises KeyError for an unknown secret."""
        with self._lock:
            self._advance()
            return self._sessions[client_secret]

    def knows(self, client_secret: str) -> bool:
        """Whether this is one of the emulator's sessions."""
        with self._lock:
            return client_secret in self._sessions

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
                self._save(replace(session, opened_at=now, modified_at=now), ())
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
            self._save(replace(session, expires_at=past), ())
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
            self._save(replace(self._sessions[client_secret], **changes), ())

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
        """What the clock has made due. Open streams ask several times a second: unless the
        earliest change is due, that costs one comparison, not a look at every session."""
        now = self.clock.now()
        if self._due is None or now < self._due:
            return
        for session in list(self._sessions.values()):
            advanced, due = lifecycle.advance(session, now)
            if due:
                self._save(advanced, due)
        changes = (lifecycle.next_change(session) for session in self._sessions.values())
        self._due = min((change for change in changes if change is not None), default=None)

    def _save(self, session: Session, published: Iterable[events.Event]) -> None:
        self._sessions[session.client_secret] = session
        change = lifecycle.next_change(session)
        if change is not None and (self._due is None or change < self._due):
            self._due = change
        self._keep(session.client_secret)
        self.events.publish(session.client_secret, published)

    def _keep(self, client_secret: str) -> None:
        if self._state is not None:
            scenario = self._scenario_of[client_secret].name
            self._state.changed(scenario, self._sessions[client_secret])

    def _kept(self) -> dict[str, Any]:
        """Everything beside the sessions a restart must take back (see `_restore`)."""
        with self._lock:
            return {
                "created": self._created,
                "clock": self.clock.now().isoformat(),
                "clock_frozen": self.clock.frozen,
                "ledger": self._ledger.kept(),
                "blocked": sorted(str(organization) for organization in self._blocked),
                "rate_limits": self.rate_limits.kept(),
            }

    def _restore(self, saved: SavedState) -> None:
        scenarios = {scenario.name: scenario for scenario in self._scenarios}
        self._sessions = {kept.session.client_secret: kept.session for kept in saved.sessions}
        self._due = LOOK_NOW
        self._scenario_of = {
            kept.session.client_secret: scenarios[kept.scenario] for kept in saved.sessions
        }
        meta = saved.meta
        self._created = meta.get("created", 0)
        self._blocked = {UUID(organization) for organization in meta.get("blocked", [])}
        if "ledger" in meta:
            self._ledger.restore(meta["ledger"])
        if "rate_limits" in meta:
            self.rate_limits.restore(meta["rate_limits"])
        if "clock" in meta:  # frozen, it stands where it stood; running, it never goes back
            frozen = bool(meta.get("clock_frozen", False))
            stood = datetime.fromisoformat(meta["clock"])
            self.clock.restart_at(stood if frozen else max(stood, self.clock.now()), frozen=frozen)

    def _entry(self, client_secret: str) -> SessionEntry:
        session = self._sessions[client_secret]
        return SessionEntry(
            scenario=self._scenario_of[client_secret].name,
            client_secret=client_secret,
            status=session.status,
            expires_at=session.expires_at,
            product_name=session.product.name,
            price_text=price_text(session),
        )
