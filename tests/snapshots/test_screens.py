"""Snapshots of the screens people see: the form at 120x40, 100x32, 80x24 and 60x20 (its
summary under it there), the others at a roomy size and at 80x24.

Deterministic: a frozen clock for the app and the emulator, the emulator's seeded secrets,
a reset store per test, and no port on screen. Update with `--snapshot-update` after
looking at the new SVGs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.support import (
    ScriptedPolar,
    banner,
    demo_app,
    mock_app,
    one_time_body,
    open_scenario,
    polar_error,
    secret_of,
    type_into,
    wait_until,
)
from tui.demo import Demo
from tui.emulator.model.clock import FrozenClock
from tui.emulator.rules.body import CheckoutUpdatePublic
from tui.screens.help import HelpScreen
from tui.widgets.field import FormField

SnapCompare = Callable[..., bool]
Steps = Callable[[Pilot[Any]], Awaitable[None]]


def _opened(name: str) -> Steps:
    async def steps(pilot: Pilot[Any]) -> None:
        await open_scenario(pilot, name)

    return steps


async def _invalid(pilot: Pilot[Any]) -> None:
    await open_scenario(pilot, "us-business")
    await type_into(pilot, "customer_email", "jane@@example")
    await type_into(pilot, "country", "United States")
    await type_into(pilot, "state", "PR")
    await type_into(pilot, "customer_email", "jane@@example")


async def _picker(pilot: Pilot[Any]) -> None:
    from textual.widgets import DataTable

    table = pilot.app.screen.query_one(DataTable)
    await wait_until(pilot, lambda: table.row_count > 0)


def test_picker(snap_compare: SnapCompare, demo: Demo, clock: FrozenClock) -> None:
    assert snap_compare(demo_app(demo, clock), terminal_size=(100, 24), run_before=_picker)


@pytest.mark.parametrize(
    "size", [(120, 40), (100, 32), (80, 24), (60, 20)], ids=["120x40", "100x32", "80x24", "60x20"]
)
def test_loaded_form(
    snap_compare: SnapCompare, demo: Demo, clock: FrozenClock, size: tuple[int, int]
) -> None:
    assert snap_compare(demo_app(demo, clock), terminal_size=size, run_before=_opened("discount"))


@pytest.mark.parametrize("size", [(110, 40), (80, 24)], ids=["roomy", "80x24"])
def test_invalid_field(
    snap_compare: SnapCompare, demo: Demo, clock: FrozenClock, size: tuple[int, int]
) -> None:
    assert snap_compare(demo_app(demo, clock), terminal_size=size, run_before=_invalid)


def test_help_over_the_form(snap_compare: SnapCompare, demo: Demo, clock: FrozenClock) -> None:
    """F1 on the form: a long description wraps beside its keys, never under them."""

    async def steps(pilot: Pilot[Any]) -> None:
        await open_scenario(pilot, "one-time")
        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, HelpScreen))

    assert snap_compare(demo_app(demo, clock), terminal_size=(100, 32), run_before=steps)


def test_summary_of_a_trial(snap_compare: SnapCompare, demo: Demo, clock: FrozenClock) -> None:
    assert snap_compare(
        demo_app(demo, clock), terminal_size=(100, 32), run_before=_opened("subscription")
    )


def test_applied_discount(snap_compare: SnapCompare, demo: Demo, clock: FrozenClock) -> None:
    applied = CheckoutUpdatePublic.model_validate({"discount_code": "LAUNCH20"})
    demo.store.update(secret_of(demo.store, "discount"), applied)
    assert snap_compare(
        demo_app(demo, clock), terminal_size=(100, 32), run_before=_opened("discount")
    )


def test_server_error(snap_compare: SnapCompare, clock: FrozenClock) -> None:
    locked = polar_error(409, "CheckoutLocked", "Checkout is currently being processed.")
    polar = ScriptedPolar(one_time_body(clock), patches=[locked])

    async def steps(pilot: Pilot[Any]) -> None:
        await wait_until(pilot, lambda: pilot.app.screen.query("#customer_name").first().has_focus)
        await type_into(pilot, "customer_name", "Jane Doe")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "busy" in banner(pilot))

    assert snap_compare(
        mock_app(polar.transport(), clock), terminal_size=(110, 40), run_before=steps
    )


def test_a_conflict_with_the_server(
    snap_compare: SnapCompare, demo: Demo, clock: FrozenClock
) -> None:
    """Not followed live (the total bar's live words would vary): a reload brings the change."""
    changed = CheckoutUpdatePublic.model_validate({"customer_name": "Grace Hopper"})

    async def steps(pilot: Pilot[Any]) -> None:
        screen = await open_scenario(pilot, "one-time")
        await type_into(pilot, "customer_name", "Ada")
        demo.store.update(secret_of(demo.store, "one-time"), changed)
        await pilot.press("ctrl+r")
        field = screen.query_one("#field-customer_name", FormField)
        await wait_until(pilot, lambda: field.has_class("-conflict"))

    assert snap_compare(demo_app(demo, clock), terminal_size=(100, 32), run_before=steps)
