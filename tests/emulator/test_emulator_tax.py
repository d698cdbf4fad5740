"""The Stripe Tax stand-in: rates, behaviour, rounding, reverse charge; directly and over HTTP."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest

from tui.domain import regions, tax_id
from tui.domain.validation import AddressValues
from tui.emulator.rules import tax

from .support import GERMAN_ADDRESS, GERMAN_VAT_ID, NEW_YORK_ADDRESS, patch_ok


def address(country: str, state: str | None = None) -> AddressValues:
    return AddressValues(country=country, state=state)


@pytest.mark.fidelity("tax")
@pytest.mark.parametrize(
    ("country", "expected"),
    [("US", "exclusive"), ("CA", "exclusive"), ("IN", "exclusive"), ("DE", "inclusive"),
     ("GB", "inclusive"), ("JP", "inclusive"), ("BR", "inclusive")],
)  # fmt: skip
def test_location_behaviour(country: str, expected: str) -> None:
    assert tax.behavior_for("location", country) == expected
    assert tax.behavior_for("inclusive", country) == "inclusive"
    assert tax.behavior_for("exclusive", country) == "exclusive"


@pytest.mark.parametrize(
    ("where", "rate"),
    [
        (address("DE"), Decimal("0.19")),
        (address("FR"), Decimal("0.20")),
        (address("NL"), Decimal("0.21")),
        (address("SE"), Decimal("0.25")),
        (address("GB"), Decimal("0.20")),
        (address("CA", "CA-ON"), Decimal("0.05")),
        (address("IN"), Decimal("0.18")),
        (address("US", "US-NY"), Decimal("0.04")),
        (address("US", "US-CA"), Decimal(0)),
        (address("BR"), Decimal(0)),
    ],
)
def test_rates(where: AddressValues, rate: Decimal) -> None:
    assert tax.rate_for(where) == rate


@pytest.mark.parametrize("where", [address("US"), address("CA")])
def test_us_and_canada_need_a_state(where: AddressValues) -> None:
    with pytest.raises(tax.IncompleteTaxLocation):
        tax.calculate(1000, "location", where, tax_id=None, seller_country="US")


@pytest.mark.parametrize(
    ("amount", "option", "where", "expected"),
    [
        # inclusive: amount - round(amount / 1.19); 4900 / 1.19 = 4117.65 -> 782
        (4900, "location", address("DE"), tax.TaxQuote(782, "inclusive")),
        # 100 / 1.19 = 84.03 -> 16
        (100, "location", address("DE"), tax.TaxQuote(16, "inclusive")),
        # 1 / 1.2 = 0.83 -> 1, so all of it is tax
        (1, "location", address("FR"), tax.TaxQuote(0, "inclusive")),
        # exclusive: round(net * rate); 4900 * 0.0625 = 306.25 -> 306
        (4900, "location", address("US", "US-TX"), tax.TaxQuote(306, "exclusive")),
        # 1000 * 0.065 = 65 exactly; 1010 * 0.065 = 65.65 -> 66
        (1010, "location", address("US", "US-WA"), tax.TaxQuote(66, "exclusive")),
        # half up: 10 * 0.25 = 2.5 -> 3
        (10, "exclusive", address("SE"), tax.TaxQuote(3, "exclusive")),
        # 4800 yen / 1.10 = 4363.64 -> 436
        (4800, "location", address("JP"), tax.TaxQuote(436, "inclusive")),
        # inclusive price sold to New York: 1200 - round(1200 / 1.04) = 46
        (1200, "inclusive", address("US", "US-NY"), tax.TaxQuote(46, "inclusive")),
        (4900, "location", address("US", "US-CA"), tax.TaxQuote(0, "exclusive")),
        (4900, "location", address("BR"), tax.TaxQuote(0, "inclusive")),
    ],
)
def test_calculate_rounding(
    amount: int, option: Any, where: AddressValues, expected: tax.TaxQuote
) -> None:
    assert tax.calculate(amount, option, where, tax_id=None, seller_country="US") == expected


def test_reverse_charge() -> None:
    german = address("DE")
    assert tax.calculate(4900, "location", german, tax_id="DE136695976", seller_country="US") == (
        tax.TaxQuote(0, "inclusive")
    )
    # Same country as the seller: VAT is due.
    assert tax.calculate(4900, "location", german, tax_id="DE136695976", seller_country="DE") == (
        tax.TaxQuote(782, "inclusive")
    )
    # Outside the EU a tax ID changes nothing here.
    assert tax.calculate(
        4900, "location", address("GB"), tax_id="GB980780684", seller_country="US"
    ) == tax.TaxQuote(817, "inclusive")


def test_every_eu_member_state_has_a_rate() -> None:
    assert set(tax_id.EU_MEMBER_STATES) <= set(tax.COUNTRY_RATES)
    assert len(set(tax_id.EU_MEMBER_STATES)) == 27


def test_reverse_charge_uses_the_member_states_the_tax_id_rules_use() -> None:
    # One list: the states whose VAT numbers the form and the emulator accept as EU VAT.
    assert tax.EU_MEMBER_STATES is tax_id.EU_MEMBER_STATES
    reverse_charged = {
        code
        for code in regions.all_country_codes()
        if tax.is_reverse_charge(address(code, "NY" if code == "US" else None), "ID", "US")
    }
    assert reverse_charged == set(tax_id.EU_MEMBER_STATES)


# -- over HTTP -------------------------------------------------------------------------


@pytest.mark.fidelity("tax")
async def test_no_address_means_no_tax_yet(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    session = await patch_ok(client, secrets["one-time"], {"customer_name": "Ada"})
    assert (session["tax_amount"], session["tax_behavior"]) == (None, None)
    assert session["total_amount"] == 4900


@pytest.mark.fidelity("tax")
async def test_inclusive_tax_is_carved_out(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    session = await patch_ok(
        client, secrets["one-time"], {"customer_billing_address": GERMAN_ADDRESS}
    )
    assert (session["tax_amount"], session["tax_behavior"]) == (782, "inclusive")
    assert (session["net_amount"], session["total_amount"]) == (4118, 4900)


@pytest.mark.fidelity("tax")
async def test_exclusive_tax_is_added(client: httpx.AsyncClient, secrets: dict[str, str]) -> None:
    session = await patch_ok(
        client, secrets["one-time"], {"customer_billing_address": NEW_YORK_ADDRESS}
    )
    assert (session["tax_amount"], session["tax_behavior"]) == (196, "exclusive")
    assert (session["net_amount"], session["total_amount"]) == (4900, 5096)


async def test_organization_default_inclusive_applies_in_the_us(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    session = await patch_ok(
        client,
        secrets["subscription"],
        {"customer_billing_address": NEW_YORK_ADDRESS, "allow_trial": False},
    )
    assert (session["tax_amount"], session["tax_behavior"]) == (46, "inclusive")
    assert (session["net_amount"], session["total_amount"]) == (1154, 1200)


@pytest.mark.fidelity("tax")
async def test_reverse_charge_for_an_eu_business(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    secret = secrets["one-time"]
    await patch_ok(client, secret, {"customer_billing_address": GERMAN_ADDRESS})
    session = await patch_ok(
        client, secret, {"is_business_customer": True, "customer_tax_id": GERMAN_VAT_ID}
    )
    assert (session["tax_amount"], session["tax_behavior"]) == (0, "inclusive")
    assert (session["net_amount"], session["total_amount"]) == (4900, 4900)


@pytest.mark.fidelity("tax")
async def test_an_address_that_cannot_be_placed_makes_tax_null(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    secret = secrets["one-time"]
    await patch_ok(client, secret, {"customer_billing_address": GERMAN_ADDRESS})
    session = await patch_ok(client, secret, {"customer_billing_address": {"country": "US"}})
    assert (session["tax_amount"], session["tax_behavior"]) == (None, None)
    assert session["net_amount"] == session["total_amount"] == 4900


@pytest.mark.fidelity("tax")
async def test_free_products_pay_no_tax(client: httpx.AsyncClient, secrets: dict[str, str]) -> None:
    session = await patch_ok(client, secrets["free"], {"customer_billing_address": GERMAN_ADDRESS})
    assert session["tax_amount"] == 0
    assert session["total_amount"] == 0


async def test_tax_in_a_zero_decimal_currency(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    session = await patch_ok(
        client, secrets["jpy"], {"customer_billing_address": {"country": "JP"}}
    )
    assert (session["tax_amount"], session["net_amount"], session["total_amount"]) == (
        436,
        4364,
        4800,
    )


@pytest.mark.fidelity("tax")
async def test_tax_follows_the_discount(client: httpx.AsyncClient, secrets: dict[str, str]) -> None:
    session = await patch_ok(
        client,
        secrets["discount"],
        {"customer_billing_address": NEW_YORK_ADDRESS, "discount_code": "LAUNCH20"},
    )
    # (7900 - 1580) * 0.04 = 252.8 -> 253
    assert (session["net_amount"], session["tax_amount"], session["total_amount"]) == (
        6320,
        253,
        6573,
    )
