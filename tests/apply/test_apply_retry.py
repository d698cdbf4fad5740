"""`polar-checkout apply` after Polar's 429: it waits as `Retry-After` says and tries again, at
most 3 tries a request and 10 s of waiting in all, then gives up with exit 2. Against the
emulator's faults and its rate limiter; the waits are recorded, not slept."""

from __future__ import annotations

import httpx
import pytest

from tests.support import REAL_LOOKING_SECRET, ScriptedPolar, secret_of
from tui.demo import Demo

from .running import apply_over, apply_sleeping, header

NAME = ("--set", "customer_name=Ada")
WAITING_1_S = "429: Polar asks to wait 1 s; trying again then."


class Waits:
    """A stand-in for `asyncio.sleep` that keeps the seconds it was asked to wait."""

    def __init__(self) -> None:
        self.seconds: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.seconds.append(seconds)


def limit(faults: str, secret: str, method: str, count: int) -> None:
    """The next `count` requests of `method` to the session answer 429, `Retry-After: 1`."""
    fault = {"path": f"/v1/checkouts/client/{secret}", "method": method, "status": 429}
    httpx.post(faults, json={**fault, "count": count}).raise_for_status()


def test_a_read_and_an_update_refused_429_are_tried_again_and_applied(
    demo: Demo, faults: str, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = secret_of(demo.store, "one-time")
    limit(faults, secret, "GET", 1)
    limit(faults, secret, "PATCH", 2)
    waits = Waits()
    ran = apply_sleeping(capsys, waits, secret, "--server", demo.base_url, *NAME)
    assert ran.code == 0, ran.err
    assert waits.seconds == [1.0, 1.0, 1.0]
    assert ran.errors == [WAITING_1_S] * 3
    assert ran.lines[:2] == [header(demo, secret), 'customer_name: — → "Ada"']
    assert ran.lines[-1] == "applied"
    assert demo.store.get_json(secret)["customer_name"] == "Ada"


def test_three_429s_give_up_with_nothing_applied(
    demo: Demo, faults: str, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = secret_of(demo.store, "one-time")
    limit(faults, secret, "PATCH", 3)
    waits = Waits()
    ran = apply_sleeping(capsys, waits, secret, "--server", demo.base_url, *NAME)
    assert ran.code == 2
    assert waits.seconds == [1.0, 1.0]
    assert ran.errors == [
        WAITING_1_S,
        WAITING_1_S,
        "polar-checkout apply: Too many requests: 429 after 3 tries; try again in 1 s. "
        "Nothing was applied.",
    ]
    assert demo.store.get_json(secret)["customer_name"] is None


def test_a_block_by_polars_rate_limiter_is_not_waited_out(
    demo: Demo, capsys: pytest.CaptureFixture[str]
) -> None:
    """Seven confirms in a minute block the client for 1800 s on every path: more than the
    10 s apply waits in all, so it gives up at once."""
    secret = secret_of(demo.store, "one-time")
    confirm = f"{demo.base_url}/v1/checkouts/client/{secret}/confirm"
    statuses = [httpx.post(confirm, json={}).status_code for _ in range(7)]
    assert statuses[-1] == 429
    waits = Waits()
    ran = apply_sleeping(capsys, waits, secret, "--server", demo.base_url, *NAME)
    assert ran.code == 2
    assert waits.seconds == []
    assert ran.lines == [header(demo, secret)]
    assert ran.errors == [
        "polar-checkout apply: Too many requests: 429 after 1 try; try again in 1800 s. "
        "Nothing was applied."
    ]


SESSION = {"id": "c1", "status": "open", "client_secret": REAL_LOOKING_SECRET, "currency": "usd"}


def test_the_waits_of_the_read_and_the_update_share_the_10_s(
    capsys: pytest.CaptureFixture[str],
) -> None:
    six_seconds = httpx.Response(429, headers={"Retry-After": "6"})
    polar = ScriptedPolar(dict(SESSION), patches=[six_seconds], get_answers=[six_seconds])
    waits = Waits()
    ran = apply_over(
        capsys, polar.transport(), REAL_LOOKING_SECRET, "--server", "sandbox", *NAME, sleep=waits
    )
    assert ran.code == 2
    assert waits.seconds == [6.0]
    assert ran.errors == [
        "429: Polar asks to wait 6 s; trying again then.",
        "polar-checkout apply: Too many requests: 429 after 1 try; try again in 6 s. "
        "Nothing was applied.",
    ]


def test_a_429_without_retry_after_waits_a_second(capsys: pytest.CaptureFixture[str]) -> None:
    polar = ScriptedPolar(
        dict(SESSION), patches=[httpx.Response(429), httpx.Response(429), httpx.Response(429)]
    )
    waits = Waits()
    ran = apply_over(
        capsys, polar.transport(), REAL_LOOKING_SECRET, "--server", "sandbox", *NAME, sleep=waits
    )
    assert ran.code == 2
    assert waits.seconds == [1.0, 1.0]
    assert len(polar.bodies) == 3
    assert ran.errors[-1] == (
        "polar-checkout apply: Too many requests: 429 after 3 tries; try again later. "
        "Nothing was applied."
    )
