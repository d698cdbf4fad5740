"""The contract hook refuses what Polar may not answer, with a message that says what is wrong.

Broken answers built by hand (`handmade_answers.py`): wrong types, missing keys,
the wrong union branch, named errors on the wrong operation or with the wrong
detail, malformed 422s, 429s and 413s, headers and content types.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from .contract_responses import response_problems
from .handmade_answers import (
    BODY_NOT_PARSED,
    LOCKED,
    ONE,
    PAYMENT_ERROR,
    SESSION_ID,
    SESSIONS,
    answer,
    session_with,
    session_without,
    unit_based_price,
)

BROKEN: dict[str, tuple[Callable[[], httpx.Response], list[str]]] = {
    "amount-as-text": (
        lambda: answer("GET", ONE, 200, session_with("one-time", amount="4900")),
        ["$.amount: '4900' is not of type 'integer'"],
    ),
    "required-key-missing": (
        lambda: answer("GET", ONE, 200, session_without("one-time", "billing_address_fields")),
        ["$: 'billing_address_fields' is a required property"],
    ),
    "discount-branch-by-type-and-duration": (
        lambda: answer(
            "PATCH",
            ONE,
            200,
            session_with(
                "discount",
                discount={
                    "id": SESSION_ID,
                    "name": "Launch week",
                    "code": "LAUNCH20",
                    "type": "percentage",
                    "duration": "repeating",
                    "basis_points": 2000,
                },
            ),
        ),
        ["$.discount: 'duration_in_months' is a required property"],
    ),
    "legacy-price-branch": (
        lambda: answer(
            "GET",
            ONE,
            200,
            session_with(
                "subscription",
                product_price={
                    **SESSIONS["subscription"]["product_price"],
                    "legacy": True,
                    "type": "recurring",
                },
            ),
        ),
        ["$.product_price: 'recurring_interval' is a required property"],
    ),
    "unit-based-price-keys": (
        lambda: answer(
            "GET",
            ONE,
            200,
            session_with("one-time", product_price=unit_based_price(is_archived="no")),
        ),
        ["$.product_price.is_archived: 'no' is not of type 'boolean'"],
    ),
    "unknown-price-type": (
        lambda: answer(
            "GET",
            ONE,
            200,
            session_with("one-time", product_price=unit_based_price(amount_type="tiered")),
        ),
        ["$.product_price.amount_type: 'tiered' is not one of ['custom', 'fixed', "],
    ),
    "plain-404-for-a-session": (
        lambda: answer("GET", ONE, 404, {"detail": "Not Found"}),
        ["$: 'error' is a required property"],
    ),
    "not-found-detail": (
        lambda: answer("GET", ONE, 404, {"error": "ResourceNotFound", "detail": "Not Found"}),
        ["ResourceNotFound detail 'Not Found', Polar says 'Not found'"],
    ),
    "not-open-on-get": (
        lambda: answer(
            "GET",
            ONE,
            403,
            {"error": "NotOpenCheckout", "detail": f"Checkout {SESSION_ID} is not open: expired"},
        ),
        ["GET get may not answer 403 'NotOpenCheckout' (section 5 names for 403: "],
    ),
    "not-open-detail": (
        lambda: answer(
            "PATCH", ONE, 403, {"error": "NotOpenCheckout", "detail": "Checkout is not open"}
        ),
        ["NotOpenCheckout detail 'Checkout is not open' does not read 'Checkout "],
    ),
    "payment-error-detail": (
        lambda: answer(
            "POST",
            f"{ONE}/confirm",
            400,
            {"error": "PaymentError", "detail": "Your card was declined."},
        ),
        ["PaymentError detail 'Your card was declined.' does not read 'The payment failed"],
    ),
    "payment-error-on-update": (
        lambda: answer("PATCH", ONE, 400, PAYMENT_ERROR),
        ["PATCH update may not answer 400 'PaymentError'"],
    ),
    "body-not-parsed-on-get": (
        lambda: answer("GET", ONE, 400, BODY_NOT_PARSED),
        ['expected exactly {"error", "detail"} (polar-api.md section 5)'],
    ),
    "locked-on-get": (
        lambda: answer("GET", ONE, 409, LOCKED),
        ["GET get may not answer 409 'CheckoutLocked'"],
    ),
    "locked-detail": (
        lambda: answer("PATCH", ONE, 409, {"error": "CheckoutLocked", "detail": "Locked."}),
        ["CheckoutLocked detail 'Locked.', Polar says 'Checkout is currently being processed."],
    ),
    "error-with-extra-key": (
        lambda: answer("PATCH", ONE, 409, {**LOCKED, "retry": True}),
        ['expected exactly {"error", "detail"} (polar-api.md section 5)'],
    ),
    "rate-limited-with-a-body": (
        lambda: answer("POST", f"{ONE}/confirm", 429, {"detail": "slow down"}),
        ["429 must have an empty body", "429 needs Retry-After in whole seconds, got None"],
    ),
    "too-large-as-json": (
        lambda: answer("PATCH", ONE, 413, {"detail": "Request Entity Too Large"}, version=None),
        ["413 content-type 'application/json', expected text/plain", "413 body '{"],
    ),
    "validation-family-and-loc": (
        lambda: answer(
            "PATCH",
            ONE,
            422,
            {
                "error": "ValidationError",
                "detail": [{"type": "missing", "loc": ["query", "x"], "msg": "x", "input": None}],
            },
        ),
        [
            "422 error 'ValidationError' is not one of",
            "$.detail[0].loc ['query', 'x'] does not start with \"body\"",
        ],
    ),
    "validation-item-shape": (
        lambda: answer(
            "PATCH",
            ONE,
            422,
            {"error": "RequestValidationError", "detail": [{"loc": ["body"], "msg": 1}]},
        ),
        ["$.detail[0]: 'type' is a required property", "$.detail[0].msg: 1 is not of type"],
    ),
    "stream-as-json": (
        lambda: answer("GET", f"{ONE}/stream", 200, {"type": "reconnect"}),
        ["stream content-type 'application/json', expected text/event-stream"],
    ),
    "version-not-echoed": (
        lambda: answer("GET", ONE, 200, SESSIONS["free"], version=None),
        ["Polar-Version header None, expected the version in use '2026-04'"],
    ),
    "wrong-version-echoed": (
        lambda: answer("GET", ONE, 200, SESSIONS["free"], sent_version="2026-10"),
        ["Polar-Version header '2026-04', expected the version in use '2026-10'"],
    ),
    "unknown-version-served": (
        lambda: answer("GET", ONE, 200, SESSIONS["free"], sent_version="2026-4"),
        ["unknown Polar-Version: expected 404 {'detail': 'Not Found'}, got 200"],
    ),
    "not-json": (
        lambda: answer(
            "GET", ONE, 404, content=b"Not found", headers={"content-type": "text/plain"}
        ),
        ["content-type 'text/plain', expected application/json", "the body is not JSON"],
    ),
    "confirm-answered-as-a-session": (
        lambda: answer("POST", f"{ONE}/confirm", 200, SESSIONS["free"]),
        [
            "$.status: 'confirmed' was expected",
            "$: 'customer_session_token' is a required property",
        ],
    ),
}


@pytest.mark.parametrize("name", BROKEN)
def test_broken_answers_are_reported(name: str) -> None:
    build, expected = BROKEN[name]
    problems = response_problems(build())
    for fragment in expected:
        assert any(fragment in problem for problem in problems), (fragment, problems)
