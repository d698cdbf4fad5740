"""Customer pane: name and email."""

from __future__ import annotations

from textual.app import ComposeResult

from tui.widgets.field import FormField
from tui.widgets.form_input import FormInput
from tui.widgets.form_pane import FormPane


class CustomerPane(FormPane):
    def __init__(self) -> None:
        super().__init__("Customer", id="customer-pane")

    def compose(self) -> ComposeResult:
        yield FormField(
            "Name",
            FormInput(placeholder="Jane Doe", id="customer_name", compact=True),
            field_id="customer_name",
        )
        yield FormField(
            "Email",
            FormInput(placeholder="jane@example.com", id="customer_email", compact=True),
            field_id="customer_email",
        )
