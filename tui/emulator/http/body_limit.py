"""A proxy's body limit in front of the emulator: a request body over 1 MiB answers 413.

Polar's API sits behind proxies that refuse a large body before the app sees it (nginx's
`client_max_body_size` is 1 MiB unless raised). The emulator does the same, in front of
everything else (the journal, the version check, faults, the routes never see the request).
The emulator's own admin API (`/emulator/...`, no part of Polar's) is not limited.

- a `Content-Length` over `MAX_BODY_BYTES`, or a body without one that grows past it,
  answers 413 with the reason phrase as text/plain, as a proxy does, and no `Polar-Version`
  (Polar never saw the request);
- the refused body is never kept: uvicorn drops the rest as it comes and closes the
  connection after the answer, so memory stays bounded however large the body;
- a body without a `Content-Length` within the limit (chunked) is held, at most the limit,
  and passed on as it came.
"""

from __future__ import annotations

from typing import Final

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .faults import ADMIN_PREFIX

MAX_BODY_BYTES: Final = 1024 * 1024
TOO_LARGE: Final = b"Request Entity Too Large"


async def _refuse(send: Send) -> None:
    headers = [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(TOO_LARGE)).encode("ascii")),
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": TOO_LARGE, "more_body": False})


def _declared_length(scope: Scope) -> int | None:
    raw = Headers(scope=scope).get("content-length")
    return int(raw) if raw is not None and raw.isdigit() else None


class BodyLimitMiddleware:
    """Refuse request bodies over `limit` bytes with 413, as a proxy in front of Polar does."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(ADMIN_PREFIX):
            await self.app(scope, receive, send)
            return
        declared = _declared_length(scope)
        if declared is not None:
            if declared > self.limit:
                await _refuse(send)
                return
            await self.app(scope, receive, send)
            return
        held = await self._hold(receive)
        if held is None:
            await _refuse(send)
            return
        await self.app(scope, _replay(held, receive), send)

    async def _hold(self, receive: Receive) -> list[Message] | None:
        """The body's messages up to its end, or None once over the limit."""
        held: list[Message] = []
        size = 0
        while True:
            message = await receive()
            held.append(message)
            if message["type"] != "http.request":
                return held
            size += len(message.get("body", b""))
            if size > self.limit:
                return None
            if not message.get("more_body", False):
                return held


def _replay(held: list[Message], receive: Receive) -> Receive:
    """`receive` giving the held messages first, then the connection's own (a disconnect)."""
    waiting = list(held)

    async def replayed() -> Message:
        if waiting:
            return waiting.pop(0)
        return await receive()

    return replayed
