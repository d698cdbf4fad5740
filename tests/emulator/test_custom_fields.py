"""Custom field data as Polar stores it: accepted values, the merge, confirm, and whole 422s.

Polar (`checkout/service.py`, `_update_checkout`): an update that sends
`custom_field_data` validates it without the required check and merges the
result into what is stored; a confirm validates its own body's data with the
required check and stores exactly the result. Validation (`custom_field/data.py`)
is a pydantic model of the attached fields: keys of no attached field are
dropped, only keys sent come back, dumped as JSON. Single refusals are rows in
`test_conformance_custom_fields.py`; here are the values that get through and
the 422s of several items. Expected values are written by hand.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tui.emulator.store import Store

from .support import BASE, CONFIRM_EMAIL, confirm, get_ok, patch_ok

PRVE = "PolarRequestValidationError"


@pytest.fixture
def secret(secrets: dict[str, str]) -> str:
    return secrets["custom-fields"]


ACCEPTED: list[tuple[str, Any, Any]] = [
    # (slug, sent, stored)
    ("team_name", "  Night Owls ", "  Night Owls "),  # not trimmed
    ("team_name", "Ab", "Ab"),  # min_length 2
    ("notes", "Line one\nLine two", "Line one\nLine two"),
    ("notes", "", ""),  # no min_length
    ("company_size", 42, 42),
    ("company_size", "42", 42),
    ("company_size", 12.0, 12),
    ("company_size", 1, 1),
    ("company_size", 10_000, 10_000),
    ("start_date", "2026-09-01", "2026-09-01T00:00:00"),
    ("start_date", "2026-09-01T09:30:00+02:00", "2026-09-01T09:30:00+02:00"),
    ("start_date", "2027-12-31", "2027-12-31T00:00:00"),
    ("start_date", 1767225600, "2026-01-01T00:00:00Z"),  # a Unix timestamp
    ("plan", "growth", "growth"),
    ("terms", True, True),
    ("terms", False, False),  # an update never asks for the required value
    ("terms", "yes", True),
    ("plan", None, None),
    ("team_name", None, None),  # required: but only at confirm
]


@pytest.mark.fidelity("custom-fields-update")
@pytest.mark.parametrize(("slug", "sent", "stored"), ACCEPTED)
async def test_an_accepted_value_is_stored_as_polar_dumps_it(
    client: httpx.AsyncClient, secret: str, slug: str, sent: Any, stored: Any
) -> None:
    session = await patch_ok(client, secret, {"custom_field_data": {slug: sent}})
    assert session["custom_field_data"] == {slug: stored}
    assert (await get_ok(client, secret))["custom_field_data"] == {slug: stored}


@pytest.mark.fidelity("custom-fields-update")
async def test_updates_merge_into_what_is_stored(client: httpx.AsyncClient, secret: str) -> None:
    await patch_ok(
        client, secret, {"custom_field_data": {"team_name": "Night Owls", "plan": "scale"}}
    )
    await patch_ok(client, secret, {"custom_field_data": {"plan": "growth", "company_size": 12}})
    session = await patch_ok(client, secret, {"custom_field_data": {"team_name": None}})
    assert session["custom_field_data"] == {"team_name": None, "plan": "growth", "company_size": 12}
    session = await patch_ok(client, secret, {"customer_name": "Ada", "custom_field_data": {}})
    assert session["custom_field_data"] == {"team_name": None, "plan": "growth", "company_size": 12}


@pytest.mark.fidelity("custom-fields-update")
async def test_unknown_slugs_are_dropped_without_a_word(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    body = {"custom_field_data": {"favourite_colour": "teal", "plan": "starter"}}
    session = await patch_ok(client, secrets["custom-fields"], body)
    assert session["custom_field_data"] == {"plan": "starter"}
    # A product that asks nothing keeps nothing.
    session = await patch_ok(client, secrets["one-time"], body)
    assert session["custom_field_data"] == {}
    assert session["attached_custom_fields"] == []


@pytest.mark.fidelity("custom-fields-update")
async def test_required_fields_are_not_checked_on_update(
    client: httpx.AsyncClient, secret: str
) -> None:
    session = await patch_ok(client, secret, {"custom_field_data": {"notes": "No rush."}})
    assert session["custom_field_data"] == {"notes": "No rush."}


@pytest.mark.fidelity("custom-fields-update")
async def test_every_refused_field_is_reported_in_the_fields_order(
    client: httpx.AsyncClient, store: Store, secret: str
) -> None:
    before = store.get_json(secret)
    data = {"terms": "maybe", "team_name": "A", "company_size": 0, "plan": "growth"}
    response = await client.patch(f"{BASE}/{secret}", json={"custom_field_data": data})
    assert response.status_code == 422
    assert response.json() == {
        "error": PRVE,
        "detail": [
            {"type": "string_too_short", "loc": ["body", "custom_field_data", "team_name"],
             "msg": "String should have at least 2 characters", "input": "A"},
            {"type": "greater_than_equal", "loc": ["body", "custom_field_data", "company_size"],
             "msg": "Input should be greater than or equal to 1", "input": 0},
            {"type": "bool_parsing", "loc": ["body", "custom_field_data", "terms"],
             "msg": "Input should be a valid boolean, unable to interpret input",
             "input": "maybe"},
        ],
    }  # fmt: skip
    assert store.get_json(secret) == before


async def test_a_fraction_is_echoed_as_the_timestamp_the_body_made_of_it(
    client: httpx.AsyncClient, secret: str
) -> None:
    response = await client.patch(
        f"{BASE}/{secret}", json={"custom_field_data": {"company_size": 12.5}}
    )
    (item,) = response.json()["detail"]
    assert item["input"] == "1970-01-01T00:00:12.500000+00:00"


# -- confirm ----------------------------------------------------------------------------------


@pytest.mark.fidelity("custom-fields-confirm")
async def test_confirm_stores_exactly_the_data_it_was_sent(
    client: httpx.AsyncClient, secret: str
) -> None:
    await patch_ok(
        client,
        secret,
        {"custom_field_data": {"team_name": "Old name", "notes": "Keep?", "plan": "scale"}},
    )
    body = {
        "customer_email": CONFIRM_EMAIL,
        "custom_field_data": {"team_name": "Night Owls", "terms": True, "company_size": "40"},
    }
    response = await confirm(client, secret, body)
    assert response.status_code == 200, response.text
    expected = {"team_name": "Night Owls", "terms": True, "company_size": 40}
    assert response.json()["status"] == "confirmed"
    assert response.json()["custom_field_data"] == expected
    assert (await get_ok(client, secret))["custom_field_data"] == expected


@pytest.mark.fidelity("custom-fields-confirm")
async def test_confirm_without_data_misses_every_required_field(
    client: httpx.AsyncClient, store: Store, secret: str
) -> None:
    await patch_ok(
        client, secret, {"custom_field_data": {"team_name": "Night Owls", "terms": True}}
    )
    before = store.get_json(secret)
    response = await confirm(
        client, secret, {"customer_email": CONFIRM_EMAIL, "custom_field_data": {"plan": "growth"}}
    )
    assert response.status_code == 422
    # pydantic's `missing` echoes the whole object it validated: the confirm body's data.
    assert response.json() == {
        "error": PRVE,
        "detail": [
            {"type": "missing", "loc": ["body", "custom_field_data", "team_name"],
             "msg": "Field required", "input": {"plan": "growth"}},
            {"type": "missing", "loc": ["body", "custom_field_data", "terms"],
             "msg": "Field required", "input": {"plan": "growth"}},
        ],
    }  # fmt: skip
    assert store.get_json(secret) == before


@pytest.mark.fidelity("custom-fields-confirm")
async def test_confirm_without_the_key_checks_an_empty_object(
    client: httpx.AsyncClient, secret: str
) -> None:
    """The confirm body's `custom_field_data` defaults to {}: what was stored does not count."""
    await patch_ok(
        client, secret, {"custom_field_data": {"team_name": "Night Owls", "terms": True}}
    )
    response = await confirm(client, secret, {"customer_email": CONFIRM_EMAIL})
    assert response.status_code == 422
    assert [
        (item["loc"][-1], item["type"], item["input"]) for item in response.json()["detail"]
    ] == [
        ("team_name", "missing", {}),
        ("terms", "missing", {}),
    ]


async def test_confirm_of_a_product_without_fields_stores_nothing(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    secret = secrets["free"]
    body = {"customer_email": CONFIRM_EMAIL, "custom_field_data": {"team_name": "Owls"}}
    response = await confirm(client, secret, body)
    assert response.status_code == 200, response.text
    assert response.json()["custom_field_data"] == {}
