"""What every screen must show of hostile server text: literal, inert, and the right size."""

from __future__ import annotations

import re
from typing import Any

from rich.cells import cell_len
from textual.pilot import Pilot

from tui.screen_rows import screen_rows

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
BOLD_WORD = "bold?"
"""The word inside the corpus's `[bold]…[/]`."""


def assert_inert(pilot: Pilot[Any]) -> str:
    """Every row exactly the terminal's width, no control character on screen, no
    hyperlink, no click action, and the word in `[bold]…[/]` bold only with its tags
    beside it (a selected row is bold whole); the screen's text."""
    width = pilot.app.size.width
    rows = screen_rows(pilot.app)
    for number, row in enumerate(rows):
        assert cell_len(row) == width, f"row {number} is {cell_len(row)} cells: {row!r}"
        assert not _CONTROLS.search(row), f"row {number} holds a control character: {row!r}"
    for strip in pilot.app.screen._compositor.render_strips():
        for segment in strip:
            style, text = segment.style, segment.text
            if style is None:
                continue
            assert style.link is None, f"{text!r} is a terminal hyperlink"
            if "click" in text or "link" in text:
                assert "@click" not in style.meta, f"clicking {text!r} runs an action"
            if BOLD_WORD in text and f"[bold]{BOLD_WORD}" not in text:
                assert not style.bold, f"{text!r} is drawn bold, its markup gone"
    return "\n".join(rows)
