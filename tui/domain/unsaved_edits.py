"""The edits a submit would send, each by its field's label with the value as typed: what the
crash report lists, so that nothing typed is lost when the app dies. No Textual, no HTTP."""

from __future__ import annotations

from dataclasses import dataclass

from tui.domain.custom_field_form import CustomAnswers
from tui.domain.form import FormState
from tui.domain.server_changes import label


@dataclass(frozen=True, slots=True)
class Edit:
    label: str
    value: str


def unsaved_edits(form: FormState) -> list[Edit]:
    """The fields a submit would send, in the form's order (none before the first read)."""
    session = form.session
    if session is None:
        return []
    unsaved = form.view().unsaved
    answers = CustomAnswers(session)
    return [
        Edit(label(name, answers), as_text(form.text(name)))
        for name in form.names
        if name in unsaved
    ]


def as_text(value: str | bool) -> str:
    """A field's text; a checkbox as "yes" or "no"."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value
