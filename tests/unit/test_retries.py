"""Which requests the client tries again, how often, what it waits for and what it tells
whoever waits. Over httpx.MockTransport, in stamina's test mode (no real waits)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest

from tui.cli import open_launch, parse_args
from tui.polar import errors, retrying
from tui.polar.client import CheckoutClient, rate_limited
from tui.polar.retrying import RetryNotice
from tui.settings import API_VERSION, TIMEOUT

SECRET = "polar_c_" + "Q7wErTy9UiOp2AsDfGh3JkLzXcVbNm4QwErTyUiOpA5"
SESSION = {"id": "c1", "status": "open", "client_secret": SECRET, "currency": "usd"}
Answer = httpx.Response | type[httpx.TransportError]

pytestmark = pytest.mark.usefixtures("retries")


class Polar:
    """Answers each request with the next scripted answer, then with the session."""

    def __init__(self, *script: Answer) -> None:
        self.script = list(script)
        self.methods: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.methods.append(request.method)
        if not self.script:
            return httpx.Response(200, json=SESSION)
        answer = self.script.pop(0)
        if isinstance(answer, httpx.Response):
            return answer
        raise answer("failed", request=request)


async def send(method: str, polar: Polar) -> None:
    client = CheckoutClient(
        "https://sandbox-api.polar.sh",
        api_version=API_VERSION,
        timeout=TIMEOUT,
        transport=httpx.MockTransport(polar),
    )
    try:
        if method == "GET":
            await client.get(SECRET)
        elif method == "PATCH":
            await client.update(SECRET, {"customer_name": "Ada"})
        else:
            await client.confirm(SECRET, {})
    finally:
        await client.aclose()


def always(answer: Answer) -> tuple[Answer, ...]:
    return (answer,) * 3


LOCKED = httpx.Response(409, json={"error": "CheckoutLocked", "detail": "busy"})
CELLS: list[tuple[str, Answer, int]] = [
    ("GET", httpx.Response(500), 3),
    ("GET", httpx.Response(502), 3),
    ("GET", httpx.Response(503), 3),
    ("GET", httpx.Response(429), 3),
    ("GET", httpx.Response(429, headers={"Retry-After": "10"}), 3),
    ("GET", httpx.Response(429, headers={"Retry-After": "1800"}), 1),
    ("GET", httpx.ConnectError, 3),
    ("GET", httpx.ConnectTimeout, 3),
    ("GET", httpx.ReadTimeout, 3),
    ("GET", httpx.RemoteProtocolError, 3),
    ("GET", LOCKED, 1),
    ("GET", httpx.Response(404), 1),
    ("GET", httpx.Response(410), 1),
    ("PATCH", httpx.Response(500), 3),
    ("PATCH", httpx.Response(429), 3),
    ("PATCH", httpx.ReadTimeout, 3),
    ("PATCH", httpx.ConnectError, 3),
    ("PATCH", LOCKED, 3),
    ("PATCH", httpx.Response(422, json={"detail": []}), 1),
    ("PATCH", httpx.Response(403, json={"error": "NotPermitted", "detail": "no"}), 1),
    ("POST", httpx.Response(500), 1),
    ("POST", httpx.Response(429), 1),
    ("POST", httpx.ReadTimeout, 1),
    ("POST", httpx.RemoteProtocolError, 1),
    ("POST", LOCKED, 1),
    ("POST", httpx.ConnectError, 3),
    ("POST", httpx.ConnectTimeout, 3),
]


def _named(answer: Answer) -> str:
    if not isinstance(answer, httpx.Response):
        return answer.__name__
    after = answer.headers.get("Retry-After")
    return f"{answer.status_code}" + (f"-retry-after-{after}" if after else "")


@pytest.mark.parametrize(
    ("method", "answer", "tries"),
    CELLS,
    ids=[f"{method}-{_named(answer)}" for method, answer, _ in CELLS],
)
async def test_each_failure_is_tried_as_often_as_is_safe(
    method: str, answer: Answer, tries: int
) -> None:
    polar = Polar(*always(answer))
    with pytest.raises(errors.PolarError) as raised:
        await send(method, polar)
    assert polar.methods == [method] * tries
    assert raised.value.tries == tries
    assert ("(tried 3 times)" in raised.value.message) is (tries == 3)


async def test_a_retry_that_succeeds_tells_the_waiting_screen_each_attempt() -> None:
    polar = Polar(httpx.Response(503), httpx.ConnectError)
    heard: list[tuple[int, int, str]] = []
    with retrying.notices_to(lambda n: heard.append((n.attempt, n.total, n.error.title))):
        await send("PATCH", polar)
    assert polar.methods == ["PATCH"] * 3
    assert heard == [(2, 3, "Polar had a problem"), (3, 3, "Cannot reach the server")]


async def test_the_waiting_screen_hears_when_each_wait_is_over_before_the_retry_goes() -> None:
    """Between a notice and the end of its wait nothing is on its way: a wait can be stopped."""
    polar = Polar(httpx.Response(503), httpx.ConnectError)
    heard: list[str] = []
    with retrying.notices_to(
        lambda n: heard.append(f"wait for attempt {n.attempt} ({len(polar.methods)} sent)"),
        wait_over=lambda: heard.append(f"wait over ({len(polar.methods)} sent)"),
    ):
        await send("GET", polar)
    assert heard == [
        "wait for attempt 2 (1 sent)",
        "wait over (1 sent)",
        "wait for attempt 3 (2 sent)",
        "wait over (2 sent)",
    ]


async def test_no_notice_reaches_a_listener_outside_its_block() -> None:
    heard: list[RetryNotice] = []
    with retrying.notices_to(heard.append):
        pass
    await send("GET", Polar(httpx.Response(503)))
    assert heard == []


def test_the_notice_says_how_long_and_which_attempt() -> None:
    notice = RetryNotice(2, 3, 2.4, errors.ServerFailed("Polar answered 503."))
    assert notice.text() == "Polar is busy — retrying in 2 s, attempt 2 of 3"


@pytest.mark.parametrize(
    ("retry_after", "waited"), [(0, 0.0), (4, 4.0), (10, 10.0), (11, False), (1800, False)]
)
def test_a_retry_after_within_10_s_is_waited_exactly_and_a_longer_one_not_at_all(
    retry_after: int, waited: float | bool
) -> None:
    error = errors.RateLimited("", retry_after)
    assert retrying.decision("GET", error) == waited
    assert retrying.decision("PATCH", error) == waited
    assert retrying.decision("POST", error) is False


@pytest.fixture
def berlin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


NOW = datetime(2026, 11, 30, 13, 2, 10, tzinfo=UTC)


@pytest.mark.usefixtures("berlin")
@pytest.mark.parametrize(
    ("header", "said"),
    [
        ("1800", "Polar asks to wait until 14:32."),
        ("Mon, 30 Nov 2026 15:00:00 GMT", "Polar asks to wait until 16:00."),
        ("7", "Try again in 7 s."),
        ("Mon, 30 Nov 2026 13:02:15 GMT", "Try again in 5 s."),
        ("soon", "Try again later."),
    ],
)
def test_a_long_wait_is_said_as_the_local_time_polar_refuses_until(header: str, said: str) -> None:
    limited = rate_limited(header, NOW)
    assert limited.message == said
    assert limited.retryable is not said.startswith("Polar asks to wait")


def test_time_outs_are_5_s_to_connect_and_15_s_to_answer_by_default() -> None:
    launch = open_launch(parse_args(["open", SECRET]), {})
    assert launch.timeout == httpx.Timeout(15.0, connect=5.0)
    assert launch.follow.read_timeout == 45.0


def test_time_outs_come_from_the_command_line() -> None:
    argv = ["open", SECRET, "--connect-timeout", "2", "--read-timeout", "30"]
    launch = open_launch(parse_args([*argv, "--stream-timeout", "90"]), {})
    assert launch.timeout == httpx.Timeout(30.0, connect=2.0)
    assert launch.follow.read_timeout == 90.0
