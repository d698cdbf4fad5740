"""A text input that narrows a list of countries or states by name or code as you type.

`enter` takes the highlighted row; `tab` takes the one region the text narrows to and moves
on (with several, it just moves on); `down` reopens a closed list.
"""

from __future__ import annotations

from textual import events, on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from tui import keys
from tui.domain.regions import Region, filter_regions, find_region, region_name
from tui.widgets.form_input import FormInput

MAX_SUGGESTIONS = 6


class RegionInput(Vertical, can_focus=False):
    """Narrows a list of names as the user types. With no regions it is a plain text input."""

    DEFAULT_CLASSES = "region-input"
    BINDINGS = [
        Binding("down", "suggestion(1)", "Next match", show=False, id=keys.NEXT_MATCH),
        Binding("up", "suggestion(-1)", "Previous match", show=False, id=keys.PREVIOUS_MATCH),
        Binding("tab", "take_single_match", "Take the match", show=False, id=keys.TAKE_MATCH),
        Binding("escape", "close_suggestions", "Close list", show=False, id=keys.CLOSE_LIST),
    ]

    class Changed(Message):
        """The text changed by the user's hand (typed, or a row taken from the list)."""

        def __init__(self, region_input: RegionInput) -> None:
            super().__init__()
            self.region_input = region_input

        @property
        def control(self) -> RegionInput:
            return self.region_input

    def __init__(self, *, placeholder: str, id: str, limit: int) -> None:
        super().__init__(id=id)
        self._regions: tuple[Region, ...] = ()
        self.input = FormInput(placeholder=placeholder, id=f"{id}-input", limit=limit)
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
    def regions(self) -> tuple[Region, ...]:
        return self._regions

    @property
    def text(self) -> str:
        return self.input.value

    def load(self, text: str) -> None:
        """Show text the form set (a stored region by its name), without announcing a change."""
        if self.input.value != text:
            with self.input.prevent(Input.Changed):
                self.input.value = text
        self.suggestions.display = False

    @on(Input.Changed)
    def _narrow(self, event: Input.Changed) -> None:
        event.stop()
        self._show_matches(event.value)
        self.post_message(self.Changed(self))

    def _show_matches(self, text: str, *, even_when_named: bool = False) -> None:
        """List what the text may mean; a region's name typed in full needs no list, unless
        the user asked for it."""
        if not self._regions or not self.input.has_focus:
            self.suggestions.display = False
            return
        exact = find_region(self._regions, text)
        matches = filter_regions(self._regions, text)[:MAX_SUGGESTIONS]
        if exact is not None and exact.name == text.strip() and not even_when_named:
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
        self._take(region_name(self._regions, code))

    def _take(self, name: str) -> None:
        self.load(name)
        self.post_message(self.Changed(self))

    def _single_match(self) -> Region | None:
        """The one region the text narrows to, unless the field already shows its name."""
        matches = filter_regions(self._regions, self.input.value)
        if len(matches) != 1 or matches[0].name == self.input.value:
            return None
        return matches[0]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Escape closes an open list; otherwise it goes on to the screen (back)."""
        if action == "close_suggestions":
            return bool(self.suggestions.display)
        return True

    def action_take_single_match(self) -> None:
        match = self._single_match()
        if match is None:
            raise SkipAction()  # tab goes on to the screen: the next field
        self._take(match.name)
        self.screen.focus_next()

    def action_close_suggestions(self) -> None:
        self.suggestions.display = False

    def action_suggestion(self, step: int) -> None:
        """Move the highlight; `down` on a closed list opens it at its best match."""
        if not self.suggestions.display:
            if step > 0:
                self._show_matches(self.input.value, even_when_named=True)
            return
        if self.suggestions.option_count == 0:
            return
        current = self.suggestions.highlighted or 0
        self.suggestions.highlighted = (current + step) % self.suggestions.option_count

    def on_descendant_blur(self, _event: events.DescendantBlur) -> None:
        self.suggestions.display = False
