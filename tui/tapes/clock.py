"""The app's clock while a tape plays."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class TapeClock:
    """The real time, moved forward by `emulator clock` lines."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset
