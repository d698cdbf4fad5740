"""What can go wrong talking to Polar, as types the screens can explain."""

from __future__ import annotations

from tui.polar.models import FieldError
from tui.polar.secret import redact_secrets


class PolarError(Exception):
    """Base of every failure the client reports; `message` is for people. `retryable`:
    trying again can help (a busy or failing server, the network), as opposed to an answer
    that will stay the same (expired, not found, not permitted, not open)."""

    title = "Request failed"
    retryable = False

    def __init__(self, message: str) -> None:
        message = redact_secrets(message)  # server details and exceptions may quote one
        super().__init__(message)
        self.message = message
        self.tries = 1
        """How many times the request was sent before this answer (`tui.polar.retrying`)."""

    def tried(self, tries: int) -> None:
        """Mark the error as the last of `tries` tries, in its message too."""
        self.tries = tries
        self.message = f"{self.message.removesuffix('.')} (tried {tries} times)."


class NotFound(PolarError):
    title = "Checkout not found"


class VersionRefused(PolarError):
    """A 404 without Polar's error name: what Polar answers to a `Polar-Version` it no longer
    accepts (an unknown route answers the same)."""

    title = "API version not accepted"


class Expired(PolarError):
    title = "Checkout expired"


class NotOpen(PolarError):
    title = "Checkout is not open"

    def __init__(self, message: str, status: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        """The status Polar named (`succeeded`, `confirmed`, ...), when it named one."""


_NOT_OPEN_WORDS = {
    "succeeded": "This checkout was already paid (succeeded).",
    "confirmed": "This checkout is being paid (confirmed).",
    "expired": "This checkout has expired.",
    "failed": "This checkout failed.",
}


def not_open(detail: str) -> NotOpen:
    """Polar's "Checkout <id> is not open: <status>" in words, without the internal id."""
    status = detail.rsplit(":", 1)[-1].strip() if ":" in detail else None
    words = _NOT_OPEN_WORDS.get(status or "", f"This checkout is not open ({status}).")
    if status is None:
        words = "This checkout is not open."
    return NotOpen(f"{words} It can no longer be edited.", status)


class NotPermitted(PolarError):
    title = "Not permitted"


class Refused(PolarError):
    """Another 403 on an update (an active subscription, a discount's per-customer limit):
    Polar refused it and applied nothing; the message is Polar's."""

    title = "Polar refused the change"

    def __init__(self, message: str, name: str = "") -> None:
        super().__init__(message)
        self.name = name
        """Polar's error name (`AlreadyActiveSubscriptionError`, ...), when it sent one."""


class Locked(PolarError):
    retryable = True
    title = "Checkout busy"


class RateLimited(PolarError):
    retryable = True
    title = "Too many requests"

    def __init__(self, message: str, retry_after: int | None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ServerFailed(PolarError):
    retryable = True
    title = "Polar had a problem"


class ConnectionFailed(PolarError):
    """No connection: nothing was sent (refused, unreachable, a connect time-out)."""

    retryable = True
    title = "Cannot reach the server"


class ConnectionLost(PolarError):
    retryable = True
    title = "Connection lost mid-answer"


class TimedOut(PolarError):
    retryable = True
    title = "The server did not answer in time"


class AppFailed(PolarError):
    """Not the server: the app itself failed while asking it (a bug, reported as such)."""

    retryable = True
    title = "Something went wrong"


class RetryStopped(PolarError):
    """The user stopped a request while it waited to be tried again: nothing more was sent."""

    retryable = True
    title = "Stopped retrying"

    def __init__(self, last: PolarError, tries: int) -> None:
        times = "1 try" if tries == 1 else f"{tries} tries"
        super().__init__(f"nothing more was sent after {times}; the last answer: {last.title}.")


class UnexpectedResponse(PolarError):
    title = "Unexpected answer"


class Invalid(PolarError):
    """422: Polar refused the update; nothing was applied."""

    title = "Polar refused the changes"

    def __init__(self, errors: list[FieldError]) -> None:
        count = len(errors)
        super().__init__(
            "1 field needs attention." if count == 1 else f"{count} fields need attention."
        )
        self.errors = errors
