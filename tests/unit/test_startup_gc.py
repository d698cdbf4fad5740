"""`open` starts without the cyclic garbage collector and turns it back on once the form is
filled, with what start-up built set aside."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from tui.startup import hold_collection, resume_collection


@pytest.fixture
def collector() -> Iterator[None]:
    yield
    gc.enable()
    gc.unfreeze()


def test_held_until_resumed_then_start_up_is_set_aside(collector: None) -> None:
    hold_collection()
    assert not gc.isenabled()
    resume_collection()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0


def test_resuming_what_was_never_held_changes_nothing(collector: None) -> None:
    gc.disable()  # stopped by someone else: not ours to turn on
    resume_collection()
    assert not gc.isenabled()
    assert gc.get_freeze_count() == 0
