"""The checkout form: panes for what the customer sets, the live summary, submit."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import datetime
from typing import Any

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Checkbox, Footer, Header, Input, LoadingIndicator, Static
from textual.worker import Worker, WorkerState

from tui.domain import draft as drafts
from tui.domain.display import printable
from tui.domain.draft import Draft
from tui.domain.field_errors import FORM_FIELDS, GENERAL, field_for, readable
from tui.domain.summary import time_left, total_text
from tui.messages import RequestFailed, SessionLoaded, SessionUpdated, UpdateRejected
from tui.polar.client import CheckoutClient
from tui.polar.errors import Invalid, PolarError
from tui.polar.models import CheckoutPublic
from tui.screens.confirm_quit import ConfirmQuitScreen
from tui.widgets.address import AddressPane
from tui.widgets.customer import CustomerPane
from tui.widgets.form_pane import FormPane
from tui.widgets.pricing import PricingPane
from tui.widgets.region_input import RegionInput
from tui.widgets.summary import SummaryPane
from tui.widgets.tax_id import TaxPane

Clock = Callable[[], datetime]


class CheckoutScreen(Screen[None]):
    BINDINGS = [
        Binding("ctrl+s", "submit", "Submit"),
        Binding("ctrl+r", "reload", "Reload"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, client: CheckoutClient, secret: str, *, shown_as: str, clock: Clock):
        super().__init__()
        self._client = client
        self._secret = secret
        self._shown_as = shown_as
        self._clock = clock
        self.session: CheckoutPublic | None = None
        self.saved = Draft()
        self._server_errors: dict[str, str] = {}
        self._touched: set[str] = set()
        self._submit_tried = False
        self._saving = False
        self._tickets = itertools.count(1)
        self._last_save_ticket = 0
        self._submitted = Draft()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="banner", markup=False)
        yield LoadingIndicator(id="loading")
        with Horizontal(id="checkout-body"):
            with VerticalScroll(id="form"):
                yield CustomerPane()
                yield AddressPane()
                yield TaxPane()
                yield PricingPane()
            yield SummaryPane()
        yield Static("", id="total-bar", markup=False)
        yield Footer()

    @property
    def secret(self) -> str:
        return self._secret

    def on_mount(self) -> None:
        self.sub_title = printable(self._shown_as)
        self.query_one("#checkout-body").display = False
        self.set_interval(1.0, self._tick)
        self.load_session()

    # IO ---------------------------------------------------------------------------------

    @work(group="load", exclusive=True, exit_on_error=False)
    async def load_session(self) -> None:
        ticket = next(self._tickets)
        try:
            session = await self._client.get(self._secret)
        except PolarError as error:
            self.post_message(RequestFailed(error, loading=True))
        else:
            self.post_message(SessionLoaded(session, ticket))

    @work(group="patch", exclusive=True, exit_on_error=False)
    async def save(self, body: dict[str, Any]) -> None:
        try:
            session = await self._client.update(self._secret, body)
        except Invalid as error:
            self.post_message(UpdateRejected(error.errors))
        except PolarError as error:
            self.post_message(RequestFailed(error, loading=False))
        else:
            self.post_message(SessionUpdated(session))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one fallback: an unexpected failure in IO is reported, never a crash."""
        if event.state != WorkerState.ERROR:
            return
        self._saving = False
        self.query_one("#loading").display = False
        error = event.worker.error
        self._say(
            f"Something went wrong ({type(error).__name__}). Your edits are kept; "
            "press ctrl+r to reload or ctrl+s to try again.",
            error=True,
        )
        self._refresh_total()

    # Results ----------------------------------------------------------------------------

    def on_session_loaded(self, message: SessionLoaded) -> None:
        if message.ticket < self._last_save_ticket:
            return  # read before a save started: the save's answer is newer
        first = self.session is None
        self._adopt(message.session, keep=self._unsaved_values())
        self.query_one("#loading").display = False
        self.query_one("#checkout-body").display = True
        self._say("")
        if first:
            self.query_one("#customer_name", Input).focus()

    def on_session_updated(self, message: SessionUpdated) -> None:
        """Saved: the server's values, plus whatever was typed while the save was under way."""
        self._saving = False
        draft = self.draft
        typed_since = draft.changed_fields(self._submitted)
        self._adopt(message.session, keep={field: getattr(draft, field) for field in typed_since})
        self._say("")
        self.notify("Saved.", timeout=3)

    def on_update_rejected(self, message: UpdateRejected) -> None:
        self._saving = False
        self._server_errors = {}
        general = []
        for error in message.errors:
            field = field_for(error.path, error.message)
            if field != GENERAL and not self._shown(field):
                field = GENERAL
            if field == GENERAL:
                where = ".".join(str(part) for part in error.path)
                general.append(f"{where}: {readable(error.message)}" if where else error.message)
            else:
                self._server_errors.setdefault(field, readable(error.message))
        self._say(
            "Polar refused the changes; nothing was saved. "
            + (" ".join(general) if general else "Fix the fields marked below and submit again."),
            error=True,
        )
        self._refresh_form()
        self._focus_first(self._server_errors)

    def on_request_failed(self, message: RequestFailed) -> None:
        self._saving = False
        error = message.error
        hint = "Press ctrl+r to try again." if message.loading else "Press ctrl+s to try again."
        self._say(f"{error.title}: {error.message} {hint}", error=True)
        self.query_one("#loading").display = False
        self._refresh_total()

    # Form -------------------------------------------------------------------------------

    def _unsaved_values(self) -> dict[str, Any]:
        draft = self.draft
        return {field: getattr(draft, field) for field in self.unsaved}

    def _adopt(self, session: CheckoutPublic, keep: dict[str, Any] | None = None) -> None:
        """The server's state is the truth; `keep` re-applies edits not yet submitted."""
        self.session = session
        self.saved = Draft.from_session(session)
        self._server_errors = {}
        if not keep:
            self._touched = set()
            self._submit_tried = False
        shown = self.saved.with_values(**(keep or {}))
        for pane in self.query(FormPane):
            pane.load(shown)
        self.query_one(PricingPane).show(session)
        self.query_one(SummaryPane).show(session, self._clock())
        self._refresh_form()

    @property
    def draft(self) -> Draft:
        values: dict[str, Any] = {}
        for pane in self.query(FormPane):
            values.update(pane.read())
        return self.saved.with_values(**values)

    @property
    def unsaved(self) -> set[str]:
        if self.session is None:
            return set()
        return self.draft.changed_fields(self.saved)

    def _refresh_form(self) -> None:
        if self.session is None:
            return
        draft = self.draft
        address = self.query_one(AddressPane)
        address.follow_country(draft.country)
        address.apply_modes(drafts.address_modes(draft, self.session))
        self.query_one(TaxPane).show_business_fields(draft.is_business_customer)
        errors = {**self._server_errors, **self._visible_errors(draft)}
        changed = draft.changed_fields(self.saved)
        for pane in self.query(FormPane):
            pane.show_errors(errors)
            pane.mark_dirty(changed)
        self._refresh_total()
        self.call_after_refresh(self._keep_focus_in_view)

    def _visible_errors(self, draft: Draft) -> dict[str, str]:
        """Local errors to show now: "required" waits until the field is touched or submitted."""
        assert self.session is not None
        checked = drafts.check(draft, self.session)
        shown = {
            field: message
            for field, message in checked.errors.items()
            if field not in checked.missing or self._submit_tried or field in self._touched
        }
        for field, kind in (("country", "country"), ("state", "state or province")):
            picker = self.query_one(f"#{field}", RegionInput)
            if field in shown and picker.input.value.strip() and not picker.resolved:
                shown[field] = f"No {kind} by that name or code: pick one from the list."
        return shown

    def _keep_focus_in_view(self) -> None:
        if self.focused is not None:
            self.focused.scroll_visible(animate=False)

    @on(Input.Changed)
    @on(Checkbox.Changed)
    @on(RegionInput.Changed)
    def _edited(self, event: Input.Changed | Checkbox.Changed | RegionInput.Changed) -> None:
        field = event.control.id or ""
        self._touched.add(field)
        self._server_errors.pop(field, None)
        if field in {"country", "state", "is_business_customer"}:
            self._server_errors.pop("country", None)
            self._server_errors.pop("state", None)
        self._refresh_form()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        field = (event.widget.id or "").removesuffix("-input")
        if field in FORM_FIELDS and field not in self._touched:
            self._touched.add(field)
            self._refresh_form()

    def _shown(self, field: str) -> bool:
        """Whether the field is on screen (not hidden by the address mode or business flag)."""
        return bool(self.query_one(f"#field-{field}").display)

    def _focus_first(self, errors: dict[str, str]) -> None:
        for name in FORM_FIELDS:
            if name in errors and self._shown(name):
                widget = self.query_one(f"#{name}")
                target = widget.input if isinstance(widget, RegionInput) else widget
                target.focus()
                target.scroll_visible()
                return

    # Actions ----------------------------------------------------------------------------

    def action_submit(self) -> None:
        if self.session is None or self._saving:
            return
        draft = self.draft
        checked = drafts.check(draft, self.session)
        self._submit_tried = True
        if not checked.ok:
            self._say("Nothing was sent: fix the fields marked below first.", error=True)
            self._refresh_form()
            self._focus_first(checked.errors)
            return
        body = drafts.diff(checked, draft, self.session)
        if not body:
            self.notify("Nothing to save: the form matches the server.", timeout=3)
            return
        self._saving = True
        self._submitted = draft
        self._last_save_ticket = next(self._tickets)
        self._say("Saving…")
        self._refresh_total()
        self.save(body)

    def action_reload(self) -> None:
        """Read the session again; edits not yet submitted stay in the form."""
        if self._saving:
            self.notify("Saving… the form shows the server's answer when it arrives.")
            return
        if self.session is None:
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
        banner = self.query_one("#banner", Static)
        banner.update(Text(printable(text)))
        banner.display = bool(text)
        banner.set_class(error, "-error")

    def _tick(self) -> None:
        self.query_one(SummaryPane).tick(self._clock())
        self._refresh_total()

    def _refresh_total(self) -> None:
        bar = self.query_one("#total-bar", Static)
        if self.session is None:
            bar.update(Text(""))
            return
        parts = [
            f"Total {total_text(self.session)}",
            time_left(self.session.expires_at, self._clock()),
            self.session.status,
        ]
        count = len(self.unsaved)
        if self._saving:
            parts.append("saving…")
        elif count:
            parts.append(f"{count} unsaved change{'s' if count != 1 else ''} (ctrl+s)")
        else:
            parts.append("all saved")
        bar.update(Text("  ·  ".join(parts)))
