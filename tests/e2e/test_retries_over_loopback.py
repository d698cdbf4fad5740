"""The retry policy against the emulator's faults over a real socket: reads and updates get
through passing failures; a confirm whose answer was lost is never sent twice."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.support import secret_of
from tui import settings
from tui.demo import Demo
from tui.polar import errors
from tui.polar.client import CheckoutClient

pytestmark = pytest.mark.usefixtures("retries")
FREE_CONFIRM = {"customer_name": "Ada Lovelace", "customer_email": "ada@example.com"}


@pytest.fixture
def faults(demo: Demo) -> Iterator[str]:
    url = f"{demo.base_url}/emulator/faults"
    yield url
    httpx.delete(url)


def spoil(faults: str, secret: str, method: str, count: int, **fault: Any) -> None:
    path = f"/v1/checkouts/client/{secret}" + ("/confirm" if method == "POST" else "")
    body = {"path": path, "method": method, "count": count, **fault}
    httpx.post(faults, json=body).raise_for_status()


def _client(base_url: str, timeout: httpx.Timeout = settings.TIMEOUT) -> CheckoutClient:
    return CheckoutClient(base_url, api_version=settings.API_VERSION, timeout=timeout)


async def test_a_read_gets_through_two_503s(demo: Demo, faults: str) -> None:
    secret = secret_of(demo.store, "one-time")
    spoil(faults, secret, "GET", 2, status=503)
    client = _client(demo.base_url)
    try:
        assert (await client.get(secret)).status == "open"
    finally:
        await client.aclose()


async def test_an_update_gets_through_a_lock_and_a_lost_answer(demo: Demo, faults: str) -> None:
    secret = secret_of(demo.store, "one-time")
    spoil(faults, secret, "PATCH", 1, status=409)
    spoil(faults, secret, "PATCH", 1, drop=True)
    client = _client(demo.base_url)
    try:
        updated = await client.update(secret, {"customer_name": "Ada"})
    finally:
        await client.aclose()
    assert updated.customer_name == "Ada"


async def test_a_confirm_whose_answer_was_lost_is_not_sent_again(demo: Demo, faults: str) -> None:
    secret = secret_of(demo.store, "free")
    spoil(faults, secret, "POST", 1, drop=True)
    client = _client(demo.base_url)
    try:
        with pytest.raises(errors.ConnectionLost) as lost:
            await client.confirm(secret, FREE_CONFIRM)
    finally:
        await client.aclose()
    assert lost.value.tries == 1
    assert demo.store.get_json(secret)["status"] == "confirmed"


async def test_a_confirm_answered_500_is_not_sent_again(demo: Demo, faults: str) -> None:
    secret = secret_of(demo.store, "free")
    spoil(faults, secret, "POST", 1, status=500)
    client = _client(demo.base_url)
    try:
        with pytest.raises(errors.ServerFailed) as failed:
            await client.confirm(secret, FREE_CONFIRM)
    finally:
        await client.aclose()
    assert failed.value.message == "Polar answered 500."
    assert demo.store.get_json(secret)["status"] == "open"


async def test_slow_answers_time_out_three_times(demo: Demo, faults: str) -> None:
    secret = secret_of(demo.store, "one-time")
    spoil(faults, secret, "GET", 3, delay_ms=400)
    client = _client(demo.base_url, httpx.Timeout(0.1, connect=1.0))
    try:
        with pytest.raises(errors.TimedOut) as slow:
            await client.get(secret)
    finally:
        await client.aclose()
    assert slow.value.message == "No answer in time (tried 3 times)."


async def test_a_refused_connection_is_tried_3_times_then_says_so() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = _client(f"http://127.0.0.1:{port}")
    try:
        with pytest.raises(errors.ConnectionFailed) as refused:
            await client.confirm("polar_c_" + "0" * 43, FREE_CONFIRM)
    finally:
        await client.aclose()
    assert refused.value.tries == 3
    assert refused.value.message.startswith("Could not connect to 127.0.0.1: ")
    assert refused.value.message.endswith(
        "Check your connection or the --server setting (tried 3 times)."
    )
