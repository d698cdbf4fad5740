"""Fixtures for the emulator suite: a frozen clock, a fresh store, an in-process HTTP client.

Every response of Polar's routes that a test in this folder receives is checked
against Polar's contract (`contract_responses.py`): the `contract_guard` fixture (autouse)
gives every httpx client built during the test (the `client` fixture, clients
over a `RunningEmulator`, Starlette's TestClient, the official SDK's own) a
response hook that raises `ContractViolation` in the request that got the bad
answer. A violation swallowed on the way (caught by the test, raised in another
thread) still fails the test at teardown. A test about deliberately broken
answers opts out with `@pytest.mark.contract_exempt("why")`, or for a block
with `with contract_guard.exempt():`.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Generator, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest

from tests.fixtures import CONTRACT
from tui.emulator.http.server import create_app
from tui.emulator.model.clock import FrozenClock
from tui.emulator.store import Store

from .contract_responses import (
    ContractViolation,
    is_event_stream,
    is_polar_route,
    response_problems,
    violation_message,
)
from .support import NOW

_CALL_REPORT = pytest.StashKey[pytest.TestReport]()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "contract_exempt(reason): responses in this test are not checked against Polar's contract",
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if report.when == "call":
        item.stash[_CALL_REPORT] = report
    return report


class ContractGuard:
    """Checks responses for one test; remembers every violation it raised."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.violations: list[ContractViolation] = []

    def check(self, response: httpx.Response) -> None:
        if not self.enabled:
            return
        problems = response_problems(response)
        if problems:
            violation = ContractViolation(violation_message(response, problems))
            self.violations.append(violation)
            raise violation

    def _needs_body(self, response: httpx.Response) -> bool:
        return self.enabled and is_polar_route(response) and not is_event_stream(response)

    def sync_hook(self, response: httpx.Response) -> None:
        if self._needs_body(response):
            response.read()
        self.check(response)

    async def async_hook(self, response: httpx.Response) -> None:
        if self._needs_body(response):
            await response.aread()
        self.check(response)

    def take(self) -> list[ContractViolation]:
        """The violations so far, forgotten: for tests that provoke them on purpose."""
        taken, self.violations = self.violations, []
        return taken

    @contextmanager
    def exempt(self) -> Iterator[None]:
        """No checks inside the block (for deliberately broken answers)."""
        enabled, self.enabled = self.enabled, False
        try:
            yield
        finally:
            self.enabled = enabled


@pytest.fixture(autouse=True)
def contract_guard(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[ContractGuard]:
    guard = ContractGuard(enabled=request.node.get_closest_marker("contract_exempt") is None)
    sync_init = httpx.Client.__init__
    async_init = httpx.AsyncClient.__init__

    def client_init(self: httpx.Client, *args: Any, **kwargs: Any) -> None:
        sync_init(self, *args, **kwargs)
        hooks = self.event_hooks
        if guard.sync_hook not in hooks["response"]:
            self.event_hooks = {**hooks, "response": [*hooks["response"], guard.sync_hook]}

    def async_client_init(self: httpx.AsyncClient, *args: Any, **kwargs: Any) -> None:
        async_init(self, *args, **kwargs)
        hooks = self.event_hooks
        if guard.async_hook not in hooks["response"]:
            self.event_hooks = {**hooks, "response": [*hooks["response"], guard.async_hook]}

    monkeypatch.setattr(httpx.Client, "__init__", client_init)
    monkeypatch.setattr(httpx.AsyncClient, "__init__", async_client_init)
    yield guard
    report = request.node.stash.get(_CALL_REPORT, None)
    if guard.violations and report is not None and report.passed:
        messages = "\n\n".join(str(violation) for violation in guard.violations)
        pytest.fail(
            f"{len(guard.violations)} response(s) broke Polar's contract during this test "
            f"(the exception was swallowed before it reached the test):\n\n{messages}",
            pytrace=False,
        )


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(NOW)


@pytest.fixture
def store(clock: FrozenClock) -> Store:
    return Store(clock)


@pytest.fixture
def secrets(store: Store) -> dict[str, str]:
    """Scenario name -> client secret."""
    return {entry.name: entry.client_secret for entry in store.scenarios()}


@pytest.fixture
async def client(store: Store, contract_guard: ContractGuard) -> AsyncIterator[httpx.AsyncClient]:
    """The app over ASGI; every response is checked against Polar's contract."""
    transport = httpx.ASGITransport(app=create_app(store))
    async with httpx.AsyncClient(
        transport=transport,
        base_url="http://emulator",
        event_hooks={"response": [contract_guard.async_hook]},
    ) as http:
        yield http


@pytest.fixture(scope="session")
def contract() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(CONTRACT.read_text(encoding="utf-8"))
    return loaded
