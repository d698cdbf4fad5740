"""Hostile clients over a real loopback socket: none takes the emulator down or touches another
session.

Bodies over 1 MiB answer 413 as the proxy in front of Polar does (nginx's default
`client_max_body_size`); bodies JSON cannot read and wrong media types are refused as Polar
refuses them (their exact answers: `test_body_parsing.py`); a body cut off mid-way and
clients that send a request slowly hold up nobody else.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import httpx
import pytest

from tui.emulator.model.clock import FrozenClock
from tui.emulator.run.background import RunningEmulator
from tui.emulator.store import Store

from .support import BASE, NOW

ONE_MIB = 1024 * 1024
TOO_LARGE = "Request Entity Too Large"


@pytest.fixture
def emulator() -> Iterator[RunningEmulator]:
    with RunningEmulator(Store(FrozenClock(NOW))) as running:
        yield running


def _secret(emulator: RunningEmulator, name: str) -> str:
    return next(e.client_secret for e in emulator.store.scenarios() if e.name == name)


def _name_body(size: int) -> bytes:
    """A JSON update of `customer_name`, `size` bytes long."""
    head, tail = b'{"customer_name": "', b'"}'
    return head + b"a" * (size - len(head) - len(tail)) + tail


def _chunks(body: bytes) -> Iterator[bytes]:
    """The body without a Content-Length (chunked), 64 KiB at a time."""
    for start in range(0, len(body), 64 * 1024):
        yield body[start : start + 64 * 1024]


@pytest.mark.parametrize("framing", ["content-length", "chunked"])
def test_a_body_over_1_mib_answers_413_as_a_proxy_does(
    emulator: RunningEmulator, framing: str
) -> None:
    secret = _secret(emulator, "one-time")
    before = emulator.store.get_json(secret)
    url = f"{emulator.base_url}{BASE}/{secret}"
    headers = {"content-type": "application/json"}
    with httpx.Client(timeout=10) as http:
        for size, refused in ((ONE_MIB + 1, True), (ONE_MIB, False)):
            body = _name_body(size)
            content = body if framing == "content-length" else _chunks(body)
            response = http.patch(url, content=content, headers=headers)
            if refused:
                assert response.status_code == 413
                assert response.headers["content-type"].startswith("text/plain")
                assert response.text == TOO_LARGE
            else:  # reaches Polar's rules: a name that long is refused by its schema
                assert response.status_code == 422, response.text[:200]
                assert response.json()["detail"][0]["type"] == "string_too_long"
        assert http.get(url).status_code == 200
        # The emulator's own admin API is no part of Polar's: no proxy limits it.
        admin = http.post(f"{emulator.base_url}/emulator/faults", content=_name_body(2 * ONE_MIB))
        assert admin.status_code == 422
    assert emulator.store.get_json(secret) == before


def _send_raw(port: int, data: bytes) -> bytes:
    """Send `data` on a connection of its own, then half-close it and read the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
        raw.sendall(data)
        raw.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := raw.recv(65536):
            answer += chunk
        return answer


def test_hostile_requests_never_touch_another_session(emulator: RunningEmulator) -> None:
    target, bystander = _secret(emulator, "one-time"), _secret(emulator, "subscription")
    target_before = emulator.store.get_json(target)
    bystander_before = emulator.store.get_json(bystander)
    url = f"{emulator.base_url}{BASE}/{target}"
    hostile: list[tuple[bytes, dict[str, str], int]] = [
        (b"{not json", {"content-type": "application/json"}, 422),
        (b'{"customer_name": "Ad\xff"}', {"content-type": "application/json"}, 400),
        (b'{"custom_field_data": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", {}, 422),
        (b'{"customer_name": "Mallory"}', {"content-type": "text/plain"}, 422),
        (b"customer_name=Mallory", {"content-type": "application/x-www-form-urlencoded"}, 422),
        (b'{"customer_name": "Mallory"}', {"content-type": "multipart/form-data"}, 422),
        (b'{"customer_name": "Mallory"}', {}, 422),
        (b"\x00" * (2 * ONE_MIB), {"content-type": "application/json"}, 413),
    ]
    with httpx.Client(timeout=10) as http:
        for number, (content, headers, status) in enumerate(hostile):
            assert http.patch(url, content=content, headers=headers).status_code == status
            # Each confirm from a client of its own: Polar allows one client 6 a minute.
            client = {"true-client-ip": f"192.0.2.{number + 1}"}
            confirmed = http.post(f"{url}/confirm", content=content, headers=headers | client)
            assert confirmed.status_code == status
    cut_short = (
        f"PATCH {BASE}/{target} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
        '{"customer_name": "Mall'
    ).encode()
    assert _send_raw(emulator.port, cut_short) == b""  # the client left: nothing is applied
    with httpx.Client(base_url=emulator.base_url, timeout=5) as http:
        assert http.get(f"{BASE}/{bystander}").status_code == 200
    assert emulator.store.get_json(target) == target_before
    assert emulator.store.get_json(bystander) == bystander_before


def test_slow_clients_hold_up_nobody(emulator: RunningEmulator) -> None:
    """Clients stalled mid-headers or mid-body; meanwhile another session is read and saved
    at once, and each slow client, once it finishes, changes its own session only."""
    slow, other = _secret(emulator, "one-time"), _secret(emulator, "subscription")
    body = b'{"customer_name": "Slow Sam"}'
    head = (
        f"PATCH {BASE}/{slow} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode()
    stalled_headers = [socket.create_connection(("127.0.0.1", emulator.port)) for _ in range(5)]
    stalled_bodies = [socket.create_connection(("127.0.0.1", emulator.port)) for _ in range(5)]
    try:
        for raw in stalled_headers:
            raw.sendall(head[:30])
        for raw in stalled_bodies:
            raw.sendall(head + body[:10])
        started = time.monotonic()
        with httpx.Client(base_url=emulator.base_url, timeout=2) as http:
            assert http.get(f"{BASE}/{other}").status_code == 200
            saved = http.patch(f"{BASE}/{other}", json={"customer_name": "Quick Quinn"})
            assert saved.status_code == 200
        assert time.monotonic() - started < 1.0
        for raw in stalled_bodies:
            raw.settimeout(5)
            raw.sendall(body[10:])
            assert raw.recv(65536).startswith(b"HTTP/1.1 200 OK\r\n")
    finally:
        for raw in stalled_headers + stalled_bodies:
            raw.close()
    assert emulator.store.get_json(slow)["customer_name"] == "Slow Sam"
    assert emulator.store.get_json(other)["customer_name"] == "Quick Quinn"
