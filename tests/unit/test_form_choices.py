"""The customer's choices in the form state: what shows, what is unsaved, what is sent, and
Polar's checks with Polar's words."""

from __future__ import annotations

from typing import Any

import pytest

from tui.domain.form import FormState
from tui.domain.form_view import Blocked, Sending
from tui.domain.validation import FieldMode
from tui.polar.models import CheckoutPublic

MONTHLY = "11111111-1111-4111-8111-111111111111"
YEARLY = "22222222-2222-4222-8222-222222222222"
TIP_JAR = "33333333-3333-4333-8333-333333333333"
TEAM = "44444444-4444-4444-8444-444444444444"


def price(price_id: str, product_id: str, **values: Any) -> dict[str, Any]:
    return {"id": price_id, "product_id": product_id, "price_currency": "usd", **values}


FIXED_MONTHLY = price("p-monthly", MONTHLY, amount_type="fixed", price_amount=1200)
FIXED_YEARLY = price("p-yearly", YEARLY, amount_type="fixed", price_amount=12000)
CUSTOM = price(
    "p-tip", TIP_JAR, amount_type="custom", minimum_amount=500, maximum_amount=100000,
    preset_amount=1500,
)  # fmt: skip
SEATS = price(
    "p-team",
    TEAM,
    amount_type="seat_based",
    seat_tiers={
        "tiers": [{"min_seats": 1, "max_seats": 4, "price_per_seat": 1500}],
        "minimum_seats": 1,
        "maximum_seats": 50,
    },
)
PRODUCTS: list[dict[str, Any]] = [
    {"id": MONTHLY, "name": "Pro (monthly)", "is_recurring": True, "recurring_interval": "month",
     "prices": [FIXED_MONTHLY]},
    {"id": YEARLY, "name": "Pro (yearly)", "is_recurring": True, "recurring_interval": "year",
     "prices": [FIXED_YEARLY]},
    {"id": TIP_JAR, "name": "Tip jar", "prices": [CUSTOM]},
    {"id": TEAM, "name": "Team", "is_recurring": True, "recurring_interval": "month",
     "prices": [SEATS]},
]  # fmt: skip


def session(product_id: str = MONTHLY, **values: Any) -> CheckoutPublic:
    product = next(p for p in PRODUCTS if p["id"] == product_id)
    return CheckoutPublic.model_validate(
        {
            "currency": "usd",
            "products": PRODUCTS,
            "product_id": product_id,
            "product": product,
            "product_price_id": product["prices"][0]["id"],
            "product_price": product["prices"][0],
            "allow_discount_codes": True,
            "is_discount_applicable": True,
            **values,
        }
    )


def form_over(current: CheckoutPublic, locale: str | None = None, **typed: Any) -> FormState:
    form = FormState(locale=locale)
    form.loaded(current, form.send())
    for name, value in typed.items():
        form.edit(name, value)
    return form


def test_the_product_choice_shows_when_there_is_more_than_one() -> None:
    view = form_over(session()).view()
    assert view.fields["product"].shown
    assert view.fields["product"].value == MONTHLY
    only = CheckoutPublic.model_validate({**session().model_dump(), "products": [PRODUCTS[0]]})
    assert not form_over(only).view().fields["product"].shown


def test_choosing_another_product_sends_its_id_and_nothing_else() -> None:
    form = form_over(session(), product=YEARLY)
    assert form.view().unsaved == {"product"}
    assert form.begin_save() == Sending({"product_id": YEARLY})


def test_choosing_the_stored_product_again_sends_nothing() -> None:
    form = form_over(session(), product=YEARLY)
    form.edit("product", MONTHLY)
    assert form.view().body == {}


def test_a_pay_what_you_want_product_starts_at_its_preset_and_sends_the_typed_amount() -> None:
    form = form_over(session(), product=TIP_JAR)
    view = form.view()
    assert view.fields["amount"].mode == FieldMode.OPTIONAL
    assert view.fields["amount"].value == "15.00"
    assert view.body == {"product_id": TIP_JAR}
    form.edit("amount", "20")
    assert form.view().body == {"product_id": TIP_JAR, "amount": 2000}


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("4", "Amount is below minimum."),
        ("1,000.01", "Amount is above maximum."),
        ("fifteen", "Type an amount such as 15.50"),
        ("15.505", "USD has 2 decimals at most"),
    ],
)
def test_an_amount_polar_would_refuse_is_marked_in_its_words(typed: str, message: str) -> None:
    form = form_over(session(TIP_JAR, amount=1500), amount=typed)
    assert message in form.view().fields["amount"].message
    assert isinstance(form.begin_save(), Blocked)


def test_zero_is_refused_under_the_currency_floor_only_when_the_minimum_is_zero() -> None:
    free_minimum = {**CUSTOM, "minimum_amount": 0}
    products = [{**PRODUCTS[2], "prices": [free_minimum]}]
    current = session(TIP_JAR, amount=1500, products=products, product_price=free_minimum)
    assert form_over(current, amount="0").view().body == {"amount": 0}
    low = form_over(current, amount="0.30").view().fields["amount"].message
    assert low == "Amount must be 0 or at least $0.50."


def test_an_amount_is_read_as_the_locale_writes_it() -> None:
    current = session(TIP_JAR, amount=1500, locale="de")
    form = form_over(current)
    assert form.view().fields["amount"].value == "15,00"
    form.edit("amount", "1.000,00")
    assert form.view().body == {"amount": 100000}


def test_the_stored_amount_typed_differently_is_not_unsaved() -> None:
    form = form_over(session(TIP_JAR, amount=1500), amount="$15")
    assert form.view().unsaved == frozenset()


@pytest.mark.parametrize(
    ("typed", "message", "body"),
    [
        ("6", "", {"seats": 6}),
        ("0", "Minimum 1 seats required.", None),
        ("51", "Maximum 50 seats allowed.", None),
        ("two", "Type a whole number.", None),
    ],
)
def test_seats_within_their_bounds(typed: str, message: str, body: dict[str, int] | None) -> None:
    form = form_over(session(TEAM, seats=1), seats=typed)
    assert form.view().fields["seats"].message == message
    if body is None:
        assert isinstance(form.begin_save(), Blocked)
    else:
        assert form.begin_save() == Sending(body)


def test_the_session_narrows_the_seat_bounds() -> None:
    form = form_over(session(TEAM, seats=5, min_seats=5, max_seats=10), seats="4")
    assert form.view().fields["seats"].message == "Minimum 5 seats required."


def test_a_discount_code_is_sent_trimmed_and_compared_without_case() -> None:
    assert form_over(session(), discount_code=" launch20 ").view().body == {
        "discount_code": "LAUNCH20"
    }
    applied = session(discount={"code": "LAUNCH20", "type": "percentage", "basis_points": 2000})
    assert form_over(applied, discount_code="launch20").view().body == {}
    assert form_over(applied, discount_code="").view().body == {"discount_code": None}


def test_the_discount_field_hides_when_codes_cannot_apply() -> None:
    closed = session(allow_discount_codes=False)
    assert not form_over(closed).view().fields["discount_code"].shown
    not_applicable = session(is_discount_applicable=False)
    assert not form_over(not_applicable).view().fields["discount_code"].shown


def test_skipping_the_trial_sends_allow_trial_false_and_then_it_stays_skipped() -> None:
    trial = session(active_trial_interval="day", active_trial_interval_count=14, allow_trial=True)
    assert not form_over(session()).view().fields["skip_trial"].shown
    assert form_over(trial, skip_trial=True).view().body == {"allow_trial": False}
    skipped = session(
        active_trial_interval="day", active_trial_interval_count=14, allow_trial=False
    )
    view = form_over(skipped).view().fields["skip_trial"]
    assert view.kept  # read-only: Polar's update cannot turn the trial back on
    assert view.value is True
    assert view.hint == "Trial skipped: Polar cannot turn it back on for this checkout."


@pytest.mark.parametrize(("name", "product"), [("seats", TEAM), ("amount", TIP_JAR)])
def test_an_emptied_quantity_or_amount_is_refused_not_sent_as_null(name: str, product: str) -> None:
    form = form_over(session(product, seats=1, amount=1500), **{name: ""})
    assert form.view().fields[name].severity.value == "error"
    assert form.view().blocking == {name}
