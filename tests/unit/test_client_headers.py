"""A server's `Date` and `Retry-After` headers, however broken, never fail an answer, and
the skew is measured against the app's own clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from tui.polar import errors
from tui.polar.client import CheckoutClient, rate_limited
from tui.settings import API_VERSION, TIMEOUT

SECRET = "polar_c_" + "Q7wErTy9UiOp2AsDfGh3JkLzXcVbNm4QwErTyUiOpA5"
SESSION = {"id": "c1", "status": "open", "client_secret": SECRET, "currency": "usd", "amount": 900}
APP_NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


def client_answering(date: str) -> CheckoutClient:
    transport = httpx.MockTransport(
        lambda _request: httpx.Response(200, json=SESSION, headers={"Date": date})
    )
    return CheckoutClient(
        "https://sandbox-api.polar.sh",
        api_version=API_VERSION,
        timeout=TIMEOUT,
        transport=transport,
        clock=lambda: APP_NOW,
    )


async def test_the_skew_is_the_servers_date_against_the_apps_clock() -> None:
    client = client_answering("Fri, 01 May 2026 12:30:00 GMT")
    await client.get(SECRET)
    assert client.clock_offset == timedelta(minutes=30)
    await client.aclose()


async def test_a_date_that_overflows_is_ignored_and_the_answer_kept() -> None:
    client = client_answering("Mon, 01 Jan 2026 00:00:00 +99999999999999999999")
    session = await client.get(SECRET)
    assert session.status == "open"
    assert client.clock_offset == timedelta(0)
    await client.aclose()


def test_an_endless_retry_after_reads_as_a_week() -> None:
    refusal = rate_limited("9" * 30, APP_NOW)
    assert isinstance(refusal, errors.RateLimited)
    assert refusal.retry_after == 7 * 24 * 3600
    assert not refusal.retryable
    assert (
        rate_limited("Mon, 01 Jan 2026 00:00:00 +99999999999999999999", APP_NOW).retry_after is None
    )


@pytest.mark.parametrize(
    ("retry_at", "seconds", "retryable"), [("13:00:08", 8, True), ("13:01:30", 90, False)]
)
async def test_a_retry_after_date_counts_from_the_servers_own_clock(
    retry_at: str, seconds: int, retryable: bool
) -> None:
    """The server's clock runs an hour ahead of ours: "retry at 13:00:08" by its clock is
    8 s away, not an hour (which would read as "wait until 13:00")."""
    transport = httpx.MockTransport(
        lambda _request: httpx.Response(
            429,
            json={"detail": "Too many requests"},
            headers={
                "Date": "Fri, 01 May 2026 13:00:00 GMT",
                "Retry-After": f"Fri, 01 May 2026 {retry_at} GMT",
            },
        )
    )
    client = CheckoutClient(
        "https://sandbox-api.polar.sh",
        api_version=API_VERSION,
        timeout=TIMEOUT,
        transport=transport,
        clock=lambda: APP_NOW,
    )
    with pytest.raises(errors.RateLimited) as refusal:
        await client.get(SECRET)
    await client.aclose()
    assert refusal.value.retry_after == seconds
    assert refusal.value.retryable is retryable
