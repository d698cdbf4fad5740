"""The form's multi-line text input: a bounded length, as the one-line `FormInput`."""

from __future__ import annotations

import re

from textual.widgets import TextArea
from textual.widgets.text_area import EditResult, Location

from tui.domain.display import printable
from tui.widgets.text_cut import TextCut

_LINE_ENDS = re.compile(r"\r\n?")


class FormTextArea(TextArea):
    """Text typed or pasted beyond `limit` is cut, and the cut is announced; a paste's
    control characters are replaced (`printable`), its line ends made newlines.

    Textual's TextArea takes any length: a 1 MB paste would go in whole, slowly, and be
    refused by Polar only on saving.
    """

    def __init__(self, *, limit: int, id: str) -> None:
        super().__init__(id=id, soft_wrap=True, show_line_numbers=False, compact=True)
        self.limit = limit

    @property
    def value(self) -> str:
        return self.text

    def _replace_via_keyboard(
        self, insert: str, start: Location, end: Location
    ) -> EditResult | None:
        insert = printable(_LINE_ENDS.sub("\n", insert))
        room = self.limit - (len(self.text) - len(self.get_text_range(start, end)))
        fits = insert[: max(room, 0)]
        result = super()._replace_via_keyboard(fits, start, end) if fits or start != end else None
        if len(fits) < len(insert):
            self.post_message(TextCut(self, limit=self.limit, value=self.text))
        return result
