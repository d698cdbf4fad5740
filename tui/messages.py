"""Results of IO, posted by workers to the screen that started them, named as past events."""

from __future__ import annotations

from textual.message import Message

from tui.polar.errors import PolarError
from tui.polar.models import CheckoutPublic, FieldError
from tui.polar.retrying import RetryNotice
from tui.polar.watch import Gone, Mode


class SessionLoaded(Message):
    """A read finished; `request` is the number it was sent with (answers are ordered by it);
    `live`: read because the server said the session changed."""

    def __init__(self, session: CheckoutPublic, request: int, *, live: bool = False) -> None:
        super().__init__()
        self.session = session
        self.request = request
        self.live = live


class SessionUpdated(Message):
    """A save finished; `request` is the number it was sent with."""

    def __init__(self, session: CheckoutPublic, request: int) -> None:
        super().__init__()
        self.session = session
        self.request = request


class SessionConfirmed(Message):
    """A confirm went through: the session is `confirmed` and on its way to `succeeded`."""

    def __init__(self, session: CheckoutPublic, request: int) -> None:
        super().__init__()
        self.session = session
        self.request = request


class UpdateRejected(Message):
    """422, or a 403 that concerns one field: nothing was applied; the errors belong under
    their fields. `reason`: a 403's words for the banner (empty for a 422)."""

    def __init__(self, errors: list[FieldError], *, reason: str = "") -> None:
        super().__init__()
        self.errors = errors
        self.reason = reason


class RequestFailed(Message):
    """Anything else that went wrong: the session could not be read or saved."""

    def __init__(self, error: PolarError, *, loading: bool, live: bool = False) -> None:
        super().__init__()
        self.error = error
        self.loading = loading
        self.live = live


class StatusSeen(Message):
    """A live event named the session's new status (it may have moved on by the next read)."""

    def __init__(self, status: str) -> None:
        super().__init__()
        self.status = status


class FollowChanged(Message):
    """How the session is followed changed (`Mode`), or the server ended it (`Gone`);
    None: the follower itself failed (a bug), so the session is no longer followed."""

    def __init__(self, signal: Mode | Gone | None) -> None:
        super().__init__()
        self.signal = signal


class RetryScheduled(Message):
    """A read or save failed in a way trying again can fix; the client waits, then tries."""

    def __init__(self, notice: RetryNotice) -> None:
        super().__init__()
        self.notice = notice


class RetrySent(Message):
    """The wait is over: the request is on its way again (`notice.attempt` of
    `notice.total`), and can no longer be stopped."""

    def __init__(self, notice: RetryNotice) -> None:
        super().__init__()
        self.notice = notice


class RetryDropped(Message):
    """The request waiting to be tried again will not be: stopped, or replaced by a newer
    read."""
