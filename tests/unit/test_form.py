"""The form's state: what is unsaved is exactly what Submit sends, compared after Polar's
normalisation; every message sits under its field; only an invalid value blocks a save."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tui.domain.draft import TEXT_LIMIT, max_length
from tui.domain.form_view import NEEDED_TO_CONFIRM, Blocked, NothingToSave, Sending, Severity
from tui.domain.typed_regions import COUNTRY_UNKNOWN
from tui.domain.validation import FieldMode
from tui.polar.models import CheckoutPublic

from .form_support import (
    DE_ADDRESS,
    US_ADDRESS,
    body_for,
    business,
    consumer,
    form_over,
    message,
    session,
)

# --- unsaved means "Submit would send it" ----------------------------------------------


@pytest.mark.parametrize(
    ("make", "typed"),
    [
        (business, {"customer_tax_id": "DE 136 695 976"}),
        (business, {"customer_tax_id": " de136695976 "}),
        (consumer, {"customer_email": "ada@EXAMPLE.com"}),
        (consumer, {"customer_email": " ada@example.com "}),
        (business, {"country": "de"}),
        (business, {"country": "Germany"}),
        (consumer, {"state": "CA"}),
        (consumer, {"state": "California"}),
        (consumer, {"state": " US-CA "}),
        (consumer, {"country": "us"}),
        (consumer, {"customer_name": "  Ada Lovelace "}),
        (consumer, {"line1": " 1 Main St "}),
        (consumer, {"line2": "   "}),
    ],
)
def test_a_value_polar_would_store_unchanged_is_not_unsaved(
    make: Callable[[], CheckoutPublic], typed: dict[str, str]
) -> None:
    form = form_over(make(), **typed)
    view = form.view()
    assert view.unsaved == frozenset()
    assert view.body == {}
    assert isinstance(form.begin_save(), NothingToSave)


def test_a_field_hidden_by_the_address_mode_is_not_unsaved() -> None:
    german_consumer = session(customer_billing_address={"country": "DE"})
    form = form_over(german_consumer, line1="Hauptstr. 1", city="Berlin")
    view = form.view()
    assert not view.fields["line1"].shown
    assert view.unsaved == frozenset()
    assert view.body == {}


def test_fields_hidden_by_the_business_flag_are_not_unsaved() -> None:
    form = form_over(business(), is_business_customer=False, customer_tax_id="garbage")
    view = form.view()
    assert view.unsaved == {"is_business_customer"}
    assert view.body == {"is_business_customer": False}
    assert view.blocking == frozenset()


@pytest.mark.parametrize(
    ("typed", "body"),
    [
        ({"customer_name": "Ada King"}, {"customer_name": "Ada King"}),
        ({"customer_name": "  Ada King "}, {"customer_name": "Ada King"}),
        ({"customer_name": ""}, {"customer_name": None}),
        ({"customer_email": "grace@EXAMPLE.COM"}, {"customer_email": "grace@example.com"}),
        ({"customer_email": ""}, {"customer_email": None}),
    ],
)
def test_name_and_email_changes_are_sent_normalized(
    typed: dict[str, str], body: dict[str, Any]
) -> None:
    form = form_over(consumer(), **typed)
    assert form.view().body == body
    assert form.view().unsaved == set(body)


@pytest.mark.parametrize(
    ("typed", "expected_address"),
    [
        ({"state": "NY"}, {**US_ADDRESS, "state": "US-NY"}),
        ({"state": "New York"}, {**US_ADDRESS, "state": "US-NY"}),
        ({"postal_code": "94110"}, {**US_ADDRESS, "postal_code": "94110"}),
        ({"line2": "Apt 4"}, {**US_ADDRESS, "line2": "Apt 4"}),
        ({"city": " Oakland "}, {**US_ADDRESS, "city": "Oakland"}),
    ],
)
def test_any_address_change_sends_the_whole_address(
    typed: dict[str, str], expected_address: dict[str, str | None]
) -> None:
    body = body_for(consumer(), **typed)
    assert body == {
        "customer_billing_address": {
            key: value for key, value in expected_address.items() if value is not None
        }
    }


def test_first_address_sends_the_country_code() -> None:
    assert body_for(session(), country=" de ") == {"customer_billing_address": {"country": "DE"}}
    assert body_for(session(), country="Germany") == {"customer_billing_address": {"country": "DE"}}


@pytest.mark.parametrize(
    ("typed", "code"),
    [("USA", "US"), ("america", "US"), ("UK", "GB"), ("Holland", "NL"), ("Cote d'Ivoire", "CI")],
)
def test_an_alpha_3_code_or_a_common_name_resolves_to_the_country(typed: str, code: str) -> None:
    assert body_for(session(), country=typed) == {"customer_billing_address": {"country": code}}


def test_moving_country_leaves_out_the_parts_the_form_now_hides() -> None:
    illinois = {**US_ADDRESS, "state": "US-IL", "city": "Springfield"}
    form = form_over(session(customer_billing_address=illinois), country="DE")
    assert form.view().body == {"customer_billing_address": {"country": "DE"}}
    assert form.view().unsaved == {"country"}


def test_new_tax_id_is_sent_compact() -> None:
    current = business().model_copy(update={"customer_tax_id": None})
    assert body_for(current, customer_tax_id="DE 136 695 976") == {"customer_tax_id": "DE136695976"}


def test_clearing_tax_id_sends_null() -> None:
    assert body_for(business(), customer_tax_id="  ") == {"customer_tax_id": None}


def test_turning_business_on_sends_flag_name_and_tax_id() -> None:
    current = session(customer_billing_address=DE_ADDRESS)
    body = body_for(
        current,
        is_business_customer=True,
        customer_billing_name=" Analytical Engines GmbH ",
        customer_tax_id="DE 136 695 976",
    )
    assert body == {
        "is_business_customer": True,
        "customer_billing_name": "Analytical Engines GmbH",
        "customer_tax_id": "DE136695976",
    }


def test_a_stored_email_polar_did_not_normalize_is_not_resent() -> None:
    assert body_for(session(customer_email="Ada@Example.COM")) == {}


def test_typing_back_the_stored_value_leaves_nothing_unsaved() -> None:
    form = form_over(consumer(), customer_name="Ada King")
    assert form.view().unsaved == {"customer_name"}
    form.edit("customer_name", "Ada Lovelace")
    assert form.view().unsaved == frozenset()


# --- messages, and what blocks a save ---------------------------------------------------


@pytest.mark.parametrize(
    ("make", "typed", "field", "text"),
    [
        (consumer, {"customer_email": "not-an-email"}, "customer_email", "not a valid email"),
        (consumer, {"customer_name": "x" * 257}, "customer_name", "at most 256 characters."),
        (consumer, {"state": "PR"}, "state", "No state or province by that name"),
        (consumer, {"state": "Calif"}, "state", "No state or province by that name"),
        (consumer, {"country": "RU"}, "country", "Polar can't sell to Russia."),
        (consumer, {"country": "russian federation"}, "country", "Polar can't sell to Russia."),
        (consumer, {"country": "North Korea"}, "country", "Polar can't sell to North Korea."),
        (consumer, {"country": "IRN"}, "country", "Polar can't sell to Iran."),
        (consumer, {"country": "Syria"}, "country", "Polar can't sell to Syria."),
        (consumer, {"country": "cu"}, "country", "Polar can't sell to Cuba."),
        (consumer, {"country": "Russ"}, "country", COUNTRY_UNKNOWN),
        (consumer, {"country": "Xanadu"}, "country", COUNTRY_UNKNOWN),
        (business, {"customer_tax_id": "DE136695977"}, "customer_tax_id", "Invalid tax ID."),
        (
            session,
            {"is_business_customer": True, "customer_tax_id": "DE136695976"},
            "country",
            "Country is required to validate tax ID.",
        ),
        (
            session,
            {"is_business_customer": True, "line1": "Hauptstr. 1"},
            "country",
            "Field is required.",
        ),
        (consumer, {"country": ""}, "country", "Field is required."),
        (consumer, {"customer_name": "Ada\x00"}, "customer_name", "invalid characters"),
    ],
)
def test_an_invalid_value_is_marked_and_blocks_the_save(
    make: Callable[[], CheckoutPublic], typed: dict[str, Any], field: str, text: str
) -> None:
    form = form_over(make(), **typed)
    view = form.view().fields[field]
    assert text in view.message
    assert view.severity == Severity.ERROR
    outcome = form.begin_save()
    assert isinstance(outcome, Blocked)
    assert field in outcome.fields
    assert not form.saving


def test_missing_required_parts_block_nothing_and_say_they_are_needed_to_confirm() -> None:
    """Polar accepts a country-only address on update, even for a business."""
    current = session(customer_email="ada@example.com", customer_billing_address={"country": "DE"})
    form = form_over(current, is_business_customer=True, customer_email="ada@lovelace.org")
    view = form.view()
    assert view.fields["line1"].mode == FieldMode.REQUIRED
    assert view.fields["customer_billing_name"].mode == FieldMode.REQUIRED
    assert view.fields["line1"].message == ""  # untouched, not yet submitted
    outcome = form.begin_save()
    assert outcome == Sending({"customer_email": "ada@lovelace.org", "is_business_customer": True})
    after = form.view()
    for name in ("line1", "postal_code", "city", "customer_billing_name"):
        assert after.fields[name].message == NEEDED_TO_CONFIRM, name
        assert after.fields[name].severity == Severity.NEEDED
    assert after.fields["line2"].message == ""


def test_a_needed_message_shows_once_the_field_is_touched() -> None:
    form = form_over(session(), country="US")
    assert message(form, "line1") == ""
    form.touch("line1")
    assert message(form, "line1") == NEEDED_TO_CONFIRM
    assert message(form, "city") == ""


def test_an_invalid_stored_value_that_is_not_sent_blocks_nothing() -> None:
    stored_elsewhere = session(customer_billing_address={"country": "RU"}, customer_name="Ada")
    form = form_over(stored_elsewhere, customer_name="Ada King")
    assert form.view().fields["country"].severity == Severity.ERROR
    assert message(form, "country") == "Polar can't sell to Russia."
    assert form.begin_save() == Sending({"customer_name": "Ada King"})


def test_a_stored_tax_id_goes_with_an_address_change_and_is_checked_against_it() -> None:
    form = form_over(business(), country="Switzerland")
    assert "Invalid tax ID." in message(form, "customer_tax_id")
    hint = "This is a German VAT number; the billing country is Switzerland."
    assert form.view().fields["customer_tax_id"].hint == hint
    assert isinstance(form.begin_save(), Blocked)


# --- the country and the state ------------------------------------------------------------


def test_half_typed_country_keeps_the_address_fields_and_the_state() -> None:
    form = form_over(consumer(), country="Unite")
    view = form.view()
    assert view.country == "US"
    assert all(view.fields[name].shown for name in ("line1", "city", "postal_code", "state"))
    assert view.fields["state"].value == "California"
    assert view.fields["country"].message == COUNTRY_UNKNOWN


def test_re_picking_the_same_country_keeps_the_saved_state() -> None:
    form = form_over(consumer(), country="Unite")
    form.take_values_to_show()
    form.edit("country", "United States")
    view = form.view()
    assert view.fields["state"].value == "California"
    assert view.unsaved == frozenset()
    assert form.take_values_to_show() == {}


def test_a_different_country_clears_a_us_state() -> None:
    form = form_over(consumer())
    form.take_values_to_show()
    form.edit("country", "Canada")
    assert form.view().fields["state"].value == ""
    assert form.take_values_to_show() == {"state": ""}
    assert form.view().fields["state"].mode == FieldMode.REQUIRED


def test_a_state_belongs_to_the_country_it_was_typed_for() -> None:
    form = form_over(session(customer_billing_address={"country": "DE"}), state="Bayern")
    form.edit("country", "United States")
    assert form.view().fields["state"].value == ""
    assert form.view().blocking == frozenset()
    form.edit("country", "Germany")
    assert form.view().fields["state"].value == "Bayern"


def test_half_typed_text_that_names_another_country_does_not_lose_the_saved_state() -> None:
    """ "Ge" is Georgia's code on the way to "Germany": the state comes back with the US."""
    form = form_over(consumer())
    for text in ("G", "Ge", "Geo"):
        form.edit("country", text)
    assert form.view().country == "GE"
    assert form.view().fields["state"].value == ""
    form.edit("country", "United States")
    view = form.view()
    assert view.fields["state"].value == "California"
    assert view.unsaved == frozenset()
    assert view.body == {}


def test_a_state_typed_for_a_country_comes_back_with_it() -> None:
    form = form_over(consumer(), state="New York")
    form.edit("country", "Canada")
    assert form.view().fields["state"].value == ""
    form.edit("country", "US")
    assert form.view().fields["state"].value == "New York"
    assert form.view().body == {
        "customer_billing_address": {**{k: v for k, v in US_ADDRESS.items() if v}, "state": "US-NY"}
    }


# --- lengths ------------------------------------------------------------------------


def test_every_text_field_has_a_maximum() -> None:
    assert max_length("customer_name") == 256
    for name in ("customer_email", "line1", "city", "customer_tax_id", "customer_billing_name"):
        assert max_length(name) == TEXT_LIMIT == 1_000


def test_a_cut_is_said_under_the_field_until_the_next_edit() -> None:
    form = form_over(consumer(), customer_name="x" * 256)
    form.note_cut("customer_name", 256, "x" * 256)
    view = form.view().fields["customer_name"]
    assert view.message == "Cut to 256 characters: Polar accepts no more."
    assert view.severity == Severity.NOTICE
    form.edit("customer_name", "x" * 255)
    assert message(form, "customer_name") == ""


def test_very_long_values_are_kept_whole_and_checked() -> None:
    long_email = "a" * 9_990 + "@example.com"
    form = form_over(consumer(), customer_name="y" * 10_000, customer_email=long_email)
    form.edit("customer_name", "")
    form.edit("customer_name", "Ada King")
    view = form.view()
    assert view.fields["customer_name"].value == "Ada King"
    assert view.fields["customer_email"].value == long_email
    assert view.unsaved == {"customer_name", "customer_email"}
    assert view.fields["customer_email"].severity == Severity.ERROR


# --- what Polar's web checkout shows ----------------------------------------------------


def test_no_address_is_asked_when_no_payment_form_is_needed() -> None:
    free = session(is_payment_form_required=False)
    view = form_over(free).view()
    assert not any(view.fields[part].shown for part in ("country", "line1", "city", "state"))
    required = session(is_payment_form_required=False, require_billing_address=True)
    assert form_over(required).view().fields["country"].shown


def test_a_stored_part_the_mode_hides_is_kept_in_view_read_only() -> None:
    german_consumer = session(customer_billing_address=DE_ADDRESS)
    view = form_over(german_consumer).view()
    assert not view.fields["line1"].shown
    assert view.fields["line1"].kept
    assert view.fields["line1"].value == "Hauptstr. 1"
    assert view.fields["line1"].hint == "Saved earlier; this checkout does not ask for it."
    assert not view.fields["line2"].kept  # nothing stored
    moved = form_over(german_consumer, country="France").view()
    assert not moved.fields["line1"].kept  # a new country drops it: not pretended kept


def test_turning_business_off_with_saved_details_asks_first() -> None:
    assert form_over(business(), is_business_customer=False).clears_business_details()
    assert not form_over(business(), customer_name="Ada King").clears_business_details()
    no_details = business().model_copy(
        update={"customer_billing_name": None, "customer_tax_id": None}
    )
    assert not form_over(no_details, is_business_customer=False).clears_business_details()
