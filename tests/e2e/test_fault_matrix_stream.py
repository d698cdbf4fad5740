"""The fault matrix's stream row: `tui.polar.watch.follow` × every fault, each cell named
`stream-fault`, against the emulator over a real loopback socket (a MockTransport where the
emulator cannot give the answer). A cell checks the signals up to the follower's first wait
(its waits end the cell), the words the status bar shows for the last of them, and that the
stream was asked for once: the follower's own backoff, not a burst of retries, comes next."""

from __future__ import annotations

from contextlib import aclosing
from typing import Any, Final

import pytest

from tests.e2e.fault_cells import (
    EMULATOR,
    OLD_VERSION,
    SCRIPTED_STREAM,
    Scripted,
    cells,
    closed_port_url,
    plain,
    seen,
    spoil,
)
from tests.support import secret_of
from tui import settings
from tui.demo import Demo
from tui.domain.live import live_words
from tui.polar.client import CheckoutClient
from tui.polar.watch import DEFAULT_SETTINGS, Changed, FollowSettings, Gone, Mode, Signal, follow

pytestmark = pytest.mark.usefixtures("fault_room")

SHORT: Final = FollowSettings(open_timeout=0.1)
"""The time-out cell's wait for the stream's answer: the emulator holds it 300 ms."""
OPENED: Final[list[Signal]] = [Mode("stream"), Changed("connected")]
ENDED: Final = Mode("reconnecting", 0.5, "the server ended the stream")
UPDATED: Final = "checkout.updated"


def _again(reason: str, seconds: float = 0.5) -> list[Signal]:
    return [Mode("reconnecting", seconds, reason)]


# (signals, the status bar's words) for each fault; the jitter is pinned to its low end.
CELLS: Final[dict[str, tuple[list[Signal], str]]] = {
    "time-out": (_again("no answer within 0.1 s"), "reconnecting in 1 s"),
    "refused": (_again("cannot connect to the server"), "reconnecting in 1 s"),
    "dropped": ([*OPENED, *_again("the connection dropped")], "reconnecting in 1 s"),
    "500": (_again("the server answered 500"), "reconnecting in 1 s"),
    "502": (_again("the server answered 502"), "reconnecting in 1 s"),
    "503": (_again("the server answered 503"), "reconnecting in 1 s"),
    "html-proxy-page": (_again("the server answered 502"), "reconnecting in 1 s"),
    "429-retry-after": (_again("the server answered 429", 1.0), "reconnecting in 1 s"),
    "429-no-retry-after": (_again("the server answered 429"), "reconnecting in 1 s"),
    "410": ([Gone(410, "ExpiredCheckoutError")], ""),
    "404": ([Gone(404, "ResourceNotFound")], ""),
    "403-not-permitted": ([Gone(403, "NotPermitted")], ""),
    "404-api-version": (
        [Mode("polling", 5.0, "no event stream here (the server answered 404)"), Changed("poll")],
        "checking every 5 s",
    ),
    "200-not-json": ([*OPENED, Changed("event"), ENDED], "reconnecting in 1 s"),
    "missing-keys": ([*OPENED, Changed("event", UPDATED), ENDED], "reconnecting in 1 s"),
    "unknown-keys": (
        [*OPENED, Changed("event", UPDATED, "confirmed"), ENDED],
        "reconnecting in 1 s",
    ),
    "unknown-status": ([*OPENED, Changed("event", UPDATED), ENDED], "reconnecting in 1 s"),
}
WRITES_ONLY: Final = "Polar raises this on update and confirm only, never on the stream"
SKIPPED: Final = {
    "409-locked": WRITES_ONLY,
    "403-already-subscribed": WRITES_ONLY,
    "403-discount-limit": WRITES_ONLY,
    "422": WRITES_ONLY,
    "403-not-open": "Polar streams a closed checkout as an open one: the read that follows "
    "says succeeded (cell open-403-not-open)",
}


class _Waited(Exception):
    """The follower began its first wait: the cell has seen what it needs."""


async def _no_wait(seconds: float) -> None:
    raise _Waited


async def _signals(
    client: CheckoutClient, secret: str, options: FollowSettings = DEFAULT_SETTINGS
) -> list[Signal]:
    signals: list[Signal] = []
    try:
        async with aclosing(
            follow(client, secret, options, sleep=_no_wait, rng=lambda: 0.0)
        ) as followed:
            async for signal in followed:
                signals.append(signal)
    except _Waited:
        pass
    finally:
        await client.aclose()
    return signals


def _client(base_url: str, **options: Any) -> CheckoutClient:
    return CheckoutClient(
        base_url,
        api_version=options.get("version", settings.API_VERSION),
        timeout=settings.TIMEOUT,
        transport=options.get("transport") or plain(),
    )


def _bar(signals: list[Signal]) -> str:
    last = [signal for signal in signals if isinstance(signal, Mode | Gone)][-1]
    return live_words(last)


@pytest.mark.parametrize(("fault", "expected"), cells("stream", CELLS, SKIPPED))
async def test_stream(demo: Demo, fault: str, expected: tuple[list[Signal], str]) -> None:
    secret = secret_of(demo.store, "one-time")
    if fault in SCRIPTED_STREAM:
        polar = Scripted(SCRIPTED_STREAM[fault])
        signals = await _signals(_client(demo.base_url, transport=polar.transport()), secret)
        requests = len(polar.seen)
    elif fault == "refused":
        signals = await _signals(_client(closed_port_url()), secret)
        requests = 1
    else:
        if fault in EMULATOR:
            await spoil(demo.base_url, "stream", fault)
        version = OLD_VERSION if fault == "404-api-version" else settings.API_VERSION
        options = SHORT if fault == "time-out" else DEFAULT_SETTINGS
        signals = await _signals(_client(demo.base_url, version=version), secret, options)
        requests = await seen(demo.base_url, secret, "GET", "/stream")
    assert (signals, _bar(signals), requests) == (*expected, 1)
