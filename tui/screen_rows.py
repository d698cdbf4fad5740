"""The terminal as the user sees it, as text: one string a row.

Reads the composited screen (modal screens, the command palette and notifications
included) the same way Textual exports a screenshot, but as plain text.
"""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console
from textual.app import App


def screen_rows(app: App[Any]) -> list[str]:
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system=None,
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text(styles=False).splitlines()[:height]
