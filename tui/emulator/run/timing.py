"""`Server-Timing` on every answer: how long the emulator itself took, so a client can tell
its own and the network's share of a round trip from the server's."""

from __future__ import annotations

import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send


def server_timing(milliseconds: float) -> bytes:
    """The header's value: one metric, `app`, with its duration in milliseconds."""
    return f"app;dur={milliseconds:.3f}".encode()


class ServerTimed:
    """Stamps each answer with the time from the request reaching the app (body reading
    included) to its status and headers being sent."""

    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = time.perf_counter()

        async def timed(message: Message) -> None:
            if message["type"] == "http.response.start":
                took = server_timing((time.perf_counter() - started) * 1000)
                headers = [*message.get("headers", []), (b"server-timing", took)]
                message = {**message, "headers": headers}
            await send(message)

        await self._app(scope, receive, timed)
