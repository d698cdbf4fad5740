"""The checkout's form: every pane of fields, kept in step with the form's state.

The state lives in `FormState`; this widget tells it what the user types and shows what it
derives, touching only what changed. It posts `Edited` after each edit (the screen's total
bar follows) and lets `DiscountInput.Apply` bubble to the screen, which submits.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import events, on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Checkbox, Input, Select, TextArea

from tui.domain.custom_field_form import questions
from tui.domain.fields import CUSTOM_FIELD_PREFIX as CUSTOM_PREFIX
from tui.domain.form import FormState
from tui.domain.products import product_options
from tui.polar.models import CheckoutPublic
from tui.widgets.address import AddressPane
from tui.widgets.choices import ChoicesPane
from tui.widgets.customer import CustomerPane
from tui.widgets.field import FormField
from tui.widgets.form_pane import FormPane
from tui.widgets.product_chooser import ProductChooser
from tui.widgets.questions import QuestionsPane
from tui.widgets.region_input import RegionInput
from tui.widgets.tax_id import TaxPane
from tui.widgets.text_cut import TextCut


class CheckoutForm(VerticalScroll):
    class Edited(Message):
        """The user changed a field: what is unsaved may have changed."""

    def __init__(self, form: FormState) -> None:
        super().__init__(id="form")
        self.form = form
        self.fields: dict[str, FormField] = {}
        self._address = AddressPane()
        self._choices = ChoicesPane()
        self._questions = QuestionsPane()

    def compose(self) -> ComposeResult:
        yield CustomerPane()
        yield self._address
        yield TaxPane()
        yield self._choices
        yield self._questions

    def on_mount(self) -> None:
        self.fields = {field.field_id: field for field in self.query(FormField)}

    def show_session(self, session: CheckoutPublic) -> None:
        """A session arrived: the product choices and the seller's questions follow it."""
        self._choices.show_products(product_options(session, self.form.locale))
        asked = self._questions.ask(questions(session), self._show_answers)
        if asked is not None:
            self.fields = {
                name: field
                for name, field in self.fields.items()
                if not name.startswith(CUSTOM_PREFIX)
            }
            for field in asked:
                field.read_only = any(f.read_only for f in self.fields.values())
            self.fields.update({field.field_id: field for field in asked})
        self.show_state()

    def _show_answers(self, fields: list[FormField]) -> None:
        """Questions mounted since the session loaded: show their stored answers."""
        for field in fields:
            field.load(self.form.text(field.field_id))
        self.show_state(relayout=True)

    def set_read_only(self, read_only: bool) -> None:
        """Every field shows its value but takes no typing."""
        for field in self.fields.values():
            field.read_only = read_only
        self.show_state()

    def catch_up(self) -> None:
        """Tell the form of typing whose change message has not arrived yet, so a server
        answer that lands in between never writes over it."""
        if self.form.session is None:
            return
        for name, field in self.fields.items():
            if field.value != self.form.text(name):
                self.form.edit(name, field.value)

    def show_state(self, *, relayout: bool = False) -> None:
        """Put the form's state on screen: only what changed is touched (`relayout`: fields
        came or went, so the panes are measured again)."""
        if self.form.session is None:
            return
        view = self.form.view()
        self._address.follow_country(view.country)
        for name, value in self.form.take_values_to_show().items():
            if self.fields[name].is_mounted:  # new questions load once mounted
                self.fields[name].load(value)
        moved = False
        for name, field in self.fields.items():
            moved = field.show(view.fields[name]) or moved
        if moved or relayout:  # a field came or went: a pane with none left goes too
            for pane in self.query(FormPane):
                pane.display = any(field.display for field in pane.query(FormField))
            self.call_after_refresh(self._keep_focus_in_view)

    def _keep_focus_in_view(self) -> None:
        if self.is_attached and self.screen.focused is not None:  # the screen may be gone
            self.screen.focused.scroll_visible(animate=False)

    def focus_first(self, names: Iterable[str]) -> None:
        """Move to the first of these fields that is on screen."""
        for name in names:
            field = self.fields[name]
            if field.display:
                field.focus_target.focus()
                field.focus_target.scroll_visible()
                return

    def _changed(self) -> None:
        self.show_state()
        self.post_message(self.Edited())

    @on(Input.Changed)
    @on(Checkbox.Changed)
    @on(RegionInput.Changed)
    @on(ProductChooser.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _edited(self, event: Message) -> None:
        field = FormField.around(getattr(event, "control", None))
        if field is None or field.field_id not in self.fields or self.form.session is None:
            return
        self.form.edit(field.field_id, field.value)
        self._changed()

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        """Enter in a one-line field moves on, as Tab does: it never sends the form (the
        discount field applies its code, and a country list open takes its row, first)."""
        event.stop()
        self.screen.focus_next()

    @on(TextCut)
    def _cut(self, event: TextCut) -> None:
        field = FormField.around(event.control)
        if field is not None and field.field_id in self.fields:
            self.form.note_cut(field.field_id, event.limit, event.value)
            self._changed()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        field = FormField.around(event.widget)
        if field is not None and field.field_id in self.fields and self.form.session is not None:
            self.form.touch(field.field_id)
            self._changed()
