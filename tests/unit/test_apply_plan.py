"""apply's plan: the values typed into the form's own state, the same body the form sends,
what it changes, and what it refuses."""

from __future__ import annotations

import pytest

from tui.apply.plan import HIDDEN, Change, Edit, Problem, Ready, Refused
from tui.apply.values import parse_settings
from tui.domain.form_view import NothingToSave
from tui.polar.models import CheckoutPublic, FieldError

from .form_support import business, consumer, session


def edit(current: CheckoutPublic, *items: str) -> Edit:
    return Edit(current, parse_settings(items))


def test_a_change_is_sent_normalized_and_said_old_to_new() -> None:
    planned = edit(consumer(), "customer_email=grace@EXAMPLE.COM").outcome()
    assert planned == Ready(
        {"customer_email": "grace@example.com"},
        (Change("customer_email", "ada@example.com", "grace@example.com"),),
    )


def test_a_country_change_sends_the_whole_address_and_says_what_it_clears() -> None:
    planned = edit(consumer(), "country=Germany").outcome()
    assert planned == Ready(
        {"customer_billing_address": {"country": "DE"}},
        (
            Change("country", "US", "DE"),
            Change("line1", "1 Main St", None),
            Change("postal_code", "94107", None),
            Change("city", "San Francisco", None),
            Change("state", "US-CA", None),
        ),
    )


def test_one_address_part_sends_the_others_as_stored() -> None:
    planned = edit(consumer(), "state=New York").outcome()
    assert planned == Ready(
        {
            "customer_billing_address": {
                "country": "US",
                "state": "US-NY",
                "line1": "1 Main St",
                "postal_code": "94107",
                "city": "San Francisco",
            }
        },
        (Change("state", "US-CA", "US-NY"),),
    )


def test_the_state_follows_the_country_set_with_it_whatever_the_order() -> None:
    german = session(customer_billing_address={"country": "DE"})
    items = ("state=CA", "postal_code=94107", "city=SF", "line1=1 Main St", "country=US")
    planned = edit(german, *items).outcome()
    assert isinstance(planned, Ready)
    assert planned.body["customer_billing_address"]["state"] == "US-CA"


def test_an_invalid_value_is_refused_under_its_field() -> None:
    planned = edit(consumer(), "customer_email=not-an-email").outcome()
    assert planned == Refused(
        (
            Problem(
                "customer_email",
                "value is not a valid email address: An email address must have an @-sign.",
            ),
        )
    )


def test_a_field_the_form_hides_is_refused_not_dropped() -> None:
    german_consumer = session(customer_billing_address={"country": "DE"})
    planned = edit(german_consumer, "line1=Hauptstr. 1", "customer_name=Ada").outcome()
    assert planned == Refused((Problem("line1", HIDDEN),))


def test_a_tax_id_for_a_consumer_is_refused_as_hidden() -> None:
    assert edit(consumer(), "customer_tax_id=DE136695976").outcome() == Refused(
        (Problem("customer_tax_id", HIDDEN),)
    )


def test_turning_business_on_shows_the_tax_id_it_is_set_with() -> None:
    german = session(customer_billing_address={"country": "DE"})
    planned = edit(german, "customer_tax_id=DE 136 695 976", "is_business_customer=true").outcome()
    assert isinstance(planned, Ready)
    assert planned.body == {"is_business_customer": True, "customer_tax_id": "DE136695976"}


def test_a_flag_given_something_else_is_refused_under_it() -> None:
    assert edit(consumer(), "is_business_customer=maybe").outcome() == Refused(
        (Problem("is_business_customer", "Takes true or false, not 'maybe'."),)
    )


def test_a_stored_value_the_change_would_resend_is_checked_too() -> None:
    """A stored German VAT ID goes with an address change and is checked against it."""
    assert edit(business(), "country=CH").outcome() == Refused(
        (Problem("customer_tax_id", "Invalid tax ID."),)
    )


@pytest.mark.parametrize(
    "items", [("customer_name=Ada Lovelace",), ("customer_name= Ada Lovelace ", "state=CA")]
)
def test_values_polar_would_store_unchanged_send_nothing(items: tuple[str, ...]) -> None:
    assert isinstance(edit(consumer(), *items).outcome(), NothingToSave)


def test_polars_422_goes_under_the_field_as_in_the_form() -> None:
    planned = edit(consumer(), "state=NY")
    assert isinstance(planned.outcome(), Ready)
    refused = planned.rejected(
        [
            FieldError(("customer_billing_address",), "Value error, Invalid US state"),
            FieldError(("locale",), "Bad locale"),
        ]
    )
    assert refused == Refused((Problem("state", "Invalid US state."),), ("locale: Bad locale.",))


LAUNCH20 = {"code": "LAUNCH20", "type": "percentage", "basis_points": 2000}


@pytest.mark.parametrize(
    ("item", "body", "change"),
    [
        ("discount_code=", {"discount_code": None}, Change("discount_code", "LAUNCH20", None)),
        (
            "discount_code= fiveoff",
            {"discount_code": "FIVEOFF"},
            Change("discount_code", "LAUNCH20", "FIVEOFF"),
        ),
    ],
)
def test_a_discount_code_change_says_the_stored_code_it_replaces(
    item: str, body: dict[str, str | None], change: Change
) -> None:
    """Polar stores the code at `discount.code`; the body sends `discount_code`."""
    with_code = session(allow_discount_codes=True, discount=LAUNCH20)
    assert edit(with_code, item).outcome() == Ready(body, (change,))


MONTHLY, YEARLY = "11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222"


def two_products() -> CheckoutPublic:
    def product(product_id: str, name: str) -> dict[str, object]:
        price = {"id": f"price-{name}", "amount_type": "fixed", "price_currency": "usd"}
        return {"id": product_id, "name": name, "prices": [price]}

    products = [product(MONTHLY, "Pro (monthly)"), product(YEARLY, "Pro (yearly)")]
    return session(currency="usd", products=products, product_id=MONTHLY, product=products[0])


@pytest.mark.parametrize(
    "item", [f"product={YEARLY}", "product=pro (YEARLY)", 'product="Pro (yearly)"']
)
def test_a_product_is_chosen_by_its_id_or_its_name(item: str) -> None:
    assert edit(two_products(), item).outcome() == Ready(
        {"product_id": YEARLY}, (Change("product", MONTHLY, YEARLY),)
    )


def test_an_unknown_product_is_refused_not_dropped() -> None:
    assert edit(two_products(), "product=Gold").outcome() == Refused(
        (
            Problem(
                "product",
                "This checkout offers no product 'Gold': give one of "
                f"Pro (monthly) · One-time purchase ({MONTHLY}); "
                f"Pro (yearly) · One-time purchase ({YEARLY}).",
            ),
        )
    )
