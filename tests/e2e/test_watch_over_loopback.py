"""Following a session against the emulator on a real loopback socket (ASGI transports
buffer whole responses): its stream, its reconnect line, a dropped stream, and a stream
that fails until polling takes over. Sleeps are real; the jitter is pinned."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import timedelta

from tests.support import NOW, admin, secret_of
from tui import settings
from tui.demo import Demo
from tui.emulator.http.stream import StreamSettings
from tui.emulator.model.clock import FrozenClock
from tui.emulator.run.background import RunningEmulator
from tui.emulator.store import Store
from tui.polar.client import CheckoutClient
from tui.polar.watch import DEFAULT_SETTINGS, Changed, FollowSettings, Gone, Mode, Signal, follow

STREAM = "/v1/checkouts/client/{secret}/stream"
CONNECTED = Changed("connected")


class Followed:
    """The signals so far, each with the loop time it arrived at."""

    def __init__(self) -> None:
        self.arrived: list[tuple[float, Signal]] = []

    @property
    def signals(self) -> list[Signal]:
        return [signal for _, signal in self.arrived]

    async def next(self, signal: Signal, *, since: int = 0, within: float = 2.0) -> float:
        """When `signal` arrived at index `since` or later, waiting up to `within` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while True:
            for at, seen in self.arrived[since:]:
                if seen == signal:
                    return at
            if loop.time() > deadline:
                raise AssertionError(f"no {signal} within {within} s: {self.signals}")
            await asyncio.sleep(0.01)


@asynccontextmanager
async def following(
    base_url: str,
    secret: str,
    options: FollowSettings = DEFAULT_SETTINGS,
    clock: Callable[[], float] = time.monotonic,
) -> AsyncIterator[Followed]:
    client = CheckoutClient(base_url, api_version=settings.API_VERSION, timeout=settings.TIMEOUT)
    followed = Followed()

    async def run() -> None:
        loop = asyncio.get_running_loop()
        async for signal in follow(client, secret, options, clock=clock, rng=lambda: 0.0):
            followed.arrived.append((loop.time(), signal))

    task = asyncio.create_task(run())
    try:
        yield followed
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await client.aclose()


async def test_a_payment_arrives_as_a_change_within_two_seconds(demo: Demo) -> None:
    secret = secret_of(demo.store, "one-time")
    async with following(demo.base_url, secret) as followed, admin(demo) as emulator:
        await followed.next(CONNECTED)
        paid_at = asyncio.get_running_loop().time()
        await emulator.pay(secret)
        arrived = await followed.next(Changed("event", "checkout.updated", "confirmed"))
    assert arrived - paid_at < 2.0
    assert demo.store.get_json(secret)["status"] == "confirmed"


async def test_a_dropped_stream_reconnects(demo: Demo) -> None:
    secret = secret_of(demo.store, "one-time")
    async with admin(demo) as emulator:
        await emulator.add_fault({"path": STREAM.format(secret=secret), "drop": True})
        async with following(demo.base_url, secret) as followed:
            dropped = Mode("reconnecting", 0.5, "the connection dropped")
            dropped_at = await followed.next(dropped)
            back_at = await followed.next(Mode("stream"), since=3)
            assert followed.signals[:5] == [
                Mode("stream"),
                CONNECTED,
                dropped,
                Mode("stream"),
                CONNECTED,
            ]
            await emulator.pay(secret)
            await followed.next(Changed("event", "checkout.updated", "confirmed"))
    assert 0.5 <= back_at - dropped_at < 1.5


async def test_the_reconnect_line_reconnects_at_once(demo: Demo, clock: FrozenClock) -> None:
    secret = secret_of(demo.store, "subscription")
    # On the emulator's clock, so that the stream lives its 10 minutes at once.
    async with following(demo.base_url, secret, clock=lambda: clock.now().timestamp()) as followed:
        await followed.next(CONNECTED)
        asked_at = asyncio.get_running_loop().time()
        clock.advance(timedelta(minutes=10))
        back_at = await followed.next(CONNECTED, since=2)
    assert followed.signals[:4] == [Mode("stream"), CONNECTED, Mode("stream"), CONNECTED]
    assert back_at - asked_at < 1.0


async def test_a_stream_failing_in_a_row_turns_to_polling_and_back(demo: Demo) -> None:
    secret = secret_of(demo.store, "free")
    quick = FollowSettings(first_delay=0.2, poll_interval=0.2, stream_retry=0.6)
    async with admin(demo) as emulator:
        await emulator.add_fault({"path": STREAM.format(secret=secret), "status": 502, "count": 3})
        async with following(demo.base_url, secret, quick) as followed:
            polling = Mode("polling", 0.2, "the server answered 502")
            polling_at = await followed.next(polling)
            back_at = await followed.next(Mode("stream"), within=3.0)
            await followed.next(CONNECTED, since=3)
    assert followed.signals[:8] == [
        Mode("reconnecting", 0.1, "the server answered 502"),
        Mode("reconnecting", 0.2, "the server answered 502"),
        polling,
        *[Changed("poll")] * 3,  # at 0, 0.2 and 0.4 s; the stream is tried at 0.6 s
        Mode("stream"),
        CONNECTED,
    ]
    assert 0.6 <= back_at - polling_at < 1.5


async def test_an_expired_session_is_gone(demo: Demo) -> None:
    async with following(demo.base_url, secret_of(demo.store, "expired")) as followed:
        await followed.next(Gone(410, "ExpiredCheckoutError"))
    assert followed.signals == [Gone(410, "ExpiredCheckoutError")]


async def test_a_stream_silent_past_the_read_timeout_reconnects(demo: Demo) -> None:
    """The demo's emulator pings every 15 s (as Polar): a shorter read time-out ends it."""
    short = FollowSettings(read_timeout=0.3)
    secret = secret_of(demo.store, "one-time")
    async with following(demo.base_url, secret, short) as followed:
        opened_at = await followed.next(CONNECTED)
        silent_at = await followed.next(Mode("reconnecting", 0.5, "no data for 0.3 s"))
        await followed.next(CONNECTED, since=2)
    assert 0.3 <= silent_at - opened_at < 1.0


async def test_keep_alives_hold_the_stream_open_and_are_no_events() -> None:
    pinging = StreamSettings(ping_interval=0.1, poll_interval=0.01)
    short = FollowSettings(read_timeout=0.3)
    with RunningEmulator(Store(FrozenClock(NOW)), streams=pinging) as emulator:
        secret = secret_of(emulator.store, "one-time")
        async with following(emulator.base_url, secret, short) as followed:
            await asyncio.sleep(1.0)
    assert followed.signals == [Mode("stream"), CONNECTED]
