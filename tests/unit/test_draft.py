"""The draft: what the user typed, checked locally, and the minimal PATCH it implies."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tui.domain.draft import Draft, address_modes, check, diff
from tui.domain.field_errors import FORM_FIELDS
from tui.domain.validation import FieldMode
from tui.polar.models import CheckoutPublic

US_ADDRESS = {
    "country": "US",
    "state": "US-CA",
    "line1": "1 Main St",
    "line2": None,
    "city": "San Francisco",
    "postal_code": "94107",
}
DE_ADDRESS = {"country": "DE", "line1": "Hauptstr. 1", "city": "Berlin", "postal_code": "10115"}


def session(**values: Any) -> CheckoutPublic:
    return CheckoutPublic.model_validate(values)


def consumer() -> CheckoutPublic:
    return session(
        customer_name="Ada Lovelace",
        customer_email="ada@example.com",
        customer_billing_address=US_ADDRESS,
    )


def business() -> CheckoutPublic:
    return session(
        customer_name="Ada Lovelace",
        customer_email="ada@example.com",
        is_business_customer=True,
        customer_billing_name="Analytical Engines GmbH",
        customer_tax_id="DE136695976",
        customer_billing_address=DE_ADDRESS,
    )


def body_for(draft: Draft, current: CheckoutPublic) -> dict[str, Any]:
    checked = check(draft, current)
    assert checked.ok, checked.errors
    return diff(checked, draft, current)


# --- from_session ---------------------------------------------------------------


def test_from_session_fills_every_field_as_text() -> None:
    draft = Draft.from_session(business())
    assert draft == Draft(
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


@pytest.mark.parametrize("make", [consumer, business, session])
def test_untouched_draft_sends_nothing(make: Callable[[], CheckoutPublic]) -> None:
    current = make()
    assert body_for(Draft.from_session(current), current) == {}


# --- name and email ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "body"),
    [
        ("  Ada Lovelace  ", {}),
        ("Ada Lovelace", {}),
        ("Ada King", {"customer_name": "Ada King"}),
        ("  Ada King ", {"customer_name": "Ada King"}),
        ("", {"customer_name": None}),
        ("   ", {"customer_name": None}),
    ],
)
def test_name_changes(typed: str, body: dict[str, Any]) -> None:
    current = consumer()
    assert body_for(Draft.from_session(current).with_values(customer_name=typed), current) == body


@pytest.mark.parametrize(
    ("typed", "body"),
    [
        ("ada@EXAMPLE.com", {}),
        (" ada@example.com ", {}),
        ("grace@example.com", {"customer_email": "grace@example.com"}),
        ("grace@EXAMPLE.COM", {"customer_email": "grace@example.com"}),
        ("", {"customer_email": None}),
    ],
)
def test_email_changes_compare_normalized(typed: str, body: dict[str, Any]) -> None:
    current = consumer()
    draft = Draft.from_session(current).with_values(customer_email=typed)
    assert body_for(draft, current) == body


def test_only_the_changed_key_is_sent() -> None:
    current = business()
    draft = Draft.from_session(current).with_values(customer_name="Ada King")
    assert body_for(draft, current) == {"customer_name": "Ada King"}


# --- address ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected_address"),
    [
        ({"state": "NY"}, {**US_ADDRESS, "state": "US-NY"}),
        ({"state": "US-NY"}, {**US_ADDRESS, "state": "US-NY"}),
        ({"postal_code": "94110"}, {**US_ADDRESS, "postal_code": "94110"}),
        ({"line2": "Apt 4"}, {**US_ADDRESS, "line2": "Apt 4"}),
        ({"city": " Oakland "}, {**US_ADDRESS, "city": "Oakland"}),
    ],
)
def test_any_address_change_sends_the_whole_address(
    typed: dict[str, str], expected_address: dict[str, str | None]
) -> None:
    current = consumer()
    body = body_for(Draft.from_session(current).with_values(**typed), current)
    assert list(body) == ["customer_billing_address"]
    sent = body["customer_billing_address"]
    assert {key: value for key, value in sent.items() if value is not None} == {
        key: value for key, value in expected_address.items() if value is not None
    }
    assert sent["country"] == "US"


@pytest.mark.parametrize(
    "typed",
    [
        {"state": "CA"},
        {"state": " US-CA "},
        {"country": "us"},
        {"line1": " 1 Main St "},
        {"line2": "   "},
    ],
)
def test_address_equal_after_normalisation_sends_nothing(typed: dict[str, str]) -> None:
    current = consumer()
    assert body_for(Draft.from_session(current).with_values(**typed), current) == {}


def test_first_address_sends_the_normalized_country() -> None:
    current = session()
    assert body_for(Draft(country=" de "), current) == {
        "customer_billing_address": {"country": "DE"}
    }


def test_us_address_with_bare_state_is_sent_normalized() -> None:
    current = session()
    draft = Draft(
        country="US", state="CA", line1="1 Main St", city="San Francisco", postal_code="94107"
    )
    body = body_for(draft, current)
    assert body["customer_billing_address"]["state"] == "US-CA"
    assert body["customer_billing_address"]["country"] == "US"


# --- business and tax ID --------------------------------------------------------------


@pytest.mark.parametrize("typed", ["DE 136 695 976", "DE136695976", " de136695976 "])
def test_tax_id_compared_compact(typed: str) -> None:
    current = business()
    assert body_for(Draft.from_session(current).with_values(customer_tax_id=typed), current) == {}


def test_new_tax_id_is_sent_compact() -> None:
    current = business().model_copy(update={"customer_tax_id": None})
    draft = Draft.from_session(current).with_values(customer_tax_id="DE 136 695 976")
    assert body_for(draft, current) == {"customer_tax_id": "DE136695976"}


def test_clearing_tax_id_sends_null() -> None:
    current = business()
    draft = Draft.from_session(current).with_values(customer_tax_id="  ")
    assert body_for(draft, current) == {"customer_tax_id": None}


def test_turning_business_off_sends_only_the_flag() -> None:
    current = business()
    draft = Draft.from_session(current).with_values(
        is_business_customer=False, customer_tax_id="garbage", customer_billing_name="Other"
    )
    assert body_for(draft, current) == {"is_business_customer": False}


def test_turning_business_on_sends_flag_name_and_tax_id() -> None:
    current = session(customer_billing_address=DE_ADDRESS)
    draft = Draft.from_session(current).with_values(
        is_business_customer=True,
        customer_billing_name=" Analytical Engines GmbH ",
        customer_tax_id="DE 136 695 976",
    )
    assert body_for(draft, current) == {
        "is_business_customer": True,
        "customer_billing_name": "Analytical Engines GmbH",
        "customer_tax_id": "DE136695976",
    }


# --- local validation -------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "typed", "field", "message"),
    [
        (consumer, {"customer_email": "not-an-email"}, "customer_email", None),
        (
            consumer,
            {"customer_name": "x" * 257},
            "customer_name",
            "String should have at most 256 characters.",
        ),
        (consumer, {"state": "ca"}, "state", "Invalid US state."),
        (consumer, {"state": "PR"}, "state", "Invalid US state."),
        (consumer, {"postal_code": ""}, "postal_code", "Field is required."),
        (consumer, {"line1": "  "}, "line1", "Field is required."),
        (consumer, {"country": ""}, "country", "Field is required."),
        (consumer, {"country": "RU"}, "country", None),
        (consumer, {"country": "XX"}, "country", None),
        (business, {"city": ""}, "city", "Field is required."),
        (business, {"customer_tax_id": "DE136695977"}, "customer_tax_id", "Invalid tax ID."),
        (session, {"country": "CA"}, "state", "Field is required."),
        (session, {"country": "CA", "state": "ZZ"}, "state", "Invalid CA subdivision."),
        (
            session,
            {"is_business_customer": True, "customer_tax_id": "DE136695976"},
            "country",
            "Country is required to validate tax ID.",
        ),
    ],
)
def test_invalid_input_is_reported_on_its_field(
    make: Callable[[], CheckoutPublic], typed: dict[str, Any], field: str, message: str | None
) -> None:
    current = make()
    checked = check(Draft.from_session(current).with_values(**typed), current)
    assert not checked.ok
    assert field in checked.errors
    if message is not None:
        assert checked.errors[field] == message
    else:
        assert checked.errors[field]


def test_us_address_reports_every_missing_part() -> None:
    checked = check(Draft(country="US"), session())
    assert set(checked.errors) == {"state", "line1", "postal_code", "city"}
    assert set(checked.errors.values()) == {"Field is required."}


def test_business_address_needs_full_address() -> None:
    current = session(customer_billing_address={"country": "DE"})
    checked = check(Draft.from_session(current).with_values(is_business_customer=True), current)
    assert set(checked.errors) == {"line1", "postal_code", "city"}


def test_country_only_is_enough_for_a_german_consumer() -> None:
    assert check(Draft(country="DE"), session()).ok


def test_every_error_key_is_a_form_field() -> None:
    draft = Draft(
        customer_name="x" * 300,
        customer_email="bad",
        is_business_customer=True,
        customer_tax_id="nope",
        country="US",
        state="ZZ",
    )
    checked = check(draft, session())
    assert checked.errors
    assert set(checked.errors) <= set(FORM_FIELDS)


# --- address modes ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("draft", "current", "line1"),
    [
        (Draft(country="de"), session(), FieldMode.DISABLED),
        (Draft(country="us"), session(), FieldMode.REQUIRED),
        (Draft(country="DE", is_business_customer=True), session(), FieldMode.REQUIRED),
        (Draft(country="DE"), session(require_billing_address=True), FieldMode.REQUIRED),
        (Draft(country="DE"), session(payment_method_type="upi"), FieldMode.REQUIRED),
        (Draft(country="DE"), session(payment_method_type="card"), FieldMode.DISABLED),
    ],
)
def test_address_modes_follow_what_is_typed(
    draft: Draft, current: CheckoutPublic, line1: FieldMode
) -> None:
    modes = address_modes(draft, current)
    assert modes["line1"] == line1
    assert modes["country"] == FieldMode.REQUIRED


def test_address_modes_require_state_for_lowercase_ca() -> None:
    assert address_modes(Draft(country=" ca "), session())["state"] == FieldMode.REQUIRED


def test_required_but_empty_parts_are_marked_missing() -> None:
    current = session()
    checked = check(Draft(country="DE", is_business_customer=True, line1="x"), current)
    assert checked.missing == {"postal_code", "city"}
    assert checked.errors["city"] == "Field is required."


def test_an_invalid_value_is_not_merely_missing() -> None:
    checked = check(
        Draft(country="US", state="PR", line1="1 Main", city="X", postal_code="1"), session()
    )
    assert "state" in checked.errors
    assert "state" not in checked.missing


ILLINOIS_ADDRESS = {
    "country": "US",
    "line1": "1 Main St",
    "city": "Springfield",
    "postal_code": "12345",
    "state": "US-IL",
}


def test_moving_country_leaves_out_the_parts_the_form_now_hides() -> None:
    current = session(customer_billing_address=ILLINOIS_ADDRESS)
    draft = Draft.from_session(current).with_values(country="DE", state="")
    assert body_for(draft, current) == {"customer_billing_address": {"country": "DE"}}


def test_spaces_around_text_are_not_an_unsaved_change() -> None:
    current = session(customer_name="Ada")
    assert (
        Draft.from_session(current)
        .with_values(customer_name=" Ada ")
        .changed_fields(Draft.from_session(current))
        == set()
    )


def test_a_stored_email_polar_did_not_normalize_is_not_resent() -> None:
    current = session(customer_email="Ada@Example.COM")
    assert body_for(Draft.from_session(current), current) == {}


def test_nul_characters_are_refused_locally() -> None:
    checked = check(Draft(customer_name="Ada\x00"), session())
    assert checked.errors["customer_name"] == "This value contains invalid characters."
