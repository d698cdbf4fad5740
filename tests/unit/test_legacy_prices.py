"""Legacy products (Polar's products from before 2025) carry one recurring price per interval:
each price is a row of the product choice, and choosing one sends its `product_price_id`
with the `product_id` (Polar's `CheckoutUpdatePublic` takes both)."""

from __future__ import annotations

from typing import Any

from tui.domain.form import FormState
from tui.domain.form_view import Sending
from tui.domain.products import product_options
from tui.polar.models import CheckoutPublic

PRO = "66666666-6666-4666-8666-666666666666"
EBOOK = "77777777-7777-4777-8777-777777777777"
PRO_MONTHLY = "88888888-8888-4888-8888-888888888888"
PRO_YEARLY = "99999999-9999-4999-8999-999999999999"
EBOOK_PRICE = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"


def legacy_price(price_id: str, interval: str, amount: int) -> dict[str, Any]:
    return {
        "id": price_id,
        "product_id": PRO,
        "amount_type": "fixed",
        "type": "recurring",
        "legacy": True,
        "recurring_interval": interval,
        "price_currency": "usd",
        "price_amount": amount,
    }


MONTHLY = legacy_price(PRO_MONTHLY, "month", 1000)
YEARLY = legacy_price(PRO_YEARLY, "year", 10000)
PRODUCTS: list[dict[str, Any]] = [
    {"id": PRO, "name": "Pro", "is_recurring": True, "prices": [MONTHLY, YEARLY]},
    {"id": EBOOK, "name": "E-book", "prices": [
        {"id": EBOOK_PRICE, "product_id": EBOOK, "amount_type": "fixed",
         "price_currency": "usd", "price_amount": 2500},
    ]},
]  # fmt: skip
SESSION = CheckoutPublic.model_validate(
    {
        "currency": "usd",
        "products": PRODUCTS,
        "product_id": PRO,
        "product": PRODUCTS[0],
        "product_price_id": PRO_MONTHLY,
        "product_price": MONTHLY,
    }
)


def form_over(**typed: str) -> FormState:
    form = FormState()
    form.loaded(SESSION, form.send())
    for name, value in typed.items():
        form.edit(name, value)
    return form


def test_each_price_of_a_legacy_product_is_a_row_and_sends_both_ids() -> None:
    rows = product_options(SESSION)
    assert [(row.name, row.billing, row.price_label) for row in rows] == [
        ("Pro", "Billed monthly", "$10.00 / month"),
        ("Pro", "Billed yearly", "$100.00 / year"),
        ("E-book", "One-time purchase", "$25.00 one-time"),
    ]
    assert [row.body() for row in rows] == [
        {"product_id": PRO, "product_price_id": PRO_MONTHLY},
        {"product_id": PRO, "product_price_id": PRO_YEARLY},
        {"product_id": EBOOK},
    ]


def test_the_stored_price_is_the_chosen_row() -> None:
    assert form_over().view().fields["product"].value == f"{PRO}/{PRO_MONTHLY}"


def test_choosing_the_other_interval_sends_the_product_and_its_price() -> None:
    form = form_over(product=f"{PRO}/{PRO_YEARLY}")
    assert form.view().unsaved == {"product"}
    assert form.begin_save() == Sending({"product_id": PRO, "product_price_id": PRO_YEARLY})


def test_choosing_the_stored_interval_again_sends_nothing() -> None:
    form = form_over(product=f"{PRO}/{PRO_YEARLY}")
    form.edit("product", f"{PRO}/{PRO_MONTHLY}")
    assert form.view().body == {}


def test_a_product_with_one_price_sends_its_id_alone() -> None:
    assert form_over(product=EBOOK).view().body == {"product_id": EBOOK}
