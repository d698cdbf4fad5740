"""Results of IO, posted by workers to the screen that started them, named as past events."""

from __future__ import annotations

from textual.message import Message

from tui.polar.errors import PolarError
from tui.polar.models import CheckoutPublic, FieldError


class SessionLoaded(Message):
    """A read finished; `ticket` orders it against saves started after it."""

    def __init__(self, session: CheckoutPublic, ticket: int) -> None:
        super().__init__()
        self.session = session
        self.ticket = ticket


class SessionUpdated(Message):
    def __init__(self, session: CheckoutPublic) -> None:
        super().__init__()
        self.session = session


class UpdateRejected(Message):
    """422: nothing was applied; the errors belong under their fields."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__()
        self.errors = errors


class RequestFailed(Message):
    """Anything else that went wrong: the session could not be read or saved."""

    def __init__(self, error: PolarError, *, loading: bool) -> None:
        super().__init__()
        self.error = error
        self.loading = loading
