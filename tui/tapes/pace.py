"""How fast a tape acts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class Pace:
    """How fast a tape acts. The default, for headless runs, is as fast as the app goes."""

    keystroke: float = 0.0
    """Seconds before each key a tape types or presses; 0 sends a `type` line's keys at once."""
    linger: float = 0.0
    """Seconds to stay on a `wait` or `expect` line once it holds, for people to read it."""

    @classmethod
    def person(cls, speed: float = 1.0) -> Pace:
        """About 12 characters a second, and a pause on what a tape checks; times `speed`."""
        return cls(keystroke=1 / (12 * speed), linger=1 / speed)


HEADLESS: Final = Pace()
"""As fast as the app goes: no time between keys, none on what a tape checks."""
