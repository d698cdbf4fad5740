"""Open event streams ask the store for due transitions ten times a second each: while
nothing is due that costs no look at the sessions, and what is due still happens."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from tui.emulator.model.clock import FrozenClock
from tui.emulator.model.session import Session
from tui.emulator.rules import lifecycle
from tui.emulator.store import Store

from .support import NOW


@pytest.fixture
def looks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    advance = lifecycle.advance

    def counted(session: Session, now: datetime) -> object:
        seen.append(session.client_secret)
        return advance(session, now)

    monkeypatch.setattr(lifecycle, "advance", counted)
    return seen


def test_ticks_look_at_no_session_until_one_is_due(looks: list[str]) -> None:
    clock = FrozenClock(NOW)
    store = Store(clock)
    store.tick()
    looks.clear()
    for _ in range(100):
        store.tick()
    assert looks == []
    one_time = store.list_sessions()[0].client_secret
    clock.advance(timedelta(hours=1, seconds=1))  # the built-in sessions last an hour
    store.tick()
    assert len(looks) == len(store.list_sessions())
    assert store.session(one_time).status == "expired"


def test_a_payment_makes_the_next_success_due(looks: list[str]) -> None:
    clock = FrozenClock(NOW)
    store = Store(clock)
    one_time = store.list_sessions()[0].client_secret
    store.pay(one_time)
    clock.advance(lifecycle.SUCCESS_DELAY)
    looks.clear()
    store.tick()
    assert looks != []
    assert store.session(one_time).status == "succeeded"
