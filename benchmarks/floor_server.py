"""The floor for the emulator figures: the least a server answering the same requests could
do on the same stack (uvicorn on the emulator's kind of listening socket). It answers every
GET and PATCH of a checkout with one session's JSON, fixed (a PATCH's body is parsed, then
ignored), holds event streams open without a word, and makes "sessions" for the admin call
the benchmarks use. No FastAPI, no validation, no store."""

from __future__ import annotations

import json
from typing import Final

from starlette.types import Receive, Scope, Send

from tui.emulator.model.clock import SystemClock
from tui.emulator.store import Store

JSON: Final = [(b"content-type", b"application/json")]


def _session_body() -> bytes:
    store = Store(SystemClock())
    return json.dumps(store.get_json(store.scenarios()[0].client_secret)).encode()


class FloorServer:
    def __init__(self) -> None:
        self._body = _session_body()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        body = b""
        more = True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
        if body:
            json.loads(body)
        if scope["path"].endswith("/stream"):
            headers = [(b"content-type", b"text/event-stream")]
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            await send({"type": "http.response.body", "body": b": open\n\n", "more_body": True})
            while (await receive())["type"] != "http.disconnect":
                continue
            return
        answer = self._body
        status = 200
        if scope["path"] == "/emulator/sessions":
            answer, status = b'{"client_secret": "polar_c_floor"}', 201
        await send({"type": "http.response.start", "status": status, "headers": JSON})
        await send({"type": "http.response.body", "body": answer})
