"""Polar's rate limit on confirming checkouts, counted on the injected clock.

Polar (production and sandbox) runs `asgi-ratelimit` with a Redis backend in
front of its API. For confirm it applies, to every path matching
`^/v1/checkouts/.+/confirm` (both prefixes, any method, any session, whatever
the answer turns out to be), the zone `checkout-confirm`: 6 requests a minute and
20 an hour per client, then a 1800-second block. The emulator does the same:

- The client is who Polar's limiter thinks it is: the hash of a bearer token if
  the request carries one, else the `True-Client-IP` header (set by Cloudflare),
  else the connection's address. So the limit is per client, not per session.
- Windows are fixed and start at a client's first request in them (Redis keys
  created with `SET NX EX`): a minute window allows 6 requests until 60 s after
  the first, an hour window 20 until 3600 s after the first.
- The request that finds a window used up is refused and blocks the client for
  1800 s: it gets `Retry-After: 1800`, and every request of that client to any
  `/v1` path (Polar's catch-all zone sends them all through the limiter) gets 429
  with `Retry-After` = the block's remaining seconds (Redis `TTL`, rounded to the
  nearest second). A refused request counts in no window.
- 429 bodies are empty.

Not modelled: Polar's catch-all `api` zone limits (500 a minute per client in
production, 100 in sandbox, 60 for unverified bearer tokens): a client of the
emulator never comes near them except when polling with a bearer token.
"""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final

from tui.emulator.model.clock import Clock

LIMITED_PATHS: Final = re.compile(r"^/v1")
"""Every path Polar's limiter sees: a blocked client is refused on all of them."""


@dataclass(frozen=True, slots=True)
class Window:
    name: str
    limit: int
    length: timedelta


@dataclass(frozen=True, slots=True)
class Rule:
    zone: str
    path: re.Pattern[str]
    windows: tuple[Window, ...]
    block: timedelta


CONFIRM_RULE: Final = Rule(
    zone="checkout-confirm",
    path=re.compile(r"^/v1/checkouts/.+/confirm"),
    windows=(
        Window("minute", 6, timedelta(minutes=1)),
        Window("hour", 20, timedelta(hours=1)),
    ),
    block=timedelta(seconds=1800),
)
RULES: Final = (CONFIRM_RULE,)


def client_identity(
    authorization: str | None, true_client_ip: str | None, client_host: str | None
) -> str:
    """Who the limiter counts a request for, as Polar's `_authenticate` decides."""
    if authorization is not None:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() == "bearer" and token:
            digest = hashlib.blake2b(token.encode(), digest_size=16).hexdigest()
            return f"token:{digest}"
    return true_client_ip or client_host or "anonymous"


@dataclass(slots=True)
class _Counter:
    remaining: int
    resets_at: datetime


def _whole_seconds(delta: timedelta) -> int:
    """Redis `TTL`: the remaining milliseconds rounded to the nearest second."""
    milliseconds = delta // timedelta(milliseconds=1)
    return int((milliseconds + 500) // 1000)


class RateLimiter:
    """Counters and blocks per client, on `clock`; safe to call from any thread."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._counters: dict[tuple[str, str, str], _Counter] = {}
        self._blocked_until: dict[str, datetime] = {}

    def reset(self) -> None:
        with self._lock:
            self._counters.clear()
            self._blocked_until.clear()

    def retry_after(self, path: str, client: str) -> int:
        """0 to let the request through (it is counted), else the seconds to send in Retry-After."""
        if not LIMITED_PATHS.match(path):
            return 0
        now = self._clock.now()
        with self._lock:
            blocked_until = self._blocked_until.get(client)
            if blocked_until is not None:
                remaining = _whole_seconds(blocked_until - now)
                if remaining > 0:
                    return remaining
                del self._blocked_until[client]
            rule = next((rule for rule in RULES if rule.path.match(path)), None)
            if rule is None:
                return 0
            counters = [self._counter(rule, window, client, now) for window in rule.windows]
            if any(counter.remaining < 1 for counter in counters):
                self._blocked_until[client] = now + rule.block
                return _whole_seconds(rule.block)
            for counter in counters:
                counter.remaining -= 1
            return 0

    def kept(self) -> dict[str, Any]:
        """The counters and blocks, as JSON, for a restart to take back (`restore`)."""
        with self._lock:
            return {
                "counters": [
                    [*key, counter.remaining, counter.resets_at.isoformat()]
                    for key, counter in self._counters.items()
                ],
                "blocked": {
                    client: until.isoformat() for client, until in self._blocked_until.items()
                },
            }

    def restore(self, kept: dict[str, Any]) -> None:
        with self._lock:
            self._counters = {
                (zone, client, window): _Counter(remaining, datetime.fromisoformat(resets_at))
                for zone, client, window, remaining, resets_at in kept["counters"]
            }
            self._blocked_until = {
                client: datetime.fromisoformat(until) for client, until in kept["blocked"].items()
            }

    def _counter(self, rule: Rule, window: Window, client: str, now: datetime) -> _Counter:
        key = (rule.zone, client, window.name)
        counter = self._counters.get(key)
        if counter is None or counter.resets_at <= now:
            counter = _Counter(window.limit, now + window.length)
            self._counters[key] = counter
        return counter
