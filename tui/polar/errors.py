"""What can go wrong talking to Polar, as types the screens can explain."""

from __future__ import annotations

from tui.polar.models import FieldError


class PolarError(Exception):
    """Base of every failure the client reports; `message` is for people."""

    title = "Request failed"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(PolarError):
    title = "Checkout not found"


class Expired(PolarError):
    title = "Checkout expired"


class NotOpen(PolarError):
    title = "Checkout is not open"


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
    title = "Checkout busy"


class RateLimited(PolarError):
    title = "Too many requests"

    def __init__(self, message: str, retry_after: int | None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ServerFailed(PolarError):
    title = "Polar had a problem"


class ConnectionFailed(PolarError):
    title = "Cannot reach the server"


class ConnectionLost(PolarError):
    title = "Connection lost mid-answer"


class TimedOut(PolarError):
    title = "The server did not answer in time"


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
