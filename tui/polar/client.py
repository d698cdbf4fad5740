"""CheckoutClient: one httpx.AsyncClient speaking Polar's checkout client API."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import httpx
from httpx_sse import EventSource, aconnect_sse
from pydantic import ValidationError

from tui import keys
from tui.polar import errors, log_redaction, retrying
from tui.polar.models import CheckoutPublic, FieldError
from tui.polar.request_log import STREAM_CLOSED, STREAM_OPENED, RequestLog, Started
from tui.polar.secret import redact
from tui.polar.server_url import direct_if_loopback, without_credentials
from tui.polar.transport import verify_for


def utc_now() -> datetime:
    return datetime.now(UTC)


CHECKOUT_PATH = "/v1/checkouts/client/{secret}"
SKEW_FLOOR = timedelta(seconds=2)
RETRY_AFTER_CEILING = 7 * 24 * 3600
"""A longer `Retry-After` is read as a week: past that, no time of day means anything."""
STREAM_PATH = CHECKOUT_PATH + "/stream"
_STREAM_ACCEPT = {"Accept": "text/event-stream"}
SESSION_KEYS = ("id", "status", "client_secret")
"""Keys every session Polar sends has: a 200 without them is not a session."""


def _user_agent() -> str:
    try:
        return f"polar-checkout/{version('polar-checkout')}"
    except PackageNotFoundError:
        return "polar-checkout/dev"


class CheckoutClient:
    """Reads and updates one checkout session at a time; raises `tui.polar.errors` types."""

    def __init__(
        self,
        base_url: str,
        *,
        api_version: str,
        timeout: httpx.Timeout,
        transport: httpx.AsyncBaseTransport | None = None,
        clock: Callable[[], datetime] = utc_now,
        log: RequestLog | None = None,
    ) -> None:
        """`log`: where every exchange is recorded, masked (one of its own by default)."""
        log_redaction.install()
        self._clock = clock
        """The app's clock: the server's `Date` is compared with it (`clock_offset`)."""
        self.log = log or RequestLog()
        url, credentials = without_credentials(base_url)
        self._http = httpx.AsyncClient(
            base_url=url,
            auth=credentials,
            mounts=direct_if_loopback(url),
            timeout=timeout,
            transport=transport,
            verify=verify_for(url),
            headers={
                "Polar-Version": api_version,
                "User-Agent": _user_agent(),
                "Accept": "application/json",
            },
        )

    clock_offset = timedelta(0)
    """The server's clock minus ours, as its last `Date` header showed: expiry times are the
    server's, so countdowns add this to the local time."""

    async def get(self, secret: str) -> CheckoutPublic:
        return await self._send("GET", secret, None)

    async def update(self, secret: str, body: dict[str, Any]) -> CheckoutPublic:
        return await self._send("PATCH", secret, body)

    async def confirm(self, secret: str, body: dict[str, Any]) -> CheckoutPublic:
        """POST confirm: the changes and every answer to the seller's questions (Polar stores
        exactly the answers confirm sends). The customer session token in the answer is
        dropped: this client never acts as the customer afterwards."""
        session = await self._send("POST", secret, body, suffix="/confirm")
        if session.model_extra is not None:
            session.model_extra.pop("customer_session_token", None)
        return session

    async def fetch_stored(self, secret: str) -> tuple[int, Any]:
        """The session as the server stores it now: the status and the decoded body
        (None when it is not JSON), whatever the status. For checks, not for the form."""
        try:
            response = await self._exchange("GET", CHECKOUT_PATH.format(secret=secret), secret)
        except httpx.HTTPError as error:
            raise errors.ConnectionFailed(
                f"Could not read the session: {type(error).__name__}."
            ) from error
        return response.status_code, _json(response)

    @asynccontextmanager
    async def stream(self, secret: str, *, read_timeout: float) -> AsyncIterator[EventSource]:
        """The session's event stream, opened: its response whatever the status, for the
        caller to judge (`tui.polar.watch.follow` does). `Accept: text/event-stream`, the
        client's own headers and credentials; connecting is bounded as for every request,
        each wait for the body's next bytes by `read_timeout`. Raises httpx's errors as they
        come; the response is closed on leaving."""
        ordinary = self._http.timeout
        timeout = httpx.Timeout(
            connect=ordinary.connect, read=read_timeout, write=ordinary.write, pool=ordinary.pool
        )
        path = STREAM_PATH.format(secret=secret)
        started = self.log.start()
        opened: Started | None = None
        try:
            async with aconnect_sse(self._http, "GET", path, timeout=timeout) as source:
                response = source.response
                self.log.answered(started, response.request, response, secret, note=STREAM_OPENED)
                opened = self.log.start()
                ended = STREAM_CLOSED
                try:
                    yield source
                except httpx.HTTPError as error:
                    ended = f"{STREAM_CLOSED} by {type(error).__name__}"
                    raise
                finally:
                    self.log.answered(opened, response.request, response, secret, note=ended)
        except httpx.HTTPError as error:
            if opened is None:
                sent = self._http.build_request("GET", path, headers=_STREAM_ACCEPT)
                self.log.failed(started, sent, error, secret)
            raise

    async def aclose(self) -> None:
        await self._http.aclose()

    async def _send(
        self, method: str, secret: str, body: dict[str, Any] | None, *, suffix: str = ""
    ) -> CheckoutPublic:
        """One request, tried again as `tui.polar.retrying` allows for its method."""
        return await retrying.run(
            method, lambda: self._send_once(method, secret, body, suffix=suffix)
        )

    async def _send_once(
        self, method: str, secret: str, body: dict[str, Any] | None, *, suffix: str
    ) -> CheckoutPublic:
        path = CHECKOUT_PATH.format(secret=secret) + suffix
        try:
            response = await self._exchange(method, path, secret, body)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.ProxyError) as error:
            raise self._not_connected(error, secret) from error
        except httpx.TimeoutException as error:
            raise errors.TimedOut(f"No answer in time{_unsure(body, suffix)}.") from error
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as error:
            raise errors.ConnectionLost(
                f"The connection broke before the answer arrived{_unsure(body, suffix)}."
            ) from error
        except httpx.UnsupportedProtocol as error:
            raise self._not_connected(error, secret) from error
        except httpx.TransportError as error:  # may come once the request was on its way
            raise errors.ConnectionLost(
                f"The connection failed while the request was sent{_unsure(body, suffix)}."
            ) from error
        self._note_server_time(response)
        if response.status_code == 200:
            return _parse_session(response).arrived(response.content, self._clock())
        raise _error_for(response, self._clock())

    async def _exchange(
        self, method: str, path: str, secret: str, body: dict[str, Any] | None = None
    ) -> httpx.Response:
        """Send one request, and record it in the log with its answer or its error."""
        request = self._http.build_request(method, path, json=body)
        started = self.log.start()
        try:
            response = await self._http.send(request)
        except httpx.HTTPError as error:
            self.log.failed(started, request, error, secret)
            raise
        self.log.answered(started, request, response, secret)
        return response

    def _not_connected(self, error: httpx.TransportError, secret: str) -> errors.ConnectionFailed:
        """Nothing was sent: the connection was refused, not made in time, or never tried."""
        why = redact(str(error), secret) or type(error).__name__
        return errors.ConnectionFailed(
            f"Could not connect to {self._http.base_url.host}: {why}. "
            "Check your connection or the --server setting."
        )

    def _note_server_time(self, response: httpx.Response) -> None:
        """How far the server's clock is from ours, from its `Date` header (to the second:
        under two seconds counts as none)."""
        server = _server_date(response)
        if server is not None:
            offset = server - self._clock()
            self.clock_offset = offset if abs(offset) >= SKEW_FLOOR else timedelta(0)


def _unsure(body: dict[str, Any] | None, suffix: str) -> str:
    """For a write whose answer never came: what may have happened, and how to find out."""
    if body is None:
        return ""
    done = (
        "the checkout may or may not have been confirmed"
        if suffix
        else ("the change may or may not have been saved")
    )
    return f", so {done}; reload ({keys.RELOAD_KEY}) to see the server's state"


def _parse_session(response: httpx.Response) -> CheckoutPublic:
    """The session in a 200; a body without the keys every session has (a proxy's JSON, a
    different API) is no session, rather than one shown with a default status."""
    try:
        session = CheckoutPublic.model_validate_json(response.content)
    except ValidationError as error:
        count = error.error_count()
        raise _not_a_session("1 problem" if count == 1 else f"{count} problems") from error
    missing = [key for key in SESSION_KEYS if key not in session.model_fields_set]
    if missing:
        raise _not_a_session(f"no {', '.join(missing)}")
    return session


def _not_a_session(why: str) -> errors.UnexpectedResponse:
    return errors.UnexpectedResponse(
        f"The server's answer is not a checkout session ({why}). Check the --server setting."
    )


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def _detail(body: Any) -> str:
    if isinstance(body, dict) and isinstance(body.get("detail"), str):
        return str(body["detail"])
    return ""


def _field_errors(body: Any) -> list[FieldError]:
    detail = body.get("detail") if isinstance(body, dict) else None
    if not isinstance(detail, list):
        return [FieldError((), "The server refused the request.")]
    found = []
    for item in detail:
        if not isinstance(item, dict):
            continue
        raw = item.get("loc")
        loc = [part for part in raw if isinstance(part, str | int)] if isinstance(raw, list) else []
        if loc and loc[0] == "body":
            loc = loc[1:]
        found.append(
            FieldError(
                tuple(loc), str(item.get("msg", "Invalid value.")), str(item.get("type", ""))
            )
        )
    return found


def _server_date(response: httpx.Response) -> datetime | None:
    """The server's clock as its `Date` header says; None when absent or unreadable (a bad
    header never fails an answer)."""
    sent = response.headers.get("Date")
    try:
        server = parsedate_to_datetime(sent) if sent else None
    except (TypeError, ValueError, OverflowError):
        return None
    return server if server is not None and server.tzinfo is not None else None


def _error_for(response: httpx.Response, now: datetime) -> errors.PolarError:
    """`now`: the app's clock, for the local time a long `Retry-After` names."""
    status = response.status_code
    body = _json(response)
    name = body.get("error") if isinstance(body, dict) else None
    detail = _detail(body)
    if status == 422:
        return errors.Invalid(_field_errors(body))
    if status == 404 and name is None and detail == "Not Found":
        sent = response.request.headers.get("Polar-Version", "")
        return errors.VersionRefused(
            "Polar answered a bare 404 Not Found, its answer to an API version it no longer "
            f"accepts: this app sends Polar-Version: {sent} (fixed, no setting). "
            "Update polar-checkout."
        )
    if status == 404:
        return errors.NotFound(
            "No checkout session has this secret on this server. Check the secret, and "
            "whether it belongs to sandbox or production (--server)."
        )
    if status == 410:
        return errors.Expired(
            "This checkout session has expired. Ask the merchant for a new checkout link."
        )
    if status == 403 and name == "NotOpenCheckout":
        return errors.not_open(detail)
    if status == 403 and name == "NotPermitted":
        return errors.NotPermitted(
            "Polar does not permit changes to this checkout (the organization may be "
            "blocked). Contact Polar support."
        )
    if status == 403:
        return errors.Refused(
            detail or "Polar answered 403: the change was refused.", str(name or "")
        )
    if status == 409:
        return errors.Locked(
            "Polar is processing this checkout right now: submit again in a few seconds."
        )
    if status == 429:
        retry_after = response.headers.get("Retry-After", "")
        return rate_limited(retry_after, _server_date(response) or now, now)
    if status >= 500:
        return errors.ServerFailed(f"Polar answered {status}.")
    return errors.PolarError(f"Polar answered {status}{': ' + detail if detail else '.'}")


def rate_limited(
    retry_after: str, server_now: datetime, now: datetime | None = None
) -> errors.RateLimited:
    """A 429 in words: when to try again, as seconds within the retry cap, else as the
    local time Polar refuses until (its confirm limit answers 1,800 s).

    An HTTP-date `Retry-After` is in the server's time, so it is measured from the server's
    own `Date` (`server_now`); the local time shown counts from the app's clock (`now`)."""
    seconds = _seconds_until(retry_after.strip(), server_now)
    if seconds is None:
        return errors.RateLimited("Try again later.", None)
    if seconds <= retrying.WAIT_CAP:
        return errors.RateLimited(f"Try again in {seconds} s.", seconds)
    until = ((now or server_now) + timedelta(seconds=seconds)).astimezone().strftime("%H:%M")
    blocked = errors.RateLimited(f"Polar asks to wait until {until}.", seconds)
    blocked.retryable = False  # trying again before then only meets the same answer
    return blocked


def _seconds_until(retry_after: str, now: datetime) -> int | None:
    """`Retry-After` as whole seconds from `now`: delay-seconds or an HTTP date."""
    if retry_after.isdigit():
        return min(int(retry_after), RETRY_AFTER_CEILING)
    try:
        when = parsedate_to_datetime(retry_after)
    except (TypeError, ValueError, OverflowError):
        return None
    if when.tzinfo is None:
        return None
    return min(max(0, round((when - now).total_seconds())), RETRY_AFTER_CEILING)
