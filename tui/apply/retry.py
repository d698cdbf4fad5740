"""Polar's 429 asks apply to wait: it tries again after `Retry-After`, within a cap.

A 429 comes from the rate limiter in front of Polar's routes, before anything is done, so
trying a read or an update again is safe. Apply tries each request at most `TRIES` times
and waits at most `MAX_WAIT` seconds in all; a wait that would go past it is not started,
since Polar has said it will refuse until then.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Final, TypeVar

from tui.polar import errors

T = TypeVar("T")
Sleep = Callable[[float], Awaitable[None]]

TRIES: Final = 3
MAX_WAIT: Final = 10.0
"""Seconds, all the waits of one command together."""
NO_RETRY_AFTER_WAIT: Final = 1.0
"""Seconds to wait after a 429 without `Retry-After`."""


class StillRateLimited(errors.RateLimited):
    """Apply gave up: the last 429, and how many tries it took."""

    def __init__(self, last: errors.RateLimited, tries: int) -> None:
        tried = f"429 after {tries} {'try' if tries == 1 else 'tries'}"
        after = last.retry_after
        wait = f"try again in {after} s" if after is not None else "try again later"
        super().__init__(f"{tried}; {wait}.", after)


class Retry:
    """Tries each request up to `TRIES` times; the waits of the whole command together
    stay within `MAX_WAIT`."""

    def __init__(self, sleep: Sleep, waiting: Callable[[float], None]) -> None:
        self._sleep = sleep
        self._waiting = waiting
        """Told each wait's seconds before it starts."""
        self._waited = 0.0

    async def run(self, call: Callable[[], Awaitable[T]]) -> T:
        """`call`'s answer; a 429 is tried again while the cap allows, then raised as
        StillRateLimited."""
        tried = 1
        while True:
            try:
                return await call()
            except errors.RateLimited as error:
                after = error.retry_after
                wait = float(after) if after is not None else NO_RETRY_AFTER_WAIT
                if tried == TRIES or self._waited + wait > MAX_WAIT:
                    raise StillRateLimited(error, tried) from error
            self._waiting(wait)
            await self._sleep(wait)
            self._waited += wait
            tried += 1
