"""Snapshots of the hand-off: the QR code at 100x32, the "too small" note at 80x24, and each
outcome line. The session's links sit on a fixed address, so the code is the same every run."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.handoff_support import push_handoff, stored_session
from tests.support import demo_app, secret_of
from tui.demo import Demo
from tui.emulator.model.clock import FrozenClock
from tui.emulator.rules.lifecycle import SUCCESS_DELAY

SnapCompare = Callable[..., bool]
Steps = Callable[[Pilot[Any]], Awaitable[None]]
Turn = Callable[[Demo, FrozenClock], None]


def _pay(demo: Demo, _clock: FrozenClock) -> None:
    demo.store.pay(secret_of(demo.store, "one-time"))


def _fulfil(_demo: Demo, clock: FrozenClock) -> None:
    clock.advance(SUCCESS_DELAY + timedelta(seconds=1))


def _decline(demo: Demo, _clock: FrozenClock) -> None:
    demo.store.decline(secret_of(demo.store, "one-time"))


def _expire(demo: Demo, _clock: FrozenClock) -> None:
    demo.store.expire(secret_of(demo.store, "one-time"))


def _handoff(demo: Demo, clock: FrozenClock, *turns: Turn) -> Steps:
    """Open the hand-off on the one-time session, then feed it each turn the session takes."""

    async def steps(pilot: Pilot[Any]) -> None:
        screen = await push_handoff(pilot, stored_session(demo))
        for turn in turns:
            turn(demo, clock)
            screen.show_session(stored_session(demo))
        await pilot.pause()

    return steps


def test_handoff_with_qr_code(snap_compare: SnapCompare, demo: Demo, clock: FrozenClock) -> None:
    app = demo_app(demo, clock)
    assert snap_compare(app, terminal_size=(100, 32), run_before=_handoff(demo, clock))


def test_handoff_too_small_for_the_code(
    snap_compare: SnapCompare, demo: Demo, clock: FrozenClock
) -> None:
    app = demo_app(demo, clock)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_handoff(demo, clock))


@pytest.mark.parametrize(
    "turns",
    [(_pay,), (_pay, _fulfil), (_pay, _decline), (_expire,)],
    ids=["paid", "succeeded", "declined", "expired"],
)
def test_handoff_outcome(
    snap_compare: SnapCompare, demo: Demo, clock: FrozenClock, turns: tuple[Turn, ...]
) -> None:
    app = demo_app(demo, clock)
    assert snap_compare(app, terminal_size=(100, 32), run_before=_handoff(demo, clock, *turns))
