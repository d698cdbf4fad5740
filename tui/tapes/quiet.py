"""Waiting for a session's requests to stop before a tape changes the server under it."""

from __future__ import annotations

import asyncio
from typing import Any, Final

from textual.pilot import Pilot

from tui.screens.session_view import SessionView

QUIET_FOR: Final = 0.3
"""Seconds with no read or save under way that count as quiet: longer than the emulator
takes to send a live event (its stream checks every 0.1 s), whose read would follow."""
POLL: Final = 0.02


async def until_quiet(pilot: Pilot[Any], screen: SessionView, *, seconds: float) -> None:
    """Return once the screen has sent no request for `QUIET_FOR`, or after `seconds`
    (a session that never quietens is the next step's to report)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    quiet_since = loop.time()
    while loop.time() < deadline:
        if screen.busy:
            quiet_since = loop.time()
        elif loop.time() - quiet_since >= QUIET_FOR:
            return
        await pilot.pause(POLL)
