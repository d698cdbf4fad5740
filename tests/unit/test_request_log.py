"""The request log: every exchange the client makes (each retry its own, the event stream's
opening and closing), masked as recorded, newest first, bounded, heard by listeners."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from tests.request_log_support import Handler, logged_client
from tests.unit.test_one_redactor import ALL_IN_ONE, CLIENT_SECRET, PLANTED, planted_session
from tui.polar import errors
from tui.polar.client import CheckoutClient
from tui.polar.request_log import RequestLog

AT = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
PATH = "/v1/checkouts/client/polar_c_…OpA5"


class Ticking:
    """A timer that moves on `step` seconds each time it is read."""

    def __init__(self, step: float) -> None:
        self.step = step
        self.now = 0.0

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def new_log(limit: int = 500) -> RequestLog:
    return RequestLog(limit=limit, clock=lambda: AT, timer=Ticking(0.021))


@pytest.fixture
async def logged() -> AsyncIterator[Callable[[Handler], tuple[CheckoutClient, RequestLog]]]:
    made: list[CheckoutClient] = []

    def make(handler: Handler) -> tuple[CheckoutClient, RequestLog]:
        log = new_log()
        client = logged_client(handler, log)
        made.append(client)
        return client, log

    yield make
    for client in made:
        await client.aclose()


def planted(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json=planted_session())


async def test_a_read_is_logged_with_its_answer_masked(logged: Any) -> None:
    client, log = logged(planted)
    await client.get(CLIENT_SECRET)
    [read] = log.entries()
    assert (read.number, read.at, read.method, read.path) == (1, AT, "GET", PATH)
    assert read.url == "https://sandbox-api.polar.sh" + PATH
    assert (read.status, read.reason, read.duration_ms, read.error) == (200, "OK", 21, "")
    assert read.request_body is None
    assert read.summary() == f"GET {PATH} 200 21 ms"
    assert ("Polar-Version", "2026-10") in read.request_headers
    assert ("content-type", "application/json") in read.response_headers
    body = read.response_body or ""
    assert '"client_secret":"polar_c_…OpA5"' in body
    assert '"url":"https://polar.sh/checkout/polar_c_…OpA5"' in body
    assert '"success_url":"https://shop.example/thanks?checkout=polar_c_…OpA5"' in body
    assert '"customer_session_token":"polar_cst_…"' in body
    assert '"intent_client_secret":"pi_…_secret_…"' in body
    assert '"setup":"seti_…_secret_…"' in body
    for secret in PLANTED:
        assert secret not in repr(read)


async def test_a_save_is_logged_with_the_body_it_sent(logged: Any) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        return httpx.Response(409, json={"error": "CheckoutLocked", "detail": "busy"})

    client, log = logged(refuse)
    with pytest.raises(errors.Locked):
        await client.update(CLIENT_SECRET, {"customer_name": "Ada", "note": CLIENT_SECRET})
    [save] = log.entries()
    assert (save.method, save.path, save.status) == ("PATCH", PATH, 409)
    assert save.request_body == '{"customer_name":"Ada","note":"polar_c_…OpA5"}'
    assert save.response_body == '{"error":"CheckoutLocked","detail":"busy"}'
    assert ("Content-Type", "application/json") in save.request_headers


async def test_an_answer_that_is_not_json_is_masked_as_text(logged: Any) -> None:
    def proxy(request: httpx.Request) -> httpx.Response:
        return httpx.Response(502, text=f"<p>no route to {request.url.path}</p> {ALL_IN_ONE}")

    client, log = logged(proxy)
    with pytest.raises(errors.ServerFailed):
        await client.get(CLIENT_SECRET)
    assert log.entries()[0].response_body == (
        f"<p>no route to {PATH}</p> polar_c_…OpA5 polar_cst_… pi_…_secret_… seti_…_secret_…"
    )


@pytest.mark.usefixtures("retries")
async def test_each_try_is_an_exchange_of_its_own_newest_first(logged: Any) -> None:
    answers = [httpx.Response(503, text="down"), httpx.Response(200, json=planted_session())]
    client, log = logged(lambda request: answers.pop(0))
    await client.get(CLIENT_SECRET)
    assert [(entry.number, entry.status) for entry in log.entries()] == [(2, 200), (1, 503)]
    assert log.entries()[1].response_body == "down"


async def test_a_request_without_an_answer_names_the_error(logged: Any) -> None:
    def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError(f"refused for {CLIENT_SECRET}", request=request)

    client, log = logged(refused)
    with pytest.raises(errors.ConnectionFailed):
        await client.confirm(CLIENT_SECRET, {})
    [attempt] = log.entries()
    assert (attempt.method, attempt.path) == ("POST", PATH + "/confirm")
    assert (attempt.status, attempt.error, attempt.response_body) == (None, "ConnectError", None)
    assert attempt.summary() == f"POST {PATH}/confirm ConnectError 21 ms"


async def test_the_event_stream_is_logged_when_it_opens_and_when_it_closes(logged: Any) -> None:
    def stream(request: httpx.Request) -> httpx.Response:
        headers = {"content-type": "text/event-stream"}
        return httpx.Response(200, headers=headers, content=b'data: {"key": "x"}\n\n')

    client, log = logged(stream)
    async with client.stream(CLIENT_SECRET, read_timeout=1) as source:
        assert [event.data async for event in source.aiter_sse()] == ['{"key": "x"}']
    closed, opened = log.entries()
    assert opened.summary() == f"GET {PATH}/stream 200 21 ms (event stream opened)"
    assert closed.summary() == f"GET {PATH}/stream 200 21 ms (event stream closed)"
    assert ("Accept", "text/event-stream") in opened.request_headers


async def test_a_stream_that_cannot_connect_is_logged_once(logged: Any) -> None:
    def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectTimeout("slow", request=request)

    client, log = logged(refused)
    with pytest.raises(httpx.ConnectTimeout):
        async with client.stream(CLIENT_SECRET, read_timeout=1):
            pass
    assert [entry.summary() for entry in log.entries()] == [
        f"GET {PATH}/stream ConnectTimeout 21 ms"
    ]


async def test_only_the_last_exchanges_are_kept(logged: Any) -> None:
    client, _ = logged(planted)
    log = new_log(limit=2)
    client.log = log
    for _ in range(3):
        await client.get(CLIENT_SECRET)
    assert [entry.number for entry in log.entries()] == [3, 2]


async def test_listeners_hear_of_each_exchange_until_they_stop(logged: Any) -> None:
    client, log = logged(planted)
    heard: list[int] = []
    stop = log.listen(lambda exchange: heard.append(exchange.number))
    await client.get(CLIENT_SECRET)
    await client.get(CLIENT_SECRET)
    stop()
    await client.get(CLIENT_SECRET)
    assert heard == [1, 2]


async def test_a_listener_that_fails_never_fails_the_request(logged: Any) -> None:
    """The problem is told once, to the newest problem listener, kept until there is one."""
    client, log = logged(planted)

    def broken(_: object) -> None:
        raise RuntimeError("screen gone")

    log.listen(broken)
    await client.get(CLIENT_SECRET)
    await client.get(CLIENT_SECRET)
    told: list[str] = []
    log.listen_for_problems(lambda problem: told.append("old " + problem))
    log.listen_for_problems(told.append)
    await client.get(CLIENT_SECRET)
    assert len(log.entries()) == 3
    assert told == ["old The request log could not pass on a request: RuntimeError"]
    log.report("disk full")
    assert told[1:] == ["disk full"]


async def test_a_large_body_is_cut_and_what_was_dropped_is_counted(logged: Any) -> None:
    client, log = logged(lambda request: httpx.Response(502, text="x" * (256 * 1024 + 10)))
    with pytest.raises(errors.ServerFailed):
        await client.get(CLIENT_SECRET)
    [read] = log.entries()
    assert (len(read.response_body or ""), read.response_dropped) == (262144, 10)
    assert (read.request_body, read.request_dropped) == (None, 0)
