"""What the customer buys: product choice, pay-what-you-want amount, seats, discount code.

Read-only for now: these are shown so support can see them, not edited.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from tui.domain.display import printable
from tui.domain.money import money_text
from tui.domain.summary import price_label, session_currency
from tui.polar.models import CheckoutPublic


class PricingPane(Vertical):
    DEFAULT_CLASSES = "form-pane"

    def __init__(self) -> None:
        super().__init__(id="pricing-pane")
        self.border_title = "Purchase (read-only)"
        self._body = Static("", id="pricing-body")

    def compose(self) -> ComposeResult:
        yield self._body

    def show(self, session: CheckoutPublic) -> None:
        table = Table.grid(padding=(0, 1))
        table.add_column(style="dim")
        table.add_column()
        names = [product.name for product in session.products] or (
            [session.product.name] if session.product else []
        )
        chosen = session.product.name if session.product else ""
        choices = ", ".join(f"{name} ✓" if name == chosen else name for name in names)
        table.add_row(Text("Product"), Text(printable(choices or "—")))
        table.add_row(Text("Price"), Text(printable(price_label(session))))
        price = session.price
        if price is not None and price.amount_type == "custom" and session.amount is not None:
            amount = money_text(session.amount, session_currency(session))
            table.add_row(Text("Amount"), Text(amount))
        if session.seats is not None:
            table.add_row(Text("Seats"), Text(str(session.seats)))
        if session.allow_discount_codes:
            code = session.discount.code if session.discount and session.discount.code else "—"
            table.add_row(Text("Discount code"), Text(printable(code)))
        self._body.update(table)
