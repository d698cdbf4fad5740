"""`demo --play FILE`: a tape performed on screen at a person's pace, for a self-running demo.

The steps are the runner's own (`TapeDriver`), paced: typing at about 12 characters a
second and a pause on `wait` and `expect` lines, times `--speed`. Every event the tape
sends is marked as the tape's (`TapeDriver.sent`); any other key, paste or click comes from
the person at the keyboard. It stops the tape at once and then reaches the app as they meant
it; a notification says the keyboard is theirs. A step that fails stops the tape with its
reason in a notification; either way the app stays, for the person to carry on.
"""

from __future__ import annotations

import asyncio
from contextlib import suppress
from pathlib import Path
from typing import Any

from textual import events, on
from textual.pilot import Pilot

from tui.app import CheckoutApp
from tui.domain.display import printable
from tui.launch import Launch
from tui.tapes.actions import StepFailed, TapeDriver
from tui.tapes.clock import TapeClock
from tui.tapes.pace import Pace
from tui.tapes.steps import Tape

PERSON_INPUT = (events.Key, events.Paste, events.MouseDown)
"""Input that, when the tape did not send it, hands the keyboard to the person."""


class Player:
    """Plays one tape on an app; `hand_over` stops it where it is."""

    def __init__(self, tape: Tape, *, speed: float = 1.0, timeout: float = 5.0) -> None:
        self.tape = tape
        self.clock = TapeClock()
        self._pace = Pace.person(speed)
        self._timeout = timeout
        self._driver: TapeDriver | None = None
        self._task: asyncio.Task[None] | None = None
        self._line = 0

    @property
    def playing(self) -> bool:
        return self._task is not None and not self._task.done()

    async def play(self, pilot: Pilot[Any]) -> None:
        """Perform the steps; returns once they are done, one failed or a person took over."""
        self._driver = TapeDriver(
            pilot, self.clock, timeout=self._timeout, scenarios=None, pace=self._pace
        )
        self._task = asyncio.create_task(self._steps(self._driver))
        with suppress(asyncio.CancelledError):
            await self._task

    async def _steps(self, driver: TapeDriver) -> None:
        app = driver.app
        for step in self.tape.steps:
            self._line = step.line
            try:
                await driver.perform(step, Path("."))
            except StepFailed as failure:
                app.notify(
                    printable(f"Line {step.line}: {step.source} — {failure.reason}"),
                    title="The tape stopped",
                    severity="error",
                    timeout=30,
                    markup=False,
                )
                return
        app.notify("The tape is done: the keyboard is yours.", title="Tape", markup=False)

    def sent(self, event: events.Event) -> bool:
        """Whether the tape sent this event."""
        return self._driver is not None and event in self._driver.sent

    def hand_over(self, app: CheckoutApp) -> None:
        """A person pressed a key: stop the tape where it is, and say so."""
        if not self.playing:
            return
        self.stop()
        app.notify(
            f"The tape stopped at line {self._line}: the keyboard is yours.",
            title="Tape",
            markup=False,
        )

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()


class PlayingApp(CheckoutApp):
    """The app with a tape to play: `run` plays it once the app is ready."""

    def __init__(self, launch: Launch, player: Player, **options: Any) -> None:
        super().__init__(launch, clock=player.clock.now, **options)
        self.player = player

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, PERSON_INPUT) and not event.is_forwarded:
            if not self.player.sent(event):
                self.player.hand_over(self)
            elif not self.player.playing:
                return  # a key the tape sent just before it stopped
        await super().on_event(event)

    @on(events.Unmount)
    def _stop_playing(self) -> None:
        self.player.stop()

    def play(self) -> None:
        """Run in the terminal, the tape driving the app through Textual's auto-pilot."""
        self.run(auto_pilot=self.player.play)
