"""The fault matrix's shared pieces: the faults by name, how each is made (an emulator fault
over loopback, a closed port, a wrong `Polar-Version`, or a scripted answer where the
emulator cannot make it), and the requests the emulator saw."""

from __future__ import annotations

import asyncio
import socket
from dataclasses import dataclass, field
from typing import Any, Final

import httpx
import pytest

from tui.admin_client import EmulatorAdmin

FAULTS: Final = (
    "time-out",
    "refused",
    "dropped",
    "500",
    "502",
    "503",
    "429-retry-after",
    "429-no-retry-after",
    "409-locked",
    "410",
    "404",
    "403-not-open",
    "403-not-permitted",
    "403-already-subscribed",
    "403-discount-limit",
    "422",
    "404-api-version",
    "200-not-json",
    "html-proxy-page",
    "missing-keys",
    "unknown-keys",
    "unknown-status",
)

EMULATOR: Final[dict[str, dict[str, Any]]] = {
    "time-out": {"delay_ms": 300},
    "dropped": {"drop": True},
    "500": {"status": 500},
    "502": {"status": 502},
    "503": {"status": 503},
    "429-retry-after": {"status": 429},
    "409-locked": {"status": 409},
    "410": {"status": 410},
    "404": {"status": 404},
    "403-not-permitted": {"status": 403},
    "403-already-subscribed": {"status": 403, "error": "AlreadyActiveSubscriptionError"},
    "403-discount-limit": {"status": 403, "error": "DiscountRedemptionLimitReached"},
    "422": {"status": 422},
}
"""Faults the emulator makes itself, for the next 3 matching requests (as many as tries)."""

OLD_VERSION: Final = "2024-01"
"""A `Polar-Version` the emulator does not serve: it answers a bare 404, as Polar does."""


def _session(**changes: Any) -> dict[str, Any]:
    """A checkout session as Polar sends it, trimmed to what the client needs, changed."""
    body: dict[str, Any] = {
        "id": "0b5b6c3e-7a55-4a35-9d1a-7d3e0c1b2a10",
        "client_secret": "polar_c_" + "m" * 43,
        "status": "open",
        "amount": 1000,
        "currency": "usd",
        "customer_name": "Grace Hopper",
    }
    body.update(changes)
    return body


HTML_PAGE: Final = b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
SCRIPTED: Final[dict[str, httpx.Response]] = {
    "429-no-retry-after": httpx.Response(429),
    "200-not-json": httpx.Response(200, text="OK", headers={"content-type": "text/plain"}),
    "html-proxy-page": httpx.Response(
        502, content=HTML_PAGE, headers={"content-type": "text/html"}
    ),
    "missing-keys": httpx.Response(200, json={"status": "open", "amount": 1000}),
    "unknown-keys": httpx.Response(
        200,
        json=_session(
            status="open", tax_behavior="quantum", brand_new={"nested": [1, 2]}, currency="xts"
        ),
    ),
    "unknown-status": httpx.Response(200, json=_session(status="refunding")),
}
"""Answers the emulator cannot give: sent from an `httpx.MockTransport` instead."""

SSE: Final = {"content-type": "text/event-stream"}
SCRIPTED_STREAM: Final[dict[str, httpx.Response]] = {
    "429-no-retry-after": httpx.Response(429),
    "200-not-json": httpx.Response(200, headers=SSE, content=b"data: <b>not json</b>\n\n"),
    "html-proxy-page": SCRIPTED["html-proxy-page"],
    "missing-keys": httpx.Response(
        200, headers=SSE, content=b'data: {"key": "checkout.updated"}\n\n'
    ),
    "unknown-keys": httpx.Response(
        200,
        headers=SSE,
        content=b'data: {"id": "1", "key": "checkout.updated", "payload": {"status": '
        b'"confirmed", "new": 1}, "shiny": true}\n\n',
    ),
    "unknown-status": httpx.Response(
        200,
        headers=SSE,
        content=b'data: {"key": "checkout.updated", "payload": {"status": "refunding"}}\n\n',
    ),
}


@dataclass
class Scripted:
    """A MockTransport answering every request with one response; it counts them."""

    response: httpx.Response
    seen: list[httpx.Request] = field(default_factory=list)

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request)
        return httpx.Response(
            self.response.status_code,
            headers=self.response.headers,
            content=self.response.content,
        )

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)


def plain() -> httpx.AsyncHTTPTransport:
    """A transport for plain http on loopback: no CA bundle to load (60 ms a client)."""
    return httpx.AsyncHTTPTransport(verify=False)


def closed_port_url() -> str:
    """A loopback URL nothing listens on: connecting is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


async def spoil(base_url: str, operation: str, fault: str) -> None:
    admin = EmulatorAdmin(base_url, transport=plain())
    try:
        await admin.add_fault({"operation": operation, "count": 3, **EMULATOR[fault]})
    finally:
        await admin.aclose()


async def seen(base_url: str, secret: str, method: str, tail: str = "") -> int:
    """How many `method` requests to the session's route (`tail`: `/confirm`, `/stream`) the
    emulator's journal holds, once every one of them has been answered (a delayed request
    still running would act on the next test's sessions)."""
    admin = EmulatorAdmin(base_url, transport=plain())
    path = f"/v1/checkouts/client/{secret}{tail}"
    try:
        for _ in range(100):
            entries = [
                entry
                for entry in await admin.requests(secret)
                if entry.method == method and entry.path == path
            ]
            if all(entry.status is not None or entry.cut_off for entry in entries):
                return len(entries)
            await asyncio.sleep(0.02)
    finally:
        await admin.aclose()
    raise AssertionError("the emulator is still answering")


def skip(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.skip(reason=reason)


def cells(operation: str, expected: dict[str, Any], skipped: dict[str, str]) -> list[Any]:
    """One pytest param per fault, named `operation-fault`; every fault is a cell, run or
    skipped with its reason."""
    missing = set(FAULTS) - set(expected) - set(skipped)
    assert not missing, f"{operation}: no cell for {sorted(missing)}"
    return [
        pytest.param(
            fault,
            expected.get(fault),
            id=f"{operation}-{fault}",
            marks=[skip(skipped[fault])] if fault in skipped else [],
        )
        for fault in FAULTS
    ]
