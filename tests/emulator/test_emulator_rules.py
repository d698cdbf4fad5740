"""The update rules and the catalogue arithmetic, called directly (no HTTP)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from tui.domain.validation import AddressValues
from tui.emulator.model.catalog import Discount, Price, SeatTier
from tui.emulator.model.ids import stable_uuid
from tui.emulator.model.session import Session
from tui.emulator.rules import update as rules
from tui.emulator.rules.body import CheckoutUpdatePublic
from tui.emulator.rules.errors import PolarFailure, ValidationFailed
from tui.emulator.rules.ledger import Ledger
from tui.emulator.seed.scenario import build_session

from .support import NOW, RELAY_ALERT_CREDITS, SCENARIOS

PRODUCT = stable_uuid("test", "product")


def custom_price(currency: str, minimum: int = 0, maximum: int | None = None) -> Price:
    return Price(
        id=stable_uuid("test", "price", currency),
        product_id=PRODUCT,
        amount_type="custom",
        currency=currency,
        created_at=NOW,
        minimum_amount=minimum,
        maximum_amount=maximum,
    )


def seat_price(*tiers: SeatTier, kind: str = "volume") -> Price:
    return Price(
        id=stable_uuid("test", "seats"),
        product_id=PRODUCT,
        amount_type="seat_based",
        currency="usd",
        created_at=NOW,
        seat_tiers=tiers,
        seat_tier_type="graduated" if kind == "graduated" else "volume",
    )


def rejection(
    error: pytest.ExceptionInfo[ValidationFailed],
) -> tuple[str, tuple[str | int, ...], str]:
    (item,) = error.value.items
    return error.value.family, item.loc, item.msg


def session_of(name: str) -> Session:
    scenario = next(s for s in SCENARIOS if s.name == name)
    return build_session(scenario, NOW)


# -- pay what you want -----------------------------------------------------------------


@pytest.mark.fidelity("amount")
@pytest.mark.parametrize(
    ("currency", "amount", "message"),
    [
        ("usd", 49, "Amount must be 0 or at least $0.50."),
        ("eur", 1, "Amount must be 0 or at least €0.50."),
        ("gbp", 39, "Amount must be 0 or at least £0.40."),
        ("jpy", 79, "Amount must be 0 or at least ¥80."),
        ("aud", 69, "Amount must be 0 or at least A$0.70."),
        ("cad", 69, "Amount must be 0 or at least CA$0.70."),
        ("chf", 49, "Amount must be 0 or at least CHF0.50."),
        ("xyz", 49, "Amount must be 0 or at least XYZ0.50."),
    ],
)
def test_currency_floor(currency: str, amount: int, message: str) -> None:
    with pytest.raises(ValidationFailed) as error:
        rules.check_custom_amount(custom_price(currency), amount, currency)
    family, loc, msg = rejection(error)
    assert (family, loc, msg) == ("PolarRequestValidationError", ("body", "amount"), message)
    assert error.value.items[0].type == "invalid_amount"


@pytest.mark.fidelity("amount")
@pytest.mark.parametrize(
    ("currency", "amount"), [("usd", 0), ("usd", 50), ("jpy", 80), ("gbp", 40)]
)
def test_amounts_at_the_floor_or_zero_pass(currency: str, amount: int) -> None:
    rules.check_custom_amount(custom_price(currency), amount, currency)


@pytest.mark.fidelity("amount")
def test_amount_checks_run_in_polar_order() -> None:
    price = custom_price("usd", minimum=1000, maximum=2000)
    for amount, message in [
        (-1, "Amount must be at least 0."),
        (0, "Amount is below minimum."),
        (999, "Amount is below minimum."),
        (2001, "Amount is above maximum."),
    ]:
        with pytest.raises(ValidationFailed) as error:
            rules.check_custom_amount(price, amount, "usd")
        assert rejection(error)[2] == message
    rules.check_custom_amount(price, 1000, "usd")
    rules.check_custom_amount(price, 2000, "usd")


@pytest.mark.fidelity("amount")
def test_currency_ceiling() -> None:
    with pytest.raises(ValidationFailed) as error:
        rules.check_custom_amount(custom_price("usd"), 100_000_000, "usd")
    assert rejection(error)[2] == "Amount must be at most $999,999.99."
    with pytest.raises(ValidationFailed) as error:
        rules.check_custom_amount(custom_price("ngn"), 155_000_001, "ngn")
    assert rejection(error)[2] == "Amount must be at most NGN1,550,000.00."
    rules.check_custom_amount(custom_price("usd"), 99_999_999, "usd")


# -- seats -------------------------------------------------------------------------------


@pytest.mark.fidelity("seats-units")
def test_seat_limits_narrowed_by_the_session() -> None:
    price = seat_price(SeatTier(2, 10, 1000), SeatTier(11, None, 800))
    for seats, low, high, message in [
        (1, None, None, "Minimum 2 seats required."),
        (4, 5, None, "Minimum 5 seats required."),
        (9, None, 8, "Maximum 8 seats allowed."),
    ]:
        with pytest.raises(ValidationFailed) as error:
            rules.check_seats(price, seats, low, high)
        assert rejection(error) == ("PolarRequestValidationError", ("body", "seats"), message)
    rules.check_seats(price, 5000, None, None)  # the last tier is unbounded


@pytest.mark.fidelity("seats-units")
def test_volume_and_graduated_seat_pricing() -> None:
    tiers = (SeatTier(1, 4, 1500), SeatTier(5, 19, 1200), SeatTier(20, None, 900))
    volume = seat_price(*tiers)
    graduated = seat_price(*tiers, kind="graduated")
    assert [volume.seats_amount(n) for n in (1, 4, 5, 20)] == [1500, 6000, 6000, 18000]
    assert [graduated.seats_amount(n) for n in (1, 4, 5, 20)] == [
        1500,
        6000,
        6000 + 1200,
        6000 + 15 * 1200 + 900,
    ]
    starts_at_three = seat_price(SeatTier(3, 5, 100), SeatTier(6, None, 50), kind="graduated")
    assert starts_at_three.seats_amount(3) == 300  # the first tier starts at zero


# -- discounts ---------------------------------------------------------------------------


def percentage(basis_points: int) -> Discount:
    return Discount(stable_uuid("d", str(basis_points)), "Test", "T", "percentage", "once",
                    basis_points=basis_points)  # fmt: skip


@pytest.mark.fidelity("discount-arithmetic")
@pytest.mark.parametrize(
    ("amount", "basis_points", "expected"),
    [
        (2, 2500, 1),  # 0.5 rounds away from zero
        (6, 2500, 2),  # 1.5 -> 2
        (10, 2500, 3),  # 2.5 -> 3
        (7900, 2000, 1580),
        (4999, 2000, 1000),  # 999.8
        (1, 4999, 0),  # 0.4999
        (1999, 3333, 666),  # 666.27
        (10_000, 10_000, 10_000),
    ],
)
def test_percentage_rounds_half_away_from_zero(
    amount: int, basis_points: int, expected: int
) -> None:
    assert percentage(basis_points).discount_amount(amount, "usd") == expected


@pytest.mark.fidelity("discount-arithmetic")
def test_fixed_discount_is_capped_at_the_amount() -> None:
    fixed = Discount(stable_uuid("d", "fixed"), "Fixed", "F", "fixed", "once",
                     amounts=(("usd", 500),))  # fmt: skip
    assert fixed.discount_amount(4900, "usd") == 500
    assert fixed.discount_amount(300, "usd") == 300
    assert fixed.amount_in("eur") is None


@pytest.mark.fidelity("discount-code")
def test_discount_codes_match_ignoring_case() -> None:
    catalog = session_of("discount").catalog
    launch = catalog.discount_by_code("launch20")
    assert launch is not None
    assert launch.code == "LAUNCH20"
    assert catalog.discount_by_code("LAUNCH2") is None


@pytest.mark.fidelity("discount-code")
def test_redeemable_within_dates_and_redemption_limit() -> None:
    catalog = session_of("discount").catalog
    by_code = {d.code: d for d in catalog.discounts}
    summer, early, last = by_code["SUMMER23"], by_code["EARLYBIRD"], by_code["LASTONE"]
    next_year = by_code["NEXTYEAR"]
    assert not summer.is_redeemable(NOW)  # ended 2023-09-01
    assert summer.is_redeemable(datetime(2023, 8, 1, tzinfo=UTC))
    assert not next_year.is_redeemable(NOW)  # starts 2099
    assert next_year.is_redeemable(datetime(2099, 1, 1, tzinfo=UTC))
    assert not early.is_redeemable(NOW)  # 100 of 100 redeemed before the emulator started
    assert last.is_redeemable(NOW, redeemed=0)
    assert not last.is_redeemable(NOW, redeemed=1)


@pytest.mark.fidelity("seats-units")
def test_unit_tiers_price_like_polar() -> None:
    graduated = RELAY_ALERT_CREDITS.prices[0]
    assert graduated.minimum_purchasable_units == 10
    assert graduated.maximum_purchasable_units == 10_000
    # 100 at 50, then 40 up to 1000, then 30.
    assert [graduated.units_amount(n) for n in (10, 100, 150, 1000, 1001)] == [
        500,
        5000,
        5000 + 50 * 40,
        5000 + 900 * 40,
        5000 + 900 * 40 + 30,
    ]
    volume = replace(graduated, unit_tier_type="volume", minimum_units=None, maximum_units=20)
    assert [volume.units_amount(n) for n in (1, 100, 150)] == [50, 5000, 6000]
    assert (volume.minimum_purchasable_units, volume.maximum_purchasable_units) == (1, 20)


# -- apply_update and recompute --------------------------------------------------------------


def test_apply_update_leaves_the_input_session_alone() -> None:
    before = session_of("one-time")
    after = rules.apply_update(
        before, CheckoutUpdatePublic(customer_name="Ada"), NOW, ledger=Ledger()
    )
    assert before.customer_name is None
    assert after.customer_name == "Ada"


def test_apply_update_refuses_a_session_that_is_not_open() -> None:
    session = replace(session_of("one-time"), status="confirmed")
    with pytest.raises(PolarFailure) as error:
        rules.apply_update(session, CheckoutUpdatePublic(), NOW, ledger=Ledger())
    assert error.value.status == 403
    assert error.value.as_json() == {
        "error": "NotOpenCheckout",
        "detail": f"Checkout {session.id} is not open: confirmed",
    }


def test_recompute_keeps_a_zero_tax_until_an_address_arrives() -> None:
    # Polar sets tax to 0 while no payment form is needed, and without an address
    # leaves it as it was once one is: 0, not null.
    free_now = rules.recompute(replace(session_of("one-time"), amount=0))
    assert (free_now.tax_amount, free_now.is_payment_form_required) == (0, False)
    paid_again = rules.recompute(replace(free_now, amount=4900))
    assert (paid_again.tax_amount, paid_again.total_amount) == (0, 4900)
    placed = rules.recompute(
        replace(paid_again, customer_billing_address=AddressValues(country="DE"))
    )
    assert (placed.tax_amount, placed.net_amount, placed.total_amount) == (782, 4118, 4900)


def test_add_interval_clamps_the_day_of_month() -> None:
    start = datetime(2026, 1, 31, 9, 0, tzinfo=UTC)
    assert rules.add_interval(start, "month", 1) == datetime(2026, 2, 28, 9, 0, tzinfo=UTC)
    assert rules.add_interval(start, "year", 1) == datetime(2027, 1, 31, 9, 0, tzinfo=UTC)
    assert rules.add_interval(start, "week", 2) == datetime(2026, 2, 14, 9, 0, tzinfo=UTC)
    assert rules.add_interval(start, "month", 13) == datetime(2027, 2, 28, 9, 0, tzinfo=UTC)
