"""The steps a tape is made of, one per line, as the parser reads them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Step:
    line: int
    """1-based line number in the tape file."""
    source: str
    """The step as written, without its comment."""


@dataclass(frozen=True, slots=True)
class Size(Step):
    width: int
    height: int


@dataclass(frozen=True, slots=True)
class OpenDemo(Step):
    scenario: str | None
    """None: show the demo picker; else open a fresh session of this scenario."""


@dataclass(frozen=True, slots=True)
class OpenSession(Step):
    reference: str
    """A client secret or checkout URL."""


@dataclass(frozen=True, slots=True)
class OpenFromEnvironment(Step):
    variable: str


@dataclass(frozen=True, slots=True)
class Focus(Step):
    field: str


@dataclass(frozen=True, slots=True)
class Type(Step):
    text: str


@dataclass(frozen=True, slots=True)
class Paste(Step):
    text: str


@dataclass(frozen=True, slots=True)
class Clear(Step):
    pass


@dataclass(frozen=True, slots=True)
class Press(Step):
    keys: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Wait(Step):
    text: str
    absent: bool
    seconds: float | None
    """None: the run's default time-out."""


@dataclass(frozen=True, slots=True)
class Expect(Step):
    text: str
    absent: bool


@dataclass(frozen=True, slots=True)
class ExpectField(Step):
    field: str
    value: str


@dataclass(frozen=True, slots=True)
class ExpectError(Step):
    field: str
    text: str


@dataclass(frozen=True, slots=True)
class ExpectStored(Step):
    path: str
    value: str


@dataclass(frozen=True, slots=True)
class EmulatorAction(Step):
    action: str
    """pay, decline, expire or block."""


@dataclass(frozen=True, slots=True)
class EmulatorLock(Step):
    seconds: float


@dataclass(frozen=True, slots=True)
class EmulatorFault(Step):
    fault: dict[str, Any]


@dataclass(frozen=True, slots=True)
class EmulatorClock(Step):
    seconds: float


@dataclass(frozen=True, slots=True)
class Snapshot(Step):
    name: str


@dataclass(frozen=True, slots=True)
class Pause(Step):
    seconds: float


@dataclass(frozen=True, slots=True)
class Tape:
    path: str
    steps: tuple[Step, ...]

    @property
    def name(self) -> str:
        """The file's name without its folder and extension: snapshots are named after it."""
        base = self.path.replace("\\", "/").rsplit("/", 1)[-1]
        return base.rsplit(".", 1)[0] if "." in base else base

    @property
    def size(self) -> tuple[int, int] | None:
        return next(((s.width, s.height) for s in self.steps if isinstance(s, Size)), None)
