"""Any terminal size: the picker's columns fit the width (a cut name ends in "…"), below 60x20
a note says how big to make the terminal; on the form, the field in focus stays in view when
the summary moves under it, the total bar fits, and toasts stand above it and the footer.
The form's layout at each size is in the snapshots (tests/snapshots/test_screens.py)."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Footer
from textual.widgets._toast import Toast

from tests.support import demo_app, open_quickly, picker_scenarios, wait_until
from tui.any_size import SizeNote
from tui.demo import Demo
from tui.emulator.model.clock import FrozenClock
from tui.screen_rows import screen_rows

CUT_AT_60 = [
    # Read off the screen at 60x20 and checked by eye: each column cut evenly, with "…".
    " one-time       open       $49.00 one-ti…  Fieldnotes Pro",
    " pay-what-you…  open       Pay what you…   The Orchard H…",
    " already-subs…  open       Pay what you…   Lantern Membe…",
]


@pytest.mark.parametrize("size", [(60, 20), (120, 40)], ids=["60x20", "120x40"])
async def test_the_picker_fits_the_width_and_marks_what_it_cuts(
    demo: Demo, clock: FrozenClock, size: tuple[int, int]
) -> None:
    app = demo_app(demo, clock)
    async with app.run_test(size=size) as pilot:
        table = app.screen.query_one(DataTable)
        await wait_until(pilot, lambda: table.row_count > 0)
        assert app.demo is not None
        sessions = [(row.scenario, row.product_name) for row in await app.demo.sessions()]
        rows = [row.rstrip() for row in screen_rows(app)]
        assert table.virtual_size.width <= table.scrollable_content_region.width  # no overflow
        assert max(len(row) for row in rows) <= size[0]
        shown = picker_scenarios(pilot)
        if size == (60, 20):
            await _too_small_then_big_enough(pilot)
    if size == (120, 40):
        assert shown == [scenario for scenario, _ in sessions]
        assert all(product in "\n".join(rows) for _, product in sessions)
        assert "…" not in "\n".join(rows[1:-1])  # the title bar aside
    else:
        for expected in CUT_AT_60:
            assert expected in rows
        for (scenario, _), cell in zip(sessions, shown, strict=True):
            assert cell == scenario or (cell.endswith("…") and scenario.startswith(cell[:-1]))


async def test_the_total_bar_fits_and_toasts_stand_above_it_and_the_footer(
    demo: Demo, clock: FrozenClock
) -> None:
    app = demo_app(demo, clock)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await open_quickly(pilot, "discount")
        screen.query_one("#discount_code").focus()
        await pilot.resize_terminal(60, 20)  # the summary goes under the form
        await wait_until(pilot, lambda: screen.has_class("-narrow"))
        body, code = screen.query_one("#checkout-body"), screen.query_one("#discount_code")
        await wait_until(pilot, lambda: body.region.contains_region(code.region))  # in view
        await pilot.press("A")
        await wait_until(pilot, lambda: "unsaved" in screen_rows(app)[18])
        assert screen_rows(app)[18].rstrip() == " Total $79.00 · … · 1 unsaved change (ctrl+s)"
        # The keys that do not fit are left out whole, quit and help kept (F1 lists them all).
        footer = " ^x Remove code …  esc Back  ^q Quit  f1 Help   ▏^p palette "
        await wait_until(pilot, lambda: screen_rows(app)[19] == footer)
        app.notify("The total changed while you were asked: look again, then ctrl+o.", timeout=30)
        await wait_until(pilot, lambda: bool(screen.query(Toast)))
        toast = screen.query_one(Toast).region
        for below in (screen.query_one("#total-bar").region, screen.query_one(Footer).region):
            assert toast.bottom <= below.y


async def _too_small_then_big_enough(pilot: Pilot[Any]) -> None:
    """One column or one row less than 60x20: a note covers the screen and says so."""
    app = pilot.app
    note = app.screen.query_one(SizeNote)
    assert not note.display

    def shown() -> str:
        return "\n".join(row.strip() for row in screen_rows(app))

    await pilot.resize_terminal(59, 20)
    await wait_until(pilot, lambda: "(it is 59×20 now)." in shown())
    assert "\nMake the terminal at least 60×20\n(it is 59×20 now).\n" in shown()
    assert "Offline demo" not in shown()
    await pilot.resize_terminal(60, 19)
    await wait_until(pilot, lambda: "(it is 60×19 now)." in shown())
    await pilot.resize_terminal(60, 20)
    await wait_until(pilot, lambda: not note.display)
    assert "Offline demo: choose a checkout session" in shown()
