"""What a confirm does to a session, in the order of Polar's `CheckoutService.confirm`.

1. The update rules on the confirm body (`update.apply_fields`): the first failure
   answers alone, as on PATCH (403 NotOpenCheckout included). Custom fields are
   checked here, required ones included, against the confirm body's
   `custom_field_data` alone, which then replaces what was stored. Then the
   update's subscription check: 403 AlreadyActiveSubscriptionError for a customer
   who already subscribes with the organization (see `subscriptions`).
2. An attached discount must still be redeemable (dates, `max_redemptions`):
   else 422 at `["body", "discount_id"]` "Discount is no longer redeemable.".
3. Tax and flags (`update.recompute`).
4. 403 PaymentNotReady if the organization cannot take payments and the
   session needs a payment form.
5. Every missing piece in one 422 (`PolarRequestValidationError`):
   "Required tax location information is missing." at `customer_billing_address`
   when the tax stand-in cannot place the address (a US or CA address without a
   state); "Price is archived." at `product_price_id` when the session's price was
   archived since; "Field is required." (type `missing`) for the email unless a customer
   is attached, for the billing name of a business customer, and, when a payment
   form is needed, for the address and each required part of it; "Full billing
   address is required." when Polar's `is_billing_address_required` holds
   (`require_billing_address`, business customers, `upi`) and the address has
   no street, city or postal code; "Confirmation token is required." when a
   payment form is needed and the body has no `confirmation_token_id`. Polar
   collects the required fields in a set, so their order varies on Polar; here
   they follow the body's field order, then the address parts.
6. The customer: the attached one, else the organization's customer with that
   email, else a new one. A customer session token (`polar_cst_...`) comes back
   unless the customer was found by email (Polar's guard against account takeover).
7. 403 DiscountRedemptionLimitReached if that customer already redeemed the
   discount as often as allowed.
8. Any confirmation token is taken as a successful Stripe payment: the emulator
   stands in for Stripe and charges nothing. Status `confirmed`, `customer_id`
   set; `lifecycle` fulfils it shortly after.

Simplified: Polar leaves an archived price out of `products[].prices` and `prices`
(keeping it as `product_price`); here it stays listed, with `is_archived: true`.
Not modelled: trial abuse (403 TrialAlreadyRedeemed), payment
failures (400 PaymentError), the subscription a confirmed checkout of a recurring
product creates (only seeded subscriptions count for the subscription check).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Final
from uuid import UUID

from tui.domain import validation
from tui.emulator.model.customers import customer_uuid
from tui.emulator.model.ids import stable_secret
from tui.emulator.model.session import Session

from . import lifecycle, update, wire
from .body import CheckoutConfirmStripe
from .errors import ErrorItem, ValidationFailed, payment_not_ready, rule_error
from .ledger import Ledger, Redemption, unaliased
from .subscriptions import check_subscription_uniqueness

TAX_LOCATION_MISSING: Final = "Required tax location information is missing."
FULL_ADDRESS_REQUIRED: Final = "Full billing address is required."
TOKEN_REQUIRED: Final = "Confirmation token is required."
DISCOUNT_NOT_REDEEMABLE: Final = "Discount is no longer redeemable."
CUSTOMER_SESSION_PREFIX: Final = "polar_cst_"
ADDRESS_LOC: Final = ("body", "customer_billing_address")
PRICE_ARCHIVED: Final = "Price is archived."
PRICE_LOC: Final = ("body", "product_price_id")
_BASE62: Final = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True, slots=True)
class Confirmation:
    """A confirm that went through: what to store, record and answer."""

    session: Session
    customer_id: UUID
    customer_email: str | None
    """The email to file the customer under when it is new, else None."""
    customer_session_token: str | None
    redemption: Redemption | None


def confirm(
    session: Session, request: CheckoutConfirmStripe, now: datetime, *, ledger: Ledger
) -> Confirmation:
    """The confirmed session, or the exception Polar answers with; `session` never changes."""
    s = update.apply_fields(session, request, now, ledger=ledger)
    check_subscription_uniqueness(s, ledger)
    discount = s.discount
    if discount is not None and not discount.is_redeemable(now, ledger.redemptions_of(discount.id)):
        raise rule_error(("discount_id",), DISCOUNT_NOT_REDEEMABLE, discount.id)
    s = update.recompute(s)
    if s.is_payment_form_required and not s.catalog.organization.can_accept_payments:
        raise payment_not_ready()
    missing = missing_pieces(s, request)
    if missing:
        raise ValidationFailed(missing)

    customer_id, new_customer_email, token = _customer(s, ledger)
    update.check_customer_redemptions(s, ledger, customer_id=customer_id, email=s.customer_email)
    redemption = None
    if discount is not None:
        email = unaliased(s.customer_email) if s.customer_email else None
        redemption = Redemption(discount.id, s.id, customer_id, email)
    confirmed = lifecycle.confirmed(replace(s, customer_id=customer_id), now)
    return Confirmation(confirmed, customer_id, new_customer_email, token, redemption)


def missing_pieces(s: Session, request: CheckoutConfirmStripe) -> list[ErrorItem]:
    """Step 5: everything confirm still needs, in one list (empty when nothing is missing)."""
    items: list[ErrorItem] = []
    address = s.customer_billing_address
    if (
        s.is_payment_form_required
        and s.product.is_tax_applicable
        and address is not None
        and s.tax_amount is None
    ):
        # recompute() leaves the tax null only when the stand-in could not place the address.
        items.append(ErrorItem("value_error", ADDRESS_LOC, TAX_LOCATION_MISSING, None))
    if s.product_price.is_archived:
        items.append(ErrorItem("value_error", PRICE_LOC, PRICE_ARCHIVED, str(s.product_price_id)))
    required: list[tuple[str | int, ...]] = []
    if s.customer_id is None and s.customer_email is None:
        required.append(("customer_email",))
    if s.is_business_customer and s.customer_billing_name is None:
        required.append(("customer_billing_name",))
    if (s.is_payment_form_required or s.is_business_customer) and address is None:
        required.append(("customer_billing_address",))
    if s.is_payment_form_required:
        parts = validation.missing_address_parts(address, s.billing_address_fields)
        required += [part.path for part in parts]
    items += [
        ErrorItem("missing", ("body", *path), validation.FIELD_REQUIRED, None) for path in required
    ]
    if s.is_billing_address_required and not _has_street_address(s):
        shown = wire.address_json(address) if address else None
        items.append(ErrorItem("value_error", ADDRESS_LOC, FULL_ADDRESS_REQUIRED, shown))
    if s.is_payment_form_required and request.confirmation_token_id is None:
        items.append(ErrorItem("missing", ("body", "confirmation_token_id"), TOKEN_REQUIRED, None))
    return items


def _has_street_address(s: Session) -> bool:
    """Polar's `Address.has_address`: any of line1, line2, city, postal code."""
    address = s.customer_billing_address
    if address is None:
        return False
    return any((address.line1, address.line2, address.city, address.postal_code))


def _customer(s: Session, ledger: Ledger) -> tuple[UUID, str | None, str | None]:
    """(customer id, email to file a new customer under, customer session token)."""
    if s.customer_id is not None:
        return s.customer_id, None, customer_session_token(s.id)
    email = s.customer_email
    assert email is not None, "confirm requires an email when no customer is attached"
    organization_id = s.catalog.organization.id
    existing = ledger.customer(organization_id, email)
    if existing is not None:
        return existing, None, None
    return customer_uuid(organization_id, email), email, customer_session_token(s.id)


def customer_session_token(checkout_id: UUID) -> str:
    """`polar_cst_` + 37 letters and digits + a 6-character CRC-32 checksum, as Polar makes
    them; derived from the checkout so runs repeat."""
    token = stable_secret(f"customer-session/{checkout_id}", prefix="", length=37)
    checksum = zlib.crc32(token.encode()) & 0xFFFFFFFF
    encoded = ""
    while checksum:
        checksum, digit = divmod(checksum, len(_BASE62))
        encoded = _BASE62[digit] + encoded
    return f"{CUSTOMER_SESSION_PREFIX}{token}{encoded.zfill(6)}"
