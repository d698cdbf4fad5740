"""Hostile server strings, from a scenario file, on every screen: shown as text, inert,
the layout whole (the corpus: tests/fixtures/hostile.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import DataTable, Select

from tests.app.hostile_checks import assert_inert
from tests.app.hostile_scenario import SHORT, hostile_scenarios
from tests.app.test_safety import drawn_at
from tests.support import (
    ScriptedPolar,
    banner,
    demo_app,
    field_error,
    mock_app,
    one_time_body,
    open_quickly,
    paste_into,
    polar_error,
    wait_loaded,
    wait_until,
)
from tui.demo import Demo
from tui.emulator.model.clock import FrozenClock
from tui.emulator.run.background import RunningEmulator
from tui.emulator.seed.loader import load_scenarios
from tui.emulator.store import Store
from tui.screens.handoff import HandoffScreen
from tui.screens.outcome import ConfirmedScreen

CLICK = "[@click=app.quit]click[/]"


@pytest.fixture
def hostile_demo(clock: FrozenClock, tmp_path: Path) -> Iterator[Demo]:
    scenarios = load_scenarios(hostile_scenarios(tmp_path))
    with RunningEmulator(Store(clock, scenarios=scenarios)) as emulator:
        yield Demo(emulator)


async def test_every_screen_shows_hostile_server_text_as_inert_text(
    hostile_demo: Demo, clock: FrozenClock
) -> None:
    """The picker, the form with its summary and a select's options, the hand-off and the
    outcome screen, at 100x32."""
    app = demo_app(hostile_demo, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        table = app.screen.query_one(DataTable)
        await wait_until(pilot, lambda: table.row_count == 3)
        assert "PAID [bold]bold?[/] [@click=app.quit]click[/] [link=h" in assert_inert(pilot)

        screen = await open_quickly(pilot, "paid")
        text = assert_inert(pilot)
        for shown in (
            "ORG [bold]bold?[/]",
            "[link=https://evil.example]lin",
            "clear\ufffd[2Jscreen",
            "title\ufffd]0;owned\ufffdset",
            "clip\ufffd]52;c;cm0gLXJmIH4K\ufffdboard",
            "c1\ufffd31mred\ufffd",
            "nul\ufffdbyte\ufffddel",
        ):
            assert shown in text
        drawn = drawn_at(pilot, CLICK)
        assert len(drawn) == 3  # the summary's seller and product, the product choice
        await pilot.click(offset=(drawn[0].x + CLICK.index("]click") + 1, drawn[0].y))
        assert app.is_running
        assert app.screen is screen

        screen.query_one("#summary-pane").scroll_end(animate=False, immediate=True)
        await pilot.pause()
        text = assert_inert(pilot)
        assert "… (98,004" in text  # the 100 k-character line of the description, cut
        pick = screen.query_one("#cf-pick", Select)
        pick.scroll_visible(animate=False, immediate=True)
        await pilot.pause()
        assert "PICK [bold]bold?[/]" in assert_inert(pilot)
        pick.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "[/] closes nothing [" in assert_inert(pilot)  # an option's label
        await pilot.press("escape")

        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: isinstance(app.screen, HandoffScreen))
        text = assert_inert(pilot)
        assert "Product  PAID [bold]bold?[/]" in text
        assert "title\ufffd]0;owned\ufffdset" in text

        await pilot.press("escape", "escape")
        await open_quickly(pilot, "free")
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmedScreen))
        text = assert_inert(pilot)
        assert "Product  FREE [bold]bold?[/]" in text
        assert "clip\ufffd]52;c;cm0gLXJmIH4K\ufffdboard" in text


async def test_hostile_error_details_are_shown_as_inert_text(clock: FrozenClock) -> None:
    """A 422's message beside its field, and one without a field in the banner."""
    item = {"type": "value_error", "loc": ["body", "customer_name"], "msg": f"NAME {SHORT}"}
    loose = {"type": "value_error", "loc": None, "msg": f"REFUSED {SHORT}"}
    polar = ScriptedPolar(
        one_time_body(clock),
        patches=[
            polar_error(422, "PolarRequestValidationError", [item]),
            polar_error(422, "PolarRequestValidationError", [loose]),
        ],
    )
    async with mock_app(polar.transport(), clock).run_test(size=(100, 32)) as pilot:
        await wait_loaded(pilot)
        await paste_into(pilot, "customer_name", "Jane")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "NAME" in field_error(pilot, "customer_name"))
        text = assert_inert(pilot)
        assert "NAME [bold]bold?[/] [@click=app.quit]click[/]" in text
        assert "clear\ufffd[2Jscreen" in text
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "REFUSED" in banner(pilot))
        text = assert_inert(pilot)
        assert "REFUSED [bold]bold?[/] [@click=app.quit]click[/]" in text
