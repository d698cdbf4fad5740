"""The contract hook accepts what Polar may answer: every status, route and version it allows.

The emulator suite only proves the hook passes on the emulator's answers; these
answers are built by hand (`handmade_answers.py`), one per allowed case,
including the exempt ones (5xx, the emulator's own helpers).
"""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from .contract_responses import response_problems
from .handmade_answers import (
    BODY_NOT_PARSED,
    LOCKED,
    NOT_FOUND,
    ONE,
    PAYMENT_ERROR,
    SECRET,
    SESSION_ID,
    SESSIONS,
    answer,
    session_with,
    unit_based_price,
)
from .support import LEGACY_BASE

CONFORMING: dict[str, Callable[[], httpx.Response]] = {
    "get-every-scenario": lambda: answer("GET", ONE, 200, SESSIONS["seats"]),
    "legacy-prefix": lambda: answer("GET", f"{LEGACY_BASE}/{SECRET}", 404, NOT_FOUND),
    "update-2026-10": lambda: answer(
        "PATCH", ONE, 200, SESSIONS["discount"], version="2026-10", sent_version="2026-10"
    ),
    "unit-based-price": lambda: answer(
        "GET", ONE, 200, session_with("one-time", product_price=unit_based_price(minimum_units=10))
    ),
    "get-403-not-permitted": lambda: answer(
        "GET", ONE, 403, {"error": "NotPermitted", "detail": "Not permitted"}
    ),
    "update-403-not-open": lambda: answer(
        "PATCH",
        ONE,
        403,
        {"error": "NotOpenCheckout", "detail": f"Checkout {SESSION_ID} is not open: succeeded"},
    ),
    "update-409-locked": lambda: answer("PATCH", ONE, 409, LOCKED),
    "update-410": lambda: answer(
        "PATCH",
        ONE,
        410,
        {"error": "ExpiredCheckoutError", "detail": "This checkout session has expired."},
    ),
    "update-422": lambda: answer(
        "PATCH",
        ONE,
        422,
        {
            "error": "PolarRequestValidationError",
            "detail": [
                {"type": "value_error", "loc": ["body", "seats"], "msg": "x", "input": 0},
            ],
        },
    ),
    "confirm-400": lambda: answer("POST", f"{ONE}/confirm", 400, PAYMENT_ERROR),
    "update-400-body-not-parsed": lambda: answer("PATCH", ONE, 400, BODY_NOT_PARSED),
    "confirm-400-body-not-parsed": lambda: answer("POST", f"{ONE}/confirm", 400, BODY_NOT_PARSED),
    "confirm-429": lambda: answer(
        "POST", f"{ONE}/confirm", 429, content=b"", headers={"Retry-After": "42"}, version=None
    ),
    "rate-limited-anywhere": lambda: answer(
        "PUT", "/v1/checkouts/elsewhere/", 429, content=b"", headers={"Retry-After": "1800"}
    ),
    "trailing-slash-redirect": lambda: answer(
        "GET", f"{ONE}/", 307, content=b"", headers={"location": f"http://emulator{ONE}"}
    ),
    "stream": lambda: answer(
        "GET",
        f"{ONE}/stream",
        200,
        content=b'data: {"type": "reconnect"}\n\n',
        headers={"content-type": "text/event-stream; charset=utf-8"},
    ),
    "unknown-version": lambda: answer(
        "GET", ONE, 404, {"detail": "Not Found"}, version=None, sent_version="2025-01"
    ),
    "unknown-route": lambda: answer("GET", "/v1/checkouts/elsewhere", 404, {"detail": "Not Found"}),
    "other-method": lambda: answer("DELETE", ONE, 405, {"detail": "Method Not Allowed"}),
    "server-error-exempt": lambda: answer("GET", ONE, 500, content=b"Internal Server Error"),
    "emulator-helpers-exempt": lambda: answer("GET", "/emulator/scenarios", 200, [{"any": 1}]),
}


@pytest.mark.parametrize("name", CONFORMING)
def test_conforming_answers_pass(name: str) -> None:
    assert response_problems(CONFORMING[name]()) == []
