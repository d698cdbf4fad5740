"""Tax pane: buying as a business, the name on the invoice and the tax ID."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Checkbox

from tui.widgets.field import FormField
from tui.widgets.form_input import FormInput
from tui.widgets.form_pane import FormPane


class TaxPane(FormPane):
    def __init__(self) -> None:
        super().__init__("Tax", id="tax-pane")

    def compose(self) -> ComposeResult:
        yield FormField(
            "",
            Checkbox("Purchasing as a business", id="is_business_customer", compact=True),
            field_id="is_business_customer",
        )
        yield FormField(
            "Billing name",
            FormInput(placeholder="Company name", id="customer_billing_name", compact=True),
            field_id="customer_billing_name",
        )
        yield FormField(
            "Tax ID",
            FormInput(placeholder="e.g. DE123456789", id="customer_tax_id", compact=True),
            field_id="customer_tax_id",
        )

    def show_business_fields(self, business: bool) -> None:
        for name in ("customer_billing_name", "customer_tax_id"):
            self.fields[name].display = business
