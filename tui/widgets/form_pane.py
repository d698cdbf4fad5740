"""The shared behaviour of the form's panes: load values, read them back, show errors."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from textual.containers import Vertical
from textual.widgets import Checkbox, Input

from tui.domain.draft import Draft
from tui.widgets.field import FormField
from tui.widgets.region_input import RegionInput


class FormPane(Vertical):
    """A titled group of fields. Subclasses compose `FormField`s; this class moves values."""

    DEFAULT_CLASSES = "form-pane"

    def __init__(self, title: str, *, id: str) -> None:
        super().__init__(id=id)
        self.border_title = title

    @property
    def fields(self) -> dict[str, FormField]:
        return {field.field_id: field for field in self.query(FormField)}

    def load(self, draft: Draft) -> None:
        """Fill every field from the draft without echoing change events."""
        for name, field in self.fields.items():
            value = getattr(draft, name)
            editor = field.editor
            if isinstance(editor, RegionInput):
                editor.load(value)
            elif isinstance(editor, Checkbox):
                with editor.prevent(Checkbox.Changed):
                    editor.value = bool(value)
            elif isinstance(editor, Input):
                with editor.prevent(Input.Changed):
                    editor.value = value

    def read(self) -> dict[str, Any]:
        """The fields' current values, keyed like `Draft`."""
        values: dict[str, Any] = {}
        for name, field in self.fields.items():
            editor = field.editor
            if isinstance(editor, RegionInput | Checkbox | Input):
                values[name] = editor.value
        return values

    def show_errors(self, errors: Mapping[str, str]) -> None:
        for name, field in self.fields.items():
            field.set_error(errors.get(name))

    def mark_dirty(self, changed: Iterable[str]) -> None:
        dirty = set(changed)
        for name, field in self.fields.items():
            field.set_dirty(name in dirty)
