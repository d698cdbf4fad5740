"""Read the session, plan the change in the form's state, send it, say what happened.

Exit status: 0 applied (or nothing to change, or a dry run that would send); 1 refused with
nothing applied (a local rule, Polar's 422, 403, 404, 410); 2 could not tell or could not
reach (network, time-out, 5xx, 409, an answer that is not a session, 429), each after the
tries `tui.polar.retrying` allows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TextIO

import httpx

from tui.apply import report
from tui.apply.plan import Edit, Ready, Refused
from tui.apply.values import Setting
from tui.polar import errors, retrying
from tui.polar.client import CHECKOUT_PATH, CheckoutClient
from tui.polar.models import CheckoutPublic
from tui.polar.request_log import RequestLog
from tui.polar.secret import mask_secret, redact, redact_data
from tui.settings import API_VERSION, TIMEOUT, Server

APPLIED, REFUSED, UNKNOWN = 0, 1, 2
_REFUSALS = (errors.NotFound, errors.Expired, errors.NotOpen, errors.NotPermitted, errors.Refused)
_NEVER_APPLIED = (errors.Locked, errors.RateLimited, errors.ConnectionFailed)
"""Failures of the update that still leave the session as it was: refused before anything
was done (409, 429), or never connected. They are exit 2 all the same: not a refusal."""
_OWN_WORDS: dict[type[errors.PolarError], str] = {
    errors.Locked: "Polar is processing this checkout right now; try again in a few seconds.",
    errors.ServerFailed: "Polar answered with a server error.",
    errors.ConnectionLost: "",
    errors.TimedOut: "",
}
"""The client's words for these speak of the form's keys and typing, which apply has not;
an empty text means the error's title says it all."""
_MAYBE = (
    "The change may or may not have been applied: look at the session "
    "(--dry-run --json) before trying again."
)


@dataclass(frozen=True, slots=True)
class Request:
    secret: str
    server: Server
    settings: tuple[Setting, ...]
    dry_run: bool = False
    as_json: bool = False
    log: RequestLog | None = None
    """Where the exchanges go (`--log FILE`); a log of its own otherwise."""


class Printer:
    """Every line apply prints, masked and made printable. With `--json` the stored
    session is the only thing on stdout; the lines for people go to stderr."""

    def __init__(self, secret: str, *, stdout: TextIO, stderr: TextIO, as_json: bool) -> None:
        self._secret = secret
        self._people = stderr if as_json else stdout
        self._stdout = stdout
        self._stderr = stderr

    def say(self, text: str) -> None:
        print(report.safe(text, self._secret), file=self._people, flush=True)

    def warn(self, text: str) -> None:
        print(report.safe(text, self._secret), file=self._stderr, flush=True)

    def data(self, text: str) -> None:
        print(report.safe(text, self._secret), file=self._stdout, flush=True)


async def apply(
    request: Request,
    printer: Printer,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    timeout: httpx.Timeout = TIMEOUT,
) -> int:
    """The whole command once its arguments are understood; returns the exit status. Each
    retry is announced on stderr before its wait, and a `--log` file that stops working."""
    client = CheckoutClient(
        request.server.base_url,
        api_version=API_VERSION,
        timeout=timeout,
        transport=transport,
        log=request.log,
    )
    quiet = client.log.listen_for_problems(printer.warn)
    try:
        with retrying.notices_to(lambda notice: printer.warn(f"{notice.text()}.")):
            return await _apply(client, request, printer)
    finally:
        quiet()
        await client.aclose()


async def _apply(client: CheckoutClient, request: Request, printer: Printer) -> int:
    secret = request.secret
    printer.say(f"session {mask_secret(secret)} on {request.server.label}")
    try:
        session = await client.get(secret)
    except errors.PolarError as error:
        return _failed(printer, error, request, sent=False)
    edit = Edit(session, request.settings)
    planned = edit.outcome()
    if isinstance(planned, Refused):
        _refused(printer, planned, "refused: nothing was sent.")
        return REFUSED
    if not isinstance(planned, Ready):
        printer.say("nothing to change: the session already holds these values")
        return await _stored(client, request, printer)
    for change in planned.changes:
        printer.say(report.change_line(change))
    if request.dry_run:
        path = CHECKOUT_PATH.format(secret=mask_secret(secret))
        printer.say(f"PATCH {path} {report.json_text(redact_data(planned.body, secret))}")
        printer.say("dry run: nothing sent")
        return await _stored(client, request, printer)
    try:
        updated = await client.update(secret, planned.body)
    except errors.Invalid as invalid:
        _refused(
            printer, edit.rejected(invalid.errors), "Polar refused the change: nothing was applied."
        )
        return REFUSED
    except errors.PolarError as error:
        return _failed(printer, error, request, sent=True)
    _totals(printer, updated)
    printer.say("applied")
    return await _stored(client, request, printer)


def _totals(printer: Printer, session: CheckoutPublic) -> None:
    for line in report.totals_lines(session, datetime.now(UTC)):
        printer.say(line)


def _refused(printer: Printer, refused: Refused, outcome: str) -> None:
    for line in report.problem_lines(refused.problems, refused.general):
        printer.warn(line)
    printer.warn(f"polar-checkout apply: {outcome}")


def _failed(printer: Printer, error: errors.PolarError, request: Request, *, sent: bool) -> int:
    refused = isinstance(error, _REFUSALS)
    if refused or not sent or isinstance(error, _NEVER_APPLIED):
        outcome = "Nothing was applied."
    else:
        outcome = _MAYBE
    words = _words(error, request)
    said = f"{error.title}: {words}" if words else f"{error.title}."
    printer.warn(f"polar-checkout apply: {said} {outcome}")
    return REFUSED if refused else UNKNOWN


def _words(error: errors.PolarError, request: Request) -> str:
    """apply's words for the error; the client's own end in how often it was tried."""
    tried = f" (tried {error.tries} times)" if error.tries > 1 else ""
    if isinstance(error, errors.ConnectionFailed):
        cause = error.__cause__
        why = (redact(str(cause), request.secret) or type(cause).__name__) if cause else ""
        return (
            f"Could not connect to {request.server.label}"
            + (f": {why}" if why else "")
            + (f"{tried}.")
        )
    own = _OWN_WORDS.get(type(error))
    if own is None:
        return error.message
    return f"{own.removesuffix('.')}{tried}." if own else tried.strip()


async def _stored(client: CheckoutClient, request: Request, printer: Printer) -> int:
    """With --json, the session as the server stores it now (a fresh GET), masked."""
    if not request.as_json:
        return APPLIED
    try:
        status, body = await client.fetch_stored(request.secret)
    except errors.ConnectionFailed as error:
        printer.warn(f"polar-checkout apply: cannot read the stored session: {error.message}")
        return UNKNOWN
    if status != 200 or not isinstance(body, dict):
        printer.warn(f"polar-checkout apply: reading the stored session answered {status}.")
        return UNKNOWN
    printer.data(report.json_text(redact_data(body, request.secret), indent=2))
    return APPLIED
