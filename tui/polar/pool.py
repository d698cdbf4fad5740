"""One checkout client per server: a secret only ever travels to the server it was opened on."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import httpx

from tui.polar.client import CheckoutClient, utc_now
from tui.polar.request_log import RequestLog


class ClientPool:
    def __init__(
        self,
        api_version: str,
        timeout: httpx.Timeout,
        transport: httpx.AsyncBaseTransport | None = None,
        *,
        clock: Callable[[], datetime] = utc_now,
        log: RequestLog | None = None,
    ) -> None:
        """`log`: the one request log every client of the pool records in."""
        self._api_version = api_version
        self._timeout = timeout
        self._transport = transport
        self._clock = clock
        self.log = log or RequestLog()
        self._clients: dict[str, CheckoutClient] = {}

    def for_server(self, base_url: str) -> CheckoutClient:
        if base_url not in self._clients:
            self._clients[base_url] = CheckoutClient(
                base_url,
                api_version=self._api_version,
                timeout=self._timeout,
                transport=self._transport,
                clock=self._clock,
                log=self.log,
            )
        return self._clients[base_url]

    async def aclose(self) -> None:
        for client in self._clients.values():
            await client.aclose()
