"""One emulator on a real loopback socket for the app, e2e and snapshot tests, reset per test."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import stamina
import textual._wait as textual_wait

from tests.fidelity.table import COLLECTED
from tests.support import NOW
from tui.demo import Demo
from tui.emulator.model.clock import FrozenClock
from tui.emulator.run.background import RunningEmulator
from tui.emulator.store import Store


@pytest.fixture(autouse=True)
def one_try_each() -> Iterator[None]:
    """stamina's test mode: each request is tried once, so a scripted failure is what the
    test sees. Tests of the retries ask for `retries`."""
    with stamina.set_testing(True, attempts=1):
        yield


@pytest.fixture
def retries(one_try_each: None) -> Iterator[None]:
    """Requests tried as often as the retry policy says, without its waits."""
    with stamina.set_testing(True, attempts=3, cap=True):
        yield


@pytest.fixture(scope="session")
def shared_clock() -> FrozenClock:
    return FrozenClock(NOW)


@pytest.fixture(scope="session")
def running_demo(shared_clock: FrozenClock) -> Iterator[Demo]:
    emulator = RunningEmulator(Store(shared_clock))
    emulator.start()
    yield Demo(emulator)
    emulator.stop()


@pytest.fixture
def clock(shared_clock: FrozenClock) -> FrozenClock:
    shared_clock.set(NOW)
    return shared_clock


@pytest.fixture
def demo(running_demo: Demo, clock: FrozenClock) -> Demo:
    running_demo.store.reset()
    return running_demo


def pytest_configure(config: pytest.Config) -> None:
    """The tests never read the developer's own settings file (`polar-checkout config path`).

    The pilot looks for the app to be idle in 5 ms windows instead of Textual's 20 ms: after
    each key it waits for two idle windows, so typing a field cost 40 ms a key in sleep alone.
    The app sees the same keys in the same order; only the pilot's idle polling is finer."""
    os.environ["XDG_CONFIG_HOME"] = str(Path(tempfile.gettempdir()) / "polar-checkout-tests")
    textual_wait.SLEEP_GRANULARITY = 0.005
    textual_wait.SLEEP_IDLE = textual_wait.SLEEP_GRANULARITY / 20


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session: pytest.Session, items: list[pytest.Item]) -> None:
    """Keep the whole collection for the fidelity table, before any deselection."""
    session.stash[COLLECTED] = list(items)
