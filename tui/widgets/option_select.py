"""A select question: the merchant's options, their labels shown as plain text."""

from __future__ import annotations

from rich.text import Text
from textual.markup import escape
from textual.widgets import Select

from tui.domain.custom_field_form import Question
from tui.domain.display import printable


class OptionSelect(Select[str]):
    """A select question: `labels` maps each option's value to the label it shows."""

    def __init__(self, question: Question, *, id: str) -> None:
        self.labels = {value: printable(label) for value, label in question.options}
        super().__init__(
            [(Text(label), value) for value, label in self.labels.items()],
            id=id,
            compact=True,
            prompt=escape(printable(question.placeholder)) or "Choose…",
        )
