"""Where the emulator gets the time: the system clock, or a frozen one tests move by hand.
Both move forward when told (the admin API's `POST /emulator/clock`, for QA and tapes)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """A source of the current time: always timezone-aware, in UTC."""

    def now(self) -> datetime: ...

    def advance(self, delta: timedelta) -> None: ...


class SystemClock:
    """The real time, plus however far `advance` has moved it."""

    def __init__(self) -> None:
        self._offset = timedelta(0)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return datetime.now(UTC) + self._offset

    def advance(self, delta: timedelta) -> None:
        with self._lock:
            self._offset += delta


def _require_aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("FrozenClock needs a timezone-aware datetime")
    return moment.astimezone(UTC)


class FrozenClock:
    """A clock that stands still until told otherwise; safe to move from another thread."""

    def __init__(self, at: datetime) -> None:
        self._now = _require_aware(at)
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def advance(self, delta: timedelta) -> None:
        with self._lock:
            self._now = self._now + delta

    def set(self, moment: datetime) -> None:
        moment = _require_aware(moment)
        with self._lock:
            self._now = moment
