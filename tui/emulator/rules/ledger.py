"""What Polar keeps beside the sessions: customers, their subscriptions, discount redemptions.

Confirmed checkouts leave customers and redemptions behind; the subscriptions are
seeded from the scenarios (with their customers). The rules read them back:
- a discount with `max_redemptions` stops being found ("Discount does not exist.")
  once its redemptions (those made before the emulator started, see
  `Discount.redemptions_count`, plus those recorded here) reach the limit;
- a discount with `max_redemptions_per_customer` answers 403
  DiscountRedemptionLimitReached when the customer (by customer id, or by email
  with any `+alias` stripped, ignoring case) already redeemed it that often in
  other checkouts;
- confirm attaches the customer of the session's email in its organization,
  creating one if there is none;
- a checkout of a recurring product answers 403 AlreadyActiveSubscriptionError
  when its customer already has a billable subscription with the organization
  (see `rules.subscriptions`).

A redemption is recorded when a checkout is confirmed, as Polar does (it would
release it again if the payment failed; payments never fail here). Not
thread-safe by itself: the store mutates it under its own lock.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from pydantic import TypeAdapter

from tui.emulator.model.customers import CustomerSubscription


def unaliased(email: str) -> str:
    """`Pieter+123@Polar.sh` -> `pieter@polar.sh`, as Polar compares customers' emails."""
    local, _, domain = email.rpartition("@")
    return f"{local.split('+', 1)[0]}@{domain}".lower()


@dataclass(frozen=True, slots=True)
class Redemption:
    discount_id: UUID
    checkout_id: UUID
    customer_id: UUID | None
    email: str | None
    """Unaliased and lower-cased."""


_REDEMPTIONS = TypeAdapter(list[Redemption])


class Ledger:
    def __init__(self) -> None:
        self._customers: dict[tuple[UUID, str], UUID] = {}
        self._redemptions: list[Redemption] = []
        self._subscriptions: set[CustomerSubscription] = set()

    def redemptions_of(self, discount_id: UUID) -> int:
        return sum(1 for r in self._redemptions if r.discount_id == discount_id)

    def customer_redemptions(
        self,
        discount_id: UUID,
        *,
        checkout_id: UUID,
        customer_id: UUID | None,
        email: str | None,
    ) -> int:
        """Redemptions of the discount by this customer in checkouts other than `checkout_id`."""
        wanted = unaliased(email) if email else None
        return sum(
            1
            for r in self._redemptions
            if r.discount_id == discount_id
            and r.checkout_id != checkout_id
            and (
                (customer_id is not None and r.customer_id == customer_id)
                or (wanted is not None and r.email == wanted)
            )
        )

    def customer(self, organization_id: UUID, email: str) -> UUID | None:
        return self._customers.get((organization_id, email.lower()))

    def add_customer(self, organization_id: UUID, email: str, customer_id: UUID) -> None:
        self._customers[(organization_id, email.lower())] = customer_id

    def add_redemption(self, redemption: Redemption) -> None:
        self._redemptions.append(redemption)

    def add_subscription(self, subscription: CustomerSubscription) -> None:
        """A subscription the customer already holds; files the customer too, if new."""
        self._subscriptions.add(subscription)
        key = (subscription.organization_id, subscription.customer_email.lower())
        self._customers.setdefault(key, subscription.customer_id)

    def has_billable_subscription(
        self, organization_id: UUID, *, customer_id: UUID | None, email: str | None
    ) -> bool:
        """Whether the customer (by id when there is one, else by email ignoring case) holds
        a billable subscription to any product of the organization."""
        wanted = email.lower() if email else None
        return any(
            sub.billable
            and sub.organization_id == organization_id
            and (
                sub.customer_id == customer_id
                if customer_id is not None
                else sub.customer_email.lower() == wanted
            )
            for sub in self._subscriptions
        )

    def kept(self) -> dict[str, Any]:
        """What a restart must keep, as JSON (the subscriptions come from the scenarios)."""
        return {
            "customers": [
                [str(organization), email, str(customer)]
                for (organization, email), customer in self._customers.items()
            ],
            "redemptions": _REDEMPTIONS.dump_python(self._redemptions, mode="json"),
        }

    def restore(self, kept: dict[str, Any]) -> None:
        """Take back what `kept` gave, over the seeded subscriptions and their customers."""
        for organization, email, customer in kept["customers"]:
            self._customers[(UUID(organization), email)] = UUID(customer)
        self._redemptions = _REDEMPTIONS.validate_python(kept["redemptions"])
