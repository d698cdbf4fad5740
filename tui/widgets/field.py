"""A labelled form field with its validation message underneath."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Label, Static

from tui.domain.display import printable
from tui.domain.validation import FieldMode


class FormField(Vertical):
    """Wraps one editing widget: label with required marker, the widget, the error line."""

    DEFAULT_CLASSES = "form-field"

    def __init__(self, label: str, editor: Widget, *, field_id: str) -> None:
        super().__init__(id=f"field-{field_id}")
        self.field_id = field_id
        self._label_text = label
        self.editor = editor
        self._label = Label(Content(label), classes="field-label")
        self._error = Static("", classes="field-error", markup=False)
        self._mode: FieldMode | None = None

    def compose(self) -> ComposeResult:
        self._label.display = bool(self._label_text)
        yield self._label
        yield self.editor
        yield self._error

    @property
    def error(self) -> str:
        return str(self._error.content)

    def set_error(self, message: str | None) -> None:
        text = printable(message or "")
        if text == self.error:
            return
        self._error.update(Content(text))
        self.set_class(bool(text), "-invalid")

    def set_mode(self, mode: FieldMode) -> None:
        if mode == self._mode:
            return
        self._mode = mode
        self.display = mode != FieldMode.DISABLED
        marker = " *" if mode == FieldMode.REQUIRED else ""
        self._label.update(Content(f"{self._label_text}{marker}"))

    def set_dirty(self, dirty: bool) -> None:
        self.set_class(dirty, "-dirty")
