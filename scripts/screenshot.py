"""Regenerate docs/screenshot.svg: the app's own SVG export of a demo session being edited.

.venv/bin/python scripts/screenshot.py
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable

from tui.app import CheckoutApp
from tui.demo import Demo
from tui.emulator.model.clock import FrozenClock
from tui.emulator.run.background import RunningEmulator
from tui.emulator.store import Store
from tui.launch import Launch
from tui.screens.checkout import CheckoutScreen
from tui.settings import resolve_server

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshot.svg"
SIZE = (110, 34)


async def _fill(pilot: Pilot[object]) -> None:
    while not pilot.app.screen.query_one(DataTable).row_count:
        await pilot.pause(0.05)
    await pilot.press("down", "enter")
    while not (isinstance(pilot.app.screen, CheckoutScreen) and pilot.app.screen.session):
        await pilot.pause(0.05)
    screen = pilot.app.screen
    for widget_id, text in (
        ("customer_name", "Jana Becker"),
        ("customer_email", "jana@example.de"),
        ("country-input", "Germany"),
    ):
        screen.query_one(f"#{widget_id}").focus()
        await pilot.press("ctrl+u", *text)
    await pilot.press("ctrl+s")
    while screen.unsaved:
        await pilot.pause(0.05)
    screen.query_one("#customer_email").focus()
    await pilot.press("ctrl+u", *"jana@example")
    await pilot.pause(0.3)
    pilot.app.save_screenshot(str(OUT))
    pilot.app.exit()


def main() -> None:
    clock = FrozenClock(datetime(2026, 11, 24, 12, 0, tzinfo=UTC))
    with RunningEmulator(Store(clock)) as emulator:
        demo = Demo(emulator)
        app = CheckoutApp(Launch(server=resolve_server(demo.base_url), demo=demo), clock=clock.now)
        asyncio.run(app.run_async(headless=True, size=SIZE, auto_pilot=_fill))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
