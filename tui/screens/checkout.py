"""The checkout form: panes for what the customer sets, the live summary, submit.

The form's state lives in `FormState`; this screen feeds it what the user and the server
do, and renders what it derives.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import (
    Footer,
    Header,
    LoadingIndicator,
)
from textual.worker import Worker, WorkerState

from tui.domain.clock import Clock
from tui.domain.display import printable
from tui.domain.fields import BY_NAME, REFUSAL_FIELDS
from tui.domain.form import FormState
from tui.domain.form_view import Blocked, NothingToSave, Severity
from tui.domain.outcome import (
    closed_words,
    expired_at_words,
    expiry_warning,
    has_run_out,
    is_open,
)
from tui.messages import RequestFailed, SessionLoaded, SessionUpdated, UpdateRejected
from tui.polar.client import CheckoutClient
from tui.polar.errors import Expired, Invalid, NotOpen, PolarError, Refused
from tui.polar.models import CheckoutPublic, FieldError
from tui.screens.confirm_quit import ConfirmQuitScreen, QuestionScreen
from tui.widgets.checkout_form import CheckoutForm
from tui.widgets.choice_inputs import DiscountInput
from tui.widgets.field import FormField
from tui.widgets.status_lines import Banner, TotalBar
from tui.widgets.summary import SummaryPane


class CheckoutScreen(Screen[None]):
    BINDINGS = [
        Binding("ctrl+s", "submit", "Submit"),
        Binding("ctrl+r", "reload", "Reload"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(
        self,
        client: CheckoutClient,
        secret: str,
        *,
        shown_as: str,
        clock: Clock,
        locale: str | None = None,
    ):
        super().__init__()
        self._client = client
        self._secret = secret
        self._shown_as = shown_as
        self._clock = clock
        self.form = FormState(locale=locale, today=clock().date())
        self._form = CheckoutForm(self.form)
        self._load_failed = False
        self.read_only = False
        """Opened to look at only (`--read-only`): no Submit, whatever the status."""
        self._warned = False
        self._summary = SummaryPane()
        self._banner = Banner()
        self._total_bar = TotalBar()

    def compose(self) -> ComposeResult:
        yield Header()
        yield self._banner
        yield LoadingIndicator(id="loading")
        with Horizontal(id="checkout-body"):
            yield self._form
            yield self._summary
        yield self._total_bar
        yield Footer()

    @property
    def secret(self) -> str:
        return self._secret

    @property
    def session(self) -> CheckoutPublic | None:
        return self.form.session

    @property
    def client(self) -> CheckoutClient:
        return self._client

    @property
    def load_failed(self) -> bool:
        """No session on screen because reading it failed (the banner says why)."""
        return self.form.session is None and self._load_failed

    def form_field(self, name: str) -> FormField | None:
        return self._form.fields.get(name)

    def palette_commands(self) -> Iterator[SystemCommand]:
        """Every action of the form, for the command palette."""
        yield SystemCommand("Submit", "Send the changed fields to Polar", self.action_submit)
        yield SystemCommand("Reload", "Read the session again; edits stay", self.action_reload)
        if len(self.app.screen_stack) > 2:
            yield SystemCommand("Back", "Back to where this session was opened", self.action_back)

    @property
    def editable(self) -> bool:
        """The session is open and the screen was not opened read-only."""
        session = self.form.session
        return not self.read_only and session is not None and is_open(session)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Submit exists only while the session can be edited (it leaves the footer)."""
        if action == "submit":
            return self.editable
        return True

    def _now(self) -> datetime:
        """The server's time: expiry times are the server's (its `Date` header sets the skew)."""
        return self._clock() + self._client.clock_offset

    @property
    def unsaved(self) -> frozenset[str]:
        """Fields a submit would send."""
        return self.form.view().unsaved if self.form.session is not None else frozenset()

    def on_mount(self) -> None:
        self.sub_title = printable(self._shown_as)
        self.query_one("#checkout-body").display = False
        self.set_interval(1.0, self._tick)
        self.load_session()

    # IO ---------------------------------------------------------------------------------

    @work(group="load", exclusive=True, exit_on_error=False)
    async def load_session(self) -> None:
        self._load_failed = False
        request = self.form.send()
        try:
            session = await self._client.get(self._secret)
        except PolarError as error:
            self.post_message(RequestFailed(error, loading=True))
        else:
            self.post_message(SessionLoaded(session, request))

    @work(group="patch", exclusive=True, exit_on_error=False)
    async def save(self, body: dict[str, Any]) -> None:
        request = self.form.send()
        try:
            session = await self._client.update(self._secret, body)
        except Invalid as error:
            self.post_message(UpdateRejected(error.errors))
        except Refused as error:
            field = REFUSAL_FIELDS.get(error.name)
            if field is None:
                self.post_message(RequestFailed(error, loading=False))
            else:
                path = tuple(BY_NAME[field].body.split("."))
                self.post_message(UpdateRejected([FieldError(path, error.message)]))
        except PolarError as error:
            self.post_message(RequestFailed(error, loading=False))
        else:
            self.post_message(SessionUpdated(session, request))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one fallback: an unexpected failure in IO is reported, never a crash."""
        if event.state != WorkerState.ERROR:
            return
        if event.worker.group == "patch":
            self.form.save_failed()
        self.query_one("#loading").display = False
        error = event.worker.error
        self._say(
            f"Something went wrong ({type(error).__name__}).{self._kept()} "
            "Press ctrl+r to reload or ctrl+s to try again.",
            error=True,
        )
        self._show_form()

    # Results ----------------------------------------------------------------------------

    def on_session_loaded(self, message: SessionLoaded) -> None:
        first = self.form.session is None
        self._form.catch_up()
        if not self.form.loaded(message.session, message.request):
            return
        self._say("")
        self._show_session()
        self.query_one("#loading").display = False
        self.query_one("#checkout-body").display = True
        if first:
            self._form.fields["customer_name"].focus_target.focus()

    def on_session_updated(self, message: SessionUpdated) -> None:
        self._form.catch_up()
        self.form.save_succeeded(message.session, message.request)
        self._say("")
        self._show_session()
        self.notify("Saved.", timeout=3)

    def on_update_rejected(self, message: UpdateRejected) -> None:
        general = self.form.save_rejected(message.errors)
        self._say(
            "Polar refused the changes; nothing was saved. "
            + (" ".join(general) if general else "Fix the fields marked below and submit again."),
            error=True,
        )
        self._show_form()
        view = self.form.view()
        self._form.focus_first(
            name for name in self.form.names if view.fields[name].severity == Severity.ERROR
        )

    def on_request_failed(self, message: RequestFailed) -> None:
        if message.loading:
            self._load_failed = True
        else:
            self.form.save_failed()
        error = message.error
        if isinstance(error, NotOpen | Expired):
            self.form.server_said(error.status if isinstance(error, NotOpen) else "expired")
            self._lock_unless_editable()
        hint = ""
        if error.retryable:
            hint = (
                " Press ctrl+r to try again." if message.loading else " Press ctrl+s to try again."
            )
        self._say(f"{error.title}: {error.message}{self._kept()}{hint}", error=True)
        self.query_one("#loading").display = False
        self._show_form()

    # Form -------------------------------------------------------------------------------

    def _show_session(self) -> None:
        session = self.form.session
        if session is None:
            return
        self._form.show_session(session)
        self._summary.show(session, self._now(), self.form.locale)
        self._follow_status()

    def _follow_status(self) -> None:
        """Read-only once the session is closed (or the screen was opened so); say why."""
        session = self.form.session
        if session is None:
            return
        self._lock_unless_editable()
        if not is_open(session):
            self._say(closed_words(session))
        elif self.read_only:
            self._say("Read-only: opened with --read-only, nothing can be changed here.")
        self._refresh_total()

    def _lock_unless_editable(self) -> None:
        self._form.set_read_only(not self.editable)
        self.refresh_bindings()

    def _show_form(self) -> None:
        self._form.show_state()
        self._refresh_total()

    def on_checkout_form_edited(self, _message: CheckoutForm.Edited) -> None:
        self._refresh_total()

    @on(DiscountInput.Apply)
    def _apply_code(self, event: DiscountInput.Apply) -> None:
        event.stop()
        self.action_submit()

    # Actions ----------------------------------------------------------------------------

    def action_submit(self) -> None:
        if self.form.session is None or self.form.saving:
            return
        if self.form.clears_business_details():
            question = QuestionScreen(
                "Not purchasing as a business any more: Polar clears the saved billing name "
                "and tax ID. Save anyway?",
                yes="Save",
                no="Keep editing",
            )
            self.app.push_screen(question, lambda yes: self._submit() if yes else None)
            return
        self._submit()

    def _submit(self) -> None:
        outcome = self.form.begin_save()
        if isinstance(outcome, Blocked):
            self._say("Nothing was sent: fix the fields marked below first.", error=True)
            self._show_form()
            self._form.focus_first(outcome.fields)
            return
        if isinstance(outcome, NothingToSave):
            self._show_form()
            self.notify("Nothing to save: the form matches the server.", timeout=3)
            return
        self.app.clear_notifications()  # an earlier "Saved." must not stand for this save
        self._say("Saving…")
        self._show_form()
        self.save(outcome.body)

    def action_reload(self) -> None:
        """Read the session again; edits not yet submitted stay in the form."""
        if self.form.saving:
            self.notify("Saving… the form shows the server's answer when it arrives.")
            return
        if self.form.session is None:
            self.query_one("#loading").display = True
        self._say("")
        self.load_session()

    def action_back(self) -> None:
        """Back to where the session was opened from, asking first if edits would be lost."""
        if len(self.app.screen_stack) <= 2:
            return
        unsaved = len(self.unsaved)
        if not unsaved:
            self.dismiss()
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.dismiss()

        self.app.push_screen(ConfirmQuitScreen(unsaved, verb="Leave"), answered)

    # Display ----------------------------------------------------------------------------

    def _kept(self) -> str:
        return " Your edits are kept." if self.unsaved else ""

    def _say(self, text: str, *, error: bool = False) -> None:
        self._banner.say(text, error=error)

    def _tick(self) -> None:
        session, now = self.form.session, self._now()
        if session is not None and has_run_out(session, now):
            self._warn_of_expiry(session, now, left=False)
            self.form.server_said("expired")
            self._follow_status()
            self._say(expired_at_words(session, self._clock().astimezone()))
        elif session is not None:
            self._warn_of_expiry(session, now)
        self._summary.tick(now)
        self._refresh_total()

    def _warn_of_expiry(self, session: CheckoutPublic, now: datetime, *, left: bool = True) -> None:
        warning = expiry_warning(session, now) if left else ""
        self._total_bar.set_class(bool(warning), "-warning")
        if warning and (self._warned or not self._banner.display):
            self._say(warning)
            self._warned = True
        elif self._warned and not warning:
            self._say("")
            self._warned = False

    def _refresh_total(self) -> None:
        self._total_bar.show(
            self.form.session,
            self._now(),
            unsaved=len(self.unsaved),
            saving=self.form.saving,
            locale=self.form.locale,
        )
