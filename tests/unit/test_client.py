"""CheckoutClient over httpx.MockTransport: paths, headers, and every error as a type."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest

from tui.polar import errors
from tui.polar.client import CheckoutClient
from tui.settings import API_VERSION, TIMEOUT

SECRET = "polar_c_" + "Q7wErTy9UiOp2AsDfGh3JkLzXcVbNm4QwErTyUiOpA5"
MASKED = "polar_c_…OpA5"
BASE_URL = "https://sandbox-api.polar.sh"
PATH = f"/v1/checkouts/client/{SECRET}"
SESSION = {"id": "c1", "status": "open", "client_secret": SECRET, "currency": "usd", "amount": 900}

Handler = Callable[[httpx.Request], httpx.Response]
MakeClient = Callable[[Handler], CheckoutClient]


class Recorder:
    """Collects the requests the client sent."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
async def make_client(recorder: Recorder) -> AsyncIterator[MakeClient]:
    made: list[CheckoutClient] = []

    def make(handler: Handler) -> CheckoutClient:
        def record(request: httpx.Request) -> httpx.Response:
            recorder.requests.append(request)
            return handler(request)

        client = CheckoutClient(
            BASE_URL,
            api_version=API_VERSION,
            timeout=TIMEOUT,
            transport=httpx.MockTransport(record),
        )
        made.append(client)
        return client

    yield make
    for client in made:
        await client.aclose()


def answer(status: int, body: Any = None, **kwargs: Any) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        if body is None:
            return httpx.Response(status, **kwargs)
        return httpx.Response(status, json=body, **kwargs)

    return handler


def raising(error: type[httpx.TransportError]) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        # Real transport errors often quote the URL, which holds the secret.
        raise error(f"failed talking to {request.url}", request=request)

    return handler


def assert_secret_hidden(error: errors.PolarError) -> None:
    assert SECRET not in str(error)
    assert SECRET not in error.message
    assert SECRET not in error.title
    assert all(SECRET not in str(arg) for arg in error.args)


# --- requests ------------------------------------------------------------------------


async def test_get_reads_the_session(make_client: MakeClient, recorder: Recorder) -> None:
    client = make_client(answer(200, SESSION))
    current = await client.get(SECRET)
    assert current.status == "open"
    assert current.amount == 900
    (request,) = recorder.requests
    assert request.method == "GET"
    assert request.url.path == PATH
    assert request.url.host == "sandbox-api.polar.sh"
    assert request.content == b""


async def test_headers(make_client: MakeClient, recorder: Recorder) -> None:
    await make_client(answer(200, SESSION)).get(SECRET)
    headers = recorder.requests[0].headers
    assert headers["Polar-Version"] == "2026-10"
    assert headers["User-Agent"].startswith("polar-checkout/")
    assert len(headers["User-Agent"]) > len("polar-checkout/")
    assert "Authorization" not in headers


async def test_update_sends_json_body(make_client: MakeClient, recorder: Recorder) -> None:
    client = make_client(answer(200, {**SESSION, "customer_name": "Ada"}))
    body = {"customer_name": "Ada", "customer_billing_address": {"country": "US", "state": "US-CA"}}
    current = await client.update(SECRET, body)
    assert current.customer_name == "Ada"
    (request,) = recorder.requests
    assert request.method == "PATCH"
    assert request.url.path == PATH
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.content) == body


async def test_confirm_posts_the_body_and_forgets_the_customer_token(
    make_client: MakeClient, recorder: Recorder
) -> None:
    token = "polar_cst_" + "a" * 43
    confirmed = {**SESSION, "status": "confirmed", "customer_session_token": token}
    client = make_client(answer(200, confirmed))
    body = {"customer_email": "ada@example.com", "custom_field_data": {"team_size": 3}}
    session = await client.confirm(SECRET, body)
    assert session.status == "confirmed"
    assert token not in repr(session)
    assert token not in session.model_dump_json()
    (request,) = recorder.requests
    assert request.method == "POST"
    assert request.url.path == PATH + "/confirm"
    assert json.loads(request.content) == body


async def test_empty_update_sends_empty_object(make_client: MakeClient, recorder: Recorder) -> None:
    await make_client(answer(200, SESSION)).update(SECRET, {})
    assert json.loads(recorder.requests[0].content) == {}


# --- error statuses -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        pytest.param(404, {"error": "ResourceNotFound", "detail": "Not found"}, errors.NotFound),
        pytest.param(404, {"detail": "Not Found"}, errors.VersionRefused, id="404-fastapi"),
        pytest.param(
            410,
            {"error": "ExpiredCheckoutError", "detail": "This checkout session has expired."},
            errors.Expired,
        ),
        pytest.param(
            403,
            {"error": "NotOpenCheckout", "detail": "Checkout c1 is not open: confirmed"},
            errors.NotOpen,
        ),
        pytest.param(
            403, {"error": "NotPermitted", "detail": "Not permitted"}, errors.NotPermitted
        ),
        pytest.param(
            409,
            {
                "error": "CheckoutLocked",
                "detail": "Checkout is currently being processed. Please try again.",
            },
            errors.Locked,
        ),
        pytest.param(500, {"detail": "Internal Server Error"}, errors.ServerFailed),
        pytest.param(502, None, errors.ServerFailed),
        pytest.param(503, None, errors.ServerFailed),
    ],
)
@pytest.mark.parametrize("method", ["get", "update"])
async def test_error_statuses_map_to_types(
    make_client: MakeClient,
    status: int,
    body: dict[str, Any] | None,
    expected: type[errors.PolarError],
    method: str,
) -> None:
    client = make_client(answer(status, body))
    call = client.get(SECRET) if method == "get" else client.update(SECRET, {"customer_name": "A"})
    with pytest.raises(expected) as excinfo:
        await call
    assert type(excinfo.value) is expected
    assert excinfo.value.message
    assert_secret_hidden(excinfo.value)


async def test_not_open_says_the_status(make_client: MakeClient) -> None:
    body = {"error": "NotOpenCheckout", "detail": "Checkout c1 is not open: confirmed"}
    with pytest.raises(errors.NotOpen) as excinfo:
        await make_client(answer(403, body)).update(SECRET, {})
    assert "confirmed" in excinfo.value.message


async def test_other_403_is_refused_with_polars_detail(make_client: MakeClient) -> None:
    body = {
        "error": "AlreadyActiveSubscriptionError",
        "detail": "You already have an active subscription.",
    }
    with pytest.raises(errors.Refused) as excinfo:
        await make_client(answer(403, body)).update(SECRET, {})
    assert excinfo.value.message == "You already have an active subscription."


async def test_a_403_without_a_detail_still_says_it_was_refused(make_client: MakeClient) -> None:
    with pytest.raises(errors.Refused) as excinfo:
        await make_client(answer(403, None)).update(SECRET, {})
    assert excinfo.value.message == "Polar answered 403: the change was refused."


async def test_500_mentions_the_status(make_client: MakeClient) -> None:
    with pytest.raises(errors.ServerFailed) as excinfo:
        await make_client(answer(500, None)).get(SECRET)
    assert "500" in excinfo.value.message


async def test_422_gives_field_paths_without_body(make_client: MakeClient) -> None:
    body = {
        "error": "RequestValidationError",
        "detail": [
            {
                "type": "missing",
                "loc": ["body", "customer_billing_address", "postal_code"],
                "msg": "Field is required.",
                "input": None,
            },
            {
                "type": "value_error",
                "loc": ["body", "customer_billing_address"],
                "msg": "Value error, Invalid US state",
                "input": {"country": "US", "state": "US-ca"},
                "ctx": {"error": {}},
            },
            {
                "type": "value_error",
                "loc": ["body", "customer_tax_id"],
                "msg": "Invalid tax ID.",
                "input": "DE1",
            },
        ],
    }
    with pytest.raises(errors.Invalid) as excinfo:
        await make_client(answer(422, body)).update(SECRET, {"customer_tax_id": "DE1"})
    found = [(error.path, error.message, error.kind) for error in excinfo.value.errors]
    assert found == [
        (("customer_billing_address", "postal_code"), "Field is required.", "missing"),
        (("customer_billing_address",), "Value error, Invalid US state", "value_error"),
        (("customer_tax_id",), "Invalid tax ID.", "value_error"),
    ]
    assert "3 fields" in excinfo.value.message


async def test_422_with_an_index_in_the_path(make_client: MakeClient) -> None:
    body = {
        "error": "RequestValidationError",
        "detail": [{"type": "x", "loc": ["body", "custom_field_data", 0], "msg": "Bad."}],
    }
    with pytest.raises(errors.Invalid) as excinfo:
        await make_client(answer(422, body)).update(SECRET, {})
    assert excinfo.value.errors[0].path == ("custom_field_data", 0)
    assert "1 field " in excinfo.value.message


@pytest.mark.parametrize("loc", [None, "body", 7, ["body", None, {"x": 1}]])
async def test_422_with_a_malformed_loc_keeps_its_message(
    make_client: MakeClient, loc: object
) -> None:
    body = {"detail": [{"type": "x", "loc": loc, "msg": "Polar says no."}]}
    with pytest.raises(errors.Invalid) as excinfo:
        await make_client(answer(422, body)).update(SECRET, {})
    assert [(error.path, error.message) for error in excinfo.value.errors] == [
        ((), "Polar says no.")
    ]


async def test_422_without_a_list_is_still_invalid(make_client: MakeClient) -> None:
    with pytest.raises(errors.Invalid) as excinfo:
        await make_client(answer(422, {"detail": "Unprocessable"})).update(SECRET, {})
    assert len(excinfo.value.errors) == 1
    assert excinfo.value.errors[0].path == ()


@pytest.mark.parametrize(("header", "seconds"), [("8", 8), ("0", 0), ("soon", None)])
async def test_429_is_rate_limited_with_retry_after(
    make_client: MakeClient, header: str, seconds: int | None
) -> None:
    handler = answer(429, None, headers={"Retry-After": header})
    with pytest.raises(errors.RateLimited) as excinfo:
        await make_client(handler).update(SECRET, {})
    assert excinfo.value.retry_after == seconds
    if seconds is not None:
        assert f"{seconds} s" in excinfo.value.message


async def test_429_without_retry_after(make_client: MakeClient) -> None:
    with pytest.raises(errors.RateLimited) as excinfo:
        await make_client(answer(429)).get(SECRET)
    assert excinfo.value.retry_after is None


@pytest.mark.parametrize(
    "response",
    [
        httpx.Response(200, text="<html>Bad gateway</html>"),
        httpx.Response(200, text=""),
        httpx.Response(200, json=[1, 2, 3]),
        httpx.Response(200, json={"status": {"not": "a string"}}),
    ],
    ids=["html", "empty", "list", "wrong-types"],
)
async def test_200_that_is_not_a_session_is_unexpected(
    make_client: MakeClient, response: httpx.Response
) -> None:
    with pytest.raises(errors.UnexpectedResponse) as excinfo:
        await make_client(lambda request: response).get(SECRET)
    assert_secret_hidden(excinfo.value)


# --- transport failures --------------------------------------------------------------


@pytest.mark.parametrize(
    ("raised", "expected"),
    [
        (httpx.ConnectError, errors.ConnectionFailed),
        (httpx.RemoteProtocolError, errors.ConnectionLost),
        (httpx.ReadError, errors.ConnectionLost),
        (httpx.ProxyError, errors.ConnectionFailed),
        (httpx.ReadTimeout, errors.TimedOut),
        (httpx.ConnectTimeout, errors.ConnectionFailed),
    ],
)
async def test_transport_errors_are_typed(
    make_client: MakeClient,
    recorder: Recorder,
    raised: type[httpx.TransportError],
    expected: type[errors.PolarError],
) -> None:
    with pytest.raises(expected) as excinfo:
        await make_client(raising(raised)).update(SECRET, {"customer_name": "Ada"})
    assert type(excinfo.value) is expected
    assert_secret_hidden(excinfo.value)


async def test_connection_failure_names_the_host(make_client: MakeClient) -> None:
    with pytest.raises(errors.ConnectionFailed) as excinfo:
        await make_client(raising(httpx.ConnectError)).get(SECRET)
    assert "sandbox-api.polar.sh" in excinfo.value.message
    assert MASKED in excinfo.value.message


async def test_a_timed_out_save_may_have_been_saved(make_client: MakeClient) -> None:
    with pytest.raises(errors.TimedOut) as excinfo:
        await make_client(raising(httpx.ReadTimeout)).update(SECRET, {})
    assert excinfo.value.message == (
        "No answer in time, so the change may or may not have been saved; reload (ctrl+r) "
        "to see the server's state."
    )
    assert excinfo.value.retryable


@pytest.mark.parametrize(
    ("detail", "words", "status"),
    [
        (
            "Checkout 186d9bfc-1111-4111-8111-111111111111 is not open: succeeded",
            "This checkout was already paid (succeeded).",
            "succeeded",
        ),
        (
            "Checkout x is not open: confirmed",
            "This checkout is being paid (confirmed).",
            "confirmed",
        ),
        ("Checkout x is not open: expired", "This checkout has expired.", "expired"),
        ("Checkout x is not open: draft", "This checkout is not open (draft).", "draft"),
        ("", "This checkout is not open.", None),
    ],
)
async def test_not_open_says_what_happened_without_internal_ids(
    make_client: MakeClient, detail: str, words: str, status: str | None
) -> None:
    body = {"error": "NotOpenCheckout", "detail": detail}
    with pytest.raises(errors.NotOpen) as excinfo:
        await make_client(answer(403, body)).update(SECRET, {})
    assert excinfo.value.message == f"{words} It can no longer be edited."
    assert excinfo.value.status == status
    assert not excinfo.value.retryable


async def test_the_configured_timeout_applies(make_client: MakeClient, recorder: Recorder) -> None:
    await make_client(answer(200, SESSION)).get(SECRET)
    timeouts = recorder.requests[0].extensions["timeout"]
    assert timeouts == TIMEOUT.as_dict()
