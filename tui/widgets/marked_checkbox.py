"""A checkbox whose state reads without colour: X when ticked, blank when not (Textual's
shows an X either way and tells them apart by colour alone, lost under NO_COLOR)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox


class MarkedCheckbox(Checkbox):
    def render(self) -> Content:
        self.BUTTON_INNER = "X" if self.value else " "
        return super().render()
