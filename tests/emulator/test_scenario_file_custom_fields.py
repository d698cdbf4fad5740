"""Custom fields in a scenario file: how they reach the wire, a product switch, and mistakes.

The file below gives one organization two free products asking different
fields, with the properties the built-in scenario leaves out (a number without
bounds, a text with only a minimum, a date with only an upper bound). The
example file's fields are checked through a GET.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import httpx
import pytest

from tui.emulator.http.server import create_app
from tui.emulator.model.clock import FrozenClock
from tui.emulator.model.ids import stable_secret
from tui.emulator.seed.loader import load_scenarios
from tui.emulator.store import Store

from .support import BASE, CONFIRM_EMAIL, NOW, confirm, patch_ok
from .test_scenario_file import EXAMPLE, problems_of, write_json

FREE = [{"amount_type": "free", "currency": "usd"}]
FILE: dict[str, Any] = {
    "organizations": [{"slug": "acme", "name": "Acme"}, {"slug": "other", "name": "Other"}],
    "custom_fields": [
        {"organization": "acme", "type": "number", "slug": "headcount", "name": "Headcount"},
        {"organization": "acme", "type": "checkbox", "slug": "agree", "name": "Agree"},
        {"organization": "acme", "type": "text", "slug": "motto", "name": "Motto",
         "min_length": 3},
        {"organization": "acme", "type": "date", "slug": "kickoff", "name": "Kickoff",
         "le": "2030-06-30"},
        {"organization": "other", "type": "checkbox", "slug": "elsewhere", "name": "Elsewhere"},
    ],
    "products": [
        {"key": "basic", "organization": "acme", "name": "Basic", "prices": FREE,
         "attached_custom_fields": [{"slug": "headcount", "required": True}, {"slug": "agree"}]},
        {"key": "plus", "organization": "acme", "name": "Plus", "prices": FREE,
         "attached_custom_fields": [{"slug": "kickoff"}, {"slug": "motto", "required": True}]},
    ],
    "sessions": [{"name": "basic", "product": "basic"}],
}  # fmt: skip


def plus_id(session: dict[str, Any]) -> str:
    return next(str(product["id"]) for product in session["products"] if product["name"] == "Plus")


@pytest.fixture
def store(tmp_path: Path, clock: FrozenClock) -> Store:
    """The conftest's `client` and `secrets` serve this file's sessions instead."""
    return Store(clock, scenarios=load_scenarios(write_json(tmp_path, FILE)))


async def test_a_product_switch_leaves_the_stored_data_alone(
    client: httpx.AsyncClient, secrets: dict[str, str]
) -> None:
    secret = secrets["basic"]
    session = await patch_ok(
        client, secret, {"custom_field_data": {"headcount": 12, "agree": True}}
    )
    session = await patch_ok(client, secret, {"product_id": plus_id(session)})
    assert [field["custom_field"]["slug"] for field in session["attached_custom_fields"]] == [
        "kickoff",
        "motto",
    ]
    assert session["custom_field_data"] == {"headcount": 12, "agree": True}
    # The next confirm checks the new product's fields, and stores only those.
    body = {"customer_email": CONFIRM_EMAIL, "custom_field_data": {"headcount": 12}}
    refused = await confirm(client, secret, body)
    assert refused.json()["detail"] == [
        {"type": "missing", "loc": ["body", "custom_field_data", "motto"],
         "msg": "Field required", "input": {"headcount": 12}},
    ]  # fmt: skip
    body["custom_field_data"] = {"motto": "Onwards", "headcount": 12}
    confirmed = await confirm(client, secret, body)
    assert confirmed.json()["custom_field_data"] == {"motto": "Onwards"}


@pytest.mark.parametrize(
    ("data", "loc", "msg"),
    [
        ({"headcount": 2**31}, "headcount", "Input should be less than or equal to 2147483647"),
        ({"headcount": -(2**31) - 1}, "headcount",
         "Input should be greater than or equal to -2147483648"),
    ],
)  # fmt: skip
async def test_a_number_without_bounds_is_a_32_bit_integer(
    client: httpx.AsyncClient, secrets: dict[str, str], data: dict[str, Any], loc: str, msg: str
) -> None:
    response = await client.patch(f"{BASE}/{secrets['basic']}", json={"custom_field_data": data})
    (item,) = response.json()["detail"]
    assert (item["loc"], item["msg"]) == (["body", "custom_field_data", loc], msg)


async def test_one_sided_bounds(client: httpx.AsyncClient, secrets: dict[str, str]) -> None:
    secret = secrets["basic"]
    session = await patch_ok(client, secret, {})
    await patch_ok(client, secret, {"product_id": plus_id(session)})
    ok = await patch_ok(
        client, secret, {"custom_field_data": {"motto": "x" * 500, "kickoff": "1901-01-01"}}
    )
    assert ok["custom_field_data"] == {"motto": "x" * 500, "kickoff": "1901-01-01T00:00:00"}
    bad = {"custom_field_data": {"motto": "ab", "kickoff": "2030-07-01"}}
    response = await client.patch(f"{BASE}/{secret}", json=bad)
    assert [(item["loc"][-1], item["msg"]) for item in response.json()["detail"]] == [
        ("kickoff", "Input should be less than or equal to 2030-06-30T00:00:00"),
        ("motto", "String should have at least 3 characters"),
    ]


async def test_the_example_files_fields_reach_the_wire() -> None:
    store = Store(FrozenClock(NOW), scenarios=load_scenarios(EXAMPLE))
    transport = httpx.ASGITransport(app=create_app(store))
    async with httpx.AsyncClient(transport=transport, base_url="http://emulator") as http:
        session = (await http.get(f"{BASE}/{stable_secret('field-guide-usd')}")).json()
    gift, newsletter = session["attached_custom_fields"]
    assert (gift["order"], gift["required"], gift["custom_field"]["type"]) == (0, False, "text")
    assert gift["custom_field"]["properties"] == {
        "form_label": "A message for the person you are giving it to",
        "form_help_text": "Printed on the first page of the gift edition.",
        "textarea": True,
        "max_length": 280,
    }
    assert (newsletter["order"], newsletter["required"]) == (1, False)
    assert newsletter["custom_field"]["slug"] == "newsletter"
    assert newsletter["custom_field"]["organization_id"] == session["organization"]["id"]


# -- mistakes, each named by its path ----------------------------------------------------


def test_bad_custom_fields_are_named_by_their_path(tmp_path: Path) -> None:
    data = copy.deepcopy(FILE)
    fields = data["custom_fields"]
    fields[0].update(ge=10, le=1)
    fields[4]["slug"] = "Else Where"
    fields[1]["min_length"] = 2
    fields[2].update(min_length=5, max_length=4)
    fields[3]["ge"] = "1900-01-01"
    fields.append({"organization": "acme", "type": "select", "slug": "size", "name": "Size",
                   "options": []})  # fmt: skip
    fields.append({"organization": "acme", "type": "color", "slug": "hue", "name": "Hue"})
    path = write_json(tmp_path, data)
    assert problems_of(path) == [
        f"{path}: custom_fields[0]: ge and le: the lower bound is above the upper one",
        f"{path}: custom_fields[1].min_length: Extra inputs are not permitted",
        f"{path}: custom_fields[2]: min_length and max_length: the lower bound is above the "
        "upper one",
        f"{path}: custom_fields[3].ge: a day from 1901-12-14 to 2038-01-19 (Polar stores a "
        "32-bit timestamp)",
        f"{path}: custom_fields[4].slug: String should match pattern '^[a-z0-9_-]+$'",
        f"{path}: custom_fields[5].options: List should have at least 1 item after validation, "
        "not 0",
        f"{path}: custom_fields[6]: Input tag 'color' found using 'type' does not match any of "
        "the expected tags: 'text', 'number', 'date', 'checkbox', 'select'",
    ]


def test_bad_attachments_are_named_by_their_path(tmp_path: Path) -> None:
    data = copy.deepcopy(FILE)
    data["custom_fields"].append(dict(data["custom_fields"][0]))
    data["custom_fields"].append({**data["custom_fields"][1], "organization": "nobody"})
    data["products"][0]["attached_custom_fields"] += [
        {"slug": "agree"},
        {"slug": "elsewhere"},
        {"slug": "missing"},
    ]
    path = write_json(tmp_path, data)
    assert problems_of(path) == [
        f'{path}: custom_fields[5].slug: duplicate custom field "headcount"',
        f'{path}: custom_fields[6].organization: unknown organization "nobody"',
        f'{path}: products[0].attached_custom_fields[2].slug: custom field "agree" is attached '
        "twice",
        f'{path}: products[0].attached_custom_fields[3].slug: unknown custom field "elsewhere"',
        f'{path}: products[0].attached_custom_fields[4].slug: unknown custom field "missing"',
    ]
