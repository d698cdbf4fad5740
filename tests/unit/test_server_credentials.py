"""A user name and password in a --server URL are sent to that server and shown nowhere."""

from __future__ import annotations

import logging

import httpx
import pytest

from tui.polar.client import CheckoutClient
from tui.settings import API_VERSION, TIMEOUT, ServerNotAllowed, resolve_server

SECRET = "polar_c_" + "Q7wErTy9UiOp2AsDfGh3JkLzXcVbNm4QwErTyUiOpA5"
SESSION = {"id": "c1", "status": "open", "client_secret": SECRET, "currency": "usd", "amount": 900}
WITH_CREDENTIALS = "https://ada:s3cret-pa55@polar.example.com:8443/"


def test_the_label_names_the_host_without_credentials() -> None:
    server = resolve_server(WITH_CREDENTIALS)
    assert server.label == "polar.example.com:8443"
    assert server.base_url == "https://ada:s3cret-pa55@polar.example.com:8443"


@pytest.mark.parametrize(
    ("value", "label"),
    [
        ("https://ada@polar.example.com", "polar.example.com"),
        ("https://:s3cret-pa55@polar.example.com", "polar.example.com"),
        ("http://ada:s3cret-pa55@[::1]:8000", "[::1]:8000"),
        ("https://ada:p%40ss@polar.example.com", "polar.example.com"),
    ],
)
def test_every_shape_of_credentials_stays_out_of_the_label(value: str, label: str) -> None:
    assert resolve_server(value).label == label


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("ftp://ada:s3cret-pa55@polar.example.com/", "'ftp://polar.example.com/'"),
        ("http://ada:s3cret-pa55@polar.example.com", "polar.example.com"),
    ],
)
def test_a_refused_url_is_named_without_its_credentials(value: str, shown: str) -> None:
    with pytest.raises(ServerNotAllowed) as refused:
        resolve_server(value)
    assert shown in str(refused.value)
    assert "ada" not in str(refused.value)
    assert "s3cret-pa55" not in str(refused.value)


async def test_credentials_go_as_basic_auth_and_never_into_a_url_or_log(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json=SESSION)

    server = resolve_server(WITH_CREDENTIALS)
    client = CheckoutClient(
        server.base_url,
        api_version=API_VERSION,
        timeout=TIMEOUT,
        transport=httpx.MockTransport(answer),
    )
    try:
        await client.get(SECRET)
    finally:
        await client.aclose()

    [request] = sent
    assert request.headers["Authorization"] == "Basic YWRhOnMzY3JldC1wYTU1"  # ada:s3cret-pa55
    assert str(request.url) == f"https://polar.example.com:8443/v1/checkouts/client/{SECRET}"
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "HTTP Request: GET https://polar.example.com:8443/v1/" in logged
    assert "s3cret-pa55" not in logged
