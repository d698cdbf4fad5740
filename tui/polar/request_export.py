"""The request log as text for people and tools: one JSON line per exchange (`--log FILE`),
summary lines (a failed tape's output), and curl commands for an escalation to Polar.

Exchanges are masked when recorded (`tui.polar.request_log`); a curl command names the
client secret as a shell variable, so the text carries no credential and still runs once
the variable is set.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from tui.polar.request_log import BODY_KEPT, STREAM_CLOSED, STREAM_OPENED, Exchange

SECRET_VARIABLE = "POLAR_CHECKOUT_SECRET"
CURL_HEADERS = ("Polar-Version", "Content-Type", "Accept")
_MASKED_SECRET = re.compile(r"(polar_c_…[A-Za-z0-9]{0,4})")
BODY_CUT = 300
"""Characters of a body in a summary line's detail; the rest is cut with `…`."""


def utc_text(at: datetime) -> str:
    """`2026-11-24T12:00:00.000Z`."""
    return at.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def json_line(exchange: Exchange) -> str:
    """One exchange as one line of JSON (`--log FILE`), in ASCII: a control character
    in a body stays an escape (`tail -f` shows it, the terminal does not act on it)."""
    record: dict[str, Any] = {
        "time": utc_text(exchange.at),
        "method": exchange.method,
        "url": exchange.url,
        "status": exchange.status,
        "error": exchange.error,
        "duration_ms": exchange.duration_ms,
        "note": exchange.note,
        "request": {
            "headers": dict(exchange.request_headers),
            "body": exchange.request_body,
        },
        "response": {
            "headers": dict(exchange.response_headers),
            "body": exchange.response_body,
        },
    }
    return json.dumps(record, ensure_ascii=True, separators=(",", ":"))


def summary_lines(exchanges: Iterable[Exchange]) -> list[str]:
    """Oldest first: `12:00:00.000 PATCH /v1/… 200 42 ms`, then each body, cut, indented
    line by line. Raw text: whoever prints it replaces its control characters."""
    lines = []
    for exchange in sorted(exchanges, key=lambda each: each.number):
        lines.append(f"{utc_text(exchange.at)[11:-1]} {exchange.summary()}")
        for label, body in (("sent", exchange.request_body), ("got", exchange.response_body)):
            if body:
                cut = body if len(body) <= BODY_CUT else body[:BODY_CUT] + "…"
                first, *rest = cut.splitlines() or [""]
                lines.append(f"    {label}: {first}")
                lines += [f"      {line}" for line in rest]
    return lines


def curl_script(exchanges: Iterable[Exchange]) -> str:
    """Every exchange, oldest first, as a curl command with its method, URL, headers and
    body; the client secret is `"$POLAR_CHECKOUT_SECRET"`. A stream's closing is no
    request of its own and is left out; a body the log cut says so in a line above its
    command."""
    parts = [
        "#!/bin/sh",
        "# Requests recorded by polar-checkout, oldest first. Every secret is masked: set",
        f"# {SECRET_VARIABLE} to the client secret of the session a command names.",
        "# Running this replays every request, the writes too: a PATCH changes the session",
        "# again, a POST to /confirm confirms it (and may charge). Run single commands.",
    ]
    for exchange in sorted(exchanges, key=lambda each: each.number):
        if exchange.note != STREAM_CLOSED:
            parts += ["", _comment(exchange), _curl(exchange)]
    return "\n".join(parts) + "\n"


def _comment(exchange: Exchange) -> str:
    session = _MASKED_SECRET.search(exchange.url)
    words = [
        f"# {exchange.number}",
        utc_text(exchange.at),
        f"{exchange.method} → {exchange.outcome} in {exchange.duration_ms} ms",
    ]
    if session is not None:
        words.append(f"session {session.group(1)}")
    return " · ".join(words)


def _curl(exchange: Exchange) -> str:
    head = "curl -N" if exchange.note == STREAM_OPENED else "curl"
    lines = [f"{head} -X {exchange.method} {_url_word(exchange.url)}"]
    headers = dict(exchange.request_headers)
    lines += [
        f"  -H {shlex.quote(f'{name}: {headers[name]}')}"
        for name in CURL_HEADERS
        if name in headers
    ]
    if exchange.request_body is not None:
        lines.append(f"  --data-raw {shlex.quote(exchange.request_body)}")
    command = " \\\n".join(lines)
    if not exchange.request_dropped:
        return command
    kept = BODY_KEPT // 1024
    cut = f"# Its body is cut: the log keeps {kept} KB; {exchange.request_dropped} more characters"
    return f"{cut} were not kept.\n{command}"


def _url_word(url: str) -> str:
    """The URL as one shell word, each masked client secret replaced by the variable."""
    pieces = _MASKED_SECRET.split(url)
    return "".join(
        f'"${SECRET_VARIABLE}"' if index % 2 else shlex.quote(piece)
        for index, piece in enumerate(pieces)
        if piece
    )
