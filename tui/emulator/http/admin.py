"""The QA admin API beside Polar's routes, under `/emulator/` (JSON in, JSON out).

Sessions (`{secret}` is a client secret; an unknown one answers 404
`{"error": "ResourceNotFound", "detail": "Not found"}`; an action the session's
state refuses answers 409 `{"error": <reason>, "detail": <message>}`):
- `GET  /emulator/sessions`: 200, every session as `{scenario, client_secret,
  status, expires_at, product_name, price_text}`;
- `POST /emulator/sessions` `{"scenario": NAME}`: 201, a fresh session of that
  scenario (with its own secret); an unknown name answers 422 naming the known ones;
- `POST /emulator/sessions/{secret}/pay`: 200, confirmed now, succeeded shortly after;
- `POST /emulator/sessions/{secret}/decline`: 200, the payment failed: an open or
  confirmed session is open again (Polar never sets `failed`);
- `POST /emulator/sessions/{secret}/expire`: 200, expired from now on;
- `POST /emulator/sessions/{secret}/lock` `{"seconds": N}` (optional, default 5):
  200, updates and confirms answer 409 `CheckoutLocked` until then;
- `POST /emulator/sessions/{secret}/block` `{"blocked": BOOL}` (optional, default
  true): 200, the organization is blocked (403 `NotPermitted`) or unblocked.

The clock (everything time-bound follows it: expiry, trials, locks, rate limits, the
succeeded-after-payment delay, discounts' validity): `GET /emulator/clock`: 200
`{"now": <time>, "frozen": BOOL}`; `POST /emulator/clock` `{"advance": DURATION}` (ISO 8601,
`"PT3660S"`, or seconds; forward only, at most `MAX_CLOCK_ADVANCE`) and/or
`{"freeze": BOOL}` (stop the clock where it stands, or let it run on from there: it never
goes back): 200 as GET; sessions expire and fulfil by the new time at once, with their events.

Faults (see `faults` and `fault_bodies`): `POST /emulator/faults` `{"path": GLOB,
"operation": "get" | "update" | "confirm" | "stream", "method": M, "status": N, "count": N,
"sequence": [N, ...], "probability": P, "seed": N, "delay_ms": MS | [LOW, HIGH],
"drop": BOOL, "error": NAME}` (a path or an operation at least; 201, the fault as stored),
`GET /emulator/faults` (200, the pending ones with their remaining count and sequence),
`DELETE /emulator/faults` (204).

The journal (see `journal`): `GET /emulator/requests?session=SECRET&limit=N` (200, the
last requests outside `/emulator/`, newest first, `limit` 1 to `MAX_JOURNAL_LIMIT`, default
`DEFAULT_JOURNAL_LIMIT`; `session` keeps one client secret's), `DELETE /emulator/requests`
(204). `POST /emulator/reset` (204) reseeds the store and clears every fault and the journal.
Bad bodies answer 422 as Polar's routes do (`RequestValidationError`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from datetime import timedelta
from typing import Annotated, Any, Final

from fastapi import APIRouter, Body, Query, Response
from fastapi.responses import JSONResponse
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    field_validator,
    model_validator,
)

from tui.emulator.listing import SessionEntry
from tui.emulator.rules.errors import not_found
from tui.emulator.rules.wire import timestamp
from tui.emulator.store import Store

from .fault_bodies import POLAR_ERRORS, Operation, check_status, named_error, routes_of
from .faults import ADMIN_PREFIX, PASS, Fault, FaultRegistry
from .journal import Journal

DEFAULT_LOCK_SECONDS: Final = 5.0
MAX_LOCK_SECONDS: Final = 3600.0
MAX_DELAY_MS: Final = 60_000
MAX_FAULT_COUNT: Final = 10_000
MAX_SEQUENCE: Final = 1000
DEFAULT_JOURNAL_LIMIT: Final = 50
MAX_JOURNAL_LIMIT: Final = 1000
MAX_CLOCK_ADVANCE: Final = timedelta(days=366)


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class NewSession(_Body):
    scenario: str


class LockRequest(_Body):
    seconds: float = Field(default=DEFAULT_LOCK_SECONDS, gt=0, le=MAX_LOCK_SECONDS)


class ClockRequest(_Body):
    advance: timedelta | None = Field(default=None, gt=timedelta(0), le=MAX_CLOCK_ADVANCE)
    freeze: StrictBool | None = None

    @model_validator(mode="after")
    def _does_something(self) -> ClockRequest:
        if self.advance is None and self.freeze is None:
            raise ValueError("the clock needs an advance, a freeze or both")
        return self


class BlockRequest(_Body):
    blocked: bool = True


class FaultRequest(_Body):
    path: str | None = Field(
        default=None, min_length=1, description="fnmatch glob over the path as sent"
    )
    operation: Operation | None = None
    method: str | None = Field(default=None, pattern=r"^[A-Za-z]+$")
    status: int | None = None
    sequence: list[int] | None = Field(default=None, min_length=1, max_length=MAX_SEQUENCE)
    probability: float | None = Field(default=None, gt=0, le=1)
    seed: int = 0
    count: int | None = Field(default=None, ge=1, le=MAX_FAULT_COUNT)
    delay_ms: int | tuple[int, int] = 0
    drop: bool = False
    error: str | None = None

    @field_validator("error")
    @classmethod
    def _polar_error(cls, error: str | None) -> str | None:
        if error is not None and error not in POLAR_ERRORS:
            raise ValueError(f"error must be one of Polar's: {', '.join(POLAR_ERRORS)}")
        return error

    @field_validator("path")
    @classmethod
    def _not_admin(cls, path: str | None) -> str | None:
        if path is not None and path.startswith(ADMIN_PREFIX):
            raise ValueError(f"faults never apply to {ADMIN_PREFIX}/*")
        return path

    @field_validator("status")
    @classmethod
    def _known_status(cls, status: int | None) -> int | None:
        return check_status(status)

    @field_validator("sequence")
    @classmethod
    def _known_statuses(cls, sequence: list[int] | None) -> list[int] | None:
        for status in sequence or ():
            if status != PASS:
                check_status(status)
        return sequence

    @field_validator("delay_ms")
    @classmethod
    def _short_delay(cls, delay: int | tuple[int, int]) -> int | tuple[int, int]:
        low, high = (delay, delay) if isinstance(delay, int) else delay
        if not 0 <= low <= high <= MAX_DELAY_MS:
            raise ValueError(
                f"a delay is 0 to {MAX_DELAY_MS} ms, or a range [low, high] within that"
            )
        return delay

    @field_validator("method")
    @classmethod
    def _upper(cls, method: str | None) -> str | None:
        return None if method is None else method.upper()

    @model_validator(mode="after")
    def _does_something(self) -> FaultRequest:
        if self.path is None and self.operation is None:
            raise ValueError("a fault needs a path, an operation or both")
        if self.sequence is not None and (self.status is not None or self.count is not None):
            raise ValueError("a sequence replaces status and count")
        if self.sequence is not None and self.probability is not None:
            raise ValueError("a fault has a sequence or a probability, not both")
        if self.error is not None:
            self._check_error(self.error)
        if self.status is None and self.sequence is None and self.delay_ms == 0 and not self.drop:
            raise ValueError("a fault needs a status, a sequence, a delay_ms or drop")
        return self

    def _check_error(self, error: str) -> None:
        """A named error brings its status, and only goes to a route Polar raises it on."""
        status = named_error(error).status
        if self.sequence is not None or self.status not in (None, status):
            raise ValueError(f"{error} is Polar's {status}: give it no other status or sequence")
        self.status = status
        routes = routes_of(error)
        if self.operation is not None and self.operation not in routes:
            raise ValueError(f"Polar sends {error} on {' and '.join(sorted(routes))} only")

    def fault(self) -> Fault:
        """The fault asked for: one request by default, every one with a probability."""
        count = self.count
        if count is None and self.sequence is None and self.probability is None:
            count = 1
        return Fault(
            path=self.path,
            count=count,
            method=self.method,
            status=self.status,
            delay_ms=self.delay_ms,
            drop=self.drop,
            operation=self.operation,
            sequence=None if self.sequence is None else tuple(self.sequence),
            probability=self.probability,
            seed=self.seed,
            error=self.error,
        )


def _entry_json(entry: SessionEntry) -> dict[str, Any]:
    return {
        "scenario": entry.scenario,
        "client_secret": entry.client_secret,
        "status": entry.status,
        "expires_at": timestamp(entry.expires_at),
        "product_name": entry.product_name,
        "price_text": entry.price_text,
    }


def _clock_json(store: Store) -> dict[str, Any]:
    return {"now": timestamp(store.clock.now()), "frozen": store.clock.frozen}


def _session_json(store: Store, client_secret: str) -> dict[str, Any]:
    return _entry_json(next(e for e in store.list_sessions() if e.client_secret == client_secret))


def _act(store: Store, client_secret: str, action: Callable[[], None]) -> Response:
    """Run an action on one session: 200 with the session, 404 unknown, 409 refused."""
    try:
        action()
    except KeyError:
        return JSONResponse(not_found().as_json(), status_code=404)
    except ValueError as error:
        body = {"error": type(error).__name__, "detail": str(error)}
        return JSONResponse(body, status_code=409)
    return JSONResponse(_session_json(store, client_secret))


def _unknown_scenario(name: str, known: list[str]) -> JSONResponse:
    item = {
        "type": "value_error",
        "loc": ["body", "scenario"],
        "msg": f'Unknown scenario "{name}"; known scenarios: {", ".join(known)}',
        "input": name,
    }
    return JSONResponse({"detail": [item]}, status_code=422)


def admin_router(store: Store, faults: FaultRegistry, journal: Journal) -> APIRouter:
    """The `/emulator/` routes over `store`, `faults` and `journal`."""
    router = APIRouter(prefix=ADMIN_PREFIX)

    @router.get("/sessions")
    async def list_sessions() -> Response:
        return JSONResponse([_entry_json(entry) for entry in store.list_sessions()])

    @router.post("/sessions")
    async def create_session(request: NewSession) -> Response:
        try:
            entry = store.create_session(request.scenario)
        except KeyError:
            known = [scenario.name for scenario in store.scenarios()]
            return _unknown_scenario(request.scenario, known)
        return JSONResponse(_entry_json(entry), status_code=201)

    @router.post("/sessions/{client_secret}/pay")
    async def pay(client_secret: str) -> Response:
        return _act(store, client_secret, lambda: store.pay(client_secret))

    @router.post("/sessions/{client_secret}/decline")
    async def decline(client_secret: str) -> Response:
        return _act(store, client_secret, lambda: store.decline(client_secret))

    @router.post("/sessions/{client_secret}/expire")
    async def expire(client_secret: str) -> Response:
        return _act(store, client_secret, lambda: store.expire(client_secret))

    @router.post("/sessions/{client_secret}/lock")
    async def lock(
        client_secret: str, request: Annotated[LockRequest | None, Body()] = None
    ) -> Response:
        seconds = (request or LockRequest()).seconds
        return _act(store, client_secret, lambda: store.lock(client_secret, seconds))

    @router.post("/sessions/{client_secret}/block")
    async def block(
        client_secret: str, request: Annotated[BlockRequest | None, Body()] = None
    ) -> Response:
        blocked = (request or BlockRequest()).blocked
        return _act(store, client_secret, lambda: store.block_organization(client_secret, blocked))

    @router.get("/clock")
    async def read_clock() -> Response:
        return JSONResponse(_clock_json(store))

    @router.post("/clock")
    async def move_clock(request: ClockRequest) -> Response:
        if request.freeze is not None:
            store.clock.freeze(request.freeze)
        if request.advance is not None:
            store.advance_clock(request.advance)
        store.tick()
        return JSONResponse(_clock_json(store))

    @router.post("/faults")
    async def add_fault(request: FaultRequest) -> Response:
        fault = request.fault()
        faults.add(fault)
        return JSONResponse(asdict(fault), status_code=201)

    @router.get("/faults")
    async def list_faults() -> Response:
        return JSONResponse([asdict(fault) for fault in faults.pending()])

    @router.delete("/faults")
    async def clear_faults() -> Response:
        faults.clear()
        return Response(status_code=204)

    @router.get("/requests")
    async def list_requests(
        session: Annotated[str | None, Query(min_length=1)] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_JOURNAL_LIMIT)] = DEFAULT_JOURNAL_LIMIT,
    ) -> Response:
        entries = journal.recent(session=session, limit=limit)
        return JSONResponse([entry.as_json() for entry in entries])

    @router.delete("/requests")
    async def clear_requests() -> Response:
        journal.clear()
        return Response(status_code=204)

    @router.post("/reset")
    async def reset() -> Response:
        store.reset()
        faults.clear()
        journal.clear()
        return Response(status_code=204)

    return router
