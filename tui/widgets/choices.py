"""The purchase pane: what the customer buys, each choice a field of the form."""

from __future__ import annotations

from textual.app import ComposeResult

from tui.domain.draft import max_length
from tui.domain.fields import BY_NAME
from tui.domain.products import ProductOption
from tui.widgets.choice_inputs import DiscountInput, StepperInput
from tui.widgets.field import FormField
from tui.widgets.form_pane import FormPane, text_field
from tui.widgets.marked_checkbox import MarkedCheckbox
from tui.widgets.product_chooser import ProductChooser


class ChoicesPane(FormPane):
    def __init__(self) -> None:
        super().__init__("Purchase", id="choices-pane")
        self._chooser = ProductChooser(id="product")

    def compose(self) -> ComposeResult:
        yield FormField(BY_NAME["product"].label, self._chooser, field_id="product")
        yield text_field("amount", placeholder="an amount, such as 15.00")
        for name in ("seats", "units"):
            editor = StepperInput(limit=9, id=name)
            yield FormField(BY_NAME[name].label, editor, field_id=name)
        code = DiscountInput(limit=max_length("discount_code"), id="discount_code")
        yield FormField(BY_NAME["discount_code"].label, code, field_id="discount_code")
        yield FormField(
            "",
            MarkedCheckbox("Skip the free trial", id="skip_trial", compact=True),
            field_id="skip_trial",
        )

    def show_products(self, options: list[ProductOption]) -> None:
        self._chooser.show_choices(options)
