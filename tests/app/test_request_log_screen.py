"""F4 on the form: what went over the wire, newest first, the highlighted exchange's bodies
shown, the secret masked; the filter, a saved export, Esc, the palette's entry, and F4 from
the hand-off screen above the form."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from tests.support import demo_app, open_quickly, screen_text, type_into, wait_until
from tui.demo import Demo
from tui.emulator.model.clock import FrozenClock
from tui.screens.checkout import CheckoutScreen
from tui.screens.handoff import HandoffScreen
from tui.screens.help import key_groups
from tui.screens.request_log import RequestLogScreen


async def test_the_save_shows_in_the_request_log(
    demo: Demo, clock: FrozenClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    async with demo_app(demo, clock).run_test(size=(110, 36)) as pilot:
        screen = await open_quickly(pilot, "one-time")
        secret = screen.secret
        masked = f"/v1/checkouts/client/polar_c_…{secret[-4:]}"
        await type_into(pilot, "customer_name", "Ada")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not screen.unsaved and not screen.form.saving)
        help_rows = [row for group in key_groups(screen) for row in group.rows]
        assert ("request_log", "Request log") in help_rows  # F1 lists it
        await pilot.press("f4")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, RequestLogScreen))
        shown = screen_text(pilot)
        rows = [row for row in shown.splitlines() if masked in row]
        assert "PATCH" in rows[0]
        assert " 200 " in rows[0]
        assert "GET" in rows[1]
        assert f"│ PATCH {masked}" in shown  # the highlighted exchange: the newest
        assert '"customer_name": "Ada"' in shown  # the body sent
        assert '"status": "open",' in shown  # the answer
        assert secret[8:] not in shown

        await pilot.press("slash")
        pilot.app.screen.query_one("#request-filter", Input).value = "get"
        await pilot.pause()
        log_screen = pilot.app.screen
        assert isinstance(log_screen, RequestLogScreen)
        assert [exchange.method for exchange in log_screen.shown] == ["GET"]
        await pilot.press("ctrl+s")
        [saved] = tmp_path.glob("polar-requests-*.sh")
        assert "-X GET" in saved.read_text(encoding="utf-8")
        assert secret not in saved.read_text(encoding="utf-8")

        await pilot.press("escape")
        assert isinstance(pilot.app.screen, CheckoutScreen)
        assert "Request log" in [command.title for command in screen.palette_commands()]

        await pilot.press("ctrl+o")  # a card is needed: the hand-off, above the form
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, HandoffScreen))
        assert "Request log" in [command.title for command in pilot.app.screen.palette_commands()]
        await pilot.press("f4")
        assert isinstance(pilot.app.screen, RequestLogScreen)
        await pilot.press("f4")  # closes it again
        assert isinstance(pilot.app.screen, HandoffScreen)
