"""The form's one-line text input: a multi-line paste keeps every line, joined by spaces."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from tui.domain.display import one_line


class FormInput(Input):
    """Textual's Input keeps only a paste's first line; the rest would be lost silently."""

    def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # Input's own handler would insert the first line again
        event.stop()
        text = one_line(event.text)
        if not text:
            return
        if self.selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *self.selection)
