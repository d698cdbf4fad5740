"""The request log as a HAR 1.2 file (http://www.softwareishard.com/blog/har-12-spec/), the
format browsers' network panels and Polar's support read. Every secret is already masked
in the log; a request that got no answer has status 0 and its error in `_error`; a body
the log cut short says so in its `comment`."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from tui.polar.request_export import utc_text
from tui.polar.request_log import STREAM_CLOSED, Exchange

CREATOR = "polar-checkout"


def har(exchanges: Iterable[Exchange], version: str) -> dict[str, Any]:
    """A HAR log of the exchanges, oldest first (a stream's closing is no entry)."""
    entries = [
        _entry(exchange)
        for exchange in sorted(exchanges, key=lambda each: each.number)
        if exchange.note != STREAM_CLOSED
    ]
    return {
        "log": {
            "version": "1.2",
            "creator": {"name": CREATOR, "version": version},
            "pages": [],
            "entries": entries,
        }
    }


def har_text(exchanges: Iterable[Exchange], version: str) -> str:
    """In ASCII: a control character in a body (a C1 `\\x9b` too) stays an escape, so
    `cat` of the file shows it and the terminal does not act on it."""
    return json.dumps(har(exchanges, version), ensure_ascii=True, indent=2) + "\n"


def _headers(headers: tuple[tuple[str, str], ...]) -> list[dict[str, str]]:
    return [{"name": name, "value": value} for name, value in headers]


def _entry(exchange: Exchange) -> dict[str, Any]:
    request_headers = dict(exchange.request_headers)
    request: dict[str, Any] = {
        "method": exchange.method,
        "url": exchange.url,
        "httpVersion": exchange.http_version,
        "cookies": [],
        "headers": _headers(exchange.request_headers),
        "queryString": [],
        "headersSize": -1,
        "bodySize": _size(exchange.request_body) if exchange.request_body else 0,
    }
    if exchange.request_body is not None:
        request["postData"] = {
            "mimeType": request_headers.get("Content-Type", "application/json"),
            "text": exchange.request_body,
            **_cut(exchange.request_dropped),
        }
    body = exchange.response_body or ""
    entry: dict[str, Any] = {
        "startedDateTime": utc_text(exchange.at),
        "time": exchange.duration_ms,
        "request": request,
        "response": {
            "status": exchange.status or 0,
            "statusText": exchange.reason,
            "httpVersion": exchange.http_version,
            "cookies": [],
            "headers": _headers(exchange.response_headers),
            "content": {
                "size": _size(body),
                "mimeType": _content_type(exchange.response_headers),
                "text": body,
                **_cut(exchange.response_dropped),
            },
            "redirectURL": "",
            "headersSize": -1,
            "bodySize": -1,
        },
        "cache": {},
        "timings": {"send": 0, "wait": exchange.duration_ms, "receive": 0},
    }
    if exchange.error:
        entry["_error"] = exchange.error
    if exchange.note:
        entry["comment"] = exchange.note
    return entry


def _size(text: str) -> int:
    """Bytes in UTF-8 (a lone surrogate, which has none, counted as its escape is)."""
    return len(text.encode("utf-8", "backslashreplace"))


def _cut(dropped: int) -> dict[str, str]:
    return {"comment": f"cut: {dropped} more characters were not kept"} if dropped else {}


def _content_type(headers: tuple[tuple[str, str], ...]) -> str:
    return next((value for name, value in headers if name.lower() == "content-type"), "")
