"""The product choice: one row a product (or a legacy product's price), the chosen one marked.

Rows show the product's name, its billing and its price as plain text, never markup; a row
too wide for the list breaks between those three, not inside one.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Console, ConsoleOptions
from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.domain.display import printable
from tui.domain.fitting import wrap_phrases
from tui.domain.products import ProductOption

CHOSEN, NOT_CHOSEN = "◉", "○"


class _Row:
    """A row's phrases laid out at the width the list draws them at."""

    def __init__(self, *phrases: str) -> None:
        self._phrases = [printable(phrase) for phrase in phrases]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        for line in wrap_phrases(self._phrases, options.max_width):
            yield Text(line, no_wrap=True)


class ProductChooser(OptionList):
    """↑/↓ move, Enter (or a click) chooses. `value` is the chosen option's key."""

    class Changed(Message):
        def __init__(self, chooser: ProductChooser) -> None:
            super().__init__()
            self.chooser = chooser

        @property
        def control(self) -> ProductChooser:
            return self.chooser

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id, compact=True)
        self._choices: list[ProductOption] = []
        self.value = ""

    def show_choices(self, options: list[ProductOption]) -> None:
        """Show these choices (after a load); keeps the chosen key."""
        if [option.key for option in options] == [option.key for option in self._choices]:
            return
        self._choices = options
        self._render_rows()

    @property
    def chosen_name(self) -> str:
        """The chosen product's name ("" before the choices are known)."""
        return next((o.name for o in self._choices if o.key == self.value), "")

    def load(self, key: str) -> None:
        """Mark a choice the form made, without announcing it as the user's."""
        if key != self.value:
            self.value = key
            self._render_rows()

    def _render_rows(self) -> None:
        highlighted = self.highlighted
        self.clear_options()
        self.add_options(
            Option(
                _Row(
                    f"{CHOSEN if option.key == self.value else NOT_CHOSEN} {option.name}",
                    option.billing,
                    option.price_label,
                ),
                id=option.key,
            )
            for option in self._choices
        )
        keys = [option.key for option in self._choices]
        if highlighted is None and self.value in keys:
            highlighted = keys.index(self.value)
        self.highlighted = highlighted

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        key = event.option.id or ""
        if key != self.value:
            self.value = key
            self._render_rows()
            self.post_message(self.Changed(self))
