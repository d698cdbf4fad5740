"""Which requests are tried again, how often and how far apart: one policy, run by stamina.

GET and PATCH are safe to repeat (PATCH sets absolute values): they are tried again after a
refused or timed-out connection, a dropped answer, a 5xx and a 429, at most `TRIES` times
in all, with exponential backoff and jitter capped at `WAIT_CAP` seconds. A 409
`CheckoutLocked` (Polar is finishing a payment) is tried again for PATCH only. A
`Retry-After` within the cap is waited out exactly; a longer one is not waited out at all
(the error says until when Polar refuses). Confirm (POST) is repeated only when the
connection failed before anything was sent: a second confirm could pay twice.

Whoever waits for a request can hear of each retry before its wait (`notices_to`): the
attempt about to be made, of how many, and the seconds until then; and, optionally, when the
wait is over and that attempt is being sent. Between the two nothing is on its way, so the
wait may be stopped (the task cancelled) without leaving a request half sent.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Final, TypeVar

import stamina
from stamina.instrumentation import RetryDetails, get_on_retry_hooks, set_on_retry_hooks

from tui.polar import errors

T = TypeVar("T")

TRIES: Final = 3
WAIT_CAP: Final = 10.0
"""Seconds: no wait between two tries is longer; a `Retry-After` past it is not waited out."""
FIRST_WAIT: Final = 1.0
"""Seconds before the second try (then doubled), plus up to `JITTER`."""
JITTER: Final = 1.0
_TRANSIENT = (
    errors.ConnectionFailed,
    errors.ConnectionLost,
    errors.TimedOut,
    errors.ServerFailed,
    errors.RateLimited,
)


@dataclass(frozen=True, slots=True)
class RetryNotice:
    """A request failed and will be tried again: `attempt` of `total`, in `delay` seconds."""

    attempt: int
    total: int
    delay: float
    error: errors.PolarError

    def text(self) -> str:
        """`Polar is busy — retrying in 2 s, attempt 2 of 3`."""
        return (
            f"Polar is busy — retrying in {round(self.delay)} s, "
            f"attempt {self.attempt} of {self.total}"
        )


Listener = Callable[[RetryNotice], None]
_LISTENER: ContextVar[Listener | None] = ContextVar("retry_listener", default=None)
_WAIT_OVER: ContextVar[Callable[[], None] | None] = ContextVar("retry_wait_over", default=None)


@contextmanager
def notices_to(
    listener: Listener, *, wait_over: Callable[[], None] | None = None
) -> Iterator[None]:
    """Tell `listener` of every retry of the requests made in this block (this task) before
    its wait, and `wait_over` as the retry is sent."""
    token = _LISTENER.set(listener)
    over = _WAIT_OVER.set(wait_over)
    try:
        yield
    finally:
        _WAIT_OVER.reset(over)
        _LISTENER.reset(token)


def decision(method: str, error: Exception) -> bool | float:
    """Whether to try `method` again after `error`: False, True (the policy's backoff), or the
    seconds Polar asked to wait."""
    if not isinstance(error, errors.PolarError):
        return False
    if method == "POST":
        return isinstance(error, errors.ConnectionFailed)
    if isinstance(error, errors.Locked):
        return method == "PATCH"
    if isinstance(error, errors.RateLimited) and error.retry_after is not None:
        return float(error.retry_after) if error.retry_after <= WAIT_CAP else False
    return isinstance(error, _TRANSIENT)


async def run(method: str, call: Callable[[], Awaitable[T]]) -> T:
    """`call`'s answer, tried again as the policy allows for `method`; the last error is
    raised marked with the number of tries when there were more than one."""
    _install_hook()
    tried = 0
    try:
        async for attempt in stamina.retry_context(
            on=lambda error: decision(method, error),
            attempts=TRIES,
            timeout=None,
            wait_initial=FIRST_WAIT,
            wait_max=WAIT_CAP,
            wait_jitter=JITTER,
        ):
            with attempt:
                tried = attempt.num
                wait_over = _WAIT_OVER.get()
                if tried > 1 and wait_over is not None:
                    wait_over()
                return await call()
    except errors.PolarError as error:
        if tried > 1:
            error.tried(tried)
        raise
    raise AssertionError("stamina ended without an answer or an error")


def _notify(details: RetryDetails) -> None:
    listener = _LISTENER.get()
    error = details.caused_by
    if listener is not None and isinstance(error, errors.PolarError):
        listener(RetryNotice(details.retry_num + 1, TRIES, details.wait_for, error))


def _install_hook() -> None:
    """Retries are reported to the listener of the task that waits (stamina's hooks are
    global; the listener is per task)."""
    if _notify not in get_on_retry_hooks():
        set_on_retry_hooks([_notify])
