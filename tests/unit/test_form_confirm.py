"""What a confirm sends: the changes and every answer to the seller's questions, as Polar
keeps exactly the answers confirm sends; invalid values block it as they block a save."""

from __future__ import annotations

from typing import Any

from tui.domain.form_view import Blocked, NothingToSave, Sending
from tui.polar.models import CheckoutPublic

from .form_support import form_over, session

TEAM = "custom_field_data.team_name"
START = "custom_field_data.start_date"
TERMS = "custom_field_data.terms"


def _question(slug: str, kind: str, order: int, *, required: bool = False) -> dict[str, Any]:
    properties = {"min_length": 2} if kind == "text" else {}
    return {
        "custom_field": {"slug": slug, "name": slug, "type": kind, "properties": properties},
        "order": order,
        "required": required,
    }


def pilot(**answers: Any) -> CheckoutPublic:
    """A free session with three questions, two of them required, and these answers stored."""
    return session(
        customer_email="ada@example.com",
        is_payment_form_required=False,
        attached_custom_fields=[
            _question("team_name", "text", 0, required=True),
            _question("start_date", "date", 1),
            _question("terms", "checkbox", 2, required=True),
        ],
        custom_field_data=answers,
    )


ANSWERED = pilot(team_name="Ops", start_date="2026-03-01T00:00:00", terms=True)


def test_unchanged_answers_are_all_sent_where_a_save_has_nothing_to_send() -> None:
    assert isinstance(form_over(ANSWERED).begin_save(), NothingToSave)
    form = form_over(ANSWERED)
    assert form.begin_confirm() == Sending(
        {
            "custom_field_data": {
                "team_name": "Ops",
                "start_date": "2026-03-01T00:00:00",
                "terms": True,
            }
        }
    )
    assert form.saving


def test_the_changes_go_with_every_answer() -> None:
    form = form_over(ANSWERED, customer_name="Ada King", **{TEAM: "Platform"})
    assert form.begin_confirm() == Sending(
        {
            "customer_name": "Ada King",
            "custom_field_data": {
                "team_name": "Platform",
                "start_date": "2026-03-01T00:00:00",
                "terms": True,
            },
        }
    )


def test_required_answers_left_empty_are_sent_for_polar_to_list() -> None:
    form = form_over(pilot())
    assert form.begin_confirm() == Sending(
        {"custom_field_data": {"team_name": None, "start_date": None, "terms": False}}
    )


def test_a_session_without_questions_confirms_with_an_empty_body() -> None:
    form = form_over(session(customer_email="ada@example.com", is_payment_form_required=False))
    assert form.begin_confirm() == Sending({})
    assert form.saving


def test_invalid_values_block_the_confirm_and_send_nothing() -> None:
    for typed, blocked in (
        ({"customer_email": "ada@@example"}, ("customer_email",)),
        ({TEAM: "A"}, (TEAM,)),
        ({START: "2026-13-01", TEAM: "A"}, (TEAM, START)),
    ):
        form = form_over(ANSWERED, **typed)
        assert form.begin_confirm() == Blocked(blocked), typed
        assert not form.saving
        assert form.view().fields[blocked[0]].message
