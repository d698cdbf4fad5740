"""What a session's status means for the person at the form: whether it can be edited, and
the line that says so. No Textual."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tui.polar.models import CheckoutPublic

WARN_BEFORE = timedelta(minutes=5)
"""Under this much time left, the countdown warns."""

_CLOSED = {
    "succeeded": "Paid — succeeded. This checkout is closed: nothing can be changed.",
    "confirmed": "Paid: confirmed. Polar is completing the order: nothing can be changed.",
    "expired": "Expired. Ask the merchant for a new checkout link.",
    "failed": "This checkout failed: nothing can be changed.",
}
_NOTHING_PAID = {
    "succeeded": "Succeeded. This checkout is closed: nothing can be changed.",
    "confirmed": "Confirmed. Polar is completing the order: nothing can be changed.",
}
"""A free (or fully discounted) session was confirmed, not paid."""


def is_open(session: CheckoutPublic) -> bool:
    return session.status == "open"


def closed_words(session: CheckoutPublic) -> str:
    """The banner of a session that can no longer be edited."""
    if session.is_payment_form_required is False and session.status in _NOTHING_PAID:
        return _NOTHING_PAID[session.status]
    return _CLOSED.get(
        session.status, f"This checkout is {session.status}: nothing can be changed."
    )


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def has_run_out(session: CheckoutPublic, now: datetime) -> bool:
    """Open, but past its expiry time: Polar answers 410 from now on."""
    return is_open(session) and session.expires_at is not None and _aware(session.expires_at) <= now


def expiry_warning(session: CheckoutPublic, now: datetime) -> str:
    """A one-line warning when an open session has under five minutes left, else ""."""
    if not is_open(session) or session.expires_at is None:
        return ""
    left = _aware(session.expires_at) - now
    if timedelta(0) < left <= WARN_BEFORE:
        minutes, seconds = divmod(int(left.total_seconds()), 60)
        return f"This checkout expires in {minutes}:{seconds:02d}: submit what you need now."
    return ""


def expired_at_words(session: CheckoutPublic, local: datetime) -> str:
    """ "Expired at 14:03" in the terminal's local time; `local` is now, in that zone."""
    if session.expires_at is None:
        return "Expired."
    moment = _aware(session.expires_at).astimezone(local.tzinfo)
    return (
        f"Expired at {moment:%H:%M}. What you typed is kept on screen; "
        "ask the merchant for a new checkout link."
    )
