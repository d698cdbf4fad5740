"""The product a person names (apply's `--set product=`): by the key the form's chooser uses,
by the product's id, or by its exact name whatever the case; refused, naming the choices,
when the text names none or several."""

from __future__ import annotations

from typing import Any

import pytest

from tui.domain.products import NoSuchProduct, option_named
from tui.polar.models import CheckoutPublic

PRO = "11111111-1111-4111-8111-111111111111"
TIP_JAR = "33333333-3333-4333-8333-333333333333"
OTHER_TIP_JAR = "55555555-5555-4555-8555-555555555555"


def recurring(price_id: str, interval: str) -> dict[str, Any]:
    return {
        "id": price_id,
        "type": "recurring",
        "recurring_interval": interval,
        "amount_type": "fixed",
        "price_currency": "usd",
        "price_amount": 1200,
    }


def one_time(price_id: str) -> dict[str, Any]:
    return {"id": price_id, "type": "one_time", "amount_type": "fixed", "price_currency": "usd"}


PRODUCTS: list[dict[str, Any]] = [
    {"id": PRO, "name": "Pro", "is_recurring": True,
     "prices": [recurring("p-month", "month"), recurring("p-year", "year")]},
    {"id": TIP_JAR, "name": "Tip jar", "prices": [one_time("p-tip")]},
    {"id": OTHER_TIP_JAR, "name": "Tip Jar", "prices": [one_time("p-tip-2")]},
]  # fmt: skip


def session(products: list[dict[str, Any]] = PRODUCTS) -> CheckoutPublic:
    return CheckoutPublic.model_validate(
        {"currency": "usd", "products": products, "product_id": PRO, "product": products[0]}
    )


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (TIP_JAR, TIP_JAR),
        (f"{PRO}/p-year", f"{PRO}/p-year"),
        (f" {PRO}/p-month ", f"{PRO}/p-month"),
    ],
)
def test_a_key_or_id_picks_its_choice(text: str, key: str) -> None:
    assert option_named(session(), text).key == key


@pytest.mark.parametrize("text", ["tip jar", "TIP JAR", " Tip jar "])
def test_a_name_picks_its_product_whatever_the_case(text: str) -> None:
    only_one = [PRODUCTS[0], PRODUCTS[1]]
    assert option_named(session(only_one), text).key == TIP_JAR


def test_a_name_is_matched_whole_not_as_a_prefix() -> None:
    with pytest.raises(NoSuchProduct):
        option_named(session([PRODUCTS[0], PRODUCTS[1]]), "Tip")


def test_two_products_of_one_name_are_refused_naming_both() -> None:
    with pytest.raises(NoSuchProduct) as refused:
        option_named(session(), "tip jar")
    assert str(refused.value) == (
        "'tip jar' names more than one choice: "
        f"Tip jar · One-time purchase ({TIP_JAR}); Tip Jar · One-time purchase ({OTHER_TIP_JAR})."
    )


@pytest.mark.parametrize("text", ["pro", PRO])
def test_a_legacy_product_by_its_name_or_id_is_refused_naming_its_prices(text: str) -> None:
    with pytest.raises(NoSuchProduct) as refused:
        option_named(session(), text)
    assert str(refused.value) == (
        f"{text!r} names more than one choice: "
        f"Pro · Billed monthly ({PRO}/p-month); Pro · Billed yearly ({PRO}/p-year)."
    )


def test_an_unknown_product_is_refused_naming_every_choice() -> None:
    with pytest.raises(NoSuchProduct) as refused:
        option_named(session([PRODUCTS[1]]), "Gold")
    assert str(refused.value) == (
        f"This checkout offers no product 'Gold': give one of Tip jar · One-time purchase "
        f"({TIP_JAR})."
    )


def test_no_product_at_all_is_refused() -> None:
    with pytest.raises(NoSuchProduct) as refused:
        option_named(session([PRODUCTS[1]]), " ")
    assert str(refused.value) == (
        f"A checkout always has a product: give one of Tip jar · One-time purchase ({TIP_JAR})."
    )
