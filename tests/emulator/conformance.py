"""Conformance rows and their runner: request -> status, `error`, `loc`, `msg` (and `type`).

One row per rule or error, in `test_conformance_*.py` grouped by what refuses
the request. Rows PATCH the session, or POST its confirm when `route` says so.
Every failing row also checks that nothing was applied: the stored session is
the same before and after the refused request. Confirm's 422s that list several
pieces at once are in `test_emulator_confirm`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.fixtures import CONTRACT
from tui.emulator.store import Store

from .support import BASE, patch_ok, redeem_elsewhere

RVE = "RequestValidationError"
PRVE = "PolarRequestValidationError"
INVALID_CHARS = "Value error, This value contains invalid characters"


def _accepted_countries() -> list[str]:
    schemas = json.loads(CONTRACT.read_text(encoding="utf-8"))["components"]["schemas"]
    accepted: list[str] = schemas["AddressInput"]["properties"]["country"]["enum"]
    return accepted


ACCEPTED_COUNTRIES = _accepted_countries()
NOT_A_COUNTRY = (
    "Input should be "
    + ", ".join(f"'{code}'" for code in ACCEPTED_COUNTRIES[:-1])
    + f" or '{ACCEPTED_COUNTRIES[-1]}'"
)
"""Pydantic's message for a value outside Polar's country enum."""


@dataclass(frozen=True)
class Row:
    id: str
    scenario: str
    body: Any
    status: int
    error: str
    loc: tuple[str | int, ...] | None
    msg: str
    type: str | None = None
    before: tuple[dict[str, Any], ...] = ()
    """PATCHes applied first, each must succeed."""
    setup: Callable[[Store, str], None] | None = None
    """Then this, with the store and the row's secret (locks, blocks, other sessions)."""
    route: str = ""
    """"" for PATCH, "/confirm" for POST confirm."""


CONFIRM = "/confirm"


def proving(rows: list[Row], rules: Mapping[str, tuple[str, ...]]) -> list[Any]:
    """The rows as parameters named by their ids, each marked with the fidelity rules (of
    `tests/fidelity/rules.toml`) it proves."""
    strays = sorted(set(rules) - {row.id for row in rows})
    assert not strays, f"rules given for rows that do not exist: {strays}"
    return [
        pytest.param(row, id=row.id, marks=[pytest.mark.fidelity(*rules.get(row.id, ()))])
        for row in rows
    ]


def lock(store: Store, secret: str) -> None:
    store.lock(secret)


def block(store: Store, secret: str) -> None:
    store.block_organization(secret)


def lock_and_block(store: Store, secret: str) -> None:
    store.lock(secret)
    store.block_organization(secret)


def friends_redeemed(store: Store, secret: str) -> None:
    redeem_elsewhere(store, "FRIENDS")


def last_one_redeemed(store: Store, secret: str) -> None:
    redeem_elsewhere(store, "LASTONE", "grace@example.com")


PER_CUSTOMER_LIMIT = (
    "You have already redeemed this discount the maximum number of times allowed per customer."
)
LOCKED = "Checkout is currently being processed. Please try again."
ACTIVE_SUBSCRIPTION = "You already have an active subscription."
"""Polar's AlreadyActiveSubscriptionError (server/polar/checkout/service.py)."""


def _secret(secrets: dict[str, str], scenario: str) -> str:
    return secrets.get(scenario, "polar_c_" + "x" * 43)


def _stored(store: Store, secret: str) -> dict[str, Any] | None:
    try:
        return store.get_json(secret)
    except KeyError:
        return None


async def check_row(
    row: Row, client: httpx.AsyncClient, store: Store, secrets: dict[str, str]
) -> None:
    """Send the row's request; check the answer and that a refusal applied nothing."""
    secret = _secret(secrets, row.scenario)
    for body in row.before:
        await patch_ok(client, secret, body)
    if row.setup is not None:
        row.setup(store, secret)
    stored_before = _stored(store, secret)

    method = "POST" if row.route == CONFIRM else "PATCH"
    response = await client.request(method, f"{BASE}/{secret}{row.route}", json=row.body)

    assert response.status_code == row.status, response.text
    payload = response.json()
    assert payload["error"] == row.error
    if row.status == 422:
        assert payload["detail"] == [
            {**payload["detail"][0], "loc": list(row.loc or ()), "msg": row.msg, "type": row.type}
        ]
        assert "input" in payload["detail"][0]
        if row.error == PRVE:
            # Polar's own rule errors carry no context.
            assert "ctx" not in payload["detail"][0]
    else:
        assert payload == {"error": row.error, "detail": row.msg}
    assert _stored(store, secret) == stored_before
