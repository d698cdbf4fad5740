"""A checkbox and a radio button whose state reads without colour: marked when on, blank
when off (Textual's show the mark either way and tell them apart by colour alone, lost
under NO_COLOR)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox, RadioButton


class MarkedCheckbox(Checkbox):
    def render(self) -> Content:
        self.BUTTON_INNER = "X" if self.value else " "
        return super().render()


class MarkedRadioButton(RadioButton):
    def render(self) -> Content:
        self.BUTTON_INNER = "●" if self.value else " "
        return super().render()
