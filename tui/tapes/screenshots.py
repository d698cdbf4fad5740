"""Saving what a tape's app shows as an SVG file: a `snapshot` line, a failure's picture;
and keeping a real session's secret out of both, and out of the failure's rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App
from textual.pilot import Pilot

from tui.commands import DemoHost
from tui.screens.handoff import HandoffScreen


def save_svg(app: App[Any], out: Path, name: str) -> Path:
    """The screen as `out/name`, the folder made if need be. Raises OSError."""
    out.mkdir(parents=True, exist_ok=True)
    return Path(app.save_screenshot(filename=name, path=str(out)))


async def mask_real_links(pilot: Pilot[Any]) -> None:
    """A hand-off screen shows the checkout link, which holds the client secret: for a
    real session it is masked before the screen is written anywhere (a demo's stays)."""
    app = pilot.app
    if not app.is_running or not app.screen_stack:
        return
    screen = app.screen
    if not isinstance(screen, HandoffScreen):
        return
    demo = app.demo if isinstance(app, DemoHost) else None
    if demo is None or not screen.url.startswith(demo.base_url):
        screen.mask_link()
        await pilot.pause()
