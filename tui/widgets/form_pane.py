"""The shared frame of the form's panes: a titled group of fields."""

from __future__ import annotations

from textual.containers import Vertical

from tui.domain.draft import max_length
from tui.domain.fields import BY_NAME
from tui.widgets.field import FormField
from tui.widgets.form_input import FormInput


class FormPane(Vertical):
    """A titled group of `FormField`s. Panes hold no values: the screen renders the form's
    state into the fields."""

    DEFAULT_CLASSES = "form-pane"

    def __init__(self, title: str, *, id: str) -> None:
        super().__init__(id=id)
        self.border_title = title


def text_field(name: str, *, placeholder: str = "") -> FormField:
    """A one-line text field, labelled as the field table says, bounded by its maximum."""
    editor = FormInput(placeholder=placeholder, id=name, limit=max_length(name))
    return FormField(BY_NAME[name].label, editor, field_id=name)
