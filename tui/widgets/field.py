"""One labelled form field: the editing widget, with its message underneath, and in a
conflict, the server's value and the keys that take either value."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, Static, TextArea

from tui import keys
from tui.domain.display import printable
from tui.domain.form_view import FieldView, Severity
from tui.domain.validation import FieldMode
from tui.key_hints import key_hint, with_key
from tui.widgets.option_select import OptionSelect
from tui.widgets.product_chooser import ProductChooser
from tui.widgets.region_input import RegionInput

_SAFE_ID = re.compile(r"[^A-Za-z0-9_-]")
_SEVERITY_CLASSES = {
    Severity.ERROR: "-invalid",
    Severity.NOTICE: "-notice",
    Severity.NEEDED: "-needed",
}
TAKE_SERVER_KEY = "ctrl+t"
"""Takes the server's value of a field in conflict (the screen binds it)."""
KEEP_MINE_KEY = "ctrl+g"
"""Keeps the typed value of a field in conflict (the screen binds it)."""


class FormField(Vertical):
    """Wraps one editing widget: label with required marker, the widget, the message line."""

    DEFAULT_CLASSES = "form-field"

    class ConflictChanged(Message):
        """The field went into conflict with the server, or out of it."""

    def __init__(self, label: str, editor: Widget, *, field_id: str) -> None:
        super().__init__(id=f"field-{_SAFE_ID.sub('-', field_id)}")
        self.field_id = field_id
        self._label_text = label
        self.editor = editor
        self._label = Label(Content(label), classes="field-label")
        self._message = Static("", classes="field-error", markup=False)
        self._hint = Static("", classes="field-hint", markup=False)
        self._conflict = Static("", classes="field-conflict", markup=False)
        self._mode: FieldMode | None = None
        self._severity = Severity.NONE
        self._shown: tuple[object, ...] = ()
        """What `show` last put on screen (the value aside: the editor shows that)."""
        self.read_only = False
        """The whole form is read-only (a closed session, or `--read-only`)."""

    def compose(self) -> ComposeResult:
        self._label.display = bool(self._label_text)
        self._hint.display = bool(str(self._hint.content))
        yield self._label
        yield self.editor
        if str(self._conflict.content):  # in conflict before it was built
            yield self._conflict
        yield self._hint
        yield self._message

    @staticmethod
    def around(widget: object) -> FormField | None:
        """The form field a widget belongs to (itself included), if any."""
        if not isinstance(widget, Widget):
            return None
        return next(
            (node for node in widget.ancestors_with_self if isinstance(node, FormField)), None
        )

    @property
    def error(self) -> str:
        """The message under the field, whatever its kind."""
        return str(self._message.content)

    @property
    def value(self) -> str | bool:
        """What the editor holds now, which may be ahead of what the form has been told."""
        editor = self.editor
        if isinstance(editor, RegionInput):
            return editor.text
        if isinstance(editor, Checkbox | Input | ProductChooser):
            return editor.value
        if isinstance(editor, TextArea):
            return editor.text
        if isinstance(editor, Select):
            return "" if editor.is_blank() else str(editor.value)
        return ""

    @property
    def is_on_screen(self) -> bool:
        """Displayed, and so is every container around it."""
        return all(node.display for node in self.ancestors_with_self if isinstance(node, Widget))

    @property
    def focus_target(self) -> Widget:
        return self.editor.input if isinstance(self.editor, RegionInput) else self.editor

    def set_error(self, message: str | None) -> None:
        self.set_message(message or "", Severity.ERROR if message else Severity.NONE)

    def set_message(self, message: str, severity: Severity) -> None:
        text = printable(message)
        if text == self.error and severity == self._severity:
            return
        self._message.update(Content(text))
        for kind, css_class in _SEVERITY_CLASSES.items():
            self.set_class(bool(text) and kind == severity, css_class)
        self._severity = severity

    def set_hint(self, hint: str) -> None:
        """`hint` as is (a custom field's is the seller's text), but the discount code's, ours,
        names the user's key to remove the code."""
        if self.field_id == "discount_code":
            hint = with_key(hint, self, keys.REMOVE_CODE, keys.REMOVE_CODE_KEY)
        text = printable(hint)
        if text != str(self._hint.content):
            self._hint.update(Content(text))
            self._hint.display = bool(text)

    def set_conflict(self, server_value: str | None) -> None:
        """Mark the field in conflict, or not, and say the server's value under it, and the
        keys that take either value on a line of their own."""
        text = (
            ""
            if server_value is None
            else f"On the server: {printable(server_value)}\n"
            f"{key_hint(self, keys.TAKE_SERVER, TAKE_SERVER_KEY)} take it · "
            f"{key_hint(self, keys.KEEP_MINE, KEEP_MINE_KEY)} keep mine"
        )
        if text != str(self._conflict.content):
            self._conflict.update(Content(text))
            self._conflict.display = bool(text)
            if text and self._conflict.parent is None and self.editor.parent is self:
                self.mount(self._conflict, after=self.editor)  # built at its first conflict
        if self.has_class("-conflict") != (server_value is not None):
            self.set_class(server_value is not None, "-conflict")
            self.post_message(self.ConflictChanged())

    def set_mode(self, mode: FieldMode, *, kept: bool = False) -> bool:
        """Show, hide and mark the field (a kept one shows read-only); whether its display
        changed."""
        if mode != self._mode:
            self._mode = mode
            marker = " *" if mode == FieldMode.REQUIRED else ""
            self._label.update(Content(f"{self._label_text}{marker}"))
        if self.editor.disabled != (kept or self.read_only):
            self.editor.disabled = kept or self.read_only
        shown = mode != FieldMode.DISABLED or kept
        if self.display == shown:
            return False
        self.display = shown
        return True

    def show(self, view: FieldView) -> bool:
        """Render the field's state; whether its display changed (the layout moves). A view
        shown already is not shown again: each key shows every field's."""
        shown = (
            view.mode,
            view.message,
            view.severity,
            view.hint,
            view.server_value,
            view.unsaved,
            view.kept,
            self.read_only,
        )
        if shown == self._shown:
            return False
        self._shown = shown
        moved = self.set_mode(view.mode, kept=view.kept)
        self.set_message(view.message, view.severity)
        self.set_hint(view.hint)
        self.set_conflict(view.server_value)
        self.set_class(view.unsaved, "-dirty")
        return moved

    def load(self, value: str | bool) -> None:
        """Show a value the form set itself, without announcing it as an edit."""
        editor = self.editor
        if isinstance(editor, RegionInput | ProductChooser) and isinstance(value, str):
            editor.load(value)
        elif isinstance(editor, Checkbox) and editor.value != bool(value):
            with editor.prevent(Checkbox.Changed):
                editor.value = bool(value)
        elif isinstance(editor, Input) and isinstance(value, str) and editor.value != value:
            with editor.prevent(Input.Changed):
                editor.value = value
        elif isinstance(editor, TextArea) and isinstance(value, str) and editor.text != value:
            with editor.prevent(TextArea.Changed):
                editor.text = value
        elif isinstance(editor, Select) and value != self.value:
            with editor.prevent(Select.Changed):
                if isinstance(editor, OptionSelect) and value in editor.labels:
                    editor.value = value
                else:  # nothing stored, or an answer the question no longer offers
                    editor.clear()
