"""The emulator's ASGI app: Polar's checkout client routes over a `Store`.

Routes, each also under the 2024 prefix `/v1/checkouts/custom/client/...`:
- `GET   /v1/checkouts/client/{client_secret}`: 200 `CheckoutPublic`, 404, 410;
- `PATCH /v1/checkouts/client/{client_secret}`: 200, 422, 404, 410, 403.
Plus two helpers for demos and out-of-process tests, outside Polar's paths:
`GET /emulator/scenarios` (the seeded sessions) and `POST /emulator/reset`.

As on api.polar.sh: a `Polar-Version` header picks the API version (default
2026-04; 2026-04 and 2026-10 are served, their checkout schemas are the same),
every response echoes it, and an unknown version gets a plain 404. Bearer
tokens are accepted and ignored.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, Final

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .body import decode_body
from .errors import PolarFailure, UpdateRejected
from .store import Store

VERSION_HEADER: Final = "Polar-Version"
DEFAULT_VERSION: Final = "2026-04"
SUPPORTED_VERSIONS: Final = frozenset({"2026-04", "2026-10"})
PATH_PREFIXES: Final = ("/v1/checkouts/client", "/v1/checkouts/custom/client")
_VERSION_PATTERN: Final = re.compile(r"(\d{4})-(\d{2})")


def _canonical_version(raw: str) -> str | None:
    """The version as Polar reads it, strictly YYYY-MM ("2026-4" is unknown), or None."""
    match = _VERSION_PATTERN.fullmatch(raw)
    return None if match is None else f"{int(match[1])}-{int(match[2]):02d}"


class ApiVersionMiddleware:
    """Refuse unknown API versions and echo the version in use on every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw = Headers(scope=scope).get(VERSION_HEADER)
        version = _canonical_version(raw) if raw else DEFAULT_VERSION
        if version not in SUPPORTED_VERSIONS:
            await JSONResponse({"detail": "Not Found"}, status_code=404)(scope, receive, send)
            return

        async def send_with_version(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)[VERSION_HEADER] = str(version)
            await send(message)

        await self.app(scope, receive, send_with_version)


def _failure(error: PolarFailure | UpdateRejected) -> JSONResponse:
    if isinstance(error, UpdateRejected):
        return JSONResponse(error.as_json(), status_code=422)
    return JSONResponse(error.as_json(), status_code=error.status)


def create_app(store: Store) -> FastAPI:
    """The emulator app serving `store`'s sessions."""
    app = FastAPI(
        title="Polar checkout emulator",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.add_middleware(ApiVersionMiddleware)

    async def get_checkout(client_secret: str) -> Response:
        try:
            return JSONResponse(store.read(client_secret))
        except PolarFailure as error:
            return _failure(error)

    async def update_checkout(client_secret: str, request: Request) -> Response:
        try:
            body = decode_body(await request.body(), request.headers.get("content-type"))
            return JSONResponse(store.update(client_secret, body))
        except (PolarFailure, UpdateRejected) as error:
            return _failure(error)

    for prefix in PATH_PREFIXES:
        path = f"{prefix}/{{client_secret}}"
        app.add_api_route(path, get_checkout, methods=["GET"], name=f"get:{prefix}")
        app.add_api_route(path, update_checkout, methods=["PATCH"], name=f"update:{prefix}")

    async def list_scenarios() -> list[dict[str, Any]]:
        return [dataclasses.asdict(entry) for entry in store.scenarios()]

    async def reset() -> Response:
        store.reset()
        return Response(status_code=204)

    app.add_api_route("/emulator/scenarios", list_scenarios, methods=["GET"])
    app.add_api_route("/emulator/reset", reset, methods=["POST"])
    return app
