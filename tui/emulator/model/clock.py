"""Where the emulator gets the time: the system clock, or a frozen one tests move by hand.

Both move forward when told, and both can be stopped and restarted (the admin API's
`POST /emulator/clock`, for QA and tapes). A restarted clock runs on from the moment it
was stopped: it never goes back, so the order of the emulator's answers stays true.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """A source of the current time: always timezone-aware, in UTC."""

    def now(self) -> datetime: ...

    def advance(self, delta: timedelta) -> None: ...

    @property
    def frozen(self) -> bool: ...

    def freeze(self, frozen: bool) -> None: ...

    def restart_at(self, moment: datetime, *, frozen: bool) -> None: ...


def _real_now() -> datetime:
    return datetime.now(UTC)


def _require_aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("the emulator's clock needs a timezone-aware datetime")
    return moment.astimezone(UTC)


class _MovableClock:
    """`start` at the real moment `anchor`, running with the real time unless frozen."""

    def __init__(self, start: datetime, *, frozen: bool, real: Callable[[], datetime]) -> None:
        self._real = real
        self._lock = threading.Lock()
        self._start = _require_aware(start)
        self._anchor: datetime | None = None if frozen else real()

    def _now(self) -> datetime:
        if self._anchor is None:
            return self._start
        return self._start + (self._real() - self._anchor)

    def now(self) -> datetime:
        with self._lock:
            return self._now()

    def advance(self, delta: timedelta) -> None:
        with self._lock:
            self._start += delta

    @property
    def frozen(self) -> bool:
        with self._lock:
            return self._anchor is None

    def freeze(self, frozen: bool) -> None:
        """Stop the clock where it stands (`True`), or let it run on from there (`False`)."""
        with self._lock:
            if frozen == (self._anchor is None):
                return
            self._start = self._now()
            self._anchor = None if frozen else self._real()

    def restart_at(self, moment: datetime, *, frozen: bool) -> None:
        """Where an earlier run of the emulator left the clock (`--state`): at `moment`,
        standing still or running on from there."""
        moment = _require_aware(moment)
        with self._lock:
            self._start = moment
            self._anchor = None if frozen else self._real()


class SystemClock(_MovableClock):
    """The real time, plus however far `advance` has moved it (and less however long it
    stood frozen)."""

    def __init__(self, *, real: Callable[[], datetime] = _real_now) -> None:
        super().__init__(real(), frozen=False, real=real)


class FrozenClock(_MovableClock):
    """A clock that stands still until told otherwise; safe to move from another thread."""

    def __init__(self, at: datetime, *, real: Callable[[], datetime] = _real_now) -> None:
        super().__init__(at, frozen=True, real=real)

    def set(self, moment: datetime) -> None:
        """Stop the clock at `moment` (tests only: this one may go back)."""
        moment = _require_aware(moment)
        with self._lock:
            self._start = moment
            self._anchor = None
