"""A client for the emulator's QA admin API (`/emulator/…`), used by the demo's picker and commands.

Plain HTTP, so it drives an emulator in this process or one on another host alike.
No Textual import; it never imports the emulator itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar
from urllib.parse import urlencode

import httpx
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from tui.polar.server_url import direct_if_loopback, without_credentials
from tui.polar.transport import verify_for

_Model = TypeVar("_Model", bound=BaseModel)


class AdminFailed(Exception):
    """The emulator refused or could not be reached; the message is for people."""


@dataclass(frozen=True, slots=True)
class Fault:
    """What the next matching request should suffer."""

    label: str
    status: int | None = None
    delay_ms: int = 0
    drop: bool = False


FAULTS = (
    Fault("fails with 500 (server error)", status=500),
    Fault("fails with 409 (checkout locked)", status=409),
    Fault("fails with 429 (rate limited)", status=429),
    Fault("is cut off mid-answer (dropped connection)", drop=True),
    Fault("hangs past the client's time-out", delay_ms=12_000),
)


class EmulatorSession(BaseModel):
    """One row of `GET /emulator/sessions`: a session and the scenario it comes from."""

    model_config = ConfigDict(frozen=True)

    scenario: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=100)
    """Shown in the palette's titles: held to the emulator's own pattern for names."""
    client_secret: str
    status: str
    expires_at: datetime
    product_name: str
    price_text: str


_SESSIONS = TypeAdapter(list[EmulatorSession])


class JournalEntry(BaseModel):
    """One row of `GET /emulator/requests`: a request the emulator served, and its answer.

    `status` and `duration_ms` are None while it is served; bodies are text, cut at the
    emulator's limit (`..._truncated`); `path` holds the client secret as sent."""

    model_config = ConfigDict(frozen=True)

    number: int
    at: datetime
    method: str
    path: str
    status: int | None
    duration_ms: float | None
    cut_off: bool
    request_body: str | None
    request_body_truncated: bool
    response_body: str | None
    response_body_truncated: bool


_JOURNAL = TypeAdapter(list[JournalEntry])


class ClockState(BaseModel):
    """`GET /emulator/clock`: the emulator's time, and whether it stands still."""

    model_config = ConfigDict(frozen=True)

    now: datetime
    frozen: bool


class EmulatorAdmin:
    def __init__(self, base_url: str, *, transport: httpx.AsyncBaseTransport | None = None):
        url, credentials = without_credentials(base_url)
        self._http = httpx.AsyncClient(
            base_url=url,
            auth=credentials,
            mounts=direct_if_loopback(url),
            timeout=5.0,
            transport=transport,
            verify=verify_for(url),
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def sessions(self) -> list[EmulatorSession]:
        """Every session, seeded ones first, then those created since."""
        body = await self._send("GET", "/emulator/sessions", None)
        try:
            return _SESSIONS.validate_python(body)
        except ValidationError as error:
            raise AdminFailed(
                f"The emulator's session list was not understood ({error.error_count()} errors)"
            ) from error

    async def new_session(self, scenario: str) -> str:
        body = await self._post("/emulator/sessions", {"scenario": scenario})
        return str(body["client_secret"])

    async def expire(self, secret: str) -> None:
        await self._post(f"/emulator/sessions/{secret}/expire")

    async def pay(self, secret: str) -> None:
        await self._post(f"/emulator/sessions/{secret}/pay")

    async def decline(self, secret: str) -> None:
        """The customer's payment failed on the web page: confirmed back to open."""
        await self._post(f"/emulator/sessions/{secret}/decline")

    async def lock(self, secret: str, seconds: float) -> None:
        await self._post(f"/emulator/sessions/{secret}/lock", {"seconds": seconds})

    async def block(self, secret: str) -> None:
        await self._post(f"/emulator/sessions/{secret}/block")

    async def inject(self, secret: str, fault: Fault) -> None:
        """The next request for this session (any method) suffers the fault once."""
        body: dict[str, Any] = {
            "path": f"/v1/checkouts/client/{secret}*",
            "count": 1,
            "delay_ms": fault.delay_ms,
            "drop": fault.drop,
        }
        if fault.status is not None:
            body["status"] = fault.status
        await self._post("/emulator/faults", body)

    async def add_fault(self, body: dict[str, Any]) -> None:
        """A fault as the admin API takes it (`POST /emulator/faults`)."""
        await self._post("/emulator/faults", body)

    async def advance_clock(self, seconds: float) -> None:
        """Move the emulator's clock forward (`POST /emulator/clock`)."""
        # ISO 8601 has no exponent: `:g` would write 300 hours as "1.08e+06".
        await self._post("/emulator/clock", {"advance": f"PT{seconds:.3f}S"})

    async def clock(self) -> ClockState:
        """The emulator's time and whether it is frozen (`GET /emulator/clock`)."""
        return self._parsed(ClockState, await self._send("GET", "/emulator/clock", None))

    async def freeze_clock(self, frozen: bool = True) -> ClockState:
        """Stop the emulator's clock, or let it run on from where it stopped (never back)."""
        return self._parsed(ClockState, await self._post("/emulator/clock", {"freeze": frozen}))

    async def requests(
        self, session: str | None = None, *, limit: int | None = None
    ) -> list[JournalEntry]:
        """The emulator's last requests, newest first (`GET /emulator/requests`); only
        those of the session with this client secret if `session` is given."""
        query = {
            key: value
            for key, value in (("session", session), ("limit", limit))
            if value is not None
        }
        path = "/emulator/requests" + (f"?{urlencode(query)}" if query else "")
        body = await self._send("GET", path, None)
        try:
            return _JOURNAL.validate_python(body)
        except ValidationError as error:
            raise AdminFailed(
                f"The emulator's request journal was not understood ({error.error_count()} errors)"
            ) from error

    async def clear_requests(self) -> None:
        """Empty the emulator's request journal (`DELETE /emulator/requests`)."""
        await self._send("DELETE", "/emulator/requests", None)

    async def clear_faults(self) -> None:
        await self._send("DELETE", "/emulator/faults", None)

    async def reset(self) -> None:
        await self._post("/emulator/reset")

    @staticmethod
    def _parsed(model: type[_Model], body: Any) -> _Model:
        try:
            return model.model_validate(body)
        except ValidationError as error:
            raise AdminFailed(
                f"The emulator's answer was not understood ({error.error_count()} errors)"
            ) from error

    async def _post(self, path: str, body: dict[str, Any] | None = None) -> Any:
        return await self._send("POST", path, body)

    async def _send(self, method: str, path: str, body: dict[str, Any] | None) -> Any:
        try:
            response = await self._http.request(method, path, json=body)
        except httpx.HTTPError as error:
            raise AdminFailed(f"The emulator did not answer: {type(error).__name__}") from error
        if response.status_code == 404 and response.text == '{"detail":"Not Found"}':
            raise AdminFailed(f"The emulator refused (404): it has no {method} {path}")
        if response.status_code >= 400:
            raise AdminFailed(
                f"The emulator refused ({response.status_code}): {response.text[:200]}"
            )
        try:
            return response.json() if response.content else None
        except ValueError as error:
            raise AdminFailed("The emulator's answer was not JSON") from error
