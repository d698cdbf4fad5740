"""The total bar shows the server's status and currency literally: an escape sequence in
them never reaches the terminal."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.app import App, ComposeResult

from tests.support import screen_text
from tui.polar.models import CheckoutPublic
from tui.widgets.status_lines import TotalBar

HOSTILE_STATUS = "open\x1b]52;c;cHduZWQ=\x07\x1b[2J"


class _Bar(App[None]):
    def compose(self) -> ComposeResult:
        yield TotalBar()


async def test_a_hostile_status_is_shown_without_its_escapes() -> None:
    session = CheckoutPublic.model_validate(
        {"id": "c1", "status": HOSTILE_STATUS, "client_secret": "polar_c_x", "currency": "usd",
         "amount": 900, "total_amount": 900}
    )  # fmt: skip
    app = _Bar()
    async with app.run_test(size=(80, 3)) as pilot:
        bar = app.query_one(TotalBar)
        bar.show(session, datetime(2026, 5, 1, tzinfo=UTC), unsaved=0, saving=False, locale=None)
        await pilot.pause()
        row = screen_text(pilot).splitlines()[0]
        assert "\x1b" not in row
        assert "\x07" not in row
        assert "open" in row
