"""Customer pane: name and email."""

from __future__ import annotations

from textual.app import ComposeResult

from tui.widgets.form_pane import FormPane, text_field


class CustomerPane(FormPane):
    def __init__(self) -> None:
        super().__init__("Customer", id="customer-pane")

    def compose(self) -> ComposeResult:
        yield text_field("customer_name", placeholder="Full name")
        yield text_field("customer_email", placeholder="an email address")
