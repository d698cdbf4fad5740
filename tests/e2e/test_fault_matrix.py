"""The fault matrix for requests: (open, submit, confirm) × every fault, each cell named
`operation-fault`. The client talks to the emulator over a real loopback socket, its faults
injected by operation, with the real 3 tries (without their waits); answers the emulator
cannot give come from a MockTransport. Each cell checks the typed error, the words a user
reads, how many requests reached the server (a retry only where it can help) and, for a
refused change, that the stored session is as it was.

(The event stream's row is in `test_fault_matrix_stream.py`.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

import httpx
import pytest

from tests.e2e.fault_cells import (
    EMULATOR,
    OLD_VERSION,
    SCRIPTED,
    Scripted,
    cells,
    closed_port_url,
    plain,
    seen,
    spoil,
)
from tests.support import secret_of
from tui import settings
from tui.demo import Demo
from tui.polar import errors
from tui.polar.client import CheckoutClient

pytestmark = pytest.mark.usefixtures("retries", "fault_room")


@dataclass(frozen=True)
class Expect:
    """What a cell ends in: an error of `kind` saying `message`, or (kind None) a session
    whose status is `message`; after `requests` requests."""

    kind: type[errors.PolarError] | None
    message: str
    requests: int


@dataclass(frozen=True)
class Operation:
    name: str
    fault_operation: str
    method: str
    tail: str
    scenario: str
    body: dict[str, Any] | None


OPEN: Final = Operation("open", "get", "GET", "", "one-time", None)
SUBMIT: Final = Operation("submit", "update", "PATCH", "", "one-time", {"customer_name": "Ada"})
CONFIRM: Final = Operation(
    "confirm",
    "confirm",
    "POST",
    "/confirm",
    "free",
    {"customer_name": "Ada Lovelace", "customer_email": "ada@example.com"},
)

RELOAD: Final = "reload (ctrl+r) to see the server's state"
UNSURE: Final = f"so the change may or may not have been saved; {RELOAD}"
UNSURE_PAID: Final = f"so the checkout may or may not have been confirmed; {RELOAD}"
REFUSED: Final = (
    "Could not connect to 127.0.0.1: All connection attempts failed. "
    "Check your connection or the --server setting (tried 3 times)."
)
NOT_FOUND: Final = (
    "No checkout session has this secret on this server. Check the secret, and whether it "
    "belongs to sandbox or production (--server)."
)
EXPIRED: Final = "This checkout session has expired. Ask the merchant for a new checkout link."
NOT_PERMITTED: Final = (
    "Polar does not permit changes to this checkout (the organization may be blocked). "
    "Contact Polar support."
)
PAID: Final = "This checkout was already paid (succeeded). It can no longer be edited."
OLD_API: Final = (
    "Polar answered a bare 404 Not Found, its answer to an API version it no longer accepts: "
    "this app sends Polar-Version: 2024-01 (fixed, no setting). Update polar-checkout."
)
NOT_JSON: Final = (
    "The server's answer is not a checkout session (1 problem). Check the --server setting."
)
NO_KEYS: Final = (
    "The server's answer is not a checkout session (no id, client_secret). "
    "Check the --server setting."
)
SUBSCRIBED: Final = "You already have an active subscription."
DISCOUNT_USED: Final = (
    "You have already redeemed this discount the maximum number of times allowed per customer."
)
BUSY: Final = "Polar is processing this checkout right now: submit again in a few seconds"

# What every operation shares; each row below changes what differs.
COMMON: Final[dict[str, Expect]] = {
    "refused": Expect(errors.ConnectionFailed, REFUSED, 3),
    "410": Expect(errors.Expired, EXPIRED, 1),
    "404": Expect(errors.NotFound, NOT_FOUND, 1),
    "403-not-open": Expect(errors.NotOpen, PAID, 1),
    "403-not-permitted": Expect(errors.NotPermitted, NOT_PERMITTED, 1),
    "404-api-version": Expect(errors.VersionRefused, OLD_API, 1),
    "200-not-json": Expect(errors.UnexpectedResponse, NOT_JSON, 1),
    "missing-keys": Expect(errors.UnexpectedResponse, NO_KEYS, 1),
    "unknown-keys": Expect(None, "open", 1),
    "unknown-status": Expect(None, "refunding", 1),
}
RETRIED: Final[dict[str, Expect]] = {
    **COMMON,
    "500": Expect(errors.ServerFailed, "Polar answered 500 (tried 3 times).", 3),
    "502": Expect(errors.ServerFailed, "Polar answered 502 (tried 3 times).", 3),
    "503": Expect(errors.ServerFailed, "Polar answered 503 (tried 3 times).", 3),
    "html-proxy-page": Expect(errors.ServerFailed, "Polar answered 502 (tried 3 times).", 3),
    "429-retry-after": Expect(errors.RateLimited, "Try again in 1 s (tried 3 times).", 3),
    "429-no-retry-after": Expect(errors.RateLimited, "Try again later (tried 3 times).", 3),
}
WRITES: Final[dict[str, Expect]] = {
    "403-already-subscribed": Expect(errors.Refused, SUBSCRIBED, 1),
    "403-discount-limit": Expect(errors.Refused, DISCOUNT_USED, 1),
    "422": Expect(errors.Invalid, "1 field needs attention.", 1),
}
NO_BODY_ON_READ: Final = "a read sends no body: Polar raises this on update and confirm only"

OPEN_CELLS: Final = {
    **RETRIED,
    "time-out": Expect(errors.TimedOut, "No answer in time (tried 3 times).", 3),
    "dropped": Expect(
        errors.ConnectionLost, "The connection broke before the answer arrived (tried 3 times).", 3
    ),
    "403-not-open": Expect(None, "succeeded", 1),
}
OPEN_SKIPPED: Final = {
    "409-locked": "Polar's GET never answers 409: CheckoutLocked guards update and confirm",
    "403-already-subscribed": NO_BODY_ON_READ,
    "403-discount-limit": NO_BODY_ON_READ,
    "422": NO_BODY_ON_READ,
}
SUBMIT_CELLS: Final = {
    **RETRIED,
    **WRITES,
    "time-out": Expect(errors.TimedOut, f"No answer in time, {UNSURE} (tried 3 times).", 3),
    "dropped": Expect(
        errors.ConnectionLost,
        f"The connection broke before the answer arrived, {UNSURE} (tried 3 times).",
        3,
    ),
    "409-locked": Expect(errors.Locked, f"{BUSY} (tried 3 times).", 3),
}
CONFIRM_CELLS: Final = {
    **COMMON,
    **WRITES,
    "time-out": Expect(errors.TimedOut, f"No answer in time, {UNSURE_PAID}.", 1),
    "dropped": Expect(
        errors.ConnectionLost,
        f"The connection broke before the answer arrived, {UNSURE_PAID}.",
        1,
    ),
    "500": Expect(errors.ServerFailed, "Polar answered 500.", 1),
    "502": Expect(errors.ServerFailed, "Polar answered 502.", 1),
    "503": Expect(errors.ServerFailed, "Polar answered 503.", 1),
    "html-proxy-page": Expect(errors.ServerFailed, "Polar answered 502.", 1),
    "429-retry-after": Expect(errors.RateLimited, "Try again in 1 s.", 1),
    "429-no-retry-after": Expect(errors.RateLimited, "Try again later.", 1),
    "409-locked": Expect(errors.Locked, f"{BUSY}.", 1),
}
SHORT: Final = httpx.Timeout(0.1, connect=1.0)
"""The time-out cells' wait for an answer: the emulator holds theirs 300 ms."""
APPLIED: Final = frozenset({"time-out", "dropped"})
"""Faults that let the request through and spoil only its answer: the change is applied."""


def _client(base_url: str, **options: Any) -> CheckoutClient:
    timeout = options.get("timeout", settings.TIMEOUT)
    return CheckoutClient(
        base_url,
        api_version=options.get("version", settings.API_VERSION),
        timeout=timeout,
        transport=options.get("transport") or plain(),
    )


async def _call(client: CheckoutClient, operation: Operation, secret: str) -> Any:
    if operation is OPEN:
        return await client.get(secret)
    if operation is SUBMIT:
        return await client.update(secret, operation.body or {})
    return await client.confirm(secret, operation.body or {})


async def _outcome(client: CheckoutClient, operation: Operation, secret: str) -> tuple[Any, str]:
    try:
        session = await _call(client, operation, secret)
    except errors.PolarError as error:
        return type(error), error.message
    finally:
        await client.aclose()
    return None, session.status


async def _run(demo: Demo, operation: Operation, fault: str, expected: Expect) -> None:
    scenario = "succeeded" if fault == "403-not-open" else operation.scenario
    secret = secret_of(demo.store, scenario)
    before = demo.store.get_json(secret)
    if fault in SCRIPTED:
        polar = Scripted(SCRIPTED[fault])
        outcome = await _outcome(
            _client(demo.base_url, transport=polar.transport()), operation, secret
        )
        assert (outcome, len(polar.seen)) == ((expected.kind, expected.message), expected.requests)
        return
    if fault == "refused":
        client = _client(closed_port_url())
        assert await _outcome(client, operation, secret) == (expected.kind, expected.message)
        return
    if fault in EMULATOR:
        await spoil(demo.base_url, operation.fault_operation, fault)
    version = OLD_VERSION if fault == "404-api-version" else settings.API_VERSION
    timeout = SHORT if fault == "time-out" else settings.TIMEOUT
    client = _client(demo.base_url, version=version, timeout=timeout)
    outcome = await _outcome(client, operation, secret)
    requests = await seen(demo.base_url, secret, operation.method, operation.tail)
    assert (outcome, requests) == ((expected.kind, expected.message), expected.requests)
    if expected.kind is not None and fault not in APPLIED:
        assert demo.store.get_json(secret) == before, "a refused request changed the session"


@pytest.mark.parametrize(("fault", "expected"), cells("open", OPEN_CELLS, OPEN_SKIPPED))
async def test_open(demo: Demo, fault: str, expected: Expect) -> None:
    await _run(demo, OPEN, fault, expected)


@pytest.mark.parametrize(("fault", "expected"), cells("submit", SUBMIT_CELLS, {}))
async def test_submit(demo: Demo, fault: str, expected: Expect) -> None:
    await _run(demo, SUBMIT, fault, expected)


@pytest.mark.parametrize(("fault", "expected"), cells("confirm", CONFIRM_CELLS, {}))
async def test_confirm(demo: Demo, fault: str, expected: Expect) -> None:
    await _run(demo, CONFIRM, fault, expected)
