"""Snapshots of the customer's choices, each scrolled into view the way a person gets there:
by moving to the field."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.support import demo_app, open_scenario, type_into, wait_until
from tui.demo import Demo
from tui.emulator.model.clock import FrozenClock

SnapCompare = Callable[..., bool]
Steps = Callable[[Pilot[Any]], Awaitable[None]]


def _at(scenario: str, widget: str, typed: str | None = None) -> Steps:
    async def steps(pilot: Pilot[Any]) -> None:
        screen = await open_scenario(pilot, scenario)
        await wait_until(pilot, lambda: screen.query(f"#{widget}").first() is not None)
        if typed is not None:
            await type_into(pilot, widget, typed)
        else:
            screen.query_one(f"#{widget}").focus()
        await pilot.pause()

    return steps


@pytest.mark.parametrize(
    ("scenario", "widget", "typed"),
    [
        ("subscription", "product", None),
        ("pay-what-you-want", "amount", "4.99"),
        ("seats", "seats", "6"),
        ("custom-fields", "cf-company_size", "0"),
    ],
    ids=["product-switcher", "pay-what-you-want", "seats", "custom-fields"],
)
def test_a_choice(
    snap_compare: SnapCompare,
    demo: Demo,
    clock: FrozenClock,
    scenario: str,
    widget: str,
    typed: str | None,
) -> None:
    app = demo_app(demo, clock)
    assert snap_compare(app, terminal_size=(100, 32), run_before=_at(scenario, widget, typed))


def test_every_choice_at_80x24(snap_compare: SnapCompare, demo: Demo, clock: FrozenClock) -> None:
    app = demo_app(demo, clock)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_at("seats", "discount_code"))


def test_pay_what_you_want_a_trial_and_questions_at_80x24(
    snap_compare: SnapCompare, demo: Demo, clock: FrozenClock
) -> None:
    """The amount, the trial and the seller's questions on one screen, with the summary's
    trial and due today beside them."""
    app = demo_app(demo, clock)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_at("every-choice", "skip_trial"))
