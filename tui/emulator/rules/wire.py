"""A session as Polar's `CheckoutPublic` JSON: every key the OpenAPI document requires, and more.

Beyond the schema's required keys, real responses carry `subtotal_amount`
(= `net_amount`, deprecated), `customer_billing_address_fields` (deprecated
booleans), `seats`/`min_seats`/`max_seats`, `units`/`min_units`/`max_units`
(which `polar-sdk` 1.0.2 requires; null unless the price is unit-based),
`custom_field_data` and `locale`; all are sent. A confirm answers
`CheckoutPublicConfirmed`: the same plus `customer_session_token`.

`url` points at the emulator's own base URL (`Store.public_url`), as
`{public_url}/checkout/{client_secret}`: the same shape as Polar's hosted page,
so clients that accept a pasted checkout URL accept it too; the emulator serves
a test page there (`http.page`). `success_url` defaults to that URL plus
`/confirmation`, as on Polar.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final

from tui.domain.validation import AddressValues
from tui.emulator.model.catalog import Benefit, Discount, Organization, Price, Product
from tui.emulator.model.custom_fields import AttachedCustomField, CustomField
from tui.emulator.model.session import Session

PUBLISHABLE_KEY: Final = "pk_test_polar_checkout_emulator"


def timestamp(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC with a "Z", as pydantic writes Polar's datetimes."""
    if moment is None:
        return None
    return moment.isoformat().replace("+00:00", "Z")


def checkout_public_confirmed(
    session: Session, public_url: str, customer_session_token: str | None
) -> dict[str, Any]:
    return {
        **checkout_public(session, public_url),
        "customer_session_token": customer_session_token,
    }


def checkout_public(session: Session, public_url: str) -> dict[str, Any]:
    s = session
    url = f"{public_url.rstrip('/')}/checkout/{s.client_secret}"
    address = s.customer_billing_address
    modes = s.billing_address_fields
    discount = s.discount
    org = s.catalog.organization
    return {
        "id": str(s.id),
        "created_at": timestamp(s.created_at),
        "modified_at": timestamp(s.modified_at),
        "custom_field_data": dict(s.custom_field_data),
        "payment_processor": "stripe",
        "status": s.status,
        "client_secret": s.client_secret,
        "url": url,
        "expires_at": timestamp(s.expires_at),
        "success_url": s.success_url or f"{url}/confirmation",
        "return_url": s.return_url,
        "embed_origin": None,
        "amount": s.amount,
        "seats": s.seats,
        "min_seats": s.min_seats,
        "max_seats": s.max_seats,
        "units": s.units,
        "min_units": s.min_units,
        "max_units": s.max_units,
        "discount_amount": s.discount_amount,
        "net_amount": s.net_amount,
        "tax_amount": s.tax_amount,
        "tax_behavior": s.tax_behavior,
        "total_amount": s.total_amount,
        "currency": s.currency,
        "allow_trial": s.allow_trial,
        "active_trial_interval": s.active_trial_interval,
        "active_trial_interval_count": s.active_trial_interval_count,
        "trial_end": timestamp(s.trial_end),
        "organization_id": str(org.id),
        "product_id": str(s.product_id),
        "product_price_id": str(s.product_price_id),
        "discount_id": str(s.discount_id) if s.discount_id else None,
        "allow_discount_codes": s.allow_discount_codes,
        "require_billing_address": s.require_billing_address,
        "is_discount_applicable": s.is_discount_applicable,
        "is_free_product_price": s.is_free_product_price,
        "is_payment_required": s.is_payment_required,
        "is_payment_setup_required": s.is_payment_setup_required,
        "is_payment_form_required": s.is_payment_form_required,
        "customer_id": str(s.customer_id) if s.customer_id else None,
        "is_business_customer": s.is_business_customer,
        "customer_name": s.customer_name,
        "customer_email": s.customer_email,
        "customer_ip_address": None,
        "customer_billing_name": s.customer_billing_name,
        "customer_billing_address": address_json(address) if address else None,
        "customer_tax_id": s.customer_tax_id,
        "locale": s.locale,
        "payment_method_type": s.payment_method_type,
        "payment_processor_metadata": {"publishable_key": PUBLISHABLE_KEY},
        "customer_billing_address_fields": s.customer_billing_address_fields,
        "billing_address_fields": {part: str(mode) for part, mode in modes.items()},
        "subtotal_amount": s.net_amount,
        "products": [product_json(product, org) for product in s.catalog.products],
        "product": product_json(s.product, org),
        "product_price": price_json(s.product_price),
        "prices": {
            str(product.id): [price_json(price) for price in product.prices]
            for product in s.catalog.products
        },
        "discount": _discount(discount, org) if discount else None,
        "organization": _organization(org),
        "attached_custom_fields": [
            attached_custom_field_json(entry) for entry in s.product.attached_custom_fields
        ],
    }


def address_json(address: AddressValues) -> dict[str, str | None]:
    """An address as Polar's `Address` model writes it (its field order)."""
    return {
        "line1": address.line1,
        "line2": address.line2,
        "postal_code": address.postal_code,
        "city": address.city,
        "state": address.state,
        "country": address.country,
    }


def attached_custom_field_json(entry: AttachedCustomField) -> dict[str, Any]:
    """Polar's `AttachedCustomField`: the field, its place and whether it is required."""
    return {
        "custom_field_id": str(entry.field.id),
        "custom_field": _custom_field(entry.field),
        "order": entry.order,
        "required": entry.required,
    }


def _custom_field(field: CustomField) -> dict[str, Any]:
    return {
        "created_at": timestamp(field.created_at),
        "modified_at": None,
        "id": str(field.id),
        "metadata": {},
        "type": field.type,
        "slug": field.slug,
        "name": field.name,
        "organization_id": str(field.organization_id),
        "properties": _custom_field_properties(field),
    }


def _custom_field_properties(field: CustomField) -> dict[str, Any]:
    """Only the properties the merchant set (Polar stores them as a JSON object)."""
    properties: dict[str, Any] = {
        "form_label": field.form_label,
        "form_help_text": field.form_help_text,
        "form_placeholder": field.form_placeholder,
    }
    if field.type == "text":
        properties.update(
            textarea=field.textarea, min_length=field.min_length, max_length=field.max_length
        )
    elif field.type in ("number", "date"):
        properties.update(ge=field.ge, le=field.le)
    elif field.type == "select":
        properties["options"] = [
            {"value": option.value, "label": option.label} for option in field.options
        ]
    return {key: value for key, value in properties.items() if value is not None}


def _organization(org: Organization) -> dict[str, Any]:
    return {
        "created_at": timestamp(org.created_at),
        "modified_at": None,
        "id": str(org.id),
        "name": org.name,
        "slug": org.slug,
        "avatar_url": org.avatar_url,
        "proration_behavior": "prorate",
        "allow_customer_updates": True,
    }


def product_json(product: Product, org: Organization) -> dict[str, Any]:
    return {
        "id": str(product.id),
        "created_at": timestamp(product.created_at),
        "modified_at": None,
        "trial_interval": product.trial_interval,
        "trial_interval_count": product.trial_interval_count,
        "name": product.name,
        "description": product.description,
        "visibility": "public",
        "recurring_interval": product.recurring_interval,
        "recurring_interval_count": product.recurring_interval_count,
        "meter_interval": None,
        "meter_interval_count": None,
        "is_recurring": product.is_recurring,
        "is_archived": product.is_archived,
        "organization_id": str(org.id),
        "prices": [price_json(price) for price in product.prices],
        "benefits": [_benefit(benefit, product, org) for benefit in product.benefits],
        "medias": [],
    }


def _benefit(benefit: Benefit, product: Product, org: Organization) -> dict[str, Any]:
    return {
        "id": str(benefit.id),
        "created_at": timestamp(product.created_at),
        "modified_at": None,
        "type": benefit.type,
        "description": benefit.description,
        "selectable": True,
        "deletable": True,
        "is_deleted": False,
        "organization_id": str(org.id),
    }


def price_json(price: Price) -> dict[str, Any]:
    body: dict[str, Any] = {
        "created_at": timestamp(price.created_at),
        "modified_at": None,
        "id": str(price.id),
        "source": "catalog",
        "amount_type": price.amount_type,
        "price_currency": price.currency,
        "tax_behavior": price.tax_behavior,
        "is_archived": price.is_archived,
        "product_id": str(price.product_id),
    }
    if price.amount_type == "fixed":
        body["price_amount"] = price.price_amount
    elif price.amount_type == "custom":
        body["minimum_amount"] = price.minimum_amount
        body["maximum_amount"] = price.maximum_amount
        body["preset_amount"] = price.preset_amount
    elif price.amount_type == "unit_based":
        body["tiers"] = {
            "type": price.unit_tier_type,
            # Polar's rates are decimals, which its JSON writes as strings.
            "tiers": [
                {"bound": tier.bound, "unit_amount": str(tier.unit_amount)}
                for tier in price.unit_tiers
            ],
        }
        body["minimum_units"] = price.minimum_units
        body["unit_label"] = None
        # Polar's schema reports the last tier's bound here, whatever the price's own maximum.
        body["maximum_units"] = price.unit_tiers[-1].bound if price.unit_tiers else None
    else:
        body["seat_tiers"] = {
            "seat_tier_type": price.seat_tier_type,
            "tiers": [
                {
                    "min_seats": tier.min_seats,
                    "max_seats": tier.max_seats,
                    "price_per_seat": tier.price_per_seat,
                }
                for tier in price.seat_tiers
            ],
            "minimum_seats": price.minimum_seats,
            "maximum_seats": price.maximum_seats,
        }
    return body


def _discount(discount: Discount, org: Organization) -> dict[str, Any]:
    body: dict[str, Any] = {"duration": discount.duration}
    if discount.duration == "repeating":
        body["duration_in_months"] = discount.duration_in_months
    body["type"] = discount.type
    if discount.type == "percentage":
        body["basis_points"] = discount.basis_points
    else:
        amounts = dict(discount.amounts)
        legacy_currency = (
            org.default_currency if org.default_currency in amounts else next(iter(amounts))
        )
        body["amount"] = amounts[legacy_currency]
        body["currency"] = legacy_currency
        body["amounts"] = amounts
    body.update({"id": str(discount.id), "name": discount.name, "code": discount.code})
    return body
