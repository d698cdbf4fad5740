"""Over real loopback sockets: the emulator's own checkout URL opens that emulator, and TLS is
verified against the CAs `SSL_CERT_FILE` names (a corporate CA), never skipped."""

from __future__ import annotations

import json
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
import trustme

from tests.support import secret_of
from tui import settings
from tui.cli import open_launch, parse_args
from tui.demo import Demo
from tui.polar import errors
from tui.polar.client import CheckoutClient

SECRET = "polar_c_" + "Q7wErTy9UiOp2AsDfGh3JkLzXcVbNm4QwErTyUiOpA5"
SESSION = {"id": "c1", "status": "open", "client_secret": SECRET, "currency": "usd"}


def _client(base_url: str) -> CheckoutClient:
    return CheckoutClient(base_url, api_version=settings.API_VERSION, timeout=settings.TIMEOUT)


async def test_the_emulators_own_checkout_url_opens_that_emulator(demo: Demo) -> None:
    secret = secret_of(demo.store, "one-time")
    url = str(demo.store.get_json(secret)["url"])
    launch = open_launch(parse_args(["open", url]), {})
    assert launch.server.base_url == demo.base_url
    client = _client(launch.server.base_url)
    try:
        assert (await client.get(secret)).status == "open"
    finally:
        await client.aclose()


class _Session(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = json.dumps(SESSION).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="module")
def tls_server(ca: trustme.CA) -> Iterator[str]:
    """A session served over HTTPS on loopback, its certificate signed by a local CA."""
    server = HTTPServer(("127.0.0.1", 0), _Session)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


async def test_a_local_ca_in_ssl_cert_file_is_trusted(
    ca: trustme.CA, tls_server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = tmp_path / "corporate-ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    client = _client(tls_server)
    try:
        assert (await client.get(SECRET)).status == "open"
    finally:
        await client.aclose()


async def test_a_certificate_no_trusted_ca_signed_is_refused(
    tls_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    client = _client(tls_server)
    try:
        with pytest.raises(errors.ConnectionFailed, match="CERTIFICATE_VERIFY_FAILED"):
            await client.get(SECRET)
    finally:
        await client.aclose()
