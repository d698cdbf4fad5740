"""What the hand-off screen says while the customer pays in a browser.

Polar moves a paid session `open` → `confirmed` → `succeeded`, or to `expired`. It never
sets `failed` today: a payment that fails puts a `confirmed` session back to `open`, and the
customer can try again on the same page. So the outcome depends on where the session came
from as well as where it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tui.domain.display import printable
from tui.polar.models import CheckoutPublic

DECLINED_LINE = (
    "The payment did not go through: the checkout is open again; the customer can try again."
)
CONFIRMED_LINE = "Confirmed: Polar is completing the order…"


class Outcome(StrEnum):
    WAITING = "waiting"
    PAID = "paid"
    DECLINED = "declined"
    SUCCEEDED = "succeeded"
    EXPIRED = "expired"
    FAILED = "failed"
    OTHER = "other"


FINAL = frozenset({Outcome.SUCCEEDED, Outcome.EXPIRED})
"""Outcomes after which nothing more happens to the session: stop waiting."""


@dataclass(frozen=True, slots=True)
class HandoffState:
    outcome: Outcome
    line: str
    """The outcome as one line of plain text."""
    success_url: str | None = None
    """Where the customer's browser goes after a success (server text, made printable)."""

    @property
    def final(self) -> bool:
        return self.outcome in FINAL


def handoff_state(previous_status: str | None, session: CheckoutPublic) -> HandoffState:
    """The outcome to show for the session.

    `previous_status` is the status the session had before its current one (None when it
    has had no other since the screen opened): a session that went from `confirmed` back to
    `open` stays "did not go through" for as long as it stays open.
    """
    status = session.status
    if status == "open":
        if previous_status == "confirmed":
            return HandoffState(Outcome.DECLINED, DECLINED_LINE)
        return HandoffState(Outcome.WAITING, "Waiting for payment…")
    if status == "confirmed":
        return HandoffState(Outcome.PAID, "Paid: confirmed")
    if status == "succeeded":
        url = printable(session.success_url) if session.success_url else None
        return HandoffState(Outcome.SUCCEEDED, "Succeeded", success_url=url)
    if status == "expired":
        return HandoffState(Outcome.EXPIRED, "Expired")
    if status == "failed":
        return HandoffState(Outcome.FAILED, "Failed: the payment did not go through.")
    return HandoffState(Outcome.OTHER, f"Status: {printable(status)}")


def confirmed_state(previous_status: str | None, session: CheckoutPublic) -> HandoffState:
    """As `handoff_state`, for a session confirmed from the terminal with nothing to pay:
    its `confirmed` is no payment."""
    state = handoff_state(previous_status, session)
    if state.outcome == Outcome.PAID:
        return HandoffState(Outcome.PAID, CONFIRMED_LINE)
    return state
