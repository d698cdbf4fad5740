"""Inputs with keys of their own: a stepper for seats and units, a discount code that
Enter applies and a key removes."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message

from tui import keys
from tui.widgets.form_input import FormInput


class StepperInput(FormInput):
    """Digits only; `+`/`-` and ↑/↓ step by one (never below 1)."""

    BINDINGS = [
        Binding("plus,up", "step(1)", "More", show=False, priority=True, id=keys.MORE),
        Binding("minus,down", "step(-1)", "Fewer", show=False, priority=True, id=keys.FEWER),
    ]

    def __init__(self, *, limit: int, id: str) -> None:
        super().__init__(limit=limit, id=id, placeholder="a whole number")
        self.restrict = r"[0-9]*"

    def action_step(self, by: int) -> None:
        current = int(self.value) if self.value.isdigit() else 0
        self.value = str(max(1, current + by))
        self.cursor_position = len(self.value)


class DiscountInput(FormInput):
    """Enter applies the code (the form is submitted); ctrl+x removes an applied code."""

    BINDINGS = [
        Binding(keys.REMOVE_CODE_KEY, "remove", "Remove code", priority=True, id=keys.REMOVE_CODE),
    ]

    class Apply(Message):
        """Send the form now, the code with it."""

    def __init__(self, *, limit: int, id: str) -> None:
        super().__init__(limit=limit, id=id, placeholder="a discount code")

    async def action_submit(self) -> None:
        self.post_message(self.Apply())

    def action_remove(self) -> None:
        self.value = ""
        self.post_message(self.Apply())
