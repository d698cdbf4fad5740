"""Which of the server's answers is the newest, so an older one never replaces a newer one.

Requests are numbered when they are sent. An answer to a request sent after the answer on
screen arrived is newer: the server handled it later. Otherwise the two requests were in
flight together and the server may have handled them in either order; the session's
`modified_at` then tells which state is later. It is null until the first change, so a
session that has one is newer than one without, and where both agree (or both lack one)
the later request wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

_NEVER = datetime.min.replace(tzinfo=UTC)


def _aware(moment: datetime | None) -> datetime:
    if moment is None:
        return _NEVER
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class _Shown:
    request: int
    modified_at: datetime
    has_modified_at: bool
    sent_before_arrival: int
    """The number of the last request sent when this answer arrived."""


class AnswerOrder:
    def __init__(self) -> None:
        self._sent = 0
        self._shown: _Shown | None = None

    def send(self) -> int:
        """Number a request: call it just before the request goes out."""
        self._sent += 1
        return self._sent

    def accept(self, request: int, modified_at: datetime | None) -> bool:
        """Whether the answer to `request` is newer than the one on screen; if so, it is now
        the one on screen."""
        shown = self._shown
        candidate = _Shown(request, _aware(modified_at), modified_at is not None, self._sent)
        newer = (
            shown is None or request > shown.sent_before_arrival or _key(candidate) > _key(shown)
        )
        if newer:
            self._shown = candidate
        return newer


def _key(answer: _Shown) -> tuple[bool, datetime, int]:
    return (answer.has_modified_at, answer.modified_at, answer.request)
