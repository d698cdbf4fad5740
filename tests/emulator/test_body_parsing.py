"""How the emulator reads a write's body: unreadable bodies, bodies JSON cannot parse, media types.

As FastAPI does for Polar: a 422 `RequestValidationError` for a body that is not
JSON or not an object, FastAPI's plain 400 for one `json.loads` gives up on
without a JSONDecodeError, and any JSON media type read as JSON.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tui.emulator.store import Store

from .conformance import CONFIRM, RVE
from .support import BASE


@pytest.mark.parametrize(
    ("content", "headers", "expected"),
    [
        (
            b"{not json",
            {"content-type": "application/json"},
            {
                "type": "json_invalid",
                "loc": ["body", 1],
                "msg": "JSON decode error",
                "input": {},
                "ctx": {"error": "Expecting property name enclosed in double quotes"},
            },
        ),
        (
            b"",
            {"content-type": "application/json"},
            {"type": "missing", "loc": ["body"], "msg": "Field required", "input": None},
        ),
        (
            b"customer_name=Ada",
            {"content-type": "application/x-www-form-urlencoded"},
            {
                "type": "model_attributes_type",
                "loc": ["body"],
                "msg": "Input should be a valid dictionary or object to extract fields from",
                "input": "customer_name=Ada",
            },
        ),
        (
            b'{"customer_name": "Ada"}',
            {},
            {
                "type": "model_attributes_type",
                "loc": ["body"],
                "msg": "Input should be a valid dictionary or object to extract fields from",
                "input": '{"customer_name": "Ada"}',
            },
        ),
    ],
    ids=["invalid-json", "empty-body", "not-json", "json-without-content-type"],
)
async def test_unreadable_bodies(
    client: httpx.AsyncClient,
    secrets: dict[str, str],
    content: bytes,
    headers: dict[str, str],
    expected: dict[str, Any],
) -> None:
    response = await client.patch(f"{BASE}/{secrets['one-time']}", content=content, headers=headers)
    assert response.status_code == 422
    assert response.json() == {"error": RVE, "detail": [expected]}


UNPARSABLE_BODIES = {
    # json.loads raises ValueError, UnicodeDecodeError, RecursionError: not JSONDecodeError.
    "integer-over-4300-digits": b'{"amount": ' + b"9" * 4301 + b"}",
    "invalid-utf-8": b'{"customer_name": "Ad\xff"}',
    "nested-too-deep": b'{"custom_field_data": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
}


@pytest.mark.parametrize("route", ["", CONFIRM], ids=["update", "confirm"])
@pytest.mark.parametrize("content", UNPARSABLE_BODIES.values(), ids=list(UNPARSABLE_BODIES))
async def test_bodies_json_cannot_parse_get_fastapis_400(
    client: httpx.AsyncClient, store: Store, secrets: dict[str, str], content: bytes, route: str
) -> None:
    secret = secrets["pay-what-you-want"]
    before = store.get_json(secret)
    method = "POST" if route == CONFIRM else "PATCH"
    response = await client.request(
        method,
        f"{BASE}/{secret}{route}",
        content=content,
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "There was an error parsing the body"}
    assert store.get_json(secret) == before


@pytest.mark.parametrize(
    "content_type",
    ["application/json", "Application/JSON; charset=utf-8", "application/merge-patch+json"],
)
async def test_json_media_types_are_read_as_json(
    client: httpx.AsyncClient, secrets: dict[str, str], content_type: str
) -> None:
    response = await client.patch(
        f"{BASE}/{secrets['one-time']}",
        content=b'{"customer_name": "Ada"}',
        headers={"content-type": content_type},
    )
    assert response.status_code == 200, response.text
    assert response.json()["customer_name"] == "Ada"
