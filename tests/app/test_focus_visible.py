"""Every Tab stop shows it has the focus: the focused widget looks different from the same
widget without it. QA found two stops (the form's and the summary's scrolling panes) that
looked the same either way."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Footer, Input, TextArea

from tests.support import demo_app, open_quickly, wait_until
from tui.app import CheckoutApp
from tui.demo import Demo
from tui.emulator.model.clock import FrozenClock
from tui.launch import Launch
from tui.screens.inspector import InspectorScreen
from tui.screens.picker import PickerScreen
from tui.settings import resolve_server

Look = list[list[tuple[str, str]]]


def _look(pilot: Pilot[Any], widget: Widget) -> Look:
    """The text and the text style (bold, reverse, underline: not colour, which NO_COLOR and
    monochrome terminals lose) of every cell of the widget, border included, on screen."""
    region = widget.region
    update = pilot.app.screen._compositor.render_full_update()
    rows = []
    for chops in update.strips[region.y : region.bottom]:
        row = Strip.join(chops).crop(region.x, region.right)
        rows.append(
            [
                (segment.text, str(segment.style.without_color) if segment.style else "")
                for segment in row
            ]
        )
    return rows


async def _unmarked_stops(pilot: Pilot[Any]) -> list[str]:
    """Tab through every stop of the screen once, noting how each looks focused; then take
    the focus away: the stops that look just the same without it."""
    screen = pilot.app.screen
    for editor in (*screen.query(Input), *screen.query(TextArea)):
        editor.cursor_blink = False  # a steady cursor: the look does not depend on time
    for footer in screen.query(Footer):
        footer.display = False  # it changes with the focus, but is no widget's look (faster)
    first = stop = screen.focused
    assert first is not None
    focused: dict[Widget, Look] = {}
    while stop is not None and stop not in focused:
        focused[stop] = _look(pilot, stop)
        await pilot.press("tab")
        stop = screen.focused
    assert stop is first, "Tab did not come back to where it started"
    screen.set_focus(None)
    await pilot.pause()
    unmarked = [f"#{widget.id}" for widget, look in focused.items() if _look(pilot, widget) == look]
    first.focus()
    for footer in screen.query(Footer):
        footer.display = True
    return unmarked


async def test_every_stop_of_the_start_screen_shows_its_focus() -> None:
    launch = Launch(server=resolve_server("https://qa.example.com"), live=False)
    async with CheckoutApp(launch).run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert await _unmarked_stops(pilot) == []


async def test_every_stop_of_the_picker_the_fullest_form_and_its_inspector_shows_its_focus(
    demo: Demo, clock: FrozenClock
) -> None:
    # tall enough for the whole form: its pane's look does not change by scrolling
    async with demo_app(demo, clock).run_test(size=(120, 60)) as pilot:
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, PickerScreen))
        assert await _unmarked_stops(pilot) == []
        await open_quickly(pilot, "every-choice")
        assert await _unmarked_stops(pilot) == []
        await pilot.press("f6")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, InspectorScreen))
        assert await _unmarked_stops(pilot) == []
