"""Polar's subscription check, the last step of every update and of a confirm's update part.

As Polar's `CheckoutService._validate_subscription_uniqueness`: a checkout of a
recurring product answers 403 AlreadyActiveSubscriptionError when its customer
already holds a billable subscription (trialing, active, past due) to any product
of the same organization. The customer is the attached one when there is one,
else whoever has the session's email, compared ignoring case (no `+alias`
stripping here, unlike the discount limits). Nothing is checked for a one-time
product, before an email or a customer is known, or when the organization allows
multiple subscriptions. Subscription upgrades (a checkout for an existing
subscription) are not modelled.
"""

from __future__ import annotations

from tui.emulator.model.session import Session

from .errors import already_active_subscription
from .ledger import Ledger


def check_subscription_uniqueness(s: Session, ledger: Ledger) -> None:
    """Raise PolarFailure 403 when the customer already subscribes with this organization."""
    organization = s.catalog.organization
    if organization.allow_multiple_subscriptions or not s.product.is_recurring:
        return
    if s.customer_id is None and s.customer_email is None:
        return
    if ledger.has_billable_subscription(
        organization.id, customer_id=s.customer_id, email=s.customer_email
    ):
        raise already_active_subscription()
