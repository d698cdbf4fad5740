"""The one door from the app to the emulator: the demo it runs or talks to, and its admin API.

Nothing here loads the emulator (nor FastAPI or uvicorn) until a local one is started, so
`demo --server URL`, which drives an emulator running elsewhere, never loads it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import httpx

from tui.admin_client import EmulatorAdmin, EmulatorSession

if TYPE_CHECKING:
    from tui.emulator.run.background import RunningEmulator
    from tui.emulator.store import Store


class EmulatorServer(Protocol):
    """An emulator the demo talks to: where it answers, and how to stop it if it is ours."""

    @property
    def base_url(self) -> str: ...

    def stop(self) -> None: ...


@dataclass
class Demo:
    """An emulator running in this process, on a loopback port."""

    emulator: RunningEmulator

    @property
    def base_url(self) -> str:
        return self.emulator.base_url

    @property
    def store(self) -> Store:
        return self.emulator.store

    def stop(self) -> None:
        self.emulator.stop()


@dataclass(frozen=True, slots=True)
class RemoteEmulator:
    """An emulator someone else runs (`polar-checkout emulator`), reached over HTTP."""

    base_url: str

    def stop(self) -> None:
        """Not ours to stop."""


class DemoStartFailed(Exception):
    """The local emulator could not start; the message is for people."""


def start_demo(scenarios: Path | None = None) -> Demo:
    """Start the emulator on a free loopback port, seeded from `scenarios` or the built-ins.

    Raises DemoStartFailed for a bad scenario file or a server that would not start.
    """
    from tui.emulator.model.clock import SystemClock
    from tui.emulator.run.background import RunningEmulator
    from tui.emulator.seed.loader import ScenarioFileError, load_scenarios
    from tui.emulator.store import Store

    try:
        seeded = load_scenarios(scenarios) if scenarios is not None else None
        emulator = RunningEmulator(Store(SystemClock(), scenarios=seeded))
        emulator.start()
    except (ScenarioFileError, OSError, RuntimeError) as error:
        raise DemoStartFailed(str(error)) from error
    return Demo(emulator)


def serve_emulator(
    host: str,
    port: int,
    scenarios: Path | None,
    *,
    versions: str | None = None,
    state: Path | None = None,
) -> int:
    """`polar-checkout emulator`: serve until interrupted; the exit code."""
    from tui.emulator.run.foreground import serve

    return serve(host, port, scenarios, versions=versions, state=state)


class DemoMode:
    """The demo as the app uses it: the emulator, its admin client and its scenarios.

    Everything goes through the emulator's HTTP admin API, so a local emulator and one on
    another host behave the same. `owned` says the demo started the emulator and stops it.
    """

    def __init__(
        self,
        server: EmulatorServer,
        *,
        owned: bool = False,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.server = server
        self.admin = EmulatorAdmin(server.base_url, transport=transport)
        self._owned = owned
        self._scenarios: list[str] = []

    @classmethod
    async def start(
        cls,
        factory: Callable[[], EmulatorServer],
        *,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> DemoMode:
        """Start a local emulator off the event loop (loading and binding it takes a while)."""
        server = await asyncio.to_thread(factory)
        return cls(server, owned=True, transport=transport)

    @property
    def base_url(self) -> str:
        return self.server.base_url

    async def sessions(self) -> list[EmulatorSession]:
        """Every session, as the emulator lists it now; raises AdminFailed."""
        rows = await self.admin.sessions()
        self._scenarios = list(dict.fromkeys(row.scenario for row in rows))
        return rows

    async def scenario_names(self) -> list[str]:
        """The scenarios new sessions can be made of (every one has a seeded session)."""
        if not self._scenarios:
            await self.sessions()
        return self._scenarios

    async def new_session(self, scenario: str) -> str:
        """A fresh session of the scenario: its client secret; raises AdminFailed."""
        return await self.admin.new_session(scenario)

    async def close(self) -> None:
        await self.admin.aclose()
        if self._owned:
            await asyncio.to_thread(self.server.stop)


class DemoStart:
    """A local emulator starting off the event loop. If whoever waits for it goes away
    (the user quits during the start), `abandon` stops the emulator once it is up."""

    def __init__(
        self,
        factory: Callable[[], EmulatorServer],
        *,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._task = asyncio.ensure_future(DemoMode.start(factory, transport=transport))

    async def result(self) -> DemoMode:
        """The started demo; raises DemoStartFailed. Cancelling the wait leaves the start
        running, for `abandon` to clean up."""
        return await asyncio.shield(self._task)

    async def abandon(self) -> None:
        try:
            demo = await self._task
        except DemoStartFailed:
            return
        await demo.close()
