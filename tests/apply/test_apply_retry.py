"""`polar-checkout apply` tries reads and updates again as the client's retry policy says
(`tui.polar.retrying`), announcing each retry on stderr. Against the emulator's faults and
its rate limiter, in stamina's test mode: the waits are not slept."""

from __future__ import annotations

from datetime import datetime, timedelta

import httpx
import pytest

from tests.support import secret_of
from tui.demo import Demo

from .running import apply, header

NAME = ("--set", "customer_name=Ada")
RETRY_2 = "Polar is busy — retrying in 0 s, attempt 2 of 3."
RETRY_3 = "Polar is busy — retrying in 0 s, attempt 3 of 3."
"""0 s: stamina's test mode does not wait."""

pytestmark = pytest.mark.usefixtures("retries")


def fail(faults: str, secret: str, method: str, count: int, status: int = 429) -> None:
    """The next `count` requests of `method` to the session answer `status`."""
    fault = {"path": f"/v1/checkouts/client/{secret}", "method": method, "status": status}
    httpx.post(faults, json={**fault, "count": count}).raise_for_status()


def test_a_read_and_an_update_refused_for_a_while_are_tried_again_and_applied(
    demo: Demo, faults: str, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = secret_of(demo.store, "one-time")
    fail(faults, secret, "GET", 1, status=503)
    fail(faults, secret, "PATCH", 2)
    ran = apply(capsys, secret, "--server", demo.base_url, *NAME)
    assert ran.code == 0, ran.err
    assert ran.errors == [RETRY_2, RETRY_2, RETRY_3]
    assert ran.lines[:2] == [header(demo, secret), 'customer_name: — → "Ada"']
    assert ran.lines[-1] == "applied"
    assert demo.store.get_json(secret)["customer_name"] == "Ada"


def test_three_429s_give_up_saying_how_often_it_tried(
    demo: Demo, faults: str, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = secret_of(demo.store, "one-time")
    fail(faults, secret, "PATCH", 3)
    ran = apply(capsys, secret, "--server", demo.base_url, *NAME)
    assert ran.code == 2
    assert ran.errors[:2] == [RETRY_2, RETRY_3]
    assert ran.errors[2].startswith("polar-checkout apply: Too many requests: Try again ")
    assert ran.errors[2].endswith(" (tried 3 times). Nothing was applied.")
    assert demo.store.get_json(secret)["customer_name"] is None


def test_a_locked_session_is_tried_3_times(demo: Demo, capsys: pytest.CaptureFixture[str]) -> None:
    secret = secret_of(demo.store, "one-time")
    demo.store.lock(secret, 60)
    ran = apply(capsys, secret, "--server", demo.base_url, *NAME)
    assert ran.code == 2
    assert ran.errors == [
        RETRY_2,
        RETRY_3,
        "polar-checkout apply: Checkout busy: Polar is processing this checkout right now; try "
        "again in a few seconds (tried 3 times). Nothing was applied.",
    ]


def test_a_block_by_polars_rate_limiter_is_not_waited_out(
    demo: Demo, capsys: pytest.CaptureFixture[str]
) -> None:
    """Seven confirms in a minute block the client for 1800 s on every path: far more than
    the 10 s between tries, so apply gives up at once and says until when."""
    secret = secret_of(demo.store, "one-time")
    confirm = f"{demo.base_url}/v1/checkouts/client/{secret}/confirm"
    statuses = [httpx.post(confirm, json={}).status_code for _ in range(7)]
    assert statuses[-1] == 429
    half_an_hour = [
        (datetime.now() + timedelta(seconds=1800 + lag)).strftime("%H:%M") for lag in (0, 60)
    ]
    ran = apply(capsys, secret, "--server", demo.base_url, *NAME)
    assert ran.code == 2
    assert ran.lines == [header(demo, secret)]
    assert ran.errors in [
        [
            f"polar-checkout apply: Too many requests: Polar asks to wait until {until}. "
            "Nothing was applied."
        ]
        for until in half_an_hour
    ]
