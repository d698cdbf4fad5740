"""The form's one-line text input: a bounded length, and a multi-line paste kept whole."""

from __future__ import annotations

from textual import events
from textual.geometry import Size
from textual.widgets import Input

from tui.domain.display import one_line, printable
from tui.widgets.text_cut import TextCut


class FormInput(Input):
    """Text beyond `limit` is cut, never refused whole, and the cut is announced.

    Textual's Input refuses an insertion that would pass its `max_length` and keeps only a
    paste's first line; here what fits goes in and the rest is reported, and a paste keeps
    every line, joined by spaces.
    """

    def __init__(self, *, limit: int, placeholder: str = "", id: str) -> None:
        super().__init__(placeholder=placeholder, id=id, compact=True, select_on_focus=False)
        self.limit = limit

    def replace(self, text: str, start: int, end: int) -> None:
        start, end = sorted((max(0, start), min(len(self.value), end)))
        room = self.limit - (len(self.value) - (end - start))
        fits = text[: max(room, 0)]
        if fits or start != end:
            super().replace(fits, start, end)
        if len(fits) < len(text):
            self.post_message(TextCut(self, limit=self.limit, value=self.value))

    def _watch_value(self, value: str) -> None:
        """As Input's, except that the text's width is noted without laying the screen out
        again: the input is one row as wide as its field whatever it holds, so a key repaints
        the input alone rather than every widget on the screen."""
        self.set_reactive(Input.virtual_size, Size(self.content_width, 1))
        super()._watch_value(value)

    def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # Input's own handler would insert the first line again
        event.stop()
        text = printable(one_line(event.text))  # a terminal escape stays on the screen as text
        if not text:
            return
        if self.selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *self.selection)
