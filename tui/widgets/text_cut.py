"""The message both bounded text widgets (`FormInput`, `FormTextArea`) send when typed or
pasted text was cut to the field's limit."""

from __future__ import annotations

from textual.message import Message
from textual.widget import Widget


class TextCut(Message):
    """Text was cut to `limit` characters, leaving `value` in the widget."""

    def __init__(self, widget: Widget, *, limit: int, value: str) -> None:
        super().__init__()
        self.widget = widget
        self.limit = limit
        self.value = value

    @property
    def control(self) -> Widget:
        return self.widget
