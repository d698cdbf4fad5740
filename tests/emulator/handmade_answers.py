"""Answers built by hand, as the contract hook sees them, for the tests of the hook itself.

`answer(...)` makes one response to one request; the sessions are the built-in
scenarios' bodies as the emulator serves them, to be broken one key at a time.
"""

from __future__ import annotations

from typing import Any

import httpx

from tui.emulator.model.clock import FrozenClock
from tui.emulator.store import Store

from .support import BASE, NOW

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


def session_with(name: str, **changes: Any) -> dict[str, Any]:
    return {**SESSIONS[name], **changes}


def session_without(name: str, key: str) -> dict[str, Any]:
    session = dict(SESSIONS[name])
    del session[key]
    return session


def unit_based_price(**changes: Any) -> dict[str, Any]:
    """A unit-based price (newer than the document) made from a fixed one."""
    price = {**SESSIONS["one-time"]["product_price"], "amount_type": "unit_based", **changes}
    del price["price_amount"]
    return price


ONE = f"{BASE}/{SECRET}"
