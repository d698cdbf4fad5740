"""A headless self-check of an installed app: open a demo session through the real screens."""

from __future__ import annotations

import asyncio
import sys

from textual.pilot import Pilot
from textual.widgets import DataTable

from tui.app import CheckoutApp
from tui.domain.summary import total_text
from tui.screens.checkout import CheckoutScreen
from tui.screens.picker import PickerScreen

SMOKE_TIMEOUT = 20.0


async def _drive(pilot: Pilot[object]) -> None:
    """Press Enter on the picker's first session once it is listed; report it once loaded."""
    app = pilot.app
    loop = asyncio.get_running_loop()
    deadline = loop.time() + SMOKE_TIMEOUT
    chosen = False
    while loop.time() < deadline:
        screen = app.screen
        if (
            not chosen
            and isinstance(screen, PickerScreen)
            and screen.query_one(DataTable).row_count
        ):
            chosen = True
            await pilot.press("enter")
        if isinstance(screen, CheckoutScreen) and screen.session is not None:
            app.exit(
                f"{screen.session.product.name if screen.session.product else '?'}: "
                f"total {total_text(screen.session)}"
            )
            return
        await pilot.pause(0.05)
    app.exit(None)


def run_smoke(app: CheckoutApp) -> int:
    result = app.run(headless=True, size=(100, 40), auto_pilot=_drive)
    if result is None:
        print("smoke: the session did not load", file=sys.stderr)
        return 1
    print(f"smoke: {result}")
    return 0
