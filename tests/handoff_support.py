"""Sessions for the hand-off screen, read from the emulator with their links on a fixed
address (the emulator's port changes every run; a QR code of the URL must not)."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from tests.support import secret_of
from tui.demo import Demo
from tui.polar.models import CheckoutPublic
from tui.screens.handoff import HandoffScreen

FIXED_BASE = "http://127.0.0.1:8000"
ONE_TIME_SECRET = "polar_c_3iHyQAIEqDgmYrNafBAYxjB0ir21VC1BoloFAqGxJmx"
"""The seeded secret of the `one-time` scenario, written out by hand."""
ONE_TIME_URL = f"{FIXED_BASE}/checkout/{ONE_TIME_SECRET}"


def stored_session(demo: Demo, scenario: str = "one-time") -> CheckoutPublic:
    """The session as the emulator has it now, its `url` and `success_url` on FIXED_BASE."""
    body = demo.store.get_json(secret_of(demo.store, scenario))
    for key in ("url", "success_url"):
        body[key] = body[key].replace(demo.store.public_url.rstrip("/"), FIXED_BASE)
    return CheckoutPublic.model_validate(body)


async def push_handoff(pilot: Pilot[Any], session: CheckoutPublic) -> HandoffScreen:
    """Open the hand-off for the session above whatever screen is on top."""
    screen = HandoffScreen(session, shown_as=f"demo · {session.client_secret}")
    await pilot.app.push_screen(screen)
    await pilot.pause()
    return screen
