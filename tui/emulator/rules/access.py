"""Polar's checks when a route loads a session by its client secret, in Polar's order.

Reads (GET, the stream) and writes (PATCH, confirm) both load the session with
`get_by_client_secret`; writes take its database row `FOR UPDATE NOWAIT`:
1. a write on a row another transaction holds: 409 CheckoutLocked (before
   anything else is known about the session);
2. no such session: 404 ResourceNotFound;
3. past `expires_at` (strictly), whatever the status: 410 ExpiredCheckoutError;
4. its organization cannot use the API (blocked): 403 NotPermitted.

`Locks` stands in for rows held by other transactions: a lock lasts until a
moment on the injected clock.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from tui.emulator.model.session import Session

from .errors import checkout_locked, expired, not_found, not_permitted


class Locks:
    """Client secrets whose rows are held until some moment. Not thread-safe by itself."""

    def __init__(self) -> None:
        self._until: dict[str, datetime] = {}

    def hold(self, client_secret: str, until: datetime) -> None:
        self._until[client_secret] = until

    def is_held(self, client_secret: str, now: datetime) -> bool:
        until = self._until.get(client_secret)
        return until is not None and now < until

    def clear(self) -> None:
        self._until.clear()


def load(
    session: Session | None,
    now: datetime,
    *,
    locked: bool,
    blocked_organizations: frozenset[UUID] | set[UUID],
) -> Session:
    """The session if the route may use it, else the PolarFailure Polar answers.

    `locked` is whether a write finds the row held (always False for reads).
    """
    if locked:
        raise checkout_locked()
    if session is None:
        raise not_found()
    if session.expires_at < now:
        raise expired()
    if session.catalog.organization.id in blocked_organizations:
        raise not_permitted()
    return session
