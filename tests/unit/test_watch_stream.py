"""Following a session's event stream over httpx.MockTransport: the request, events,
reconnects and their backoff, the end, and the secret kept out of every signal."""

from __future__ import annotations

import httpx
import pytest

from tests.unit.watch_support import (
    HANG,
    PING,
    RECONNECT,
    SECRET,
    STREAM_PATH,
    Answer,
    Body,
    FakeTime,
    Server,
    client_for,
    event,
    hanging,
    raising,
    signals,
    status,
    stream,
)
from tui.polar.watch import Changed, FollowSettings, Gone, Mode, Signal

OPENED: list[Signal] = [Mode("stream"), Changed("connected")]
DROPPED = httpx.RemoteProtocolError("peer closed connection without sending complete message body")
NO_POLLING = FollowSettings(failures_before_polling=100, max_delay=5.0)


async def test_the_request_asks_for_events_with_a_read_timeout_of_its_own() -> None:
    server = Server(stream(Body(HANG)))
    await signals(server, 2)
    (request,) = server.requests
    assert request.method == "GET"
    assert request.url.path == STREAM_PATH
    assert request.headers["Accept"] == "text/event-stream"
    assert request.headers["Polar-Version"] == "2026-10"
    assert request.headers["User-Agent"].startswith("polar-checkout/")
    timeout = request.extensions["timeout"]
    assert timeout["read"] == 45.0  # longer than Polar's keep-alive of 15 s
    assert timeout["connect"] == 5.0  # as every request's (tui.settings.TIMEOUT)


async def test_the_servers_credentials_go_as_for_every_request() -> None:
    server = Server(stream(Body(HANG)))
    client = client_for(server, "https://ada:s3cret@polar.example.com")
    try:
        async with client.stream(SECRET, read_timeout=45.0) as source:
            assert source.response.status_code == 200
    finally:
        await client.aclose()
    (request,) = server.requests
    assert request.url.userinfo == b""
    assert request.headers["Authorization"] == "Basic YWRhOnMzY3JldA=="


async def test_each_event_asks_for_a_read_and_keep_alives_are_no_events() -> None:
    body = Body(
        PING,
        event("checkout.updated"),
        PING,
        event("checkout.order_created"),
        b'data: {"id": "x",\r\ndata: "key": "checkout.webhook_event_delivered"}\r\n\r\n',
        b"data: not json\r\n\r\n",
        b"retry: 100\r\n\r\n",
    )
    got = await signals(Server(stream(body)), 7)
    assert got == [
        *OPENED,
        Changed("event", "checkout.updated", "open"),
        Changed("event", "checkout.order_created", "open"),
        Changed("event", "checkout.webhook_event_delivered"),
        Changed("event", ""),
        Mode("reconnecting", 0.75, "the server ended the stream"),
    ]


async def test_an_event_passes_on_the_status_it_names_and_only_a_status() -> None:
    """A declined payment is `confirmed`, then at once `open`: a read sees only the second."""
    body = Body(
        event("checkout.updated", "confirmed"),
        event("checkout.updated", "open"),
        event("checkout.updated", "[b]paid[/b]"),
        b'data: {"key": "checkout.updated", "payload": "succeeded"}\r\n\r\n',
        b'data: {"key": "checkout.updated", "payload": {"status": 1}}\r\n\r\n',
    )
    got = await signals(Server(stream(body)), 7)
    assert got[2:] == [
        Changed("event", "checkout.updated", "confirmed"),
        Changed("event", "checkout.updated", "open"),
        Changed("event", "checkout.updated"),
        Changed("event", "checkout.updated"),
        Changed("event", "checkout.updated"),
    ]


async def test_a_reconnect_line_reconnects_at_once() -> None:
    time = FakeTime()
    # Polar asks for a reconnect after a stream's long life (10 minutes).
    first = Body(event("checkout.updated"), 600.0, RECONNECT, HANG, time=time)
    server = Server(stream(first), stream(Body(HANG)))
    got = await signals(server, 5, time=time)
    assert got == [*OPENED, Changed("event", "checkout.updated", "open"), *OPENED]
    assert time.sleeps == []
    assert first.closed


async def test_a_reconnect_asked_at_once_waits_as_a_failure() -> None:
    got = await signals(Server(stream(Body(RECONNECT)), stream(Body(HANG))), 5)
    assert got == [*OPENED, Mode("reconnecting", 0.75, "the server asked for a reconnect"), *OPENED]


@pytest.mark.parametrize(
    ("answer", "before", "reason"),
    [
        pytest.param(
            stream(Body(event("checkout.updated"), DROPPED)),
            [*OPENED, Changed("event", "checkout.updated", "open")],
            "the connection dropped",
            id="dropped",
        ),
        pytest.param(
            stream(Body(httpx.ReadTimeout("timed out"))),
            OPENED,
            "no data for 45 s",
            id="read-timeout",
        ),
        pytest.param(stream(Body()), OPENED, "the server ended the stream", id="ended"),
        pytest.param(status(503, "Service Unavailable"), [], "the server answered 503", id="503"),
        pytest.param(status(500, "Internal Server Error"), [], "the server answered 500", id="500"),
        pytest.param(raising(httpx.ConnectError), [], "cannot connect to the server", id="connect"),
        pytest.param(
            raising(httpx.ConnectTimeout), [], "the connection timed out", id="connect-timeout"
        ),
        pytest.param(raising(httpx.ProxyError), [], "the stream failed (ProxyError)", id="proxy"),
    ],
)
async def test_failures_reconnect_after_a_delay(
    answer: Answer, before: list[Signal], reason: str
) -> None:
    time = FakeTime()
    got = await signals(Server(answer, stream(Body(HANG))), len(before) + 3, time=time)
    assert got == [*before, Mode("reconnecting", 0.75, reason), *OPENED]
    assert time.sleeps == [0.75]


async def test_no_answer_in_time_is_a_failure() -> None:
    settings = FollowSettings(open_timeout=0.05)
    got = await signals(Server(hanging(), stream(Body(HANG))), 3, settings)
    assert got == [Mode("reconnecting", 0.75, "no answer within 0.05 s"), *OPENED]


async def test_a_429_waits_at_least_its_retry_after() -> None:
    time = FakeTime()
    limited = status(429, headers={"Retry-After": "7"})
    got = await signals(Server(limited, stream(Body(HANG))), 3, time=time)
    assert got == [Mode("reconnecting", 7.0, "the server answered 429"), *OPENED]
    assert time.sleeps == [7.0]


async def test_the_delay_doubles_up_to_its_cap() -> None:
    time = FakeTime()
    server = Server(*[raising(httpx.ConnectError)] * 6, stream(Body(HANG)))
    await signals(server, 8, NO_POLLING, time=time)
    assert time.sleeps == [0.75, 1.5, 3.0, 3.75, 3.75, 3.75]


@pytest.mark.parametrize(("rng", "delay"), [(0.0, 0.5), (0.999, 0.9995)])
async def test_the_delay_is_drawn_in_the_upper_half(rng: float, delay: float) -> None:
    got = await signals(Server(raising(httpx.ConnectError)), 1, rng=rng)
    assert got == [Mode("reconnecting", delay, "cannot connect to the server")]


async def test_a_stream_that_lived_starts_the_count_again() -> None:
    time = FakeTime()
    server = Server(
        raising(httpx.ConnectError),
        raising(httpx.ConnectError),
        stream(Body(10.0, DROPPED, time=time)),
        stream(Body(HANG)),
    )
    got = await signals(server, 7, time=time)
    assert got[2:] == [*OPENED, Mode("reconnecting", 0.75, "the connection dropped"), *OPENED]
    assert time.sleeps == [0.75, 1.5, 0.75]


@pytest.mark.parametrize(
    ("code", "error"),
    [
        (404, "ResourceNotFound"),
        (410, "ExpiredCheckoutError"),
        (403, "NotPermitted"),
        (403, "NotOpenCheckout"),
    ],
)
async def test_a_session_gone_ends_the_following(code: int, error: str) -> None:
    body = {"error": error, "detail": "..."}
    got = await signals(Server(stream(Body(DROPPED)), status(code, body)), 10)
    assert got == [*OPENED, Mode("reconnecting", 0.75, "the connection dropped"), Gone(code, error)]


async def test_no_signal_holds_the_secret() -> None:
    server = Server(
        raising(httpx.ConnectError),
        stream(Body(httpx.ReadError(f"reading /v1/checkouts/client/{SECRET}/stream"))),
        status(404, {"detail": f"Not Found: {SECRET}"}),
        status(403, {"error": f"NotPermitted {SECRET}"}),
    )
    got = await signals(server, 30)
    assert got[-1] == Gone(403, "")  # an error name must look like one
    assert all(SECRET not in repr(signal) for signal in got)
