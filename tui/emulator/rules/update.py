"""What an update does to a session: Polar's own checks, then the amounts, tax and flags.

Pure functions over immutable sessions: `apply_update` returns the updated
session or raises `ValidationFailed` (`PolarRequestValidationError`, first failing
rule only, though the custom-field step reports every field it refuses) or
`PolarFailure` (403 NotOpenCheckout, DiscountRedemptionLimitReached,
AlreadyActiveSubscriptionError). The order of the steps is the order of Polar's
`CheckoutService.update`:

1. status must be open;
2. product switch (`product_id`, optionally `product_price_id`): the product must be one
   of the session's and not archived; seats and units reset to the price's minimum, a
   custom price starts at its preset or minimum;
3. a discount that no longer applies to the product is dropped;
4. pay-what-you-want `amount`; 5. `seats`; 6. `units`; 7. `discount_code` (the
   code must name a discount within its dates and redemption limit);
8. billing address; 9. tax ID (re-validated on every update; turning
   `is_business_customer` off clears it); 10. custom field data (see
   `custom_fields`): an update checks what it sends and merges it into what is
   stored, a confirm checks its body's values, required fields included, and
   stores exactly those; a product switch leaves the stored values alone;
11. the plain fields, written as sent, null included (`"seats": null`, `"units": null`
   and `"allow_trial": null` leave them null, the amount as it was; a null `allow_trial`
   means no trial), then the locale "en" unless the organization opted in to checkout
   localization; 12. trial end;
13. a discount the customer already redeemed as often as allowed: 403;
14. a recurring product whose customer already subscribes with the organization: 403
    (see `subscriptions`);
15. `recompute`: net amount, tax (see `tax`), and the payment-form reset.

Confirm (see `confirm`) runs steps 1-12 (`apply_fields`) and 14, then its own checks.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from tui.domain import quantities, validation
from tui.domain.validation import RuleError
from tui.emulator.model.catalog import (
    Discount,
    Interval,
    Price,
    Product,
    default_price,
    upfront_amount,
)
from tui.emulator.model.session import Session

from . import tax
from .body import CheckoutConfirmStripe, CheckoutUpdatePublic
from .custom_fields import check_custom_field_data
from .errors import discount_redemption_limit_reached, not_open, rule_error
from .ledger import Ledger, unaliased
from .subscriptions import check_subscription_uniqueness

PRODUCT_NOT_AVAILABLE = "Product is not available in this checkout."
PRICE_NOT_AVAILABLE = "Price is not available in this checkout."
PRODUCT_ARCHIVED = "Product is archived."
SEATS_NOT_SEAT_BASED = "Seats can only be set for seat-based pricing."
UNITS_NOT_UNIT_BASED = "Units can only be set for unit-based pricing."
DISCOUNT_NOT_APPLICABLE = "Discounts are not applicable to this product."
DISCOUNT_DOES_NOT_EXIST = "Discount does not exist."
PLAIN_FIELDS = (
    "customer_name",
    "customer_billing_name",
    "locale",
    "payment_method_type",
    "seats",
    "units",
    "allow_trial",
)
"""Keys an update writes as sent, null included (`CheckoutService._update_checkout`'s
`model_dump(exclude_unset=True)` loop)."""


def apply_update(
    session: Session, update: CheckoutUpdatePublic, now: datetime, *, ledger: Ledger
) -> Session:
    """The session after `update`, or an exception; `session` itself never changes."""
    s = apply_fields(session, update, now, ledger=ledger)
    check_customer_redemptions(s, ledger, customer_id=s.customer_id, email=s.customer_email)
    check_subscription_uniqueness(s, ledger)
    return recompute(s)


def apply_fields(
    session: Session, update: CheckoutUpdatePublic, now: datetime, *, ledger: Ledger
) -> Session:
    """Steps 1-12: the body's fields applied and checked, before tax and flags."""
    if session.status != "open":
        raise not_open(session.id, session.status)
    s = session

    if update.product_id is not None:
        s = _switch_product(s, update)

    discount = s.discount
    if discount is not None and not discount.is_applicable(s.product, s.currency):
        s = replace(s, discount_id=None)

    custom_price = s.price_of_type("custom")
    if custom_price is not None and update.amount is not None:
        check_custom_amount(custom_price, update.amount, s.currency)
        s = replace(s, amount=update.amount)

    seat_price = s.price_of_type("seat_based")
    if update.seats is not None:
        if seat_price is None:
            raise rule_error(("seats",), SEATS_NOT_SEAT_BASED, update.seats)
        check_seats(seat_price, update.seats, s.min_seats, s.max_seats)
        amount = upfront_amount(s.price_set, seats=update.seats, units=s.units)
        s = replace(s, seats=update.seats, amount=amount)

    unit_price = s.price_of_type("unit_based")
    if update.units is not None:
        if unit_price is None:
            raise rule_error(("units",), UNITS_NOT_UNIT_BASED, update.units)
        check_units(unit_price, update.units, s.min_units, s.max_units)
        amount = upfront_amount(s.price_set, seats=s.seats, units=update.units)
        s = replace(s, units=update.units, amount=amount)

    if s.allow_discount_codes:
        if update.discount_code is not None:
            discount = find_discount(s, update.discount_code, now, ledger)
            s = replace(s, discount_id=discount.id)
        elif update.has("discount_code"):
            s = replace(s, discount_id=None)

    if update.customer_billing_address is not None:
        s = replace(s, customer_billing_address=update.customer_billing_address.to_values())

    s = _apply_tax_id(s, update)

    s = _apply_custom_field_data(s, update)
    s = _apply_plain_fields(s, update)
    if not s.catalog.organization.checkout_localization_enabled:
        s = replace(s, locale="en")
    return refresh_trial_end(s, now)


def check_customer_redemptions(
    s: Session, ledger: Ledger, *, customer_id: UUID | None, email: str | None
) -> None:
    """403 when this customer already redeemed the session's discount as often as allowed."""
    discount = s.discount
    if discount is None or discount.max_redemptions_per_customer is None:
        return
    count = ledger.customer_redemptions(
        discount.id, checkout_id=s.id, customer_id=customer_id, email=email
    )
    if email is not None and unaliased(email) in discount.redeemed_by:
        count += 1  # seeded: redeemed before the emulator started
    if count >= discount.max_redemptions_per_customer:
        raise discount_redemption_limit_reached()


def _switch_product(s: Session, update: CheckoutUpdatePublic) -> Session:
    product = s.catalog.product(update.product_id) if update.product_id else None
    if product is None:
        raise rule_error(("product_id",), PRODUCT_NOT_AVAILABLE, update.product_id)
    if product.is_archived:
        raise rule_error(("product_id",), PRODUCT_ARCHIVED, update.product_id)
    if update.product_price_id is not None:
        price = next((p for p in product.prices if p.id == update.product_price_id), None)
        if price is None:
            raise rule_error(("product_price_id",), PRICE_NOT_AVAILABLE, update.product_price_id)
        prices: tuple[Price, ...] = (price,)
        currency = price.currency
    else:
        org_currency = s.catalog.organization.default_currency
        currency = s.currency if product.prices_in(s.currency) else org_currency
        prices = product.prices_in(currency)
    return _update_price(s, product, prices, currency, update)


def _update_price(
    s: Session,
    product: Product,
    prices: tuple[Price, ...],
    currency: str,
    update: CheckoutUpdatePublic,
) -> Session:
    """Select a product's price set: seats and units start at the minimum (or what the body
    asks), amounts at the price's start."""
    seat_price = next((p for p in prices if p.amount_type == "seat_based"), None)
    seats: int | None = None
    if seat_price is not None:
        seats = update.seats or seat_price.minimum_seats
        check_seats(seat_price, seats, None, None)
    unit_price = next((p for p in prices if p.amount_type == "unit_based"), None)
    units: int | None = None
    if unit_price is not None:
        units = update.units or unit_price.minimum_purchasable_units
        check_units(unit_price, units, None, None)
    return replace(
        s,
        product_id=product.id,
        product_price_id=default_price(prices).id,
        currency=currency,
        seats=seats,
        units=units,
        amount=upfront_amount(prices, seats=seats, units=units),
    )


def check_custom_amount(price: Price, amount: int, currency: str) -> None:
    """A pay-what-you-want amount, checked in Polar's order; raises at `amount`."""
    _as_validation(
        amount,
        lambda: quantities.check_custom_amount(
            amount, minimum=price.minimum_amount, maximum=price.maximum_amount, currency=currency
        ),
    )


def check_seats(price: Price, seats: int, min_seats: int | None, max_seats: int | None) -> None:
    """Seats within the price's tiers, narrowed by the session's own bounds."""
    bounds = quantities.quantity_bounds(
        (price.minimum_seats, price.maximum_seats), (min_seats, max_seats)
    )
    _as_validation(seats, lambda: quantities.check_quantity("seats", seats, bounds))


def check_units(price: Price, units: int, min_units: int | None, max_units: int | None) -> None:
    """Units within the price's bounds, narrowed by the session's own."""
    bounds = quantities.quantity_bounds(
        (price.minimum_purchasable_units, price.maximum_purchasable_units),
        (min_units, max_units),
    )
    _as_validation(units, lambda: quantities.check_quantity("units", units, bounds))


def _as_validation(value: int, check: Callable[[], None]) -> None:
    """A domain rule's failure as Polar's 422 item, with the value sent as its input."""
    try:
        check()
    except RuleError as error:
        raise rule_error(error.error.path, error.error.message, value, error.error.kind) from None


def find_discount(s: Session, code: str, now: datetime, ledger: Ledger) -> Discount:
    """The discount a typed code names, if it is redeemable now and applies to this product
    and currency."""
    if not s.is_discount_applicable:
        raise rule_error(("discount_code",), DISCOUNT_NOT_APPLICABLE, None)
    discount = s.catalog.discount_by_code(code)
    if (
        discount is None
        or not discount.is_redeemable(now, ledger.redemptions_of(discount.id))
        or not discount.is_applicable(s.product, s.currency)
    ):
        # Polar reports the discount's id here, which a code lookup never has: null.
        raise rule_error(("discount_code",), DISCOUNT_DOES_NOT_EXIST, None)
    return discount


def _apply_tax_id(s: Session, update: CheckoutUpdatePublic) -> Session:
    disabling_business = update.has("is_business_customer") and update.is_business_customer is False
    if disabling_business or (update.has("customer_tax_id") and update.customer_tax_id is None):
        return replace(s, customer_tax_id=None)
    number = update.customer_tax_id or s.customer_tax_id
    if number is None:
        return s
    sent = update.customer_billing_address
    address = sent.to_values() if sent is not None else s.customer_billing_address
    try:
        compact = validation.check_tax_id(number, address.country if address else None)
    except RuleError as error:
        failure = error.error
        value = None if failure.kind == "missing" else number
        raise rule_error(failure.path, failure.message, value, failure.kind) from error
    return replace(s, customer_tax_id=compact)


def _apply_custom_field_data(s: Session, update: CheckoutUpdatePublic) -> Session:
    """An update checks the values it sends and merges them into the stored ones; a confirm
    checks its body's values, required fields included, and stores exactly those."""
    confirming = isinstance(update, CheckoutConfirmStripe)
    if not (confirming or update.has("custom_field_data")):
        return s
    values = check_custom_field_data(
        s.product.attached_custom_fields, update.custom_field_data, with_required=confirming
    )
    return replace(s, custom_field_data=values if confirming else {**s.custom_field_data, **values})


def _apply_plain_fields(s: Session, update: CheckoutUpdatePublic) -> Session:
    """Every key sent is copied, null included, as Polar's loop over the body's set keys does
    (so `"seats": null` leaves the session without seats, after the checks above)."""
    changes: dict[str, Any] = {}
    for key in PLAIN_FIELDS:
        if update.has(key):
            changes[key] = getattr(update, key)
    if update.has("customer_email") and s.customer_id is None:
        changes["customer_email"] = update.customer_email
    # null means "no change" here (Polar's database would refuse a null).
    if update.is_business_customer is not None:
        changes["is_business_customer"] = update.is_business_customer
        if not update.is_business_customer:
            changes["customer_billing_name"] = None
    return replace(s, **changes)


def refresh_trial_end(s: Session, now: datetime) -> Session:
    interval, count = s.active_trial_interval, s.active_trial_interval_count
    if interval is None or count is None:
        return replace(s, trial_end=None)
    return replace(s, trial_end=add_interval(now, interval, count))


def add_interval(moment: datetime, interval: Interval, count: int) -> datetime:
    if interval == "day":
        return moment + timedelta(days=count)
    if interval == "week":
        return moment + timedelta(weeks=count)
    months = count if interval == "month" else 12 * count
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def recompute(s: Session) -> Session:
    """Net amount and tax from the current amount, discount and address; then the form reset.

    Mirrors Polar: net = amount - discount; no payment form (or an untaxable
    product) means tax 0; no address leaves the tax as it was; an address the
    stand-in cannot place makes it null. With inclusive tax the tax leaves the net.
    """
    s = replace(s, net_amount=s.amount - s.discount_amount)
    if not (s.is_payment_form_required and s.product.is_tax_applicable):
        s = replace(s, tax_amount=0)
    elif s.customer_billing_address is not None:
        try:
            quote = tax.calculate(
                s.net_amount,
                s.product_price.tax_behavior or s.catalog.organization.default_tax_behavior,
                s.customer_billing_address,
                tax_id=s.customer_tax_id,
                seller_country=s.catalog.organization.country,
            )
        except tax.IncompleteTaxLocation:
            s = replace(s, tax_amount=None, tax_behavior=None)
        else:
            net = s.net_amount - quote.amount if quote.behavior == "inclusive" else s.net_amount
            s = replace(s, tax_amount=quote.amount, tax_behavior=quote.behavior, net_amount=net)
    return _reset_payment_form_fields(s)


def _reset_payment_form_fields(s: Session) -> Session:
    """With nothing to pay or set up, Polar forgets the payment method and business details."""
    if s.is_payment_form_required:
        return s
    s = replace(s, payment_method_type=None)
    if s.require_billing_address:
        return s
    return replace(s, is_business_customer=False, customer_tax_id=None, customer_billing_name=None)
