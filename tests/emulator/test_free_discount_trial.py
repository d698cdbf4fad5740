"""`billing_address_fields` and tax for a free product, a 100 % discount and a trial.

Each test names the lines of Polar's code it follows, at the mirror's HEAD c6c3645e:
- `server/polar/models/checkout.py:421` `billing_address_fields`: country always
  required; line1, city and postal code required (state optional, line2 optional)
  only for a US address or when `is_billing_address_required` (business customer,
  `require_billing_address`, `upi`), else disabled; state required for US and CA.
  Nothing in it looks at the price, a discount or a trial.
- `server/polar/models/checkout.py:345` `is_payment_required` (a total above 0 and no
  trial) and `:349` `is_payment_setup_required` (recurring, unless free, 0, or a
  100 % forever percentage discount, `:362-368`).
- `server/polar/checkout/service.py:2490` `_update_checkout_tax`: no payment form
  needed means tax 0, whatever the address.
- `server/polar/checkout/service.py:2438` `_reset_payment_form_fields_if_needed`:
  no payment form needed drops the business flag, tax ID and billing name.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from .support import GERMAN_ADDRESS, GERMAN_VAT_ID, patch_ok

COUNTRY_ONLY = {
    "country": "required",
    "state": "disabled",
    "line1": "disabled",
    "line2": "disabled",
    "city": "disabled",
    "postal_code": "disabled",
}
FULL_ADDRESS = {
    "country": "required",
    "state": "optional",
    "line1": "required",
    "line2": "optional",
    "city": "required",
    "postal_code": "required",
}
BUSINESS = {
    "is_business_customer": True,
    "customer_billing_name": "Muster GmbH",
    "customer_tax_id": GERMAN_VAT_ID,
    "customer_billing_address": GERMAN_ADDRESS,
}


def money(session: dict[str, Any]) -> tuple[Any, ...]:
    keys = ("amount", "discount_amount", "net_amount", "tax_amount", "total_amount")
    return tuple(session[key] for key in keys)


def flags(session: dict[str, Any]) -> tuple[bool, bool, bool]:
    keys = ("is_payment_required", "is_payment_setup_required", "is_payment_form_required")
    return (session[keys[0]], session[keys[1]], session[keys[2]])


@pytest.mark.fidelity("free-discount-trial")
async def test_a_free_product_drops_the_business_details_and_asks_only_the_country(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    """service.py:2438 (the reset), service.py:2490 (tax 0), models/checkout.py:421."""
    session = await patch_ok(client, secrets["free"], BUSINESS)
    assert flags(session) == (False, False, False)
    assert money(session) == (0, 0, 0, 0, 0)
    assert session["tax_behavior"] is None
    assert (session["is_business_customer"], session["customer_tax_id"]) == (False, None)
    assert session["customer_billing_name"] is None
    assert session["billing_address_fields"] == COUNTRY_ONLY


@pytest.mark.fidelity("free-discount-trial")
async def test_a_free_product_with_a_us_address_still_shows_the_full_address(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    """models/checkout.py:425 (`or is_us`): the fields do not look at the price; tax 0
    (service.py:2490)."""
    body = {"customer_billing_address": {"country": "US", "state": "NY"}}
    session = await patch_ok(client, secrets["free"], body)
    assert session["billing_address_fields"] == {**FULL_ADDRESS, "state": "required"}
    assert money(session) == (0, 0, 0, 0, 0)


@pytest.mark.fidelity("free-discount-trial")
async def test_a_full_discount_on_a_one_time_product_needs_no_form_and_no_tax(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    """FRIENDS takes 100 % off $79.00: no total, not recurring, so no form
    (models/checkout.py:345, :349); tax 0 despite a German address (service.py:2490);
    the business details go (service.py:2438); the country alone (models/checkout.py:421)."""
    session = await patch_ok(client, secrets["discount"], {**BUSINESS, "discount_code": "FRIENDS"})
    assert flags(session) == (False, False, False)
    assert money(session) == (7900, 7900, 0, 0, 0)
    assert session["tax_behavior"] is None  # no quote was asked for
    assert session["is_business_customer"] is False
    assert session["billing_address_fields"] == COUNTRY_ONLY


@pytest.mark.fidelity("free-discount-trial")
async def test_a_full_forever_discount_on_a_subscription_needs_no_form_and_no_tax(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    """FOREVERFREE, 100 % forever on €12.00 a month with a 14-day trial: no payment setup
    either (models/checkout.py:362-368), so tax 0 (service.py:2490)."""
    body = {"discount_code": "FOREVERFREE", "customer_billing_address": GERMAN_ADDRESS}
    session = await patch_ok(client, secrets["subscription"], body)
    assert flags(session) == (False, False, False)
    assert money(session) == (1200, 1200, 0, 0, 0)
    assert session["tax_behavior"] is None  # no quote was asked for
    assert session["billing_address_fields"] == COUNTRY_ONLY


@pytest.mark.fidelity("free-discount-trial")
async def test_a_trial_still_needs_the_form_so_the_tax_is_quoted(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    """Nothing to pay during the trial (models/checkout.py:346) but a payment method to set up
    (:349), so the form is needed and the tax quoted: €12.00 includes 19 % German VAT,
    €1.92 (service.py:2490 onwards). A business customer keeps its details and the full
    address (models/checkout.py:421)."""
    session = await patch_ok(
        client, secrets["subscription"], {"customer_billing_address": GERMAN_ADDRESS}
    )
    assert flags(session) == (False, True, True)
    assert session["trial_end"] == "2026-05-15T12:00:00Z"
    assert money(session) == (1200, 0, 1008, 192, 1200)
    assert session["tax_behavior"] == "inclusive"
    assert session["billing_address_fields"] == COUNTRY_ONLY
    business = await patch_ok(client, secrets["subscription"], BUSINESS)
    assert (business["is_business_customer"], business["customer_tax_id"]) == (
        True,
        GERMAN_VAT_ID,
    )
    assert business["billing_address_fields"] == FULL_ADDRESS
