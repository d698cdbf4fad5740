"""How a session's status moves on its own, on the injected clock.

- Confirmed -> succeeded: Polar fulfils a confirmed checkout once the payment
  succeeds (Stripe's webhook) or, for a checkout with no payment form, in a
  background job started by the confirm. The emulator fulfils every confirmed
  session `SUCCESS_DELAY` after it was confirmed: the transition happens as soon
  as the clock has reached `succeeds_at`, checked on every store access and by
  every open stream. On the way it publishes what Polar does:
  `checkout.subscription_created` (recurring products), `checkout.order_created`,
  then `checkout.updated` / `checkout.webhook_event_delivered` with `succeeded`.
  A session seeded as confirmed (no `succeeds_at`) waits for a payment forever.
- Open -> expired: once `expires_at` has passed. Polar's cron job does this
  within 15 minutes (GET and PATCH already answer 410 meanwhile); the emulator
  does it at once, with `checkout.updated` `{"status": "expired"}`.

Pure functions; the store applies them and publishes the events.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Final

from tui.emulator.model.session import Session

from . import events
from .events import Event

SUCCESS_DELAY: Final = timedelta(seconds=2)


class NotPayable(ValueError):
    """Only an open, unexpired session can be paid (or its payment declined)."""


def confirmed(session: Session, now: datetime) -> Session:
    """The session as Polar leaves it after a confirm: fulfilled `SUCCESS_DELAY` later."""
    return replace(session, status="confirmed", succeeds_at=now + SUCCESS_DELAY, modified_at=now)


def payable(session: Session, now: datetime) -> bool:
    """Whether the customer can pay now: the session is open and unexpired."""
    return session.status == "open" and not session.expires_at < now


def declinable(session: Session, now: datetime) -> bool:
    """Whether a payment can fail now: the session is open or confirmed (its payment
    running), and unexpired."""
    return session.status in {"open", "confirmed"} and not session.expires_at < now


def _not_open(session: Session, now: datetime) -> NotPayable:
    state = "expired" if session.expires_at < now else session.status
    return NotPayable(f"Checkout {session.id} is not open: {state}")


def paid(session: Session, now: datetime) -> Session:
    """The customer paid on the hosted page: confirmed now, succeeded shortly after."""
    if not payable(session, now):
        raise _not_open(session, now)
    return confirmed(session, now)


def declined(session: Session, now: datetime) -> tuple[Session, tuple[Event, ...]]:
    """The customer's payment failed on the hosted page. Polar confirms the checkout while
    the payment runs and puts it back to `open` when the payment fails, so the customer can
    try again; it never sets `failed`. An open session goes through both, a confirmed one
    (its payment still running) only back."""
    if not declinable(session, now):
        raise _not_open(session, now)
    published = events.status_changed("open")
    if session.status == "open":
        published = (*events.status_changed("confirmed"), *published)
    reopened = replace(session, status="open", succeeds_at=None, modified_at=now)
    return reopened, published


def next_change(session: Session) -> datetime | None:
    """When the clock next changes the session by itself (`advance`): a confirmed session
    succeeds at `succeeds_at`, an open one expires once past `expires_at`."""
    if session.status == "confirmed":
        return session.succeeds_at
    return session.expires_at if session.status == "open" else None


def advance(session: Session, now: datetime) -> tuple[Session, tuple[Event, ...]]:
    """The session's own transitions due by `now`, and the events they publish."""
    if (
        session.status == "confirmed"
        and session.succeeds_at is not None
        and session.succeeds_at <= now
    ):
        fulfilled: tuple[Event, ...] = (Event(events.ORDER_CREATED),)
        if session.product.is_recurring:
            fulfilled = (Event(events.SUBSCRIPTION_CREATED), *fulfilled)
        succeeded = replace(session, status="succeeded", succeeds_at=None, modified_at=now)
        return succeeded, (*fulfilled, *events.status_changed("succeeded"))
    if session.status == "open" and session.expires_at < now:
        return replace(session, status="expired"), events.expired()
    return session, ()
