"""A customer who already subscribes: Polar's 403 AlreadyActiveSubscriptionError and when it
does not apply (server/polar/checkout/service.py, `_validate_subscription_uniqueness`).

The refusals themselves, with their exact bodies, are conformance rows
(`test_conformance_refusals`, `test_conformance_confirm`); here are the conditions: which
statuses count, the whole organization, one-time products, other emails, the organization's
setting, the order against the discount limit, and the scenario file's checks.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from tui.emulator.http.server import create_app
from tui.emulator.model.clock import FrozenClock
from tui.emulator.model.ids import stable_secret, stable_uuid
from tui.emulator.seed.loader import load_scenarios
from tui.emulator.store import Store

from .support import BASE, LANTERN_TASTER, NOW, SUBSCRIBER_EMAIL, confirm, patch_ok
from .test_scenario_file import problems_of, write_json

ACTIVE = "AlreadyActiveSubscriptionError"
EMAIL = "ada@example.com"


def seller(status: str = "active", **organization: Any) -> dict[str, Any]:
    """Acme sells a monthly and a yearly plan and an e-book; Ada subscribes to the yearly."""
    fixed = [{"amount_type": "fixed", "currency": "usd", "amount": 1000}]
    return {
        "organizations": [{"slug": "acme", "name": "Acme", **organization}],
        "products": [
            {"key": "monthly", "organization": "acme", "name": "Monthly",
             "recurring_interval": "month", "prices": fixed},
            {"key": "yearly", "organization": "acme", "name": "Yearly",
             "recurring_interval": "year", "prices": fixed},
            {"key": "ebook", "organization": "acme", "name": "E-book", "prices": fixed},
        ],
        "discounts": [
            {"organization": "acme", "code": "FRIEND", "name": "Friend", "type": "percentage",
             "basis_points": 10000, "max_redemptions_per_customer": 1},
        ],
        "subscriptions": [{"product": "yearly", "email": "Ada@Example.com", "status": status}],
        "sessions": [{"name": "monthly", "product": "monthly"},
                     {"name": "ebook", "product": "ebook"}],
    }  # fmt: skip


@asynccontextmanager
async def serving(tmp_path: Path, data: dict[str, Any]) -> AsyncIterator[httpx.AsyncClient]:
    store = Store(FrozenClock(NOW), scenarios=load_scenarios(write_json(tmp_path, data)))
    transport = httpx.ASGITransport(app=create_app(store))
    async with httpx.AsyncClient(transport=transport, base_url="http://emulator") as http:
        yield http


@pytest.mark.fidelity("already-subscribed")
@pytest.mark.parametrize(
    ("status", "refused"),
    [
        # Polar's SubscriptionStatus.billable_statuses: trialing, active, past_due.
        ("active", True),
        ("trialing", True),
        ("past_due", True),
        ("incomplete", False),
        ("incomplete_expired", False),
        ("canceled", False),
        ("unpaid", False),
        ("paused", False),
    ],
)
async def test_a_billable_subscription_to_any_product_of_the_seller_refuses(
    tmp_path: Path, status: str, refused: bool
) -> None:
    async with serving(tmp_path, seller(status)) as http:
        secret = stable_secret("monthly")
        response = await http.patch(f"{BASE}/{secret}", json={"customer_email": EMAIL})
        assert response.status_code == (403 if refused else 200), response.text
        if refused:
            assert response.json()["error"] == ACTIVE
            assert (await http.get(f"{BASE}/{secret}")).json()["customer_email"] is None


@pytest.mark.fidelity("already-subscribed")
async def test_the_seller_may_allow_a_second_subscription(tmp_path: Path) -> None:
    async with serving(tmp_path, seller(allow_multiple_subscriptions=True)) as http:
        session = await patch_ok(http, stable_secret("monthly"), {"customer_email": EMAIL})
    assert session["customer_email"] == EMAIL


@pytest.mark.fidelity("already-subscribed")
async def test_one_time_products_are_not_checked(tmp_path: Path) -> None:
    async with serving(tmp_path, seller()) as http:
        session = await patch_ok(http, stable_secret("ebook"), {"customer_email": EMAIL})
    assert session["customer_email"] == EMAIL


@pytest.mark.fidelity("discount-customer-limit")
async def test_the_discount_limit_answers_first_on_update_the_subscription_on_confirm(
    tmp_path: Path,
) -> None:
    async with serving(tmp_path, seller()) as http:
        used = await confirm(
            http, stable_secret("ebook"), {"customer_email": EMAIL, "discount_code": "FRIEND"}
        )
        assert used.status_code == 200, used.text
        body = {"customer_email": EMAIL, "discount_code": "FRIEND"}
        update = await http.patch(f"{BASE}/{stable_secret('monthly')}", json=body)
        confirmed = await confirm(
            http, stable_secret("monthly"), {**body, "confirmation_token_id": "ctoken_1"}
        )
    assert update.json()["error"] == "DiscountRedemptionLimitReached"
    assert (confirmed.status_code, confirmed.json()["error"]) == (403, ACTIVE)


@pytest.mark.fidelity("already-subscribed")
async def test_other_emails_and_the_free_product_go_through(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    aliased = await patch_ok(
        client, secrets["every-choice"], {"customer_email": "member+lantern@example.com"}
    )
    assert aliased["customer_email"] == "member+lantern@example.com"  # no alias stripping here
    other = await patch_ok(
        client, secrets["already-subscribed"], {"customer_email": "grace@example.com"}
    )
    assert (other["customer_name"], other["customer_email"]) == (
        "Grace Hopper",
        "grace@example.com",
    )
    taster = {"product_id": str(LANTERN_TASTER.id), "customer_email": SUBSCRIBER_EMAIL}
    free = await patch_ok(client, secrets["every-choice"], taster)
    assert (free["product"]["name"], free["customer_email"]) == (
        "Lantern Taster Lessons",
        SUBSCRIBER_EMAIL,
    )


async def test_a_subscriber_is_already_a_customer_of_the_seller(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    taster = {"product_id": str(LANTERN_TASTER.id), "customer_email": SUBSCRIBER_EMAIL}
    response = await confirm(client, secrets["every-choice"], taster)
    assert response.status_code == 200, response.text
    confirmed = response.json()
    organization = str(stable_uuid("org", "lantern-learning"))
    assert confirmed["customer_id"] == str(stable_uuid("customer", organization, SUBSCRIBER_EMAIL))
    assert confirmed["customer_session_token"] is None  # found by email: Polar's guard


def test_the_scenario_file_checks_its_subscriptions(tmp_path: Path) -> None:
    data = seller()
    data["subscriptions"] = [
        {"product": "ebook", "email": EMAIL},
        {"product": "weekly", "email": EMAIL},
        {"product": "yearly", "email": "not an email"},
        {"product": "yearly", "email": EMAIL, "status": "expired"},
    ]
    problems = problems_of(write_json(tmp_path, data))
    path = tmp_path / "scenarios.json"
    assert problems[0] == (
        f"{path}: subscriptions[2].email: value is not a valid email address: "
        "An email address must have an @-sign."
    )
    assert problems[1].startswith(f"{path}: subscriptions[3].status: Input should be ")
    assert len(problems) == 2  # the cross-references are checked once the schema holds
    del data["subscriptions"][2:]
    assert problems_of(write_json(tmp_path, data)) == [
        f'{path}: subscriptions[0].product: product "ebook" is not recurring',
        f'{path}: subscriptions[1].product: unknown product "weekly"',
    ]
