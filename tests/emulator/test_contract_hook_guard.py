"""The contract guard (conftest.py): every client is checked, a refusal fails the test.

A corrupted emulator's answer fails the request that got it; clients made during
a test, event streams (unread) included, are checked; a block or a test can be
exempt; and a violation swallowed on the way still fails the test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tui.emulator.http.server import create_app
from tui.emulator.store import Store

from .conftest import ContractGuard
from .contract_responses import ContractViolation
from .handmade_answers import ONE, SECRET
from .support import BASE


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
