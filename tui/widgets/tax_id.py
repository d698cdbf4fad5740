"""Tax pane: buying as a business, the name on the invoice and the tax ID."""

from __future__ import annotations

from textual.app import ComposeResult

from tui.domain.fields import BY_NAME
from tui.widgets.field import FormField
from tui.widgets.form_pane import FormPane, text_field
from tui.widgets.marked_checkbox import MarkedCheckbox


class TaxPane(FormPane):
    def __init__(self) -> None:
        super().__init__("Tax", id="tax-pane")

    def compose(self) -> ComposeResult:
        yield FormField(
            "",
            MarkedCheckbox(
                BY_NAME["is_business_customer"].label, id="is_business_customer", compact=True
            ),
            field_id="is_business_customer",
        )
        yield text_field("customer_billing_name", placeholder="Company name")
        yield text_field("customer_tax_id", placeholder="e.g. DE123456789")
