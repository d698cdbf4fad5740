"""Following a session where the stream cannot be had (polling, and back), and stopping."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from tests.unit.watch_support import (
    HANG,
    SECRET,
    Answer,
    Body,
    FakeTime,
    Server,
    client_for,
    raising,
    signals,
    status,
    stream,
)
from tui.polar.watch import Changed, FollowSettings, Gone, Mode, Signal, follow

OPENED: list[Signal] = [Mode("stream"), Changed("connected")]
PLAIN_404 = status(404, {"detail": "Not Found"})
POLLS_PER_TRY = 12  # 60 s between tries of the stream, a read every 5 s


def polls(count: int) -> list[Signal]:
    return [Changed("poll")] * count


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        pytest.param(PLAIN_404, "the server answered 404", id="no-route"),
        pytest.param(
            status(405, {"detail": "Method Not Allowed"}), "the server answered 405", id="405"
        ),
        pytest.param(
            status(200, "<html>Sign in to the proxy</html>"),
            "the server answered 200, not an event stream",
            id="proxy-page",
        ),
        pytest.param(
            status(200, {"id": "c1"}), "the server answered 200, not an event stream", id="json"
        ),
        pytest.param(status(401, "Unauthorized"), "the server answered 401", id="401"),
    ],
)
async def test_no_stream_here_polls_at_once(answer: Answer, reason: str) -> None:
    time = FakeTime()
    got = await signals(Server(answer), 3, time=time)
    assert got == [Mode("polling", 5.0, f"no event stream here ({reason})"), *polls(2)]
    assert time.sleeps == [5.0]


async def test_failures_in_a_row_turn_to_polling() -> None:
    time = FakeTime()
    server = Server(
        status(502, "Bad Gateway"),
        stream(Body(httpx.RemoteProtocolError("cut"))),
        raising(httpx.ConnectError),
    )
    got = await signals(server, 6, time=time)
    assert got == [
        Mode("reconnecting", 0.75, "the server answered 502"),
        *OPENED,
        Mode("reconnecting", 1.5, "the connection dropped"),
        Mode("polling", 5.0, "cannot connect to the server"),
        Changed("poll"),
    ]


async def test_polling_tries_the_stream_every_minute_and_follows_it_again() -> None:
    time = FakeTime()
    server = Server(PLAIN_404, stream(Body(HANG)))
    got = await signals(server, 1 + POLLS_PER_TRY + 2, time=time)
    assert got[0] == Mode("polling", 5.0, "no event stream here (the server answered 404)")
    assert got[1:] == [*polls(POLLS_PER_TRY), *OPENED]  # at 0, 5, ... 55 s; the stream at 60 s
    assert time.sleeps == [5.0] * POLLS_PER_TRY
    assert len(server.requests) == 2


async def test_a_failed_try_keeps_polling_quietly() -> None:
    time = FakeTime()
    settings = FollowSettings(poll_interval=2.0, stream_retry=10.0)
    server = Server(PLAIN_404, status(503, "Service Unavailable"), stream(Body(HANG)))
    got = await signals(server, 1 + 5 + 5 + 2, settings, time=time)
    assert got[0] == Mode("polling", 2.0, "no event stream here (the server answered 404)")
    assert got[1:] == [*polls(5 + 5), *OPENED]
    assert time.sleeps == [2.0] * 10


async def test_a_session_gone_while_polling_ends_the_following() -> None:
    body = {"error": "ExpiredCheckoutError", "detail": "This checkout session has expired."}
    got = await signals(Server(PLAIN_404, status(410, body)), 100)
    assert got[1:] == [*polls(POLLS_PER_TRY), Gone(410, "ExpiredCheckoutError")]


# --- stopping -------------------------------------------------------------------------


async def test_closing_the_signals_closes_the_stream() -> None:
    body = Body(HANG)
    assert await signals(Server(stream(body)), 2) == OPENED
    assert body.closed


async def test_cancelling_stops_at_once_and_closes_the_stream() -> None:
    body = Body(HANG)
    client = client_for(Server(stream(body)))
    opened = asyncio.Event()

    async def watch() -> None:
        async for signal in follow(client, SECRET):
            if signal == Changed("connected"):
                opened.set()

    task = asyncio.create_task(watch())
    await asyncio.wait_for(opened.wait(), 5)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await asyncio.wait_for(task, 1)
    # Closed by the time the task ends, not later by a finalizer the loop would run.
    assert body.closed
    assert asyncio.all_tasks() == {asyncio.current_task()}
    await client.aclose()


@pytest.mark.parametrize(
    ("answer", "waiting"),
    [
        pytest.param(raising(httpx.ConnectError), "reconnecting", id="reconnecting"),
        pytest.param(PLAIN_404, "polling", id="polling"),
    ],
)
async def test_cancelling_ends_a_wait_at_once(answer: Answer, waiting: str) -> None:
    """With real sleeps of a minute: cancelling must not wait them out."""
    settings = FollowSettings(first_delay=60.0, poll_interval=60.0)
    client = client_for(Server(answer))
    waits = asyncio.Event()

    async def watch() -> None:
        async for signal in follow(client, SECRET, settings):
            if isinstance(signal, Mode) and signal.name == waiting:
                waits.set()

    task = asyncio.create_task(watch())
    await asyncio.wait_for(waits.wait(), 5)
    await asyncio.sleep(0.01)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await asyncio.wait_for(task, 1)
    assert asyncio.all_tasks() == {asyncio.current_task()}
    await client.aclose()
