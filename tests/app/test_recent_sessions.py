"""F3 lists the sessions opened in this run, newest first; Enter opens one again in place of
the checkout on screen, asking first when that would lose edits."""

from __future__ import annotations

import re

from tests.support import (
    demo_app,
    open_quickly,
    screen_text,
    secret_of,
    type_into,
    wait_until,
)
from tui.demo import Demo
from tui.emulator.model.clock import FrozenClock
from tui.screens.checkout import CheckoutScreen
from tui.screens.confirm_quit import ConfirmQuitScreen
from tui.screens.picker import PickerScreen
from tui.screens.recent import RecentScreen


async def test_enter_reopens_the_older_of_two_sessions_once_edits_may_go(
    demo: Demo, clock: FrozenClock
) -> None:
    older, newer = secret_of(demo.store, "one-time"), secret_of(demo.store, "free")
    async with demo_app(demo, clock).run_test(size=(120, 32)) as pilot:
        picker = pilot.app.screen
        assert isinstance(picker, PickerScreen)
        assert [command.title for command in picker.palette_commands()] == ["Recent sessions"]
        first = await open_quickly(pilot, "one-time")
        assert "Recent sessions" in [command.title for command in first.palette_commands()]
        await pilot.press("escape")
        await open_quickly(pilot, "free")
        await type_into(pilot, "customer_name", "A")
        await pilot.press("f3")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, RecentScreen))
        text = screen_text(pilot)
        newer_row = re.search(rf"{newer} +demo +Lumen Sans Community Licence +open", text)
        older_row = re.search(rf"{older} +demo +Fieldnotes Pro +open", text)
        assert newer_row is not None
        assert older_row is not None
        assert newer_row.start() < older_row.start()
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConfirmQuitScreen))
        await pilot.press("y")
        await wait_until(pilot, lambda: getattr(pilot.app.screen, "secret", "") == older)
        reopened = pilot.app.screen
        assert reopened is not first
        assert isinstance(reopened, CheckoutScreen)
        assert reopened.client is first.client
        assert [type(screen) for screen in pilot.app.screen_stack[1:]] == [
            PickerScreen,
            CheckoutScreen,
        ]
