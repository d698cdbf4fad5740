"""The checkout screen's line to the server: it reads, saves and confirms one session and
follows it live, and posts what happened as messages (`tui.messages`). Drawn as nothing.

Requests are numbered by the form state as they are sent, so an answer older than the one on
screen is never shown. A live change that arrives while a save is under way is read once the
save has its answer: the save's answer would otherwise race the read.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import aclosing, nullcontext
from typing import Any

from textual import work
from textual.widget import Widget
from textual.worker import Worker, WorkerState, get_current_worker

from tui.domain.form import FormState
from tui.domain.refusals import refusal_error
from tui.messages import (
    FollowChanged,
    RequestFailed,
    RetryDropped,
    RetryScheduled,
    RetrySent,
    SessionConfirmed,
    SessionLoaded,
    SessionUpdated,
    StatusSeen,
    UpdateRejected,
)
from tui.polar import retrying, watch
from tui.polar.client import CheckoutClient
from tui.polar.errors import AppFailed, Invalid, PolarError, Refused, RetryStopped
from tui.polar.models import CheckoutPublic

Send = Callable[[str, dict[str, Any]], Awaitable[CheckoutPublic]]
_REQUESTS = frozenset({"load", "patch"})
"""The worker groups that ask the server for the session."""


class SessionLink(Widget):
    DEFAULT_CSS = "SessionLink { display: none; }"

    def __init__(
        self,
        client: CheckoutClient,
        secret: str,
        form: FormState,
        *,
        follow_settings: watch.FollowSettings | None = watch.DEFAULT_SETTINGS,
    ) -> None:
        """`follow_settings` None: the session is not followed live (`--no-live`)."""
        super().__init__()
        self.client = client
        self.secret = secret
        self._form = form
        self._follow_settings = follow_settings
        self._read_after_save = False
        self._sending = False
        """A save or confirm is between its request and its answer."""
        self._following = False
        self._waiting: tuple[Worker[None], retrying.RetryNotice] | None = None
        """The request waiting to be tried again, and what it was told, until it is sent."""
        self._retried: Worker[None] | None = None
        """The request last said to be on its way again, until it ends."""

    @work(group="load", exclusive=True, exit_on_error=False)
    async def load(self, *, live: bool = False) -> None:
        """Read the session; `live`: because the server said it changed."""
        request = self._form.send()
        # A live read is the app's own: its retries are not the user's wait, and its success
        # leaves the banner as it was.
        told = nullcontext() if live else retrying.notices_to(self._retrying, wait_over=self._sent)
        try:
            with told:
                session = await self.client.get(self.secret)
        except PolarError as error:
            self.post_message(RequestFailed(error, loading=True, live=live))
        else:
            self.post_message(SessionLoaded(session, request, live=live))

    def save(self, body: dict[str, Any]) -> None:
        self._sending = True
        self._send(self.client.update, body, confirming=False)

    def confirm(self, body: dict[str, Any]) -> None:
        self._sending = True
        self._send(self.client.confirm, body, confirming=True)

    @work(group="patch", exclusive=True, exit_on_error=False)
    async def _send(self, send: Send, body: dict[str, Any], *, confirming: bool) -> None:
        request = self._form.send()
        try:
            with retrying.notices_to(self._retrying, wait_over=self._sent):
                session = await send(self.secret, body)
        except Invalid as error:
            self.post_message(UpdateRejected(error.errors))
        except Refused as error:
            refused = refusal_error(error.name, error.message)
            if refused is None:
                self.post_message(RequestFailed(error, loading=False))
            else:
                self.post_message(UpdateRejected([refused], reason=refused.message))
        except PolarError as error:
            self.post_message(RequestFailed(error, loading=False))
        else:
            answer = SessionConfirmed if confirming else SessionUpdated
            self.post_message(answer(session, request))
        finally:
            self._sending = False
            self._read_if_changed_meanwhile()

    def _retrying(self, notice: retrying.RetryNotice) -> None:
        self._waiting = (get_current_worker(), notice)
        self.post_message(RetryScheduled(notice))

    def _sent(self) -> None:
        """The wait of this worker's request is over. A read and a save may both wait: the
        other one's stays, and can still be stopped."""
        if self._waiting is None or self._waiting[0] is not get_current_worker():
            return
        self._retried, notice = self._waiting
        self._waiting = None
        self.post_message(RetrySent(notice))

    @property
    def waiting_to_retry(self) -> bool:
        """A read or a save waits to be tried again (nothing of it is on its way)."""
        return self._waiting is not None and not self._waiting[0].is_finished

    def stop_retrying(self) -> None:
        """The request waiting to be tried again is tried no more, and fails as stopped. Only
        while it waits: one on its way is never stopped (a confirm half sent may still pay)."""
        if not self.waiting_to_retry:
            return
        assert self._waiting is not None
        worker, notice = self._waiting
        self._waiting = None
        worker.cancel()
        self.post_message(RetryDropped())
        stopped = RetryStopped(notice.error, notice.attempt - 1)
        self.post_message(RequestFailed(stopped, loading=worker.group == "load"))

    def _read_if_changed_meanwhile(self) -> None:
        if self._read_after_save:
            self._read_after_save = False
            self.load(live=True)

    # Live -------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """A read or a save is under way, or a live read waits for a save to end."""
        return self._read_after_save or any(
            worker.node is self and worker.group in _REQUESTS and not worker.is_finished
            for worker in self.app.workers
        )

    @property
    def follows(self) -> bool:
        """The session is followed live (not `--no-live`)."""
        return self._follow_settings is not None

    def start_following(self) -> None:
        """Follow the session's changes from now on (once; a no-op with `--no-live`)."""
        if self._follow_settings is not None and not self._following:
            self._following = True
            self._follow(self._follow_settings)

    @work(group="follow", exclusive=True, exit_on_error=False)
    async def _follow(self, settings: watch.FollowSettings) -> None:
        async with aclosing(watch.follow(self.client, self.secret, settings)) as signals:
            async for signal in signals:
                if isinstance(signal, watch.Changed):
                    if signal.status:
                        self.post_message(StatusSeen(signal.status))
                    self._changed()
                else:
                    self.post_message(FollowChanged(signal))

    def _changed(self) -> None:
        if self._sending:
            self._read_after_save = True
        else:
            self.load(live=True)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A request that ends while waiting to be tried again, or cancelled on its way again
        (a newer read replaced it), is dropped: no answer of it will say so. The one fallback:
        an unexpected failure in IO is reported, never a crash."""
        waiting = self._waiting is not None and self._waiting[0] is event.worker
        if waiting and event.worker.is_finished:
            self._waiting = None
            self.post_message(RetryDropped())
        if event.worker is self._retried and event.worker.is_finished:
            self._retried = None
            if event.state == WorkerState.CANCELLED:
                self.post_message(RetryDropped())
        if event.state != WorkerState.ERROR:
            return
        error = AppFailed(f"{type(event.worker.error).__name__} in the app.")
        if event.worker.group == "follow":
            self.post_message(FollowChanged(None))
        else:
            self.post_message(RequestFailed(error, loading=event.worker.group == "load"))
