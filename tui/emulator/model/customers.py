"""A seller's customers, and the subscriptions they already hold.

Polar keeps both in its database; its checkout reads them back. The subscriptions
matter for one rule: a checkout of a recurring product is refused when its customer
already has a billable subscription with the same organization (`rules.subscriptions`).
A subscription is billable while it is trialing, active or past due (Polar's
`SubscriptionStatus.billable_statuses`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal
from uuid import UUID

from .ids import stable_uuid

SubscriptionStatus = Literal[
    "incomplete",
    "incomplete_expired",
    "trialing",
    "active",
    "past_due",
    "canceled",
    "unpaid",
    "paused",
]
BILLABLE_STATUSES: Final[frozenset[SubscriptionStatus]] = frozenset(
    {"trialing", "active", "past_due"}
)


def customer_uuid(organization_id: UUID, email: str) -> UUID:
    """The id of the organization's customer with this email (ignoring case), on every run."""
    return stable_uuid("customer", str(organization_id), email.lower())


@dataclass(frozen=True, slots=True)
class CustomerSubscription:
    """A subscription a customer holds with an organization, to one of its products."""

    organization_id: UUID
    product_id: UUID
    customer_email: str
    status: SubscriptionStatus = "active"

    @property
    def customer_id(self) -> UUID:
        return customer_uuid(self.organization_id, self.customer_email)

    @property
    def billable(self) -> bool:
        return self.status in BILLABLE_STATUSES
