"""`polar-checkout apply` on what a customer chooses, against the emulator: a pay-what-you-want
amount, seats, a discount code (set, replaced, removed) and the product (by id or by name)."""

from __future__ import annotations

import pytest

from tests.support import secret_of
from tui.demo import Demo

from .running import apply, header

REFUSED = "polar-checkout apply: refused: nothing was sent."
TIDEWATER_MONTHLY = "3c297b0a-586d-48cd-bb30-abfce0abdfb4"
TIDEWATER_YEARLY = "e3728cba-7788-45c4-bddd-e7b60c85785c"


def test_an_amount_is_given_in_currency_units_and_stored_in_minor_units(
    demo: Demo, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = secret_of(demo.store, "pay-what-you-want")
    ran = apply(capsys, secret, "--server", demo.base_url, "--set", "amount=12.50")
    assert ran.code == 0, ran.err
    assert ran.lines == [
        header(demo, secret),
        "amount: 1500 → 1250",
        "Subtotal $12.50",
        "Tax not calculated yet",
        "Total $12.50",
        "applied",
    ]
    assert demo.store.get_json(secret)["amount"] == 1250


def test_an_amount_below_the_minimum_is_refused(
    demo: Demo, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = secret_of(demo.store, "pay-what-you-want")
    ran = apply(capsys, secret, "--server", demo.base_url, "--set", "amount=4.99")
    assert ran.code == 1
    assert ran.errors == ["amount: Amount is below minimum.", REFUSED]
    assert demo.store.get_json(secret)["amount"] == 1500


def test_seats_are_stored_and_priced_by_their_tier(
    demo: Demo, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = secret_of(demo.store, "seats")
    ran = apply(capsys, secret, "--server", demo.base_url, "--set", "seats=6")
    assert ran.code == 0, ran.err
    assert ran.lines == [
        header(demo, secret),
        "seats: 1 → 6",
        "Subtotal $72.00",
        "Tax not calculated yet",
        "Total $72.00 / month",
        "applied",
    ]
    stored = demo.store.get_json(secret)
    assert (stored["seats"], stored["amount"]) == (6, 7200)


def test_seats_over_the_maximum_are_refused(demo: Demo, capsys: pytest.CaptureFixture[str]) -> None:
    secret = secret_of(demo.store, "seats")
    ran = apply(capsys, secret, "--server", demo.base_url, "--set", "seats=51")
    assert ran.code == 1
    assert ran.errors == ["seats: Maximum 50 seats allowed.", REFUSED]
    assert demo.store.get_json(secret)["seats"] == 1


def test_a_discount_code_is_applied_replaced_and_removed(
    demo: Demo, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = secret_of(demo.store, "discount")
    server = ("--server", demo.base_url)

    ran = apply(capsys, secret, *server, "--set", "discount_code=launch20")
    assert ran.code == 0, ran.err
    assert ran.lines[1:4] == [
        'discount_code: — → "LAUNCH20"',
        "Subtotal $79.00",
        "LAUNCH20 −20\u00a0% −$15.80",  # a no-break space before %
    ]
    stored = demo.store.get_json(secret)
    assert (stored["discount"]["code"], stored["discount_amount"]) == ("LAUNCH20", 1580)

    ran = apply(capsys, secret, *server, "--set", "discount_code=FIVEOFF")
    assert ran.code == 0, ran.err
    assert ran.lines[1] == 'discount_code: "LAUNCH20" → "FIVEOFF"'
    assert demo.store.get_json(secret)["discount"]["code"] == "FIVEOFF"

    ran = apply(capsys, secret, *server, "--set", "discount_code=")
    assert ran.code == 0, ran.err
    assert ran.lines == [
        header(demo, secret),
        'discount_code: "FIVEOFF" → —',
        "Subtotal $79.00",
        "Tax not calculated yet",
        "Total $79.00",
        "applied",
    ]
    stored = demo.store.get_json(secret)
    assert (stored["discount"], stored["discount_amount"]) == (None, 0)


def test_a_code_polar_does_not_know_is_its_422_under_the_field(
    demo: Demo, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = secret_of(demo.store, "discount")
    ran = apply(capsys, secret, "--server", demo.base_url, "--set", "discount_code=STARTER50")
    assert ran.code == 1
    assert ran.lines[1] == 'discount_code: — → "STARTER50"'
    assert ran.errors == [
        "discount_code: Discount does not exist.",
        "polar-checkout apply: Polar refused the change: nothing was applied.",
    ]
    assert demo.store.get_json(secret)["discount"] is None


@pytest.mark.parametrize("product", [TIDEWATER_YEARLY, "tidewater pro (YEARLY)"])
def test_a_product_is_chosen_by_its_id_or_its_name(
    demo: Demo, capsys: pytest.CaptureFixture[str], product: str
) -> None:
    secret = secret_of(demo.store, "subscription")
    ran = apply(capsys, secret, "--server", demo.base_url, "--set", f"product={product}")
    assert ran.code == 0, ran.err
    assert ran.lines == [
        header(demo, secret),
        f'product: "{TIDEWATER_MONTHLY}" → "{TIDEWATER_YEARLY}"',
        "Subtotal €120.00",
        "Tax not calculated yet",
        "Total €120.00 / year",
        "applied",
    ]
    stored = demo.store.get_json(secret)
    assert (stored["product_id"], stored["product"]["name"], stored["amount"]) == (
        TIDEWATER_YEARLY,
        "Tidewater Pro (yearly)",
        12000,
    )


def test_an_unknown_product_is_refused_naming_the_choices(
    demo: Demo, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = secret_of(demo.store, "subscription")
    ran = apply(capsys, secret, "--server", demo.base_url, "--set", "product=Tidewater Pro")
    assert ran.code == 1
    assert ran.lines == [header(demo, secret)]
    assert ran.errors == [
        "product: This checkout offers no product 'Tidewater Pro': give one of "
        f"Tidewater Pro (monthly) · Billed monthly ({TIDEWATER_MONTHLY}); "
        f"Tidewater Pro (yearly) · Billed yearly ({TIDEWATER_YEARLY}).",
        REFUSED,
    ]
    assert demo.store.get_json(secret)["product_id"] == TIDEWATER_MONTHLY
