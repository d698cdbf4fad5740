"""The contract hook itself: what it accepts, what it refuses, and that a refusal fails the test.

The emulator suite only proves the hook passes; these tests prove it can fail:
broken answers built by hand (and one from a corrupted emulator) must be
reported with a message that says what is wrong.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tui.emulator.http.server import create_app
from tui.emulator.model.clock import FrozenClock
from tui.emulator.store import Store

from .conftest import ContractGuard
from .contract_responses import ContractViolation, response_problems
from .support import BASE, LEGACY_BASE, NOW

SESSION_ID = "734f9c28-a885-4996-8b89-003dcdb178d4"
SECRET = "polar_c_" + "a" * 43
LOCKED = {
    "error": "CheckoutLocked",
    "detail": "Checkout is currently being processed. Please try again.",
}
NOT_FOUND = {"error": "ResourceNotFound", "detail": "Not found"}
PAYMENT_ERROR = {
    "error": "PaymentError",
    "detail": "The payment failed: Your card was declined. "
    "Please try again with a different payment method.",
}
BODY_NOT_PARSED = {"detail": "There was an error parsing the body"}


def _sessions() -> dict[str, dict[str, Any]]:
    store = Store(FrozenClock(NOW))
    return {entry.name: store.get_json(entry.client_secret) for entry in store.scenarios()}


SESSIONS = _sessions()


def answer(
    method: str,
    path: str,
    status: int,
    body: Any = None,
    *,
    content: bytes | None = None,
    headers: dict[str, str] | None = None,
    version: str | None = "2026-04",
    sent_version: str | None = None,
) -> httpx.Response:
    """A response to `method path` as the hook would see it (JSON unless `content`)."""
    request_headers = {} if sent_version is None else {"Polar-Version": sent_version}
    request = httpx.Request(method, f"http://emulator{path}", headers=request_headers)
    all_headers = {**({"Polar-Version": version} if version else {}), **(headers or {})}
    if content is not None:
        return httpx.Response(status, content=content, headers=all_headers, request=request)
    return httpx.Response(status, json=body, headers=all_headers, request=request)


def _with(name: str, **changes: Any) -> dict[str, Any]:
    return {**SESSIONS[name], **changes}


def _without(name: str, key: str) -> dict[str, Any]:
    session = dict(SESSIONS[name])
    del session[key]
    return session


def _unit_based(**changes: Any) -> dict[str, Any]:
    """A unit-based price (newer than the document) made from a fixed one."""
    price = {**SESSIONS["one-time"]["product_price"], "amount_type": "unit_based", **changes}
    del price["price_amount"]
    return price


ONE = f"{BASE}/{SECRET}"

CONFORMING: dict[str, Callable[[], httpx.Response]] = {
    "get-every-scenario": lambda: answer("GET", ONE, 200, SESSIONS["seats"]),
    "legacy-prefix": lambda: answer("GET", f"{LEGACY_BASE}/{SECRET}", 404, NOT_FOUND),
    "update-2026-10": lambda: answer(
        "PATCH", ONE, 200, SESSIONS["discount"], version="2026-10", sent_version="2026-10"
    ),
    "unit-based-price": lambda: answer(
        "GET", ONE, 200, _with("one-time", product_price=_unit_based(minimum_units=10))
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


BROKEN: dict[str, tuple[Callable[[], httpx.Response], list[str]]] = {
    "amount-as-text": (
        lambda: answer("GET", ONE, 200, _with("one-time", amount="4900")),
        ["$.amount: '4900' is not of type 'integer'"],
    ),
    "required-key-missing": (
        lambda: answer("GET", ONE, 200, _without("one-time", "billing_address_fields")),
        ["$: 'billing_address_fields' is a required property"],
    ),
    "discount-branch-by-type-and-duration": (
        lambda: answer(
            "PATCH",
            ONE,
            200,
            _with(
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
            _with(
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
            "GET", ONE, 200, _with("one-time", product_price=_unit_based(is_archived="no"))
        ),
        ["$.product_price.is_archived: 'no' is not of type 'boolean'"],
    ),
    "unknown-price-type": (
        lambda: answer(
            "GET", ONE, 200, _with("one-time", product_price=_unit_based(amount_type="tiered"))
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


def test_the_client_fixture_checks_its_responses(
    client: httpx.AsyncClient, contract_guard: ContractGuard
) -> None:
    assert client.event_hooks["response"] == [contract_guard.async_hook]


def _corrupting(app: ASGIApp, **changes: Any) -> ASGIApp:
    """`app` with `changes` merged into every JSON object it answers."""

    async def corrupted(scope: Scope, receive: Receive, send: Send) -> None:
        start: Message = {}
        chunks: list[bytes] = []

        async def buffer(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = json.dumps({**json.loads(b"".join(chunks)), **changes}).encode()
            headers = [(k, v) for k, v in start["headers"] if k != b"content-length"]
            await send({**start, "headers": [*headers, (b"content-length", b"%d" % len(body))]})
            await send({"type": "http.response.body", "body": body})

        await app(scope, receive, buffer)

    return corrupted


async def test_a_bad_answer_fails_the_request_that_got_it(
    store: Store, secrets: dict[str, str], contract_guard: ContractGuard
) -> None:
    app = _corrupting(create_app(store), total_amount="79.00")
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://emulator") as http:
        with pytest.raises(ContractViolation) as raised:
            await http.get(f"{BASE}/{secrets['discount']}")
        # Error answers are checked as strictly.
        with pytest.raises(ContractViolation) as not_found:
            await http.get(f"{BASE}/polar_c_unknown")
    message = str(raised.value)
    assert message.startswith(f"GET {BASE}/{secrets['discount']} answered 200, which Polar's")
    assert "  - $.total_amount: '79.00' is not of type 'integer'" in message
    assert "$: 'error' is a required property" not in message
    assert "  - $.total_amount: Additional properties" not in str(not_found.value)
    assert 'expected exactly {"error", "detail"}' in str(not_found.value)
    assert contract_guard.take() == [raised.value, not_found.value]


def _broken_transport() -> httpx.MockTransport:
    return httpx.MockTransport(lambda request: httpx.Response(404, json={"detail": "Gone"}))


def test_every_client_made_during_a_test_is_checked(contract_guard: ContractGuard) -> None:
    with httpx.Client(transport=_broken_transport(), base_url="http://emulator") as http:
        assert http.event_hooks["response"] == [contract_guard.sync_hook]
        with pytest.raises(
            ContractViolation, match=r"(?s)answered 404, .*\n  - \$: 'error' is a required"
        ):
            http.get(f"{BASE}/{SECRET}")
    assert len(contract_guard.take()) == 1


class Events(httpx.SyncByteStream):
    """An event stream's body, not read until someone iterates it."""

    def __iter__(self) -> Iterator[bytes]:
        yield b'data: {"type": "reconnect"}\n\n'


def _stream_transport(headers: dict[str, str]) -> httpx.MockTransport:
    all_headers = {"content-type": "text/event-stream; charset=utf-8", **headers}
    return httpx.MockTransport(
        lambda request: httpx.Response(200, headers=all_headers, stream=Events())
    )


def test_event_streams_are_checked_without_being_read(contract_guard: ContractGuard) -> None:
    transport = _stream_transport({"Polar-Version": "2026-04"})
    with (
        httpx.Client(transport=transport, base_url="http://emulator") as http,
        http.stream("GET", f"{ONE}/stream") as response,
    ):
        assert not response.is_stream_consumed
        assert list(response.iter_lines()) == ['data: {"type": "reconnect"}', ""]
    transport = _stream_transport({})
    with (
        httpx.Client(transport=transport, base_url="http://emulator") as http,
        pytest.raises(ContractViolation) as raised,
        http.stream("GET", f"{ONE}/stream"),
    ):
        pass  # pragma: no cover - the hook raises first
    assert "Polar-Version header None" in str(raised.value)
    assert "body: (an event stream, not read)" in str(raised.value)
    assert contract_guard.take() == [raised.value]


def test_a_block_can_be_exempt(contract_guard: ContractGuard) -> None:
    with httpx.Client(transport=_broken_transport(), base_url="http://emulator") as http:
        with contract_guard.exempt():
            assert http.get(f"{BASE}/{SECRET}").json() == {"detail": "Gone"}
        with pytest.raises(ContractViolation):
            http.get(f"{BASE}/{SECRET}")
    contract_guard.take()


@pytest.mark.contract_exempt("this test reads a deliberately broken answer")
def test_a_test_can_be_exempt() -> None:
    with httpx.Client(transport=_broken_transport(), base_url="http://emulator") as http:
        assert http.get(f"{BASE}/{SECRET}").status_code == 404


INNER_TESTS = """
import httpx

from tests.emulator.support import BASE

BROKEN = httpx.MockTransport(lambda request: httpx.Response(404, json={"detail": "Gone"}))


def test_swallowed():
    with httpx.Client(transport=BROKEN, base_url="http://emulator") as http:
        try:
            http.get(f"{BASE}/polar_c_swallowed")
        except AssertionError:
            pass


def test_raised():
    with httpx.Client(transport=BROKEN, base_url="http://emulator") as http:
        http.get(f"{BASE}/polar_c_raised")
"""


def test_a_violation_fails_the_test_even_when_swallowed(tmp_path: Path) -> None:
    """In a separate pytest run with this folder's conftest: one failure, one teardown error."""
    (tmp_path / "conftest.py").write_text(
        "from tests.emulator.conftest import *  # noqa: F403\n", encoding="utf-8"
    )
    (tmp_path / "test_inner.py").write_text(textwrap.dedent(INNER_TESTS), encoding="utf-8")
    repository = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rfE", "-p", "no:cacheprovider", str(tmp_path)],
        cwd=repository,
        env={**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"},  # a faster start
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output = result.stdout
    assert result.returncode == 1, output + result.stderr
    assert "1 failed, 1 passed, 1 error" in output, output
    assert "_ test_raised _" in output
    assert "ContractViolation: GET /v1/checkouts/client/polar_c_raised answered 404" in output
    assert "ERROR at teardown of test_swallowed" in output
    assert "the exception was swallowed before it reached the test" in output
    assert "GET /v1/checkouts/client/polar_c_swallowed answered 404" in output
