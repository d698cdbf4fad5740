"""The one door from the app to the emulator: imported only when a demo or the emulator runs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tui.emulator.model.clock import SystemClock
from tui.emulator.run.background import RunningEmulator
from tui.emulator.seed.loader import ScenarioFileError, load_scenarios
from tui.emulator.store import ScenarioEntry, Store

__all__ = ["Demo", "ScenarioFileError", "serve_emulator", "start_demo"]


@dataclass
class Demo:
    """The running emulator, as the app's picker and client see it."""

    emulator: RunningEmulator

    @property
    def base_url(self) -> str:
        return self.emulator.base_url

    @property
    def store(self) -> Store:
        return self.emulator.store

    def scenarios(self) -> list[ScenarioEntry]:
        return self.emulator.store.scenarios()

    def stop(self) -> None:
        self.emulator.stop()


def start_demo(scenarios: Path | None = None) -> Demo:
    """Start the emulator on a free loopback port; raises ScenarioFileError for a bad file."""
    seeded = load_scenarios(scenarios) if scenarios is not None else None
    emulator = RunningEmulator(Store(SystemClock(), scenarios=seeded))
    emulator.start()
    return Demo(emulator)


def serve_emulator(host: str, port: int, scenarios: Path | None) -> int:
    """`polar-checkout emulator`: serve until interrupted; the exit code."""
    from tui.emulator.run.foreground import serve

    return serve(host, port, scenarios)
