"""Proxies from the environment: Polar's hosts are reached through `HTTPS_PROXY`, and
loopback traffic (an emulator) never goes through a proxy, even one named by
`HTTP_PROXY` or `ALL_PROXY`. Everything stays on loopback: the "proxy" is a local socket."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from tests.support import secret_of
from tui import settings
from tui.admin_client import EmulatorAdmin
from tui.demo import Demo
from tui.polar import errors
from tui.polar.client import CheckoutClient

SECRET = "polar_c_" + "Q7wErTy9UiOp2AsDfGh3JkLzXcVbNm4QwErTyUiOpA5"
PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


def _client(base_url: str) -> CheckoutClient:
    return CheckoutClient(base_url, api_version=settings.API_VERSION, timeout=settings.TIMEOUT)


@pytest.fixture
def no_proxy_settings(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    return monkeypatch


def _dead_address() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


async def test_an_emulator_on_loopback_is_reached_past_a_dead_proxy(
    demo: Demo, no_proxy_settings: pytest.MonkeyPatch
) -> None:
    dead = _dead_address()
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "all_proxy"):
        no_proxy_settings.setenv(name, dead)
    client = _client(demo.base_url)
    admin = EmulatorAdmin(demo.base_url)
    try:
        assert (await client.get(secret_of(demo.store, "one-time"))).status == "open"
        assert await admin.sessions()
    finally:
        await client.aclose()
        await admin.aclose()


class _Proxy(BaseHTTPRequestHandler):
    """Refuses every tunnel, after noting what it was asked."""

    asked: list[str] = []

    def do_CONNECT(self) -> None:
        self.asked.append(self.requestline)
        self.send_response(403)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def proxy() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), _Proxy)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    _Proxy.asked.clear()


async def test_polar_is_reached_through_https_proxy(
    proxy: str, no_proxy_settings: pytest.MonkeyPatch
) -> None:
    no_proxy_settings.setenv("HTTPS_PROXY", proxy)
    client = _client("https://sandbox-api.polar.sh")
    try:
        with pytest.raises(errors.ConnectionFailed):
            await client.get(SECRET)
    finally:
        await client.aclose()
    assert _Proxy.asked == ["CONNECT sandbox-api.polar.sh:443 HTTP/1.1"]
