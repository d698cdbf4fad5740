"""The built-in sessions keep their ids and secrets: demos, tapes and bookmarks rely on them.

Every value below was copied from the emulator before its built-in scenarios
moved from Python to a TOML file; they derive from names, so they never change.
"""

from __future__ import annotations

import httpx
import pytest

from tui.emulator.store import Store

from .support import BASE

SEEDED = {
    # scenario: (client secret, session id, organization id, product id, price id)
    "one-time": (
        "polar_c_3iHyQAIEqDgmYrNafBAYxjB0ir21VC1BoloFAqGxJmx",
        "7c9f49c9-6048-4f56-897a-f3b4e6fda510",
        "5ec3629c-6c00-4da0-b546-e4f1b0729039",
        "54568096-6ea5-4f79-9063-e2e19a65ef41",
        "6b6ceb2a-aef4-493f-b973-027fe5062aed",
    ),
    "subscription": (
        "polar_c_CrJHh0zk5iZsFwhL2rPHjsPT6haxNHp2n4Uic32Xqjy",
        "b2f224db-2a3b-4447-9346-d4aa73a79216",
        "92cad33f-92b3-491e-8cee-84bdb629624a",
        "3c297b0a-586d-48cd-bb30-abfce0abdfb4",
        "57103592-c415-4c41-bc2d-6d2ecd1edb09",
    ),
    "seats": (
        "polar_c_TIxbKLfKOTf1ZetW7aBjSs4kjD7UIl8XUqOemHlZ8jz",
        "d53f5bf3-3222-41a2-8da7-63459f0dbb0f",
        "8e8b0285-0a78-48a3-9092-a4294a6dbe5b",
        "a9121094-0078-40f2-b3b6-28b9d57f1b3b",
        "8931d2da-a6e6-4c57-b928-7f1aaeb92967",
    ),
    "discount": (
        "polar_c_D7ZZNIQxkb0bDmX5ptV5NkkenMh3KpoXosdoiZ3sXpJ",
        "d0367771-1a64-4b41-a104-dac3589acf36",
        "30886cfd-5ea3-4678-84a2-772890e9c8a1",
        "2184456f-af0f-41e5-a1d5-c8b8d7b728a8",
        "bb32d2ec-1bbd-4603-82e2-80ecbec9559e",
    ),
    "jpy": (
        "polar_c_ud3o1nWg32pygKjq0FpFqnD7LD5MXNmmJkuUahAoVFD",
        "f81101c2-a463-48ed-89a1-53e6c7a1906c",
        "9b5b535e-e5a3-413a-bb00-d4628cf6c0a1",
        "ea7b654b-57cb-46d9-adbe-53d7572e38ff",
        "6715716f-062f-48e0-b01e-46062b976ef9",
    ),
    "succeeded": (
        "polar_c_Ee1Sksw37fqf6UAacyuN3fPfW5oQuWfanbV8gQpcE7H",
        "734f9c28-a885-4996-8b89-003dcdb178d4",
        "5ec3629c-6c00-4da0-b546-e4f1b0729039",
        "54568096-6ea5-4f79-9063-e2e19a65ef41",
        "6b6ceb2a-aef4-493f-b973-027fe5062aed",
    ),
}


@pytest.mark.parametrize("name", SEEDED)
def test_a_seeded_session_keeps_its_secret_and_ids(store: Store, name: str) -> None:
    secret, session_id, organization_id, product_id, price_id = SEEDED[name]
    assert next(e.client_secret for e in store.scenarios() if e.name == name) == secret
    session = store.get_json(secret)
    assert (session["id"], session["organization_id"]) == (session_id, organization_id)
    assert (session["product_id"], session["product_price_id"]) == (product_id, price_id)


def test_the_other_products_and_benefits_keep_their_ids(store: Store) -> None:
    subscription = store.get_json(SEEDED["subscription"][0])
    assert [product["id"] for product in subscription["products"]] == [
        "3c297b0a-586d-48cd-bb30-abfce0abdfb4",
        "e3728cba-7788-45c4-bddd-e7b60c85785c",
    ]
    one_time = store.get_json(SEEDED["one-time"][0])
    assert [benefit["id"] for benefit in one_time["product"]["benefits"]] == [
        "71230be1-d457-410f-aeaa-0b6644fb4d41",
        "9c011f87-4c56-455a-835e-6dfd5393933a",
    ]


async def test_discounts_keep_their_ids(client: httpx.AsyncClient) -> None:
    secret = SEEDED["discount"][0]
    response = await client.patch(f"{BASE}/{secret}", json={"discount_code": "LAUNCH20"})
    assert response.json()["discount"]["id"] == "59ed212b-74e2-4760-80c4-8be4e728458d"


def test_a_second_session_of_a_scenario_keeps_its_secret_and_id(store: Store) -> None:
    entry = store.create_session("one-time")
    assert entry.client_secret == "polar_c_1rNJRUzmtWHUev1K9IuFylUndE5sltgEwIFDAJDkHUT"
    assert store.get_json(entry.client_secret)["id"] == "186d9bfc-277f-46e6-9cf5-12a137d1c70b"
