"""The checkout: what the user does to the session on screen (submit, confirm, pay in a
browser, reload, back, settle a conflict) and what the server answers.

The form's state lives in `FormState`; the requests go through `SessionLink`; the screen
feeds the form what happens and renders what it derives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from textual import on
from textual.app import SystemCommand
from textual.binding import Binding

from tui import keys
from tui.domain.form_view import Blocked, NothingToSave, Severity
from tui.domain.live import live_words
from tui.domain.outcome import closed_words
from tui.domain.summary import total_text
from tui.key_hints import key_hint, with_key
from tui.messages import (
    FollowChanged,
    RequestFailed,
    SessionConfirmed,
    SessionLoaded,
    SessionUpdated,
    UpdateRejected,
)
from tui.polar import watch
from tui.polar.errors import ConnectionLost, Expired, NotFound, NotOpen, TimedOut
from tui.polar.models import CheckoutPublic
from tui.screens.confirm_quit import QuestionScreen, go_unless_unsaved
from tui.screens.outcome import ConfirmedScreen, OutcomeScreen
from tui.screens.recent import RECENT_BINDING, Reopen, recent_command, show_recent
from tui.screens.session_view import SessionView
from tui.startup import resume_collection
from tui.widgets.choice_inputs import DiscountInput
from tui.widgets.field import KEEP_MINE_KEY, TAKE_SERVER_KEY, FormField


class CheckoutScreen(SessionView):
    BINDINGS = [
        Binding("ctrl+s", "submit", "Submit", id=keys.SUBMIT),
        Binding("ctrl+o", "confirm", "Confirm", id=keys.CONFIRM),
        Binding("ctrl+o", "pay_in_browser", "Pay in browser", id=keys.PAY_IN_BROWSER),
        Binding(keys.RELOAD_KEY, "reload", "Reload", id=keys.RELOAD),
        Binding("escape", "stop_retrying", "Stop retrying", id=keys.STOP_RETRYING),
        Binding("escape", "back", "Back", id=keys.BACK),
        Binding(TAKE_SERVER_KEY, "take_server", "Take server's", id=keys.TAKE_SERVER),
        Binding(KEEP_MINE_KEY, "keep_mine", "Keep mine", id=keys.KEEP_MINE),
        RECENT_BINDING,
    ]

    def form_commands(self) -> Iterator[SystemCommand]:
        """Every action of the form, for the command palette."""
        if self.editable:
            yield SystemCommand("Submit", "Send the changed fields to Polar", self.action_submit)
            yield SystemCommand(
                "Confirm checkout",
                "Finish the checkout: confirm it, or pay in a browser",
                self.action_confirm,
            )
        yield SystemCommand("Reload", "Read the session again; edits stay", self.action_reload)
        yield SystemCommand(
            "Session inspector",
            "The session's JSON as the server last sent it, secrets masked, with a search",
            self.action_inspect,
        )
        yield recent_command(self.action_recent_sessions)
        if len(self.app.screen_stack) > 2:
            yield SystemCommand("Back", "Back to where this session was opened", self.action_back)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Submit and Confirm exist only while the session can be edited (they leave the
        footer); Confirm is "Pay in browser" where a card is needed. Taking either value of
        a conflict exists while the field in focus is in conflict."""
        if action in ("take_server", "keep_mine"):
            return self.editable and self._conflict_in_focus() is not None
        if action == "stop_retrying":
            return self._link.waiting_to_retry
        if action == "submit":
            return self.editable
        if action == "confirm":
            return self.editable and not self.needs_payment
        if action == "pay_in_browser":
            return self.editable and self.needs_payment
        return True

    # Results ----------------------------------------------------------------------------

    def on_unmount(self) -> None:
        resume_collection()  # left before the first load ended: collect as usual all the same

    def on_session_loaded(self, message: SessionLoaded) -> None:
        first = self.form.session is None
        self._form.catch_up()
        refreshed = self.form.refreshed(message.session, message.request)
        if refreshed is None:
            return
        if not message.live:
            self._say("")
        self._show_session()
        if refreshed.note:
            self.notify(refreshed.note, markup=False)
        self.query_one("#loading").display = False
        self.query_one("#checkout-body").display = True
        if first:
            self._form.fields["customer_name"].focus_target.focus()
            self._link.start_following()
            self.call_after_refresh(resume_collection)

    def on_session_updated(self, message: SessionUpdated) -> None:
        self._form.catch_up()
        self.form.save_succeeded(message.session, message.request)
        self._say("")
        self._show_session()
        if self._hand_off_after_save and not self.needs_payment:
            self._hand_off_after_save = False  # the save left nothing to pay (a 100 % code)
            confirm = key_hint(self, keys.CONFIRM)
            self._say(f"Saved. Nothing to pay now: press {confirm} to confirm the checkout.")
        elif self._hand_off_after_save:
            self._hand_off()
        else:
            self.notify("Saved.", timeout=3)

    def on_session_confirmed(self, message: SessionConfirmed) -> None:
        self._form.catch_up()
        self._confirming = False
        self.form.save_succeeded(message.session, message.request)
        self._show_session()
        self._push_outcome(ConfirmedScreen, message.session)

    def on_update_rejected(self, message: UpdateRejected) -> None:
        general = self.form.save_rejected(message.errors)
        self._hand_off_after_save = False
        lead = "Polar refused the changes; nothing was saved. "
        fix = "Fix the fields marked below and submit again."
        if self._confirming:
            lead = "Polar cannot confirm the checkout yet. "
            fix = "Fill in the fields marked below."
        self._confirming = False
        self._say(lead + (" ".join(general) if general else message.reason or fix), error=True)
        self._show_form()
        view = self.form.view()
        self._form.focus_first(
            name for name in self.form.names if view.fields[name].severity == Severity.ERROR
        )

    def on_request_failed(self, message: RequestFailed) -> None:
        error = message.error
        if isinstance(error, Expired) and message.live:
            self._expired_on_screen()
            return
        session = self.form.session
        paid = session is not None and session.status in ("confirmed", "succeeded")
        if isinstance(error, Expired) and session is not None and paid:
            self.query_one("#loading").display = False
            self._say(f"{closed_words(session)} Polar no longer answers for it: past its expiry.")
            return  # a paid session past its expiry stays paid
        if isinstance(error, NotOpen | Expired):
            self.form.server_said(error.status if isinstance(error, NotOpen) else "expired")
            self._show_summary()
            self._lock_unless_editable()
        elif message.live:
            return  # a live read that failed: the next change or reconnect reads again
        if message.loading:
            self._load_failed = True
            self.call_after_refresh(resume_collection)
        else:
            self.form.save_failed()
        key_id = (
            keys.RELOAD if message.loading else keys.CONFIRM if self._confirming else keys.SUBMIT
        )
        key = key_hint(self, key_id)
        self._confirming = self._hand_off_after_save = False
        hint = f" Press {key} to try again." if error.retryable else ""
        said = error.message  # a lost answer's names the reload key (our text, no server's)
        if isinstance(error, TimedOut | ConnectionLost):
            said = with_key(said, self, keys.RELOAD, keys.RELOAD_KEY)
        self._say(f"{error.title}: {said}{self._kept()}{hint}", error=True)
        self.query_one("#loading").display = False
        self._show_form()

    def on_follow_changed(self, message: FollowChanged) -> None:
        signal = message.signal
        self._live = live_words(signal)
        if isinstance(signal, watch.Gone) and self.form.session is not None:
            if signal.status == 410:
                self._expired_on_screen()
            elif signal.status == 404:
                self._say(f"{NotFound.title}: Polar no longer knows this checkout.", error=True)
            elif signal.status == 403:
                self._say(
                    f"Not live: Polar refuses this checkout's updates ({signal.error or 403}). "
                    f"Press {key_hint(self, keys.RELOAD)} to read it again and see why.",
                    error=True,
                )
        self._refresh_total()

    @on(DiscountInput.Apply)
    def _apply_code(self, event: DiscountInput.Apply) -> None:
        event.stop()
        self.action_submit()

    # Actions ----------------------------------------------------------------------------

    def action_submit(self) -> None:
        if not self.editable or self.form.saving:
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
            self._blocked(outcome)
            return
        if isinstance(outcome, NothingToSave):
            self._show_form()
            self.notify("Nothing to save: the form matches the server.", timeout=3)
            return
        self.app.clear_notifications()  # an earlier "Saved." must not stand for this save
        self._say("Saving…")
        self._show_form()
        self._link.save(outcome.body)

    def action_confirm(self) -> None:
        """Finish the checkout: confirm it here when nothing is paid, else pay in a browser.
        On a real server the user is asked first: a confirm creates an order."""
        if not self.editable or self.form.saving:
            return
        if self.needs_payment:
            self.action_pay_in_browser()
            return
        if self._ask_before_confirm is None:
            self._confirm()
            return
        session = self.form.session
        assert session is not None
        email = str(self.form.text("customer_email")).strip() or "no email yet"
        question = QuestionScreen(
            f"Confirm this checkout on {self._ask_before_confirm}? Polar creates a real order "
            f"for {email}, sends the receipt and grants the benefits. "
            f"Total: {total_text(session, self.form.locale)}.",
            yes="Confirm",
            no="Cancel",
        )
        asked = total_text(session, self.form.locale)
        self.app.push_screen(question, lambda yes: self._confirm_as_asked(asked) if yes else None)

    def _confirm_as_asked(self, asked_total: str) -> None:
        """Confirm, unless the session changed while the question was open: the user
        agreed to what it said, not to what the server has since."""
        session = self.form.session
        if session is None or not self.editable or self.form.saving or self.needs_payment:
            return
        if total_text(session, self.form.locale) != asked_total:
            confirm = key_hint(self, keys.CONFIRM)
            self.notify(f"The total changed while you were asked: look again, then {confirm}.")
            return
        self._confirm()

    def _confirm(self) -> None:
        outcome = self.form.begin_confirm()
        if isinstance(outcome, Blocked):
            self._blocked(outcome)
            return
        self._confirming = True
        self.app.clear_notifications()
        self._say("Confirming…")
        self._show_form()
        self._link.confirm(outcome.body)

    def action_pay_in_browser(self) -> None:
        """Save what is pending, then hand the checkout to a browser (a card is needed)."""
        if not self.editable or self.form.saving:
            return
        outcome = self.form.begin_save()
        if isinstance(outcome, Blocked):
            self._blocked(outcome)
        elif isinstance(outcome, NothingToSave):
            self._show_form()
            self._hand_off()
        else:
            self._hand_off_after_save = True
            self._say("Saving before the hand-off…")
            self._show_form()
            self._link.save(outcome.body)

    def _hand_off(self) -> None:
        self._hand_off_after_save = False
        session = self.form.session
        assert session is not None
        from tui.screens.handoff import HandoffScreen  # its QR code: only when handing off

        self._push_outcome(HandoffScreen, session)

    def _push_outcome(self, kind: type[OutcomeScreen], session: CheckoutPublic) -> None:
        """Follow the session to its outcome on its own screen, fed by this one's reads."""
        screen = kind(
            session, shown_as=self._shown_as, locale=self.form.locale, following=self._link.follows
        )

        def closed(_: None) -> None:
            self._outcome = None

        self._outcome = screen
        self.app.push_screen(screen, closed)

    def _blocked(self, outcome: Blocked) -> None:
        self._say("Nothing was sent: fix the fields marked below first.", error=True)
        self._show_form()
        self._form.focus_first(outcome.fields)

    def action_reload(self) -> None:
        """Read the session again; edits not yet submitted stay in the form."""
        if self.form.saving:
            self.notify("Saving… the form shows the server's answer when it arrives.")
            return
        if self.form.session is None:
            self.query_one("#loading").display = True
        self._say("")
        self.load_session()

    def _conflict_in_focus(self) -> str | None:
        """The field in focus, if the server changed it under the user's unsaved typing."""
        field = FormField.around(self.focused)
        if field is None or self.form.session is None:
            return None
        view = self.form.view().fields.get(field.field_id)
        return field.field_id if view is not None and view.server_value is not None else None

    def action_take_server(self) -> None:
        """The field in focus takes the server's value; the typing goes."""
        self._settle(self.form.take_server)

    def action_keep_mine(self) -> None:
        """The field in focus keeps the typing, unsaved; the server's value goes."""
        self._settle(self.form.keep_mine)

    def _settle(self, choose: Callable[[str], None]) -> None:
        name = self._conflict_in_focus()
        if name is not None:
            choose(name)
            self._show_form()

    def on_form_field_conflict_changed(self, _message: FormField.ConflictChanged) -> None:
        """The keys that settle a conflict show while the field in focus is in one."""
        self.refresh_bindings()

    def action_stop_retrying(self) -> None:
        """Stop waiting to try a read or a save again: nothing more is sent; edits stay."""
        self._link.stop_retrying()

    def action_back(self) -> None:
        """Back to where the session was opened from, asking first if edits would be lost."""
        if len(self.app.screen_stack) > 2 and not self._saving_now():
            go_unless_unsaved(self.app, len(self.unsaved), "Leave", self.dismiss)

    def action_recent_sessions(self) -> None:
        """Sessions opened in this run: the one chosen takes this one's place (F3)."""
        show_recent(self.app, self._open_instead)

    def _open_instead(self, reopen: Reopen) -> None:
        if not self._saving_now():
            go_unless_unsaved(
                self.app, len(self.unsaved), "Leave", lambda: self.app.switch_screen(reopen())
            )

    def _saving_now(self) -> bool:
        """A save is on its way: leaving now would not stop it (the user is told)."""
        if self.form.saving:
            self.notify("Wait for Polar's answer: leaving now would not stop the request.")
        return self.form.saving
