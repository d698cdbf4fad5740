"""The draft: Polar's rules applied field by field, the modes of the fields, the body."""

from __future__ import annotations

import pytest

from tui.domain.draft import Draft, address_modes, check, field_modes, update_body
from tui.domain.fields import CUSTOMER_FIELDS
from tui.domain.validation import FieldMode
from tui.polar.models import CheckoutPublic

from .form_support import business, session


def test_from_session_fills_every_field_as_text() -> None:
    assert Draft.from_session(business()) == Draft(
        customer_name="Ada Lovelace",
        customer_email="ada@example.com",
        is_business_customer=True,
        customer_billing_name="Analytical Engines GmbH",
        customer_tax_id="DE136695976",
        country="DE",
        line1="Hauptstr. 1",
        line2="",
        postal_code="10115",
        city="Berlin",
        state="",
    )


def test_from_empty_session_is_blank() -> None:
    assert Draft.from_session(session()) == Draft()


def test_values_are_what_polar_would_store() -> None:
    checked = check(
        Draft(
            customer_name="  Ada  ",
            customer_email="Ada@EXAMPLE.com",
            is_business_customer=True,
            customer_tax_id="DE 136 695 976",
            country="de",
            line1=" Unter den Linden 1 ",
            line2="  ",
        )
    )
    assert checked.invalid == {}
    assert checked.values == {
        "customer_name": "Ada",
        "customer_email": "Ada@example.com",
        "customer_billing_name": None,
        "customer_tax_id": "DE136695976",
        "country": "DE",
        "line1": "Unter den Linden 1",
        "line2": None,
        "postal_code": None,
        "city": None,
        "state": None,
        "is_business_customer": True,
    }


def test_a_us_state_is_stored_with_its_country_prefix() -> None:
    assert check(Draft(country="US", state="CA")).values["state"] == "US-CA"


@pytest.mark.parametrize(
    ("draft", "field", "message"),
    [
        (
            Draft(customer_name="x" * 257),
            "customer_name",
            "String should have at most 256 characters.",
        ),
        (Draft(country="US", state="ca"), "state", "Invalid US state."),
        (Draft(country="US", state="PR"), "state", "Invalid US state."),
        (Draft(country="CA", state="ZZ"), "state", "Invalid CA subdivision."),
        (Draft(country="RU"), "country", "Input should be a supported country code."),
        (
            Draft(is_business_customer=True, country="DE", customer_tax_id="DE136695977"),
            "customer_tax_id",
            "Invalid tax ID.",
        ),
        (
            Draft(is_business_customer=True, customer_tax_id="DE136695976"),
            "country",
            "Country is required to validate tax ID.",
        ),
        (
            Draft(customer_name="Ada\x00"),
            "customer_name",
            "This value contains invalid characters.",
        ),
    ],
)
def test_polar_messages_land_on_their_field(draft: Draft, field: str, message: str) -> None:
    assert check(draft).invalid == {field: message}


def test_a_bad_email_keeps_its_trimmed_text() -> None:
    checked = check(Draft(customer_email=" not-an-email "))
    assert checked.values["customer_email"] == "not-an-email"
    assert checked.invalid["customer_email"].startswith("value is not a valid email address")


def test_an_empty_country_is_not_invalid_by_itself() -> None:
    assert check(Draft(line1="Hauptstr. 1")).invalid == {}


def test_every_error_key_is_a_form_field() -> None:
    checked = check(
        Draft(
            customer_name="x" * 300,
            customer_email="bad",
            is_business_customer=True,
            customer_tax_id="nope",
            country="US",
            state="ZZ",
        )
    )
    assert checked.invalid
    assert set(checked.invalid) <= set(CUSTOMER_FIELDS)


@pytest.mark.parametrize(
    ("country", "is_business", "current", "line1"),
    [
        ("DE", False, session(), FieldMode.DISABLED),
        ("US", False, session(), FieldMode.REQUIRED),
        ("DE", True, session(), FieldMode.REQUIRED),
        ("DE", False, session(require_billing_address=True), FieldMode.REQUIRED),
        ("DE", False, session(payment_method_type="upi"), FieldMode.REQUIRED),
        ("DE", False, session(payment_method_type="card"), FieldMode.DISABLED),
    ],
)
def test_address_modes_follow_what_is_typed(
    country: str, is_business: bool, current: CheckoutPublic, line1: FieldMode
) -> None:
    modes = address_modes(country, is_business, current)
    assert modes["line1"] == line1
    assert modes["country"] == FieldMode.REQUIRED


def test_the_servers_modes_win_while_country_and_flag_are_as_stored() -> None:
    current = session(
        customer_billing_address={"country": "DE"},
        billing_address_fields={"country": "required", "line1": "optional", "state": "weird"},
    )
    modes = address_modes("DE", False, current)
    assert modes["line1"] == FieldMode.OPTIONAL
    assert modes["state"] == FieldMode.OPTIONAL
    assert modes["city"] == FieldMode.OPTIONAL
    assert address_modes("FR", False, current)["line1"] == FieldMode.DISABLED


def test_business_fields_show_only_for_a_business() -> None:
    consumer_modes = field_modes("DE", False, session())
    business_modes = field_modes("DE", True, session())
    assert consumer_modes["customer_tax_id"] == FieldMode.DISABLED
    assert consumer_modes["customer_billing_name"] == FieldMode.DISABLED
    assert business_modes["customer_tax_id"] == FieldMode.OPTIONAL
    assert business_modes["customer_billing_name"] == FieldMode.REQUIRED
    assert set(business_modes) == set(CUSTOMER_FIELDS)


def test_email_is_needed_to_confirm_unless_a_customer_is_attached() -> None:
    assert field_modes("DE", False, session())["customer_email"] == FieldMode.REQUIRED
    attached = session(customer_id="1b1c2b8e-3a4f-4d6a-9a51-0c6f0f2a7c11")
    assert field_modes("DE", False, attached)["customer_email"] == FieldMode.OPTIONAL


def test_the_body_sends_the_whole_shown_address_for_one_changed_part() -> None:
    values = check(Draft(country="US", state="CA", line1="1 Main St", line2="")).values
    modes = field_modes("US", False, session())
    assert update_body({"line1"}, values, modes) == {
        "customer_billing_address": {"country": "US", "state": "US-CA", "line1": "1 Main St"}
    }


def test_the_body_leaves_out_hidden_address_parts() -> None:
    values = check(Draft(country="DE", line1="Hauptstr. 1", state="Berlin")).values
    modes = field_modes("DE", False, session())
    assert update_body({"country"}, values, modes) == {
        "customer_billing_address": {"country": "DE"}
    }
