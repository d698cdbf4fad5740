"""The checkout events Polar publishes on a session's stream, and the hub that fans them out.

Polar publishes on the channel of the session's client secret, as
`{"id": <uuid>, "key": <key>, "payload": {...}}` (pydantic's compact JSON):
- every successful update or confirm, and every status change, sends
  `checkout.updated` `{"status": ...}`; with no webhook endpoint configured (none
  is, here) Polar then sends `checkout.webhook_event_delivered` `{"status": ...}`
  at once;
- a fulfilled checkout sends `checkout.subscription_created` (recurring products)
  and `checkout.order_created`, both with an empty payload, before its
  `succeeded` update;
- expiry sends `checkout.updated` `{"status": "expired"}` alone.

Event ids are version-4 UUIDs numbered in publication order (`...-4000-8000-000000000001`,
...), so tests and demos see the same ids every run. `EventHub` is thread-safe:
the store publishes from whatever thread changes a session, each open stream
drains its own `Subscription` from the server's event loop.
"""

from __future__ import annotations

import json
import threading
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Final
from uuid import UUID

UPDATED: Final = "checkout.updated"
ORDER_CREATED: Final = "checkout.order_created"
SUBSCRIPTION_CREATED: Final = "checkout.subscription_created"
WEBHOOK_EVENT_DELIVERED: Final = "checkout.webhook_event_delivered"


@dataclass(frozen=True, slots=True)
class Event:
    key: str
    payload: Mapping[str, str] = field(default_factory=dict)


def status_changed(status: str) -> tuple[Event, ...]:
    """What Polar publishes after saving a session (an update, a confirm, a status change)."""
    payload = {"status": status}
    return Event(UPDATED, payload), Event(WEBHOOK_EVENT_DELIVERED, payload)


def expired() -> tuple[Event, ...]:
    return (Event(UPDATED, {"status": "expired"}),)


@dataclass(frozen=True, slots=True)
class Published:
    id: UUID
    event: Event

    def as_json(self) -> str:
        """The stream's data line, as Polar's `Event.model_dump_json()` writes it."""
        body = {"id": str(self.id), "key": self.event.key, "payload": dict(self.event.payload)}
        return json.dumps(body, separators=(",", ":"))


class Subscription:
    """One stream's queue of events for one session."""

    def __init__(self, hub: EventHub, client_secret: str) -> None:
        self.client_secret = client_secret
        self._hub = hub
        self._pending: deque[Published] = deque()
        self._lock = threading.Lock()

    def deliver(self, published: Published) -> None:
        with self._lock:
            self._pending.append(published)

    def drain(self) -> list[Published]:
        """Everything published since the last drain, oldest first."""
        with self._lock:
            drained = list(self._pending)
            self._pending.clear()
        return drained

    def close(self) -> None:
        self._hub.unsubscribe(self)


class EventHub:
    """Who listens to which session; numbers and delivers what is published."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscriptions: dict[str, list[Subscription]] = {}
        self._sequence = 0

    def subscribe(self, client_secret: str) -> Subscription:
        subscription = Subscription(self, client_secret)
        with self._lock:
            self._subscriptions.setdefault(client_secret, []).append(subscription)
        return subscription

    def unsubscribe(self, subscription: Subscription) -> None:
        with self._lock:
            listeners = self._subscriptions.get(subscription.client_secret, [])
            if subscription in listeners:
                listeners.remove(subscription)
            if not listeners:
                self._subscriptions.pop(subscription.client_secret, None)

    def publish(self, client_secret: str, events: Iterable[Event]) -> None:
        """Number the events and hand them to every current subscriber of the session."""
        with self._lock:
            published: list[Published] = []
            for event in events:
                self._sequence += 1
                published.append(Published(UUID(int=self._sequence, version=4), event))
            listeners = list(self._subscriptions.get(client_secret, ()))
        for subscription in listeners:
            for item in published:
                subscription.deliver(item)

    def restart_numbering(self) -> None:
        """Event ids start again from 1 (the store's reset); open streams stay subscribed."""
        with self._lock:
            self._sequence = 0
