"""The form's save in flight, and the order of the server's answers."""

from __future__ import annotations

from datetime import UTC, datetime

from tui.domain.answer_order import AnswerOrder
from tui.domain.form import FormState
from tui.domain.form_view import Sending, Severity
from tui.polar.models import FieldError

from .form_support import consumer, form_over, session

T0 = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
T1 = datetime(2026, 11, 24, 12, 0, 5, tzinfo=UTC)


def test_a_save_is_in_flight_until_its_outcome_and_nothing_else() -> None:
    form = form_over(consumer(), customer_name="Ada King")
    assert isinstance(form.begin_save(), Sending)
    request = form.send()
    assert form.saving
    assert form.view().saving
    # A read that comes back meanwhile (or fails) does not end the save.
    form.loaded(consumer(), form.send())
    assert form.saving
    form.save_succeeded(consumer().model_copy(update={"customer_name": "Ada King"}), request)
    assert not form.saving


def test_a_rejected_or_failed_save_ends_and_keeps_the_typing() -> None:
    form = form_over(consumer(), customer_name="Ada King")
    form.begin_save()
    form.save_failed()
    assert not form.saving
    assert form.view().fields["customer_name"].value == "Ada King"
    assert form.view().unsaved == {"customer_name"}
    form.begin_save()
    form.save_rejected([FieldError(("customer_name",), "Too regal.")])
    assert not form.saving
    assert form.view().fields["customer_name"].message == "Too regal."
    assert form.view().fields["customer_name"].value == "Ada King"


def test_typing_during_a_save_survives_its_answer() -> None:
    form = form_over(consumer(), customer_name="Ada King")
    form.begin_save()
    request = form.send()
    form.edit("customer_email", "ada@king.org")
    form.save_succeeded(consumer().model_copy(update={"customer_name": "Ada King"}), request)
    view = form.view()
    assert view.unsaved == {"customer_email"}
    assert view.fields["customer_email"].value == "ada@king.org"
    assert view.fields["customer_name"].value == "Ada King"
    # What was saved is the server's now: a later change there shows, the typing does not.
    form.loaded(consumer().model_copy(update={"customer_name": "Ada, Countess"}), form.send())
    assert form.view().fields["customer_name"].value == "Ada, Countess"
    assert form.view().unsaved == {"customer_email"}


def test_a_422_item_without_a_location_goes_to_the_banner() -> None:
    form = form_over(consumer(), customer_name="Ada King")
    form.begin_save()
    general = form.save_rejected([FieldError((), "Something Polar dislikes.")])
    assert general == ["Something Polar dislikes."]


def test_an_error_for_a_hidden_field_goes_to_the_banner() -> None:
    form = form_over(consumer(), customer_name="Ada King")
    form.begin_save()
    general = form.save_rejected([FieldError(("customer_tax_id",), "Invalid tax ID.")])
    assert general == ["customer_tax_id: Invalid tax ID."]
    assert form.view().fields["customer_tax_id"].severity == Severity.NONE


def test_a_read_sent_after_a_save_but_answered_with_older_state_is_ignored() -> None:
    """The PATCH answer arrives first; the GET, sent after the PATCH and handled before it,
    must not undo the save on screen."""
    form = FormState()
    form.loaded(session(customer_name="Ada", modified_at=T0), form.send())
    form.edit("customer_name", "Ada King")
    form.begin_save()
    patch = form.send()
    get = form.send()
    form.save_succeeded(session(customer_name="Ada King", modified_at=T1), patch)
    assert not form.loaded(session(customer_name="Ada", modified_at=T0), get)
    assert form.view().fields["customer_name"].value == "Ada King"
    assert form.view().unsaved == frozenset()


def test_a_read_sent_after_an_answer_arrived_is_newer_whatever_its_timestamp() -> None:
    form = FormState()
    form.loaded(session(customer_name="Ada", modified_at=T1), form.send())
    # The server was reset meanwhile: an older modified_at, but a later request.
    assert form.loaded(session(customer_name="Grace"), form.send())
    assert form.view().fields["customer_name"].value == "Grace"


def test_answer_order_without_modified_at_falls_back_to_the_request_order() -> None:
    order = AnswerOrder()
    first, second = order.send(), order.send()
    assert order.accept(second, None)
    assert not order.accept(first, None)


def test_answer_order_a_session_with_modified_at_beats_one_without() -> None:
    order = AnswerOrder()
    first, second = order.send(), order.send()
    assert order.accept(first, T0)
    assert not order.accept(second, None)


def test_answer_order_reads_naive_times_as_utc() -> None:
    order = AnswerOrder()
    first, second = order.send(), order.send()
    assert order.accept(second, T1)
    assert not order.accept(first, T0.replace(tzinfo=None))
    assert order.accept(first, T1.replace(tzinfo=None, second=9))
