"""The sessions opened in this run, newest first, with what the checkout screen last learnt
of each (product, status): support opens dozens a day and goes back to some."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Generic, TypeVar

from tui.polar.secret import mask_secret

Reopen = TypeVar("Reopen")
"""How the app opens the session again (the history only keeps it)."""


@dataclass(frozen=True, slots=True)
class RecentSession(Generic[Reopen]):
    secret: str
    server: str
    """The server's name as the app shows it (`sandbox`, `127.0.0.1:8000`, `demo`)."""
    demo: bool
    """On the demo's emulator: its secrets are no credentials and show in full."""
    reopen: Reopen
    product: str = ""
    status: str = ""
    """As last seen; empty until the session was read."""

    @property
    def shown_secret(self) -> str:
        return self.secret if self.demo else mask_secret(self.secret)


class RecentSessions(Generic[Reopen]):
    """One entry a session (a secret on a server): opening it again moves it to the top."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], RecentSession[Reopen]] = {}

    def opened(self, secret: str, server: str, reopen: Reopen, *, demo: bool) -> None:
        """The session is on screen now: first in the list, with what was known of it."""
        known = self._entries.pop((server, secret), None)
        entry = RecentSession(secret, server, demo, reopen)
        if known is not None:
            entry = replace(entry, product=known.product, status=known.status)
        self._entries[(server, secret)] = entry

    def seen(self, secret: str, server: str, *, product: str, status: str) -> None:
        """The checkout screen learnt the session's product and status; the order stays."""
        key = (server, secret)
        if key in self._entries:
            self._entries[key] = replace(self._entries[key], product=product, status=status)

    def newest_first(self) -> list[RecentSession[Reopen]]:
        return list(reversed(self._entries.values()))
