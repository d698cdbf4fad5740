"""The event stream over a real loopback socket (ASGI transports buffer whole responses).

Streams poll every 10 ms here; keep-alive pings are off (once a minute) except
where a test is about them.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest

from tui.emulator.http.stream import StreamSettings
from tui.emulator.model.clock import FrozenClock
from tui.emulator.rules.lifecycle import SUCCESS_DELAY
from tui.emulator.run.background import RunningEmulator
from tui.emulator.store import Store

from .support import BASE, CONFIRM_EMAIL, LEGACY_BASE, NOW

FAST = StreamSettings(ping_interval=60, poll_interval=0.01)
SEPARATOR = b"\r\n\r\n"


class Frames:
    """The frames of one streamed response, read as they arrive."""

    def __init__(self, response: httpx.Response) -> None:
        self._chunks = response.iter_raw()
        self._buffer = b""

    def next(self) -> bytes | None:
        """The next frame without its blank line, or None once the response has ended."""
        while SEPARATOR not in self._buffer:
            chunk = next(self._chunks, None)
            if chunk is None:
                return None
            self._buffer += chunk
        frame, _, self._buffer = self._buffer.partition(SEPARATOR)
        return frame

    def until(self, last: bytes) -> list[bytes]:
        """Frames up to and including the first that contains `last`."""
        frames: list[bytes] = []
        while True:
            frame = self.next()
            assert frame is not None, f"the stream ended before {last!r}: {frames}"
            frames.append(frame)
            if last in frame:
                return frames


def event(number: int, key: str, payload: str) -> bytes:
    event_id = f"00000000-0000-4000-8000-{number:012d}"
    return f'data: {{"id":"{event_id}","key":"{key}","payload":{payload}}}'.encode()


@pytest.fixture(scope="module")
def frozen() -> FrozenClock:
    return FrozenClock(NOW)


@pytest.fixture(scope="module")
def running(frozen: FrozenClock) -> Iterator[RunningEmulator]:
    with RunningEmulator(Store(frozen), streams=FAST) as emulator:
        yield emulator


@pytest.fixture
def emulator(running: RunningEmulator, frozen: FrozenClock) -> RunningEmulator:
    frozen.set(NOW)
    running.store.reset()
    return running


@pytest.fixture
def http(emulator: RunningEmulator) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=emulator.base_url, timeout=5) as client:
        yield client


def secret_of(emulator: RunningEmulator, name: str) -> str:
    return next(e.client_secret for e in emulator.store.scenarios() if e.name == name)


@pytest.mark.fidelity("stream")
@pytest.mark.parametrize("prefix", [BASE, LEGACY_BASE])
def test_updates_arrive_framed_as_polar_frames_them(
    emulator: RunningEmulator, http: httpx.Client, prefix: str
) -> None:
    secret = secret_of(emulator, "one-time")
    with http.stream("GET", f"{prefix}/{secret}/stream") as response:
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/event-stream; charset=utf-8"
        assert response.headers["cache-control"] == "no-store"
        assert response.headers["x-accel-buffering"] == "no"
        assert response.headers["Polar-Version"] == "2026-04"
        assert http.patch(f"{BASE}/{secret}", json={"customer_name": "Ada"}).status_code == 200
        frames = Frames(response)
        assert frames.next() == event(1, "checkout.updated", '{"status":"open"}')
        assert frames.next() == event(2, "checkout.webhook_event_delivered", '{"status":"open"}')


@pytest.mark.fidelity("stream-events")
def test_confirm_then_success_arrive_without_anyone_reading(
    emulator: RunningEmulator, http: httpx.Client, frozen: FrozenClock
) -> None:
    secret = secret_of(emulator, "free")
    with http.stream("GET", f"{BASE}/{secret}/stream") as response:
        confirmed = http.post(f"{BASE}/{secret}/confirm", json={"customer_email": CONFIRM_EMAIL})
        assert confirmed.status_code == 200
        frames = Frames(response)
        assert frames.until(b"webhook_event_delivered") == [
            event(1, "checkout.updated", '{"status":"confirmed"}'),
            event(2, "checkout.webhook_event_delivered", '{"status":"confirmed"}'),
        ]
        frozen.advance(SUCCESS_DELAY)
        assert frames.until(b"webhook_event_delivered") == [
            event(3, "checkout.order_created", "{}"),
            event(4, "checkout.updated", '{"status":"succeeded"}'),
            event(5, "checkout.webhook_event_delivered", '{"status":"succeeded"}'),
        ]
    assert emulator.store.get_json(secret)["status"] == "succeeded"


@pytest.mark.fidelity("stream")
def test_long_lived_stream_asks_for_a_reconnect_then_ends(
    emulator: RunningEmulator, http: httpx.Client, frozen: FrozenClock
) -> None:
    secret = secret_of(emulator, "one-time")
    with http.stream("GET", f"{BASE}/{secret}/stream") as response:
        frames = Frames(response)
        frozen.advance(timedelta(minutes=10))
        assert frames.next() == b'data: {"type": "reconnect"}'
        assert frames.next() is None


@pytest.mark.fidelity("stream")
def test_unknown_and_expired_secrets_answer_like_get(
    emulator: RunningEmulator, http: httpx.Client
) -> None:
    unknown = http.get(f"{BASE}/polar_c_{'x' * 43}/stream")
    assert (unknown.status_code, unknown.json()) == (
        404,
        {"error": "ResourceNotFound", "detail": "Not found"},
    )
    expired = http.get(f"{LEGACY_BASE}/{secret_of(emulator, 'expired')}/stream")
    assert expired.status_code == 410
    assert expired.json()["error"] == "ExpiredCheckoutError"


@pytest.mark.fidelity("stream")
def test_keep_alive_comments() -> None:
    settings = StreamSettings(ping_interval=0.05, poll_interval=0.01)
    with (
        RunningEmulator(Store(FrozenClock(NOW)), streams=settings) as emulator,
        httpx.Client(base_url=emulator.base_url, timeout=5) as http,
        http.stream("GET", f"{BASE}/{secret_of(emulator, 'one-time')}/stream") as response,
    ):
        frames = Frames(response)
        assert [frames.next(), frames.next()] == [b": ping - 2026-05-01 12:00:00+00:00"] * 2


def test_open_streams_end_when_the_server_stops() -> None:
    emulator = RunningEmulator(Store(FrozenClock(NOW)), streams=FAST)
    emulator.start()
    with httpx.Client(base_url=emulator.base_url, timeout=5) as http:
        secret = secret_of(emulator, "one-time")
        with http.stream("GET", f"{BASE}/{secret}/stream") as response:
            frames = Frames(response)
            started = time.monotonic()
            emulator.stop()
            assert time.monotonic() - started < 1.0  # not uvicorn's 2 s grace period
            assert frames.next() is None
