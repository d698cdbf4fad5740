"""Random update sequences through the ASGI app keep Polar's money and flag invariants.

Each example seeds a fresh store and sends a short run of random PATCHes to one
open scenario (names, emails, business on/off, addresses in a few countries with
US states and EU VAT IDs, pay-what-you-want amounts, seats, units, discount
codes, product switches; some invalid on purpose). After every 200 the body is the
stored session and its amounts and flags agree (polar-api.md sections 3 and 4);
after every 422 the stored session is exactly what it was. The responses also
pass the contract hook (conftest.py), as every response in this folder does.

Derandomized and bounded (60 examples, about two seconds), so CI sees the same
examples on every run. `--hypothesis-show-statistics` shows what they covered.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tui.emulator.http.server import create_app
from tui.emulator.model.clock import FrozenClock
from tui.emulator.store import Store

from .support import (
    BASE,
    GERMAN_ADDRESS,
    GERMAN_VAT_ID,
    NEW_YORK_ADDRESS,
    NOW,
    UPDATABLE_SCENARIOS,
)

BOUNDED = settings(
    deadline=None,
    derandomize=True,
    database=None,
    # `contract_guard` (autouse) is shared by the examples on purpose: it only checks.
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def _catalogue() -> dict[str, list[str]]:
    """Scenario -> the ids of the products its session offers, from its public JSON."""
    store = Store(FrozenClock(NOW))
    return {
        entry.name: [product["id"] for product in store.get_json(entry.client_secret)["products"]]
        for entry in store.scenarios()
    }


PRODUCTS = _catalogue()
FOREIGN_PRODUCT = PRODUCTS["one-time"][0]
"""A product of another organization: switching to it is a 422 everywhere else."""

TAXED_ADDRESSES: list[dict[str, str]] = [
    GERMAN_ADDRESS,
    NEW_YORK_ADDRESS,
    {"country": "FR"},
    {"country": "NL", "city": "Amsterdam"},
    {"country": "GB", "line1": "10 Downing Street", "postal_code": "SW1A 2AA", "city": "London"},
    {"country": "JP"},
    {"country": "US", "line1": "1 Elm St", "postal_code": "75201", "city": "Dallas", "state": "TX"},
    {"country": "US", "state": "WA"},
    {"country": "CA", "state": "ON", "line1": "1 Yonge St", "postal_code": "M5E 1W7", "city": "TO"},
]  # fmt: skip
ADDRESSES: list[dict[str, str]] = [
    *TAXED_ADDRESSES,
    {"country": "US", "line1": "1 Market St", "postal_code": "94105", "city": "SF", "state": "CA"},
    {"country": "US", "line1": "1 Main St", "postal_code": "97201", "city": "Portland"},  # no state
    {"country": "US", "state": "PR"},  # 422: not a state
    {"country": "RU"},  # 422: a refused country
]  # fmt: skip
TAX_IDS: list[str | None] = [
    GERMAN_VAT_ID,
    "FR 61 954 506 077",
    "BE697449992",
    "GB 980 7806 84",
    "91-1144442",  # a US EIN
    "not a vat id",
    None,
]
DISCOUNT_CODES: list[str | None] = ["LAUNCH20", "launch20", "FIVEOFF", "STARTER50", "FRIENDS"]
DISCOUNT_CODES += ["EURO10", "QUARTER25", "SUMMER23", "NOPE", None]


def _fields(products: list[str]) -> dict[str, st.SearchStrategy[Any]]:
    """Values for each key a client sends: mostly valid, some not (422)."""
    return {
        "customer_name": st.sampled_from(["Ada Lovelace", "  Erika  ", "", None, "x" * 257]),
        "customer_email": st.sampled_from(["ada@example.com", "erika@example.de", None, "nope"]),
        "is_business_customer": st.booleans(),
        "customer_billing_name": st.sampled_from(["Muster GmbH", None]),
        "customer_billing_address": st.sampled_from(ADDRESSES),
        "customer_tax_id": st.sampled_from(TAX_IDS),
        "amount": st.one_of(
            st.sampled_from([0, 49, 50, 500, 1500, 100_000, 100_001]),
            st.integers(min_value=-5, max_value=150_000),
        ),
        "seats": st.integers(min_value=0, max_value=60),
        "units": st.integers(min_value=0, max_value=12_000),
        "discount_code": st.sampled_from(DISCOUNT_CODES),
        "product_id": st.sampled_from([*products, FOREIGN_PRODUCT]),
        "allow_trial": st.just(False),
    }


@st.composite
def journeys(draw: st.DrawFn, name: str) -> list[dict[str, Any]]:
    """1 to 6 PATCH bodies of 1 to 3 keys each for scenario `name`."""
    fields = _fields(PRODUCTS[name])
    # Keys that move money come up twice as often.
    often = [*sorted(fields), "customer_billing_address", "discount_code", "amount", "seats"]
    keys = st.lists(st.sampled_from(often), min_size=1, max_size=3, unique=True)
    return [
        {key: draw(fields[key]) for key in draw(keys)}
        for _ in range(draw(st.integers(min_value=1, max_value=6)))
    ]


def assert_invariants(session: dict[str, Any]) -> None:
    amount, discount = session["amount"], session["discount_amount"]
    net, tax, total = session["net_amount"], session["tax_amount"], session["total_amount"]
    behavior, trial_end = session["tax_behavior"], session["trial_end"]
    money = (
        f"amount {amount}, discount {discount}, net {net}, tax {tax} ({behavior}), "
        f"total {total}, trial_end {trial_end}"
    )
    assert total == net + (tax or 0), f"total is not net + tax: {money}"
    carved_out = tax if behavior == "inclusive" and tax else 0
    assert net == amount - discount - carved_out, f"net is not amount - discount [- tax]: {money}"
    assert min(amount, discount, net, total, tax or 0) >= 0, f"a negative amount: {money}"
    assert discount <= amount, f"a discount above the amount: {money}"
    flags = {key: session[key] for key in session if key.startswith("is_payment")}
    assert session["is_payment_required"] == (total > 0 and trial_end is None), (flags, money)
    assert session["is_payment_form_required"] == (
        session["is_payment_required"] or session["is_payment_setup_required"]
    ), flags


async def _walk(
    name: str, updates: list[dict[str, Any]], *, opening: list[dict[str, Any]] | None = None
) -> None:
    """Send `opening` (each must succeed), then `updates`, checking after every answer."""
    store = Store(FrozenClock(NOW))
    secret = next(e.client_secret for e in store.scenarios() if e.name == name)
    assert_invariants(store.get_json(secret))
    transport = httpx.ASGITransport(app=create_app(store))
    async with httpx.AsyncClient(transport=transport, base_url="http://emulator") as http:
        for index, body in enumerate([*(opening or []), *updates]):
            before = store.get_json(secret)
            response = await http.patch(f"{BASE}/{secret}", json=body)
            event(f"status {response.status_code}")
            expected = (200,) if index < len(opening or []) else (200, 422)
            assert response.status_code in expected, (body, response.text)
            if response.status_code == 422:
                assert store.get_json(secret) == before, body
                continue
            session = response.json()
            assert session == store.get_json(secret)
            assert_invariants(session)
            event(f"tax {session['tax_behavior']}, discount {session['discount_amount'] > 0}")


@pytest.mark.fidelity("flags")
@pytest.mark.parametrize("name", UPDATABLE_SCENARIOS)
@settings(BOUNDED, max_examples=6)  # 10 scenarios: 60 examples
@given(data=st.data())
def test_updates_keep_amounts_and_flags_consistent(name: str, data: st.DataObject) -> None:
    asyncio.run(_walk(name, data.draw(journeys(name), label="updates")))


@settings(BOUNDED, max_examples=12)
@given(
    code=st.sampled_from(["LAUNCH20", "FIVEOFF", "FRIENDS", "STARTER50"]),
    address=st.sampled_from(TAXED_ADDRESSES),
    data=st.data(),
)
def test_discounts_with_tax_keep_amounts_consistent(
    code: str, address: dict[str, str], data: st.DataObject
) -> None:
    """The case the sums are most likely to get wrong: a discount and tax together."""
    starter = PRODUCTS["discount"][1]  # STARTER50 applies to the starter product only
    opening: list[dict[str, Any]] = [{"product_id": starter}] if code == "STARTER50" else []
    opening.append({"discount_code": code, "customer_billing_address": address})
    updates = data.draw(journeys("discount"), label="updates")
    asyncio.run(_walk("discount", updates, opening=opening))
