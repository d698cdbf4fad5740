"""A checkbox's state reads without colour (NO_COLOR, a monochrome terminal): X or blank."""

from __future__ import annotations

from textual.app import App, ComposeResult

from tests.support import screen_text
from tui.widgets.marked_checkbox import MarkedCheckbox


class _OneBox(App[None]):
    def compose(self) -> ComposeResult:
        yield MarkedCheckbox("Purchasing as a business", compact=True)


async def test_ticked_shows_x_and_unticked_shows_a_blank() -> None:
    app = _OneBox()
    async with app.run_test(size=(40, 3)) as pilot:
        first_row = screen_text(pilot).splitlines()[0]
        assert "▐ ▌ Purchasing as a business" in first_row
        app.query_one(MarkedCheckbox).toggle()
        await pilot.pause()
        assert "▐X▌ Purchasing as a business" in screen_text(pilot).splitlines()[0]
