"""A submit as the app sends it (its own `CheckoutClient`, a PATCH): the round trip, and
what is left of it once the server's own time (`Server-Timing`) is taken out: the client's
and the loopback's share."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

import httpx

from tui import settings
from tui.polar.client import CheckoutClient

from .emulator import server_ms


class _Timed(httpx.AsyncBaseTransport):
    """The app's transport, noting each answer's Server-Timing."""

    def __init__(self) -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self.last_server_ms: float | None = None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self._inner.handle_async_request(request)
        self.last_server_ms = server_ms(response.headers.get("Server-Timing"))
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()


@dataclass
class Submits:
    round_trip_ms: list[float] = field(default_factory=list)
    server_ms: list[float] = field(default_factory=list)
    outside_ms: list[float] = field(default_factory=list)


async def _submits(base_url: str, secret: str, count: int) -> Submits:
    transport = _Timed()
    client = CheckoutClient(
        base_url,
        api_version=settings.API_VERSION,
        timeout=httpx.Timeout(10.0),
        transport=transport,
    )
    found = Submits()
    try:
        await client.get(secret)  # the connection is open, as after the form loaded
        for index in range(count):
            started = time.perf_counter()
            await client.update(secret, {"customer_name": f"Ada {index}"})
            took = (time.perf_counter() - started) * 1000
            server = transport.last_server_ms
            if server is None:
                raise RuntimeError("the emulator sent no Server-Timing")
            found.round_trip_ms.append(took)
            found.server_ms.append(server)
            found.outside_ms.append(took - server)
    finally:
        await client.aclose()
    return found


def submits(base_url: str, secret: str, count: int) -> Submits:
    return asyncio.run(_submits(base_url, secret, count))
