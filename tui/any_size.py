"""The app at any terminal size: the size classes every screen gets, and a note that covers
the screen below the smallest size the app is usable at.

Every screen carries one class for its width and one for its height (Textual's breakpoints):
`-too-narrow`, `-narrow` (the checkout's summary goes under its form) or `-wide`, and
`-too-short` or `-tall`. A too narrow or too short screen shows `SizeNote` over everything.
"""

from __future__ import annotations

from typing import Any, TypeVar

from textual.app import App
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget

MIN_WIDTH = 60
MIN_HEIGHT = 20
"""The smallest terminal the form stays usable in (looked at by eye, see the README)."""
WIDE_FROM = 80
"""From this many columns the checkout's summary stands beside its form."""

ReturnType = TypeVar("ReturnType")


def size_note(width: int, height: int) -> str:
    """What the note says, on two lines."""
    return f"Make the terminal at least {MIN_WIDTH}×{MIN_HEIGHT}\n(it is {width}×{height} now)."


def size_classes(width: int, height: int) -> dict[str, bool]:
    """The breakpoint classes a screen of this size has (True) and has not (False), as
    Textual gives them on a resize: for each axis, the class of the last breakpoint passed."""
    classes: dict[str, bool] = {}
    for breakpoints, size in (
        (SizedApp.HORIZONTAL_BREAKPOINTS, width),
        (SizedApp.VERTICAL_BREAKPOINTS, height),
    ):
        reached = [name for least, name in breakpoints if size >= least]
        classes.update({name: name == reached[-1] for _least, name in breakpoints})
    return classes


class SizeNote(Widget):
    """Covers the screen it is on while the terminal is too small (styles/base.tcss)."""

    def render(self) -> Content:
        return Content(size_note(*self.app.size))


class SizedApp(App[ReturnType]):
    """An app whose screens get the size classes, and the note on each screen shown."""

    HORIZONTAL_BREAKPOINTS = [
        (0, "-too-narrow"),
        (MIN_WIDTH, "-narrow"),
        (WIDE_FROM, "-wide"),
    ]
    VERTICAL_BREAKPOINTS = [
        (0, "-too-short"),
        (MIN_HEIGHT, "-tall"),
    ]

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        """A screen gets its size classes before it is built: given after (on its first
        resize, as Textual does), they restyle every widget of the screen once more."""
        if isinstance(screen, Screen) and not screen.is_attached:
            screen.update_classes(size_classes(*self.size), update=False)
        return super().push_screen(screen, *args, **kwargs)

    def on_mount(self) -> None:
        self.screen_change_signal.subscribe(self, _add_note)
        for screen in self.screen_stack:
            _add_note(screen)


def _add_note(screen: Screen[Any]) -> None:
    if not screen.query_children(SizeNote):
        screen.mount(SizeNote())
