"""A read of the session on screen: changes made elsewhere update the fields the user has not
touched and are named in a note; where the user has an unsaved edit of a changed field, the
typing stays and the field is in conflict until the user takes one of the two values."""

from __future__ import annotations

from typing import Any

import pytest

from tui.domain.custom_field_form import CustomAnswers
from tui.domain.form import FormState
from tui.domain.server_changes import Refreshed, change_note, label, shown_value
from tui.polar.models import CheckoutPublic

from . import test_form_choices as choices
from .form_support import DE_ADDRESS, US_ADDRESS, business, consumer, form_over, session

SELECT_QUESTION = {
    "order": 1,
    "custom_field": {
        "type": "select",
        "slug": "size",
        "name": "Company size",
        "properties": {
            "form_label": "Company size",
            "options": [{"value": "small", "label": "1 to 10"}, {"value": "big", "label": "11+"}],
        },
    },
}


def consumer_with(**values: Any) -> CheckoutPublic:
    """The consumer session with these values changed on the server."""
    return session(**{**consumer().model_dump(), **values})


def refresh(form: FormState, current: CheckoutPublic) -> Refreshed:
    refreshed = form.refreshed(current, form.send())
    assert refreshed is not None
    return refreshed


def conflict(form: FormState, name: str) -> str | None:
    return form.view().fields[name].server_value


# --- the note ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("labels", "note"),
    [
        ([], ""),
        (["Email"], "Email changed on the server."),
        (["Email", "Country"], "Email and country changed on the server."),
        (["Name", "Tax ID"], "Name and tax ID changed on the server."),
        (["Email", "VAT number"], "Email and VAT number changed on the server."),
        (["Name", "Email", "City"], "3 fields changed on the server."),
    ],
)
def test_the_note_names_one_or_two_fields_and_counts_more(labels: list[str], note: str) -> None:
    assert change_note(labels) == note


def test_a_sellers_question_is_named_by_its_label() -> None:
    answers = CustomAnswers(session(attached_custom_fields=[SELECT_QUESTION]))
    assert label("custom_field_data.size", answers) == "Company size"
    assert label("customer_email", answers) == "Email"
    assert label("skip_trial", answers) == "Free trial"


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("customer_name", "Ada Byron", "Ada Byron"),
        ("customer_name", "", "(empty)"),
        ("is_business_customer", True, "ticked"),
        ("is_business_customer", False, "not ticked"),
        ("custom_field_data.size", "big", "11+"),
    ],
)
def test_a_server_value_in_words(name: str, value: str | bool, words: str) -> None:
    current = session(attached_custom_fields=[SELECT_QUESTION])
    assert shown_value(name, value, current, CustomAnswers(current)) == words


# --- fields the user has not touched ----------------------------------------------------


def test_an_untouched_field_takes_the_new_value_and_the_note_names_it() -> None:
    form = form_over(consumer())
    form.take_values_to_show()
    refreshed = refresh(form, consumer_with(customer_email="ada@analytical.org"))
    assert refreshed == Refreshed(("customer_email",), (), "Email changed on the server.")
    assert form.take_values_to_show()["customer_email"] == "ada@analytical.org"
    assert form.view().unsaved == frozenset()


def test_a_read_with_no_change_says_nothing() -> None:
    form = form_over(consumer(), customer_name="Ada King")
    assert refresh(form, consumer()) == Refreshed((), (), "")
    assert form.text("customer_name") == "Ada King"


def test_a_change_polar_would_store_the_same_is_no_change() -> None:
    form = form_over(consumer())
    assert refresh(form, consumer_with(customer_email="ada@EXAMPLE.com")).changed == ()


def test_several_changes_are_counted_in_the_forms_order() -> None:
    form = form_over(consumer())
    moved = {**US_ADDRESS, "city": "Oakland", "postal_code": "94607"}
    refreshed = refresh(
        form, consumer_with(customer_name="Ada Byron", customer_billing_address=moved)
    )
    assert refreshed.changed == ("customer_name", "postal_code", "city")
    assert refreshed.note == "3 fields changed on the server."
    assert form.text("city") == "Oakland"


def test_fields_the_change_hides_are_not_named() -> None:
    form = form_over(business())
    consumer_now = session(
        **{
            **business().model_dump(),
            "is_business_customer": False,
            "customer_billing_name": None,
            "customer_tax_id": None,
        }
    )
    refreshed = refresh(form, consumer_now)
    assert refreshed.changed == ("is_business_customer",)
    assert refreshed.note == "Purchasing as a business changed on the server."


def test_typing_elsewhere_stays_and_is_no_conflict() -> None:
    form = form_over(consumer(), customer_name="Ada King")
    refreshed = refresh(form, consumer_with(customer_email="ada@analytical.org"))
    assert refreshed.conflicts == ()
    assert form.text("customer_name") == "Ada King"
    assert form.text("customer_email") == "ada@analytical.org"
    assert form.view().body == {"customer_name": "Ada King"}


def test_typing_that_matched_the_old_value_gives_way_to_the_new_one() -> None:
    form = form_over(consumer(), customer_name="Ada Lovelace ")
    form.take_values_to_show()
    refreshed = refresh(form, consumer_with(customer_name="Ada Byron"))
    assert refreshed.conflicts == ()
    assert form.take_values_to_show()["customer_name"] == "Ada Byron"
    assert form.view().unsaved == frozenset()


# --- conflicts --------------------------------------------------------------------------


def test_an_unsaved_edit_of_a_changed_field_stays_and_shows_the_servers_value() -> None:
    form = form_over(consumer(), customer_name="Ada King")
    form.take_values_to_show()
    refreshed = refresh(form, consumer_with(customer_name="Ada Byron"))
    assert refreshed == Refreshed(
        ("customer_name",), ("customer_name",), "Name changed on the server."
    )
    assert "customer_name" not in form.take_values_to_show()
    assert form.text("customer_name") == "Ada King"
    assert conflict(form, "customer_name") == "Ada Byron"
    assert form.view().body == {"customer_name": "Ada King"}


def test_typing_the_server_now_has_is_neither_unsaved_nor_a_conflict() -> None:
    form = form_over(consumer(), customer_name="Ada Byron")
    refreshed = refresh(form, consumer_with(customer_name=" Ada Byron"))
    assert refreshed.conflicts == ()
    assert form.view().unsaved == frozenset()
    assert form.text("customer_name") == "Ada Byron"


def test_taking_the_servers_value_drops_the_typing() -> None:
    form = form_over(consumer(), customer_name="Ada King")
    refresh(form, consumer_with(customer_name="Ada Byron"))
    form.take_values_to_show()
    form.take_server("customer_name")
    assert form.take_values_to_show() == {"customer_name": "Ada Byron"}
    assert conflict(form, "customer_name") is None
    assert form.view().unsaved == frozenset()


def test_keeping_mine_keeps_the_typing_unsaved() -> None:
    form = form_over(consumer(), customer_name="Ada King")
    refresh(form, consumer_with(customer_name="Ada Byron"))
    form.take_values_to_show()
    form.keep_mine("customer_name")
    assert form.take_values_to_show() == {}
    assert conflict(form, "customer_name") is None
    assert form.text("customer_name") == "Ada King"
    assert form.view().body == {"customer_name": "Ada King"}


def test_typing_the_servers_value_ends_the_conflict_for_good() -> None:
    form = form_over(consumer(), customer_name="Ada King")
    refresh(form, consumer_with(customer_name="Ada Byron"))
    form.edit("customer_name", "Ada Byron")
    assert conflict(form, "customer_name") is None
    form.edit("customer_name", "Ada Byro")
    assert conflict(form, "customer_name") is None


def test_a_successful_save_ends_the_conflict_even_with_typing_since() -> None:
    form = form_over(consumer(), customer_name="Ada King")
    refresh(form, consumer_with(customer_name="Ada Byron"))
    form.begin_save()
    form.edit("customer_name", "Ada King-Noel")
    form.save_succeeded(consumer_with(customer_name="Ada King"), form.send())
    assert conflict(form, "customer_name") is None
    assert form.view().body == {"customer_name": "Ada King-Noel"}


def test_a_conflict_lasts_through_reads_until_the_server_agrees() -> None:
    form = form_over(consumer(), customer_name="Ada King")
    refresh(form, consumer_with(customer_name="Ada Byron"))
    later = refresh(form, consumer_with(customer_name="Ada Byron", customer_email="a@b.org"))
    assert later.conflicts == ("customer_name",)
    assert conflict(form, "customer_name") == "Ada Byron"
    again = refresh(form, consumer_with(customer_name="Countess of Lovelace"))
    assert conflict(form, "customer_name") == "Countess of Lovelace"
    assert again.conflicts == ("customer_name",)
    agreed = refresh(form, consumer_with(customer_name="Ada King"))
    assert agreed.conflicts == ()
    assert form.view().unsaved == frozenset()


def test_a_country_in_conflict_shows_the_servers_by_name_and_takes_its_states_along() -> None:
    form = form_over(consumer(), country="France")
    german = consumer_with(customer_billing_address=DE_ADDRESS)
    refreshed = refresh(form, german)
    assert "country" in refreshed.conflicts
    assert conflict(form, "country") == "Germany"
    assert form.view().country == "FR"
    form.take_server("country")
    assert form.text("country") == "Germany"
    assert form.view().country == "DE"
    assert form.view().unsaved == frozenset()


def test_a_product_in_conflict_shows_the_servers_by_name() -> None:
    form = choices.form_over(choices.session(choices.MONTHLY), product=choices.YEARLY)
    refreshed = refresh(form, choices.session(choices.TEAM))
    assert refreshed.note == "Product changed on the server."
    assert refreshed.conflicts == ("product",)
    assert conflict(form, "product") == "Team"


def test_an_answer_older_than_the_one_on_screen_is_not_shown() -> None:
    form = FormState()
    stale = form.send()
    assert form.loaded(consumer(), form.send())
    assert form.refreshed(consumer_with(customer_name="Ada Byron"), stale) is None
    assert form.text("customer_name") == "Ada Lovelace"
