"""The emulator's ASGI app: Polar's checkout client routes over a `Store`.

Routes, each also under the 2024 prefix `/v1/checkouts/custom/client/...`:
- `GET   /v1/checkouts/client/{client_secret}`: 200 `CheckoutPublic`, 404, 410, 403;
- `PATCH /v1/checkouts/client/{client_secret}`: 200, 422, 409, 404, 410, 403, and
  FastAPI's 400 for a JSON body it cannot parse;
- `POST  /v1/checkouts/client/{client_secret}/confirm`: 200 `CheckoutPublicConfirmed`,
  422, 409, 404, 410, 403, 400 as PATCH;
- `POST  /v1/checkouts/client/{client_secret}/opened` (the checkout page's analytics
  ping, private in Polar's schema; body `{"distinct_id": str | null}`, required):
  200 `CheckoutPublic`, 404, 410, 403 as GET (no row lock), 422 for a bad body;
- `GET   /v1/checkouts/client/{client_secret}/stream`: server-sent events (see
  `stream`), or 404, 410, 403 as GET.
Every `/v1` path goes through Polar's rate limiter (see `ratelimit`): 429 with an
empty body and `Retry-After`. In front of everything, as a proxy: a body over 1 MiB
answers 413 (see `body_limit`).
Plus, outside Polar's paths, `GET /emulator/scenarios` (the seeded sessions),
the admin API (`admin`) and the test checkout page at each session's `url` (`page`).

Bodies are declared (`rules.body`), so FastAPI decodes and validates them
before a handler runs. Errors are answered as Polar's exception handlers
answer them: `{"error": <the exception's name>, "detail": ...}`, a 422's
detail being the list of pydantic's errors (`RequestValidationError`) or of
Polar's rule failures (`PolarRequestValidationError`).

As on api.polar.sh: a `Polar-Version` header picks the API version, every
response echoes it (429s included), and an unknown version gets a plain 404
before anything else; the test checkout page, which browsers open, is exempt.
Served: 2026-04 and 2026-10 (Polar's `server/polar/version.py`) and 2027-01
(what Polar's TypeScript SDK 1.0.1 sends); `rules.versions` holds the one
difference on checkout routes (2027-01's seat-based prices). `create_app(versions=...)`
serves fewer, to rehearse a retirement; a request without the header gets the
oldest version served (2026-04 unless retired).
Bearer tokens are accepted and ignored, except that the rate limiter counts a
token's requests apart from its address's, as Polar does.

`create_app(store)` is all a server needs; `streams` tunes the event streams and
`shutdown` (set when the server stops) ends open streams at once instead of at
uvicorn's graceful-shutdown timeout.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, Final

from fastapi import FastAPI, Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tui.emulator.rules.body import CheckoutConfirmStripe, CheckoutOpened, CheckoutUpdatePublic
from tui.emulator.rules.errors import PolarFailure, ValidationFailed
from tui.emulator.rules.ratelimit import RateLimiter, client_identity
from tui.emulator.rules.versions import for_version
from tui.emulator.store import Store

from .admin import admin_router
from .body_limit import BodyLimitMiddleware
from .faults import FaultMiddleware, FaultRegistry
from .journal import Journal, JournalMiddleware
from .page import is_page_path, page_router
from .stream import HEADERS, MEDIA_TYPE, NeverShutdown, ShutdownSignal, StreamSettings, open_stream

VERSION_HEADER: Final = "Polar-Version"
SUPPORTED_VERSIONS: Final = frozenset({"2026-04", "2026-10", "2027-01"})
VERSION_STATE: Final = "polar_version"
"""Where the version middleware leaves the version in use, for the routes (`request.state`)."""
PATH_PREFIXES: Final = ("/v1/checkouts/client", "/v1/checkouts/custom/client")
_VERSION_PATTERN: Final = re.compile(r"(\d{4})-(\d{2})")


def parse_versions(text: str) -> frozenset[str]:
    """`--versions`: a comma-separated list of served versions; ValueError names what is wrong."""
    wanted = frozenset(part.strip() for part in text.split(",") if part.strip())
    unknown = sorted(wanted - SUPPORTED_VERSIONS)
    if unknown:
        known = ", ".join(sorted(SUPPORTED_VERSIONS))
        raise ValueError(f"unknown API version {', '.join(unknown)} (known: {known})")
    if not wanted:
        raise ValueError("name at least one API version")
    return wanted


def _canonical_version(raw: str) -> str | None:
    """The version as Polar reads it, strictly YYYY-MM ("2026-4" is unknown), or None."""
    match = _VERSION_PATTERN.fullmatch(raw)
    return None if match is None else f"{int(match[1])}-{int(match[2]):02d}"


class ApiVersionMiddleware:
    """Refuse unknown API versions and echo the version in use on every response but
    the test checkout page's."""

    def __init__(self, app: ASGIApp, versions: frozenset[str] = SUPPORTED_VERSIONS) -> None:
        self.app = app
        self.versions = versions
        self.default = min(versions)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or is_page_path(scope["path"]):
            await self.app(scope, receive, send)
            return
        raw = Headers(scope=scope).get(VERSION_HEADER)
        version = _canonical_version(raw) if raw else self.default
        if version not in self.versions:
            await JSONResponse({"detail": "Not Found"}, status_code=404)(scope, receive, send)
            return
        scope.setdefault("state", {})[VERSION_STATE] = version

        async def send_with_version(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)[VERSION_HEADER] = str(version)
            await send(message)

        await self.app(scope, receive, send_with_version)


class RateLimitMiddleware:
    """Polar's rate limiter in front of the routes: 429, an empty body and `Retry-After`."""

    def __init__(self, app: ASGIApp, limiter: RateLimiter) -> None:
        self.app = app
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        client = scope.get("client")
        identity = client_identity(
            headers.get("authorization"),
            headers.get("true-client-ip"),
            client[0] if client else None,
        )
        retry_after = self.limiter.retry_after(scope["path"], identity)
        if retry_after == 0:
            await self.app(scope, receive, send)
            return
        await send(
            {
                "type": "http.response.start",
                "status": 429,
                "headers": [(b"retry-after", str(retry_after).encode("ascii"))],
            }
        )
        await send({"type": "http.response.body", "body": b"", "more_body": False})


async def _schema_failed(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    body = {"error": type(error).__name__, "detail": jsonable_encoder(error.errors())}
    return JSONResponse(body, status_code=422)


async def _rule_failed(request: Request, error: Exception) -> Response:
    assert isinstance(error, ValidationFailed)
    return JSONResponse(error.as_json(), status_code=422)


async def _polar_failed(request: Request, error: Exception) -> Response:
    assert isinstance(error, PolarFailure)
    return JSONResponse(error.as_json(), status_code=error.status)


def _answer(request: Request, body: dict[str, Any]) -> Response:
    """A checkout's body, as the API version in use writes it."""
    return JSONResponse(for_version(body, getattr(request.state, VERSION_STATE)))


def create_app(
    store: Store,
    *,
    streams: StreamSettings | None = None,
    shutdown: ShutdownSignal | None = None,
    versions: frozenset[str] = SUPPORTED_VERSIONS,
) -> FastAPI:
    """The emulator app serving `store`'s sessions under the API `versions`."""
    stream_settings = streams or StreamSettings()
    stopping = shutdown or NeverShutdown()
    app = FastAPI(
        title="Polar checkout emulator",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.add_middleware(RateLimitMiddleware, limiter=store.rate_limits)
    faults = FaultRegistry()
    app.add_middleware(FaultMiddleware, faults=faults)  # inside the version check, before all else
    app.add_middleware(ApiVersionMiddleware, versions=versions)
    journal = Journal(store.clock, knows=store.knows)
    app.add_middleware(JournalMiddleware, journal=journal)  # sees what clients send Polar
    app.add_middleware(BodyLimitMiddleware)  # outermost: the proxy in front of Polar
    app.add_exception_handler(RequestValidationError, _schema_failed)
    app.add_exception_handler(ValidationFailed, _rule_failed)
    app.add_exception_handler(PolarFailure, _polar_failed)
    app.include_router(admin_router(store, faults, journal))
    app.include_router(page_router(store))

    async def get_checkout(request: Request, client_secret: str) -> Response:
        return _answer(request, store.read(client_secret))

    async def update_checkout(
        request: Request, client_secret: str, body: CheckoutUpdatePublic
    ) -> Response:
        return _answer(request, store.update(client_secret, body))

    async def confirm_checkout(
        request: Request, client_secret: str, body: CheckoutConfirmStripe
    ) -> Response:
        return _answer(request, store.confirm(client_secret, body))

    async def checkout_opened(
        request: Request, client_secret: str, body: CheckoutOpened
    ) -> Response:
        return _answer(request, store.mark_opened(client_secret))

    async def stream_checkout(client_secret: str) -> Response:
        frames = open_stream(store, client_secret, stream_settings, stopping)
        return StreamingResponse(frames, media_type=MEDIA_TYPE, headers=HEADERS)

    for prefix in PATH_PREFIXES:
        path = f"{prefix}/{{client_secret}}"
        app.add_api_route(path, get_checkout, methods=["GET"], name=f"get:{prefix}")
        app.add_api_route(path, update_checkout, methods=["PATCH"], name=f"update:{prefix}")
        app.add_api_route(
            f"{path}/confirm", confirm_checkout, methods=["POST"], name=f"confirm:{prefix}"
        )
        app.add_api_route(
            f"{path}/opened", checkout_opened, methods=["POST"], name=f"opened:{prefix}"
        )
        app.add_api_route(
            f"{path}/stream", stream_checkout, methods=["GET"], name=f"stream:{prefix}"
        )

    async def list_scenarios() -> list[dict[str, Any]]:
        return [dataclasses.asdict(entry) for entry in store.scenarios()]

    app.add_api_route("/emulator/scenarios", list_scenarios, methods=["GET"])
    return app
