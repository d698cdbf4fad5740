"""Hostile and huge pastes into every text field of the form: kept as text, cut at the
field's limit with a message, and no other field touched."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from tests.app.hostile_checks import assert_inert
from tests.app.hostile_scenario import hostile_scenarios
from tests.fixtures.hostile import CORPUS
from tests.support import demo_app, open_quickly
from tui.demo import Demo
from tui.emulator.model.clock import FrozenClock
from tui.emulator.run.background import RunningEmulator
from tui.emulator.seed.loader import load_scenarios
from tui.emulator.store import Store
from tui.widgets.checkout_form import CheckoutForm

MEGABYTE = 1_000_000
ESCAPES = "\x1b[2J\x1b]0;t\x07\x9b31m\x00"
"""Pasted first, so that they show at the start of the field: as text."""
SHOWN = "\ufffd[2J\ufffd]0;t\ufffd\ufffd31m\ufffd"
"""ESCAPES as the field keeps and shows them."""
LIMITS = {
    "customer_name": 256,  # Polar's maximum for a name
    "customer_email": 1_000,
    "country": 1_000,
    "line1": 1_000,
    "line2": 1_000,
    "postal_code": 1_000,
    "city": 1_000,
    "state": 1_000,
    "customer_billing_name": 1_000,
    "customer_tax_id": 1_000,
    "discount_code": 1_000,
    "custom_field_data.note": 50,  # the scenario's max_length
    "custom_field_data.story": 500,
}
"""Every text field of a session with a filled-in business customer and the seller's
questions, and how many characters each takes."""


@pytest.fixture
def hostile_demo(clock: FrozenClock, tmp_path: Path) -> Iterator[Demo]:
    scenarios = load_scenarios(hostile_scenarios(tmp_path))
    with RunningEmulator(Store(clock, scenarios=scenarios)) as emulator:
        yield Demo(emulator)


def _text(editor: Input | TextArea) -> str:
    return editor.value if isinstance(editor, Input) else editor.text


async def _paste_over(pilot: Pilot[Any], editor: Input | TextArea, text: str) -> None:
    """Select all the field holds and paste over it, as the terminal delivers a paste."""
    editor.focus()
    editor.select_all()
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def test_pastes_are_kept_as_text_and_cut_at_each_fields_limit(
    hostile_demo: Demo, clock: FrozenClock
) -> None:
    app = demo_app(hostile_demo, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_quickly(pilot, "filled")
        fields = screen.query_one(CheckoutForm).fields
        editors: dict[str, Input | TextArea] = {}
        for field_id, field in fields.items():
            editor = field.focus_target
            if field.is_on_screen and isinstance(editor, Input | TextArea):
                editors[field_id] = editor
        assert set(editors) == set(LIMITS)

        corpus = "\n".join(CORPUS)
        pasted = {
            field_id: f"{ESCAPES}{field_id}:{corpus}" + "y" * MEGABYTE for field_id in editors
        }
        for field_id, editor in editors.items():  # each paste over 1 MB
            await _paste_over(pilot, editor, pasted[field_id])
            if isinstance(editor, TextArea):
                editor.move_cursor((0, 0))
            else:
                editor.cursor_position = 0
            await pilot.pause()
            assert_inert(pilot)
        for field_id, editor in editors.items():
            text, limit = _text(editor), LIMITS[field_id]
            assert len(text) == limit, field_id
            if isinstance(editor, TextArea):
                lines = f"{SHOWN}{field_id}:[bold]bold?[/]\n[@click=app.quit]click[/]\n"
                assert text.startswith(lines)
                assert "carriage\nreturn\nand\nnewline" in text  # "\r" and "\r\n" are line ends
            else:  # a one-line field joins the lines
                joined = f"{SHOWN}{field_id}:[bold]bold?[/] [@click=app.quit]click[/] [link="
                assert text == joined[:limit] or text.startswith(joined)
            assert f"Cut to {limit:,} characters" in fields[field_id].error
        assert screen.unsaved == set(LIMITS)
