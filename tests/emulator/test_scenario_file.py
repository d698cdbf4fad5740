"""User scenario files: the example loads, and every kind of mistake is named by its path."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from tui.emulator.http.server import create_app
from tui.emulator.model.clock import FrozenClock
from tui.emulator.model.ids import stable_secret
from tui.emulator.seed.loader import ScenarioFileError, load_scenarios
from tui.emulator.store import Store

from .support import BASE, NOW

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "scenarios.example.toml"

MINIMAL: dict[str, Any] = {
    "organizations": [{"slug": "acme", "name": "Acme", "default_currency": "usd"}],
    "products": [
        {
            "key": "widget",
            "organization": "acme",
            "name": "Widget",
            "prices": [
                {"amount_type": "fixed", "currency": "usd", "amount": 1000},
                {"amount_type": "fixed", "currency": "eur", "amount": 900},
            ],
        }
    ],
    "sessions": [{"name": "widget", "product": "widget"}],
}


def write_json(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "scenarios.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ScenarioFileError) as caught:
        load_scenarios(path)
    assert str(caught.value) == "\n".join(caught.value.problems)
    return list(caught.value.problems)


def changed(**sections: Any) -> dict[str, Any]:
    data = copy.deepcopy(MINIMAL)
    data.update(sections)
    return data


def test_the_example_file_builds_every_price_type() -> None:
    scenarios = {scenario.name: scenario for scenario in load_scenarios(EXAMPLE)}
    assert list(scenarios) == [
        "field-guide-usd",
        "field-guide-eur-prefilled",
        "zine-tip",
        "sample-chapter",
        "membership-trial",
        "render-minutes",
        "team-business",
        "membership-paid",
        "field-guide-expired",
    ]
    assert scenarios["field-guide-usd"].client_secret == stable_secret("field-guide-usd")
    guide = scenarios["field-guide-usd"].product
    assert [(p.amount_type, p.currency, p.price_amount) for p in guide.prices] == [
        ("fixed", "usd", 2400),
        ("fixed", "eur", 2200),
    ]
    tip = scenarios["zine-tip"].product.prices[0]
    assert (tip.amount_type, tip.minimum_amount, tip.maximum_amount, tip.preset_amount) == (
        "custom",
        0,
        50000,
        800,
    )
    free = scenarios["sample-chapter"].product.prices[0]
    assert (free.amount_type, free.price_amount, free.is_free) == ("fixed", 0, True)
    team = scenarios["team-business"]
    seats = team.product.prices[0]
    assert seats.seat_tier_type == "graduated"
    assert [(t.min_seats, t.max_seats, t.price_per_seat) for t in seats.seat_tiers] == [
        (1, 5, 6000),
        (6, 25, 4800),
        (26, None, 3600),
    ]
    assert team.customer["customer_tax_id"] == "DE136695976"
    assert team.customer["customer_billing_address"].city == "Berlin"
    minutes = scenarios["render-minutes"].product.prices[0]
    assert (minutes.amount_type, minutes.unit_tier_type, minutes.minimum_units) == (
        "unit_based",
        "graduated",
        30,
    )
    assert [(t.bound, t.unit_amount) for t in minutes.unit_tiers] == [
        (100, 20),
        (1000, 15),
        (None, 10),
    ]
    membership = scenarios["membership-trial"].product
    assert (membership.recurring_interval, membership.trial_interval_count) == ("month", 14)
    readers, two_off, launch = scenarios["zine-tip"].catalog.discounts
    assert (readers.code, readers.basis_points, readers.product_ids) == (
        "READER15",
        1500,
        frozenset(),
    )
    assert two_off.amounts == (("usd", 200), ("eur", 200))
    assert two_off.product_ids == {guide.id}
    assert (launch.max_redemptions, launch.redemptions_count) == (50, 50)
    assert not launch.is_redeemable(NOW)
    assert scenarios["field-guide-eur-prefilled"].catalog.organization.default_currency == "eur"
    assert scenarios["membership-paid"].status == "succeeded"
    assert scenarios["field-guide-expired"].expired


async def test_a_session_from_the_example_answers_get_as_defined() -> None:
    store = Store(FrozenClock(NOW), scenarios=load_scenarios(EXAMPLE))
    transport = httpx.ASGITransport(app=create_app(store))
    async with httpx.AsyncClient(transport=transport, base_url="http://emulator") as http:
        secret = stable_secret("field-guide-eur-prefilled")
        session = (await http.get(f"{BASE}/{secret}")).json()
        expired = await http.get(f"{BASE}/{stable_secret('field-guide-expired')}")
    assert session["product"]["name"] == "The Field Guide to Urban Birds (EPUB + PDF)"
    assert session["organization"]["name"] == "Quillstone Books"
    assert (session["currency"], session["amount"]) == ("eur", 2200)
    assert (session["customer_name"], session["customer_email"]) == (
        "Camille Martin",
        "camille.martin@example.com",
    )
    assert session["customer_billing_address"]["city"] == "Paris"
    assert session["locale"] == "fr"
    assert session["tax_amount"] == 367  # French VAT, carved out of the inclusive price
    assert expired.status_code == 410


def test_the_json_twin_describes_the_same_scenarios() -> None:
    assert load_scenarios(EXAMPLE.with_suffix(".json")) == load_scenarios(EXAMPLE)


def test_schema_problems_are_all_named_by_their_path(tmp_path: Path) -> None:
    data = changed()
    data["products"][0]["prices"][1]["amount"] = -1
    data["products"][0]["prices"].append({"amount_type": "metered_unit", "currency": "usd"})
    data["sessions"].append({"name": "second", "product": "widget", "expires_in": 5})
    data["sessions"].append(
        {"name": "third", "product": "widget", "expires_in_minutes": 8 * 24 * 60}
    )
    path = write_json(tmp_path, data)
    assert problems_of(path) == [
        f"{path}: products[0].prices[1].amount: Input should be greater than or equal to 0",
        f"{path}: products[0].prices[2]: Input tag 'metered_unit' found using 'amount_type' "
        "does not match any of the expected tags: 'fixed', 'custom', 'free', 'seat_based', "
        "'unit_based'",
        f"{path}: sessions[1].expires_in: Extra inputs are not permitted",
        f"{path}: sessions[2].expires_in_minutes: Input should be less than or equal to 10080",
    ]


def test_cross_references_are_all_checked(tmp_path: Path) -> None:
    data = changed(
        discounts=[
            {
                "organization": "acme",
                "code": "HALF",
                "name": "Half",
                "type": "percentage",
                "basis_points": 5000,
                "products": ["gadget"],
            },
            {"organization": "nobody", "code": "X", "name": "X", "type": "fixed", "amounts": {}},
        ]
    )
    data["sessions"] += [
        {"name": "yearly", "product": "pro-yearly"},
        {"name": "yen", "product": "widget", "currency": "JPY"},
        {"name": "widget", "product": "widget"},
    ]
    path = write_json(tmp_path, data)
    assert problems_of(path) == [f"{path}: discounts[1]: a fixed discount needs amounts"]
    data["discounts"][1]["amounts"] = {"usd": 100}
    path = write_json(tmp_path, data)
    assert problems_of(path) == [
        f'{path}: discounts[0].products[0]: unknown product "gadget"',
        f'{path}: discounts[1].organization: unknown organization "nobody"',
        f'{path}: sessions[1].product: unknown product "pro-yearly"',
        f'{path}: sessions[2].currency: product "widget" has no price in "jpy"',
        f'{path}: sessions[3].name: duplicate session "widget"',
    ]


@pytest.mark.parametrize(
    ("price", "message"),
    [
        (
            {"amount_type": "custom", "currency": "usd", "minimum_amount": 500, "preset_amount": 1},
            "products[0].prices[0]: preset_amount is outside minimum_amount..maximum_amount",
        ),
        (
            {
                "amount_type": "seat_based",
                "currency": "usd",
                "tiers": [
                    {"min_seats": 1, "max_seats": 4, "price_per_seat": 100},
                    {"min_seats": 6, "price_per_seat": 90},
                ],
            },
            "products[0].prices[0]: tier 2 must start at 5 seats",
        ),
        (
            {
                "amount_type": "unit_based",
                "currency": "usd",
                "tiers": [{"bound": 100, "unit_amount": 5}, {"bound": 50, "unit_amount": 4}],
            },
            "products[0].prices[0]: tier bounds must increase",
        ),
        (
            {
                "amount_type": "unit_based",
                "currency": "usd",
                "minimum_units": 20,
                "maximum_units": 10,
                "tiers": [{"unit_amount": 5}],
            },
            "products[0].prices[0]: minimum_units is above the most units one can buy",
        ),
        (
            {"amount_type": "fixed", "currency": "xyz", "amount": 1},
            'products[0].prices[0].currency: unsupported currency "xyz"',
        ),
    ],
)
def test_price_rules(tmp_path: Path, price: dict[str, Any], message: str) -> None:
    data = changed()
    data["products"][0]["prices"] = [price]
    path = write_json(tmp_path, data)
    assert problems_of(path) == [f"{path}: {message}"]


def test_customer_fields_are_checked_as_polar_checks_them(tmp_path: Path) -> None:
    data = changed()
    data["sessions"][0]["customer"] = {
        "email": "not-an-address",
        "billing_address": {"country": "US", "state": "XX"},
    }
    data["sessions"].append(
        {"name": "taxed", "product": "widget", "customer": {"tax_id": "DE136695976"}}
    )
    path = write_json(tmp_path, data)
    problems = problems_of(path)
    assert [line.split(": ")[1] for line in problems] == [
        "sessions[0].customer.email",
        "sessions[0].customer.billing_address",
        "sessions[1].customer",
    ]
    assert problems[1].endswith("Invalid US state")
    assert problems[2].endswith("Country is required to validate tax ID.")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.toml", "[[organizations]\n", "invalid TOML: "),
        ("bad.json", "{", "invalid JSON: "),
        ("bad.yaml", "a: 1", "expected a .toml or .json file"),
        ("list.json", "[]", "Input should be a valid dictionary or instance of ScenarioFile"),
    ],
)
def test_unreadable_files(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}: {message}")


def test_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "missing.toml"
    (problem,) = problems_of(path)
    assert problem.startswith(f"{path}: cannot read the file: ")


@pytest.mark.fidelity("ttl")
def test_a_session_lives_as_long_as_the_file_says(tmp_path: Path) -> None:
    """Else 24 hours, Polar's `CHECKOUT_TTL_SECONDS` (server/polar/config.py:170 at the
    mirror's HEAD c6c3645e); an expired one expired an hour ago, 24 hours after its start."""
    data = changed()
    data["sessions"][0]["expires_in_minutes"] = 5
    data["sessions"].append({"name": "default", "product": "widget"})
    data["sessions"].append({"name": "gone", "product": "widget", "status": "expired"})
    store = Store(FrozenClock(NOW), scenarios=load_scenarios(write_json(tmp_path, data)))
    entries = store.list_sessions()
    assert [entry.expires_at for entry in entries] == [
        NOW + timedelta(minutes=5),
        datetime(2026, 5, 2, 12, 0, tzinfo=UTC),
        datetime(2026, 5, 1, 11, 0, tzinfo=UTC),
    ]
    created = store.get_json(entries[2].client_secret)["created_at"]
    assert created == "2026-04-30T11:00:00Z"


LOCAL_DATETIMES_TOML = """
[[organizations]]
slug = "acme"
name = "Acme"

[[products]]
key = "widget"
organization = "acme"
name = "Widget"
prices = [{ amount_type = "fixed", currency = "usd", amount = 1000 }]

[[discounts]]
organization = "acme"
code = "SPRING"
name = "Spring"
type = "percentage"
basis_points = 1000
starts_at = 2026-03-01T00:00:00
ends_at = 2026-05-01T12:00:01

[[discounts]]
organization = "acme"
code = "ENDED"
name = "Ended a second ago"
type = "percentage"
basis_points = 1000
ends_at = 2026-05-01T11:59:59

[[sessions]]
name = "widget"
product = "widget"
"""


async def test_date_times_without_an_offset_are_utc(tmp_path: Path) -> None:
    path = tmp_path / "scenarios.toml"
    path.write_text(LOCAL_DATETIMES_TOML, encoding="utf-8")
    (scenario,) = load_scenarios(path)
    spring, ended = scenario.catalog.discounts
    assert spring.starts_at == datetime(2026, 3, 1, tzinfo=UTC)
    assert ended.ends_at == datetime(2026, 5, 1, 11, 59, 59, tzinfo=UTC)

    store = Store(FrozenClock(NOW), scenarios=(scenario,))  # NOW: 2026-05-01 12:00 UTC
    transport = httpx.ASGITransport(app=create_app(store))
    async with httpx.AsyncClient(transport=transport, base_url="http://emulator") as http:
        url = f"{BASE}/{scenario.client_secret}"
        applied = await http.patch(url, json={"discount_code": "SPRING"})
        refused = await http.patch(url, json={"discount_code": "ENDED"})
    assert applied.status_code == 200, applied.text
    assert applied.json()["discount"]["code"] == "SPRING"
    assert refused.status_code == 422, refused.text
    assert refused.json()["detail"][0]["msg"] == "Discount does not exist."
