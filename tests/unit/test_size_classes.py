"""The size classes: which a screen of a given size has, and that a pushed screen has them
before it is built (given only on its first resize, they restyled every widget again)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from tui.any_size import SizedApp, size_classes


def test_each_axis_has_the_class_of_the_last_breakpoint_passed() -> None:
    assert size_classes(120, 40) == {
        "-too-narrow": False,
        "-narrow": False,
        "-wide": True,
        "-too-short": False,
        "-tall": True,
    }
    assert size_classes(79, 20) == {
        "-too-narrow": False,
        "-narrow": True,
        "-wide": False,
        "-too-short": False,
        "-tall": True,
    }
    assert size_classes(59, 19) == {
        "-too-narrow": True,
        "-narrow": False,
        "-wide": False,
        "-too-short": True,
        "-tall": False,
    }


class _Recording(Screen[None]):
    def __init__(self) -> None:
        super().__init__()
        self.at_compose: set[str] = set()

    def compose(self) -> ComposeResult:
        self.at_compose = set(self.classes)
        yield Static("form")


async def test_a_pushed_screen_has_its_size_classes_before_it_is_built() -> None:
    app: SizedApp[None] = SizedApp()
    async with app.run_test(size=(70, 24)) as pilot:
        screen = _Recording()
        await app.push_screen(screen)
        await pilot.pause()
        assert {"-narrow", "-tall"} <= screen.at_compose
        assert not {"-wide", "-too-narrow", "-too-short"} & screen.at_compose
