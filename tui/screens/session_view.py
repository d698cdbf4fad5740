"""A session on screen: the form's panes, the live summary and the status lines, kept in step
with the session's state (closed sessions and `--read-only` take no typing; the countdown
warns, then expires the form on its own). `CheckoutScreen` adds what the user and the server
do to it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from functools import partial

from textual import events
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import (
    Header,
    LoadingIndicator,
)

from tui import keys
from tui.domain.clock import Clock
from tui.domain.display import printable
from tui.domain.form import FormState
from tui.domain.outcome import (
    closed_words,
    expired_at_words,
    expiry_warning,
    has_run_out,
    is_open,
)
from tui.launch import Launch
from tui.messages import RetryDropped, RetryScheduled, RetrySent, StatusSeen
from tui.polar.client import CheckoutClient
from tui.polar.models import CheckoutPublic
from tui.polar.request_log import RequestLog
from tui.screens.inspector import InspectorScreen
from tui.screens.outcome import OutcomeScreen
from tui.screens.recent import Reopen, history
from tui.screens.request_log import REQUEST_LOG_HELP, show_request_log, tell_log_problems
from tui.screens.session_link import SessionLink
from tui.widgets.checkout_form import CheckoutForm
from tui.widgets.field import FormField
from tui.widgets.fitted_footer import FittedFooter
from tui.widgets.status_lines import Banner, TotalBar
from tui.widgets.summary import SummaryPane

DEMO_SERVER = "demo"
"""The server's name in recent sessions for the demo's emulator."""


class SessionView(Screen[None]):
    BINDINGS = [
        Binding("f6", "inspect", "Session inspector", show=False, id=keys.SESSION_INSPECTOR),
        Binding("f4", "request_log", "Request log", show=False, id=keys.REQUEST_LOG),
    ]
    AUTO_FOCUS = ""
    """Nothing takes focus while the session loads (the form's scroll container would, and
    every field under it be restyled twice): the name field does once the form is filled."""

    def __init__(
        self,
        client: CheckoutClient,
        secret: str,
        *,
        shown_as: str,
        clock: Clock,
        launch: Launch,
        ask_before_confirm: str | None = None,
    ):
        """`launch` gives the locale, `--read-only` and `--no-live`. `ask_before_confirm`: the
        server's name, when a confirm there is real (an order, a receipt): asked first; None
        on the demo's emulator."""
        super().__init__()
        self._reopen: Reopen = partial(
            type(self),
            client,
            secret,
            shown_as=shown_as,
            clock=clock,
            launch=launch,
            ask_before_confirm=ask_before_confirm,
        )
        """A fresh screen on this session, for recent sessions (not this one: it is left)."""
        self._server = ask_before_confirm or DEMO_SERVER
        self._shown_as = shown_as
        self._clock = clock
        self._ask_before_confirm = ask_before_confirm
        self.form = FormState(locale=launch.locale, today=clock().date())
        self._form = CheckoutForm(self.form)
        self._link = SessionLink(
            client,
            secret,
            self.form,
            follow_settings=launch.follow if launch.live else None,
        )
        self._load_failed = False
        self.read_only = launch.read_only
        """Opened to look at only (`--read-only`): no Submit, whatever the status."""
        self._warned = False
        self._live = ""
        """How the session is followed, for the total bar."""
        self._confirming = False
        self._hand_off_after_save = False
        self._outcome: OutcomeScreen | None = None
        self._inspector: InspectorScreen | None = None
        self._summary = SummaryPane()
        self._banner = Banner()
        self._waiting_words = ""
        """The banner while a request waits to be tried again (naming the key that stops it),
        then while it is tried again."""
        self._total_bar = TotalBar()

    def compose(self) -> ComposeResult:
        yield Header()
        yield self._banner
        yield LoadingIndicator(id="loading")
        with Horizontal(id="checkout-body"):
            yield self._form
            yield self._summary
        yield self._total_bar
        yield self._link
        yield FittedFooter()

    @property
    def secret(self) -> str:
        return self._link.secret

    @property
    def session(self) -> CheckoutPublic | None:
        return self.form.session

    @property
    def client(self) -> CheckoutClient:
        return self._link.client

    @property
    def request_log(self) -> RequestLog:
        """Every exchange of the app's clients, this session's among them (F4)."""
        return self._link.client.log

    def palette_commands(self) -> Iterator[SystemCommand]:
        """The screen's actions for the command palette: the form's, then the request log."""
        yield from self.form_commands()
        yield SystemCommand("Request log", REQUEST_LOG_HELP, self.action_request_log)

    def form_commands(self) -> Iterator[SystemCommand]:
        """What `CheckoutScreen` offers: nothing here."""
        yield from ()

    def action_request_log(self) -> None:
        show_request_log(self.app, self.request_log)

    @property
    def busy(self) -> bool:
        """Reading or saving the session (a live read included)."""
        return self._link.busy

    @property
    def load_failed(self) -> bool:
        """No session on screen because reading it failed (the banner says why)."""
        return self.form.session is None and self._load_failed

    def form_field(self, name: str) -> FormField | None:
        return self._form.fields.get(name)

    @property
    def editable(self) -> bool:
        """The session is open and the screen was not opened read-only."""
        session = self.form.session
        return not self.read_only and session is not None and is_open(session)

    @property
    def needs_payment(self) -> bool:
        """Paid with a card, in a browser (unknown counts as needed)."""
        session = self.form.session
        return session is None or session.is_payment_form_required is not False

    def _now(self) -> datetime:
        """The server's time: expiry times are the server's (its `Date` header sets the skew)."""
        return self._clock() + self.client.clock_offset

    @property
    def unsaved(self) -> frozenset[str]:
        """Fields a submit would send."""
        return self.form.view().unsaved if self.form.session is not None else frozenset()

    def on_mount(self) -> None:
        self._quiet_log = tell_log_problems(self, self.request_log)
        self.sub_title = printable(self._shown_as)
        recent = history(self.app)
        if recent is not None:
            demo = self._ask_before_confirm is None
            recent.opened(self.secret, self._server, self._reopen, demo=demo)
        self.query_one("#checkout-body").display = False
        self.set_interval(1.0, self._tick)
        self.load_session()

    def on_unmount(self) -> None:
        self._quiet_log()

    def on_resize(self, _event: events.Resize) -> None:
        """The layout may have changed (side by side, or the summary under the form): the
        field in focus stays in view."""
        focused = self.focused
        if focused is not None:
            self.call_after_refresh(focused.scroll_visible, animate=False)

    def load_session(self) -> None:
        self._load_failed = False
        self._link.load()

    # Form -------------------------------------------------------------------------------

    def _show_session(self) -> None:
        session = self.form.session
        if session is None:
            return
        self._form.show_session(session)
        self._summary.show(session, self._now(), self.form.locale)
        self._follow_status()
        if self._outcome is not None:
            self._outcome.show_session(session)
        if self._inspector is not None:
            self._inspector.show_session(session)

    def action_inspect(self) -> None:
        """The session's JSON as the server last sent it, following new answers (F6)."""
        screen = InspectorScreen(self._shown_as, self.secret, self.form.session)

        def closed(_: None) -> None:
            self._inspector = None

        self._inspector = screen
        self.app.push_screen(screen, closed)

    def _show_summary(self) -> None:
        """The summary as the form holds the session now (with a status an error told)."""
        session = self.form.session
        if session is not None:
            self._summary.show(session, self._now(), self.form.locale)

    def on_status_seen(self, message: StatusSeen) -> None:
        """A status the next read may no longer show (a declined payment is `confirmed`, then
        at once `open` again): the outcome screen needs it to tell what happened."""
        if self._outcome is not None:
            self._outcome.saw_status(message.status)

    def on_retry_scheduled(self, message: RetryScheduled) -> None:
        self.refresh_bindings()
        stop = self._key_shown(keys.STOP_RETRYING)
        self._waiting_words = f"{message.notice.text()}." + (
            f" Press {stop} to stop." if stop else ""
        )
        self._say(self._waiting_words)

    def on_retry_sent(self, message: RetrySent) -> None:
        """On its way again: nothing can stop it now (Esc is Back again)."""
        self.refresh_bindings()
        notice = message.notice
        self._waiting_words = f"Trying again (attempt {notice.attempt} of {notice.total})…"
        self._say(self._waiting_words)

    def on_retry_dropped(self, _message: RetryDropped) -> None:
        """Stopped (the failure that follows says so) or replaced by a newer read, waiting or
        on its way again: the key that stopped it is Back again, and the banner says no more
        of it (a live read's answer leaves the banner as it was)."""
        self.refresh_bindings()
        if self._banner.said == self._waiting_words:
            self._say("")

    def _key_shown(self, binding_id: str) -> str:
        """The key that runs the binding `binding_id` now, as the footer shows it; "" if none."""
        for active in self.active_bindings.values():
            if active.binding.id == binding_id:
                return self.app.get_key_display(active.binding)
        return ""

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

    # Display ----------------------------------------------------------------------------

    def _kept(self) -> str:
        return " Your edits are kept." if self.unsaved else ""

    def _say(self, text: str, *, error: bool = False) -> None:
        self._banner.say(text, error=error)

    def _expired_on_screen(self) -> None:
        """The session expired while on screen, as the countdown, a live event or the stream
        found first: read-only, its last summary and the typing kept, "Expired at 14:03"
        whichever it was (once: the others find it expired already)."""
        session = self.form.session
        if session is None or not is_open(session):
            return  # a paid session is past its expiry too, and stays paid
        self._warn_of_expiry(session, self._now(), left=False)
        self.form.server_said("expired")
        self._follow_status()
        self._say(expired_at_words(session, self._clock().astimezone()))
        if self._outcome is not None and self.form.session is not None:
            self._outcome.show_session(self.form.session)

    def _tick(self) -> None:
        session, now = self.form.session, self._now()
        if session is not None and has_run_out(session, now):
            self._expired_on_screen()
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
        self._note_in_recent()
        self._total_bar.show(
            self.form.session,
            self._now(),
            unsaved=len(self.unsaved),
            saving=self.form.saving,
            locale=self.form.locale,
            live=self._live,
            editable=self.editable,
        )

    def _note_in_recent(self) -> None:
        """Recent sessions show the product and status as this screen shows them."""
        session, recent = self.form.session, history(self.app)
        if session is not None and recent is not None:
            product = session.product.name if session.product is not None else ""
            recent.seen(self.secret, self._server, product=product, status=session.status)
