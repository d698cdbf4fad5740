"""A scripted server behind httpx.MockTransport and a fake clock, for `tui.polar.watch`."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import aclosing
from typing import Any

import httpx

from tui.polar.client import CheckoutClient
from tui.polar.watch import DEFAULT_SETTINGS, FollowSettings, Signal, follow
from tui.settings import API_VERSION, TIMEOUT

SECRET = "polar_c_" + "Q7wErTy9UiOp2AsDfGh3JkLzXcVbNm4QwErTyUiOpA5"
STREAM_PATH = f"/v1/checkouts/client/{SECRET}/stream"
BASE_URL = "https://sandbox-api.polar.sh"
SSE_TYPE = "text/event-stream; charset=utf-8"
PING = b": ping - 2026-11-24 12:00:15+00:00\r\n\r\n"
RECONNECT = b'data: {"type": "reconnect"}\r\n\r\n'

Answer = Callable[[httpx.Request], Awaitable[httpx.Response]]


def event(key: str, status: str = "open") -> bytes:
    """One event as Polar frames it: a data line, CRLF, a blank line."""
    data = {"id": "00000000-0000-4000-8000-000000000001", "key": key, "payload": {"status": status}}
    return f"data: {json.dumps(data)}\r\n\r\n".encode()


class FakeTime:
    """The clock and sleep `follow` is given: sleeping records the wait and moves the clock."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)


HANG = object()
"""In a `Body`: wait for bytes that never come."""


class Body(httpx.AsyncByteStream):
    """A streamed body, part by part: bytes are sent, a float moves the fake clock on by
    that many seconds, a transport error breaks the connection, `HANG` waits forever; then
    the body ends. `closed` tells whether the client closed the response."""

    def __init__(
        self, *parts: bytes | float | httpx.TransportError | object, time: FakeTime | None = None
    ) -> None:
        self.parts = parts
        self.time = time
        self.closed = False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for part in self.parts:
            if isinstance(part, bytes):
                yield part
            elif isinstance(part, float):
                assert self.time is not None, "a body that moves the clock needs the time"
                self.time.now += part
            elif isinstance(part, httpx.TransportError):
                raise part
            else:
                await asyncio.Event().wait()

    async def aclose(self) -> None:
        self.closed = True


def stream(body: Body) -> Answer:
    async def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Type": SSE_TYPE}, stream=body)

    return answer


def status(code: int, body: Any = None, headers: dict[str, str] | None = None) -> Answer:
    async def answer(request: httpx.Request) -> httpx.Response:
        if body is None:
            return httpx.Response(code, headers=headers)
        if isinstance(body, str):
            return httpx.Response(code, text=body, headers=headers)
        return httpx.Response(code, json=body, headers=headers)

    return answer


def raising(error: type[httpx.TransportError]) -> Answer:
    async def answer(request: httpx.Request) -> httpx.Response:
        # Real transport errors often quote the URL, which holds the secret.
        raise error(f"failed talking to {request.url}", request=request)

    return answer


def hanging() -> Answer:
    async def answer(request: httpx.Request) -> httpx.Response:
        await asyncio.Event().wait()
        raise AssertionError("unreachable")

    return answer


class Server:
    """Answers each request with the next of `answers`; records the requests."""

    def __init__(self, *answers: Answer) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    async def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        assert self.answers, "the client asked more than the test scripted"
        return await self.answers.pop(0)(request)


def client_for(server: Server, base_url: str = BASE_URL) -> CheckoutClient:
    return CheckoutClient(
        base_url,
        api_version=API_VERSION,
        timeout=TIMEOUT,
        transport=httpx.MockTransport(server.handle),
    )


async def signals(
    server: Server,
    count: int,
    settings: FollowSettings = DEFAULT_SETTINGS,
    *,
    time: FakeTime | None = None,
    rng: float = 0.5,
) -> list[Signal]:
    """The first `count` signals (fewer if following ends), on fake time, then close.
    Fails after 5 s of real time: nothing here should wait for real."""
    fake = time or FakeTime()
    client = client_for(server)
    got: list[Signal] = []
    try:
        followed = follow(
            client, SECRET, settings, sleep=fake.sleep, clock=fake.clock, rng=lambda: rng
        )
        async with asyncio.timeout(5), aclosing(followed) as signals:
            async for signal in signals:
                got.append(signal)
                if len(got) == count:
                    break
    finally:
        await client.aclose()
    return got
