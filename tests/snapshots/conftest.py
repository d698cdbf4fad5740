"""Snapshots hold still: a text cursor that blinks could be caught on or off."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

Steps = Callable[[Pilot[Any]], Awaitable[None]]


@pytest.fixture
def snap_compare(snap_compare: Callable[..., bool]) -> Callable[..., bool]:
    """The plugin's `snap_compare`, with every text cursor on screen steady (shown)."""

    def compare(app: Any, *, run_before: Steps | None = None, **options: Any) -> bool:
        async def steps(pilot: Pilot[Any]) -> None:
            if run_before is not None:
                await run_before(pilot)
            for editor in pilot.app.screen.query(Input):
                editor.cursor_blink = False
            for area in pilot.app.screen.query(TextArea):
                area.cursor_blink = False
            await pilot.pause()

        return snap_compare(app, run_before=steps, **options)

    return compare
