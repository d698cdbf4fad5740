"""A checkout client on a mock transport, recording into a given request log: how the
request log's tests make exchanges without a server."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from tui.polar.client import CheckoutClient
from tui.polar.request_log import RequestLog
from tui.settings import API_VERSION, TIMEOUT

Handler = Callable[[httpx.Request], httpx.Response]


def logged_client(handler: Handler, log: RequestLog) -> CheckoutClient:
    """A sandbox client whose every answer comes from `handler`; close it after use."""
    return CheckoutClient(
        "https://sandbox-api.polar.sh",
        api_version=API_VERSION,
        timeout=TIMEOUT,
        transport=httpx.MockTransport(handler),
        log=log,
    )
