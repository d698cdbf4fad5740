"""A text input that narrows a list of countries or states by name or code as you type."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from tui.domain.regions import Region, filter_regions
from tui.widgets.form_input import FormInput

MAX_SUGGESTIONS = 6


class RegionInput(Vertical, can_focus=False):
    """Shows names, yields codes. With no regions it is a plain free-text input."""

    DEFAULT_CLASSES = "region-input"
    BINDINGS = [
        Binding("down", "suggestion(1)", "Next match", show=False),
        Binding("up", "suggestion(-1)", "Previous match", show=False),
        Binding("escape", "close_suggestions", "Close list", show=False),
    ]

    class Changed(Message):
        """The value (a region code, or free text) changed by the user's hand."""

        def __init__(self, region_input: RegionInput) -> None:
            super().__init__()
            self.region_input = region_input

        @property
        def control(self) -> RegionInput:
            return self.region_input

    def __init__(self, *, placeholder: str, id: str) -> None:
        super().__init__(id=id)
        self._regions: tuple[Region, ...] = ()
        self.input = FormInput(placeholder=placeholder, id=f"{id}-input", compact=True)
        self.suggestions = OptionList(id=f"{id}-suggestions")
        self.suggestions.display = False
        self.suggestions.can_focus = False

    def compose(self) -> ComposeResult:
        yield self.input
        yield self.suggestions

    def set_regions(self, regions: tuple[Region, ...]) -> None:
        self._regions = regions
        self.suggestions.display = False

    @property
    def value(self) -> str:
        """The code of the region the text names, else the text itself."""
        text = self.input.value.strip()
        match = self._exact(text)
        return match.code if match else self.input.value

    @property
    def resolved(self) -> bool:
        """Whether the text names one of the regions (always true for free text)."""
        return not self._regions or self._exact(self.input.value.strip()) is not None

    def load(self, code: str) -> None:
        """Show a stored code by its name, without announcing a change."""
        match = self._exact(code)
        with self.input.prevent(Input.Changed):
            self.input.value = match.name if match else code
        self.suggestions.display = False

    def _exact(self, text: str) -> Region | None:
        folded = text.casefold()
        if not folded:
            return None
        for region in self._regions:
            code = region.code.casefold()
            if folded in (code, code.split("-", 1)[-1], region.name.casefold()):
                return region
        return None

    @on(Input.Changed)
    def _narrow(self, event: Input.Changed) -> None:
        event.stop()
        self._show_matches(event.value)
        self.post_message(self.Changed(self))

    def _show_matches(self, text: str) -> None:
        if not self._regions or not self.input.has_focus:
            self.suggestions.display = False
            return
        exact = self._exact(text.strip())
        matches = filter_regions(self._regions, text)[:MAX_SUGGESTIONS]
        if exact is not None and exact.name == text.strip():
            matches = []
        self.suggestions.clear_options()
        self.suggestions.add_options(
            Option(f"{region.name} ({region.code})", id=region.code) for region in matches
        )
        self.suggestions.display = bool(matches)
        if matches:
            self.suggestions.highlighted = 0

    @on(Input.Submitted)
    def _accept(self, event: Input.Submitted) -> None:
        if self.suggestions.display and self.suggestions.highlighted is not None:
            event.stop()
            self._choose(self.suggestions.highlighted)

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option_index)

    def _choose(self, index: int) -> None:
        code = self.suggestions.get_option_at_index(index).id or ""
        self.load(code)
        self.post_message(self.Changed(self))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Escape closes an open list; otherwise it goes on to the screen (back)."""
        if action == "close_suggestions":
            return bool(self.suggestions.display)
        return True

    def action_close_suggestions(self) -> None:
        self.suggestions.display = False

    def action_suggestion(self, step: int) -> None:
        if not self.suggestions.display or self.suggestions.option_count == 0:
            return
        current = self.suggestions.highlighted or 0
        self.suggestions.highlighted = (current + step) % self.suggestions.option_count

    def on_descendant_blur(self, _event: events.DescendantBlur) -> None:
        self.suggestions.display = False
