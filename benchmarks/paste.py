"""How long the UI takes over a 1 MB paste into a field, in a headless pilot: from the paste
event (as a terminal's bracketed paste reaches the app) until the screen is idle again, for
the name field and the seller's multi-line question (a text area). The field keeps what fits
its limit and says so (tested in `tests/app/test_hostile_pastes.py`); this is its time, a
figure without a goal, beside a 10-character paste into the same field.

"Idle" is Textual's pilot `pause()`: the screen and every widget on it have handled all their
pending messages (the cut, its message, the re-render), then the process is idle by
Textual's measure (which sleeps in 20 ms steps). Wall and CPU time are both kept.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any, Final

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from tui.app import CheckoutApp
from tui.launch import Launch
from tui.polar.secret import SessionRef
from tui.settings import resolve_server
from tui.widgets.checkout_form import CheckoutForm

from .handler import loaded
from .terminal import COLUMNS, ROWS

SCENARIO: Final = "custom-fields"
MEGABYTE: Final = 1_000_000
SHORT: Final = 10
FIELDS: Final = (
    ("customer_name", "name field"),
    ("custom_field_data.notes", "text-area custom field"),
)
"""Each field pasted into (the form's name for it) and how the table calls it."""


@dataclass
class Pastes:
    """Milliseconds from each paste to idle, wall and CPU, by the size pasted."""

    wall_ms: dict[int, list[float]] = field(default_factory=dict)
    cpu_ms: dict[int, list[float]] = field(default_factory=dict)

    def add(self, size: int, wall: float, cpu: float) -> None:
        self.wall_ms.setdefault(size, []).append(wall)
        self.cpu_ms.setdefault(size, []).append(cpu)


async def _paste_over(
    pilot: Pilot[Any], editor: Input | TextArea, text: str
) -> tuple[float, float]:
    """Paste `text` over all the field holds; wall and CPU milliseconds until idle."""
    editor.focus()
    editor.select_all()
    await pilot.pause()
    wall, cpu = time.perf_counter(), time.process_time()
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def _text(editor: Input | TextArea) -> str:
    return editor.value if isinstance(editor, Input) else editor.text


async def _pastes(base_url: str, secret: str, count: int) -> dict[str, Pastes]:
    launch = Launch(server=resolve_server(base_url), ref=SessionRef(secret), live=False)
    found = {label: Pastes() for _, label in FIELDS}
    async with CheckoutApp(launch).run_test(size=(COLUMNS, ROWS)) as pilot:
        screen = await loaded(pilot)
        fields = screen.query_one(CheckoutForm).fields
        for name, label in FIELDS:
            editor = fields[name].focus_target
            assert isinstance(editor, Input | TextArea), name
            for index in range(count):
                for size in (SHORT, MEGABYTE):
                    text = "abcdefghij"[index % 10] * size
                    found[label].add(size, *await _paste_over(pilot, editor, text))
                    if size == MEGABYTE and len(_text(editor)) >= size:
                        raise AssertionError(f"{name} took the whole paste: nothing was cut")
    return found


def pastes(base_url: str, secret: str, count: int) -> dict[str, Pastes]:
    """Each field's times, `count` pastes of each size, into a session of SCENARIO."""
    return asyncio.run(_pastes(base_url, secret, count))
