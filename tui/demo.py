"""Starts the built-in emulator for the offline demo. Imported only when a demo starts."""

from __future__ import annotations

from dataclasses import dataclass

from tui.emulator.clock import SystemClock
from tui.emulator.running import RunningEmulator
from tui.emulator.store import ScenarioEntry, Store


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


def start_demo() -> Demo:
    emulator = RunningEmulator(Store(SystemClock()))
    emulator.start()
    return Demo(emulator)
