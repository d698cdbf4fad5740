"""No log record from httpx or httpcore holds a full client secret, at any level.

The client talks to a real loopback server here: httpx.MockTransport replaces httpcore, so
httpcore's own records only appear over a socket.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tui.polar import log_redaction
from tui.polar.client import CheckoutClient
from tui.settings import API_VERSION, TIMEOUT

SECRET = "polar_c_" + "Q7wErTy9UiOp2AsDfGh3JkLzXcVbNm4QwErTyUiOpA5"
MASKED = "polar_c_…OpA5"
SESSION = {"id": "c1", "status": "open", "client_secret": SECRET, "currency": "usd", "amount": 900}


class EchoingPolar(BaseHTTPRequestHandler):
    """Answers every GET and PATCH with a session, echoing the request path in a header.

    Servers and proxies do echo it (Content-Location, a redirect's Location), and httpcore
    logs every response header at DEBUG.
    """

    def do_GET(self) -> None:
        self._answer()

    def do_PATCH(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self._answer()

    def _answer(self) -> None:
        body = json.dumps(SESSION).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Location", self.path)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test reads the client's records, not the server's."""


@pytest.fixture
def echoing_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), EchoingPolar)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


class Captured(logging.Handler):
    """What a log file would hold: every record, formatted."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(name)s %(message)s"))
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def captured() -> Iterator[Captured]:
    """Logging as a user might configure it: a root handler, httpx and httpcore at DEBUG."""
    handler = Captured()
    root = logging.getLogger()
    loggers = [logging.getLogger("httpx"), logging.getLogger("httpcore")]
    levels = [logger.level for logger in loggers]
    root.addHandler(handler)
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
    yield handler
    root.removeHandler(handler)
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


async def test_no_httpx_or_httpcore_record_holds_the_secret(
    echoing_server: str, captured: Captured
) -> None:
    client = CheckoutClient(echoing_server, api_version=API_VERSION, timeout=TIMEOUT)
    try:
        await client.get(SECRET)
        await client.update(SECRET, {"customer_name": "Jane"})
    finally:
        await client.aclose()

    assert [line for line in captured.lines if SECRET in line] == []
    # The secret was there to leak: httpx's request line and httpcore's headers show its mask.
    requests = [line for line in captured.lines if line.startswith("httpx HTTP Request:")]
    url = f"{echoing_server}/v1/checkouts/client/{MASKED}"
    assert requests == [
        f'httpx HTTP Request: GET {url} "HTTP/1.0 200 OK"',
        f'httpx HTTP Request: PATCH {url} "HTTP/1.0 200 OK"',
    ]
    headers = [line for line in captured.lines if "receive_response_headers.complete" in line]
    assert len(headers) == 2
    echoed = f"(b'Content-Location', b'/v1/checkouts/client/{MASKED}')"
    assert all(line.startswith("httpcore.http11 ") and echoed in line for line in headers)


def test_the_filter_sits_on_every_logger_httpx_and_httpcore_log_on() -> None:
    log_redaction.install()
    names = [
        name
        for name, logger in logging.root.manager.loggerDict.items()
        if isinstance(logger, logging.Logger)
        and (name == "httpx" or name.startswith(("httpx.", "httpcore.")))
    ]
    assert "httpcore.http11" in names
    unfiltered = [
        name
        for name in names
        if not any(
            isinstance(check, log_redaction.SecretRedactingFilter)
            for check in logging.getLogger(name).filters
        )
    ]
    assert unfiltered == []
