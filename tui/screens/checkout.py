"""The checkout form: panes for what the customer sets, the live summary, submit.

The form's state lives in `FormState`; this screen feeds it what the user and the server
do, and renders what it derives.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from textual import events, on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import (
    Checkbox,
    Footer,
    Header,
    Input,
    LoadingIndicator,
    Select,
    TextArea,
)
from textual.worker import Worker, WorkerState

from tui.domain.choices import CHOICE_FIELDS
from tui.domain.clock import Clock
from tui.domain.custom_field_form import PREFIX as CUSTOM_PREFIX
from tui.domain.custom_field_form import questions
from tui.domain.display import printable
from tui.domain.fields import BY_NAME, REFUSAL_FIELDS
from tui.domain.form import FIELD_ORDER, FormState
from tui.domain.form_view import Blocked, NothingToSave, Severity
from tui.domain.products import product_options
from tui.messages import RequestFailed, SessionLoaded, SessionUpdated, UpdateRejected
from tui.polar.client import CheckoutClient
from tui.polar.errors import Invalid, PolarError, Refused
from tui.polar.models import CheckoutPublic, FieldError
from tui.screens.confirm_quit import ConfirmQuitScreen, QuestionScreen
from tui.widgets.address import AddressPane
from tui.widgets.choice_inputs import DiscountInput
from tui.widgets.choices import ChoicesPane
from tui.widgets.customer import CustomerPane
from tui.widgets.field import FormField
from tui.widgets.form_input import FormInput
from tui.widgets.product_chooser import ProductChooser
from tui.widgets.questions import QuestionsPane
from tui.widgets.region_input import RegionInput
from tui.widgets.status_lines import Banner, TotalBar
from tui.widgets.summary import SummaryPane
from tui.widgets.tax_id import TaxPane


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
        self._fields: dict[str, FormField] = {}
        self._load_failed = False
        self._address = AddressPane()
        self._choices = ChoicesPane()
        self._questions = QuestionsPane()
        self._summary = SummaryPane()
        self._banner = Banner()
        self._total_bar = TotalBar()

    def compose(self) -> ComposeResult:
        yield Header()
        yield self._banner
        yield LoadingIndicator(id="loading")
        with Horizontal(id="checkout-body"):
            with VerticalScroll(id="form"):
                yield CustomerPane()
                yield self._address
                yield TaxPane()
                yield self._choices
                yield self._questions
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
        return self._fields.get(name)

    def palette_commands(self) -> Iterator[SystemCommand]:
        """Every action of the form, for the command palette."""
        yield SystemCommand("Submit", "Send the changed fields to Polar", self.action_submit)
        yield SystemCommand("Reload", "Read the session again; edits stay", self.action_reload)
        if len(self.app.screen_stack) > 2:
            yield SystemCommand("Back", "Back to where this session was opened", self.action_back)

    @property
    def unsaved(self) -> frozenset[str]:
        """Fields a submit would send."""
        return self.form.view().unsaved if self.form.session is not None else frozenset()

    def on_mount(self) -> None:
        self.sub_title = printable(self._shown_as)
        self._fields = {field.field_id: field for field in self.query(FormField)}
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
            f"Something went wrong ({type(error).__name__}). Your edits are kept; "
            "press ctrl+r to reload or ctrl+s to try again.",
            error=True,
        )
        self._show_form()

    # Results ----------------------------------------------------------------------------

    def on_session_loaded(self, message: SessionLoaded) -> None:
        first = self.form.session is None
        self._catch_up()
        if not self.form.loaded(message.session, message.request):
            return
        self._show_session()
        self.query_one("#loading").display = False
        self.query_one("#checkout-body").display = True
        self._say("")
        if first:
            self._fields["customer_name"].focus_target.focus()

    def on_session_updated(self, message: SessionUpdated) -> None:
        self._catch_up()
        self.form.save_succeeded(message.session, message.request)
        self._show_session()
        self._say("")
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
        self._focus_first(
            name for name in FIELD_ORDER if view.fields[name].severity == Severity.ERROR
        )

    def on_request_failed(self, message: RequestFailed) -> None:
        if message.loading:
            self._load_failed = True
        else:
            self.form.save_failed()
        error = message.error
        hint = "Press ctrl+r to try again." if message.loading else "Press ctrl+s to try again."
        self._say(f"{error.title}: {error.message} {hint}", error=True)
        self.query_one("#loading").display = False
        self._show_form()

    # Form -------------------------------------------------------------------------------

    def _show_session(self) -> None:
        session = self.form.session
        if session is None:
            return
        self._choices.show_products(product_options(session, self.form.locale))
        asked = self._questions.ask(questions(session))
        if asked is not None:
            self._fields = {
                name: field
                for name, field in self._fields.items()
                if not name.startswith(CUSTOM_PREFIX)
            }
            self._fields.update({field.field_id: field for field in asked})
            self.call_after_refresh(self._show_answers, asked)
        self._summary.show(session, self._clock(), self.form.locale)
        self._show_form()

    def _show_answers(self, fields: list[FormField]) -> None:
        """Questions mounted since the session loaded: show their stored answers."""
        for field in fields:
            field.load(self.form.text(field.field_id))
        self._show_form()

    def _catch_up(self) -> None:
        """Tell the form of typing whose change message has not reached the screen yet, so
        a server answer that lands in between never writes over it."""
        if self.form.session is None:
            return
        for name, field in self._fields.items():
            if field.value != self.form.text(name):
                self.form.edit(name, field.value)

    def _show_form(self) -> None:
        """Put the form's state on screen: only what changed is touched."""
        if self.form.session is None:
            self._refresh_total()
            return
        view = self.form.view()
        self._address.follow_country(view.country)
        for name, value in self.form.take_values_to_show().items():
            if self._fields[name].is_mounted:  # new questions load once mounted
                self._fields[name].load(value)
        moved = False
        for name, field in self._fields.items():
            moved = field.show(view.fields[name]) or moved
        self._choices.display = any(view.fields[name].shown for name in CHOICE_FIELDS)
        self._refresh_total()
        if moved:
            self.call_after_refresh(self._keep_focus_in_view)

    def _keep_focus_in_view(self) -> None:
        if self.focused is not None:
            self.focused.scroll_visible(animate=False)

    @on(Input.Changed)
    @on(Checkbox.Changed)
    @on(RegionInput.Changed)
    @on(ProductChooser.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _edited(self, event: Message) -> None:
        field = FormField.around(getattr(event, "control", None))
        if field is None or field.field_id not in self._fields or self.form.session is None:
            return
        self.form.edit(field.field_id, field.value)
        self._show_form()

    @on(DiscountInput.Apply)
    def _apply_code(self, event: DiscountInput.Apply) -> None:
        event.stop()
        self.action_submit()

    @on(FormInput.Cut)
    def _cut(self, event: FormInput.Cut) -> None:
        name = (event.control.id or "").removesuffix("-input")
        if name in self._fields:
            self.form.note_cut(name, event.control.limit, event.control.value)
            self._show_form()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        name = (event.widget.id or "").removesuffix("-input")
        if name in self._fields and self.form.session is not None:
            self.form.touch(name)
            self._show_form()

    def _focus_first(self, names: Any) -> None:
        for name in names:
            field = self._fields[name]
            if field.display:
                field.focus_target.focus()
                field.focus_target.scroll_visible()
                return

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
            self._focus_first(outcome.fields)
            return
        if isinstance(outcome, NothingToSave):
            self._show_form()
            self.notify("Nothing to save: the form matches the server.", timeout=3)
            return
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

    def _say(self, text: str, *, error: bool = False) -> None:
        self._banner.say(text, error=error)

    def _tick(self) -> None:
        self._summary.tick(self._clock())
        self._refresh_total()

    def _refresh_total(self) -> None:
        self._total_bar.show(
            self.form.session,
            self._clock(),
            unsaved=len(self.unsaved),
            saving=self.form.saving,
            locale=self.form.locale,
        )
