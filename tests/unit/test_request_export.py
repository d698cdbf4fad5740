"""The request log's exports: JSON lines (`--log FILE`), curl commands and HAR, written out
by hand; and no secret of any kind reaches any of them, nor the log's own rows."""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from tests.request_log_support import logged_client
from tests.unit.test_one_redactor import ALL_IN_ONE, CLIENT_SECRET, PLANTED, planted_session
from tests.unit.test_request_log import AT, new_log
from tui.polar.request_export import curl_script, json_line, summary_lines
from tui.polar.request_files import JsonLinesFile, export_name, save_export
from tui.polar.request_har import har, har_text
from tui.polar.request_log import STREAM_CLOSED, STREAM_OPENED, Exchange

URL = "https://sandbox-api.polar.sh/v1/checkouts/client/polar_c_…OpA5"
SENT = (("Polar-Version", "2026-10"), ("Accept", "application/json"), ("User-Agent", "p/1"))
JSON = (("content-type", "application/json"),)
READ = Exchange(
    number=1,
    at=AT,
    method="GET",
    url=URL,
    status=200,
    reason="OK",
    duration_ms=21,
    response_body='{"status":"open"}',
    request_headers=SENT,
    response_headers=JSON,
)
SAVE = Exchange(
    number=2,
    at=AT + timedelta(seconds=1, milliseconds=5),
    method="PATCH",
    url=URL,
    status=200,
    reason="OK",
    duration_ms=42,
    request_body='{"customer_name":"O\'Brien"}',
    response_body='{"customer_name":"O\'Brien"}',
    request_headers=(*SENT[:1], ("Content-Type", "application/json"), *SENT[1:]),
    response_headers=JSON,
)
LOST = Exchange(
    number=3,
    at=AT + timedelta(seconds=2),
    method="POST",
    url=URL + "/confirm",
    status=None,
    duration_ms=5,
    error="ConnectError",
    request_body="{}",
    request_headers=(("Content-Type", "application/json"),),
)
OPENED = Exchange(
    number=4,
    at=AT + timedelta(seconds=3),
    method="GET",
    url=URL + "/stream",
    status=200,
    duration_ms=7,
    note=STREAM_OPENED,
    request_headers=(("Accept", "text/event-stream"),),
)
CLOSED = Exchange(
    number=5,
    at=AT,
    method="GET",
    url=URL + "/stream",
    status=200,
    duration_ms=9,
    note=STREAM_CLOSED,
)

CURL = """\
#!/bin/sh
# Requests recorded by polar-checkout, oldest first. Every secret is masked: set
# POLAR_CHECKOUT_SECRET to the client secret of the session a command names.
# Running this replays every request, the writes too: a PATCH changes the session
# again, a POST to /confirm confirms it (and may charge). Run single commands.

# 1 · 2026-11-24T12:00:00.000Z · GET → 200 in 21 ms · session polar_c_…OpA5
curl -X GET https://sandbox-api.polar.sh/v1/checkouts/client/"$POLAR_CHECKOUT_SECRET" \\
  -H 'Polar-Version: 2026-10' \\
  -H 'Accept: application/json'

# 2 · 2026-11-24T12:00:01.005Z · PATCH → 200 in 42 ms · session polar_c_…OpA5
curl -X PATCH https://sandbox-api.polar.sh/v1/checkouts/client/"$POLAR_CHECKOUT_SECRET" \\
  -H 'Polar-Version: 2026-10' \\
  -H 'Content-Type: application/json' \\
  -H 'Accept: application/json' \\
  --data-raw '{"customer_name":"O'"'"'Brien"}'

# 3 · 2026-11-24T12:00:02.000Z · POST → ConnectError in 5 ms · session polar_c_…OpA5
curl -X POST https://sandbox-api.polar.sh/v1/checkouts/client/"$POLAR_CHECKOUT_SECRET"/confirm \\
  -H 'Content-Type: application/json' \\
  --data-raw '{}'

# 4 · 2026-11-24T12:00:03.000Z · GET → 200 in 7 ms · session polar_c_…OpA5
curl -N -X GET https://sandbox-api.polar.sh/v1/checkouts/client/"$POLAR_CHECKOUT_SECRET"/stream \\
  -H 'Accept: text/event-stream'
"""


def test_curl_commands_name_the_secret_as_a_variable() -> None:
    assert curl_script([CLOSED, OPENED, LOST, SAVE, READ]) == CURL


def test_the_curl_commands_run_with_the_secret_set() -> None:
    """Run by sh with a `curl` that prints its arguments: the URL has the real secret."""
    script = "curl() { printf '%s\\n' \"$@\"; }\n" + CURL
    ran = subprocess.run(
        ["sh", "-c", script],
        env={"POLAR_CHECKOUT_SECRET": CLIENT_SECRET},
        capture_output=True,
        text=True,
        check=True,
    )
    words = ran.stdout.splitlines()
    assert words[:2] == ["-X", "GET"]
    assert words[2] == f"https://sandbox-api.polar.sh/v1/checkouts/client/{CLIENT_SECRET}"
    assert '{"customer_name":"O\'Brien"}' in words


def test_a_json_line_per_exchange() -> None:
    assert json.loads(json_line(SAVE)) == {
        "time": "2026-11-24T12:00:01.005Z",
        "method": "PATCH",
        "url": URL,
        "status": 200,
        "error": "",
        "duration_ms": 42,
        "note": "",
        "request": {
            "headers": {
                "Polar-Version": "2026-10",
                "Content-Type": "application/json",
                "Accept": "application/json",
                "User-Agent": "p/1",
            },
            "body": '{"customer_name":"O\'Brien"}',
        },
        "response": {
            "headers": {"content-type": "application/json"},
            "body": '{"customer_name":"O\'Brien"}',
        },
    }
    assert "\n" not in json_line(SAVE)


def test_har_entries_with_request_response_and_timings() -> None:
    log = har([LOST, READ, CLOSED], "1.2.3")["log"]
    assert (log["version"], log["creator"]) == (
        "1.2",
        {"name": "polar-checkout", "version": "1.2.3"},
    )
    read, lost = log["entries"]
    assert read == {
        "startedDateTime": "2026-11-24T12:00:00.000Z",
        "time": 21,
        "request": {
            "method": "GET",
            "url": URL,
            "httpVersion": "HTTP/1.1",
            "cookies": [],
            "headers": [
                {"name": "Polar-Version", "value": "2026-10"},
                {"name": "Accept", "value": "application/json"},
                {"name": "User-Agent", "value": "p/1"},
            ],
            "queryString": [],
            "headersSize": -1,
            "bodySize": 0,
        },
        "response": {
            "status": 200,
            "statusText": "OK",
            "httpVersion": "HTTP/1.1",
            "cookies": [],
            "headers": [{"name": "content-type", "value": "application/json"}],
            "content": {"size": 17, "mimeType": "application/json", "text": '{"status":"open"}'},
            "redirectURL": "",
            "headersSize": -1,
            "bodySize": -1,
        },
        "cache": {},
        "timings": {"send": 0, "wait": 21, "receive": 0},
    }
    assert lost["request"]["postData"] == {"mimeType": "application/json", "text": "{}"}
    assert (lost["response"]["status"], lost["_error"]) == (0, "ConnectError")


def test_summary_lines_oldest_first_with_the_bodies_cut() -> None:
    long = Exchange(
        number=9, at=AT, method="GET", url=URL, status=500, duration_ms=3, response_body="x" * 301
    )
    assert summary_lines([long, SAVE]) == [
        "12:00:01.005 PATCH /v1/checkouts/client/polar_c_…OpA5 200 42 ms",
        '    sent: {"customer_name":"O\'Brien"}',
        '    got: {"customer_name":"O\'Brien"}',
        "12:00:00.000 GET /v1/checkouts/client/polar_c_…OpA5 500 3 ms",
        "    got: " + "x" * 300 + "…",
    ]


@pytest.fixture
def in_tokyo(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The local time zone is Tokyo's (UTC+9) for the test."""
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("in_tokyo")
def test_an_export_never_overwrites_a_file_and_is_named_in_local_time(tmp_path: Path) -> None:
    name = export_name("har", AT)  # 12:00 UTC
    assert name == "polar-requests-20261124-210000.har"
    first = save_export(tmp_path, name, "one")
    second = save_export(tmp_path, name, "two")
    assert (first.name, second.name) == (name, "polar-requests-20261124-210000-2.har")
    assert first.read_text(encoding="utf-8") == "one"
    assert export_name("curl", AT).endswith(".sh")


async def test_no_secret_reaches_any_channel(tmp_path: Path) -> None:
    """Each kind of secret, in the path, the body sent, the answer and its headers: the
    log's rows, the JSON lines file, the curl commands and the HAR hold none whole."""

    def echo(request: httpx.Request) -> httpx.Response:
        headers = {"X-Debug": ALL_IN_ONE, "Content-Location": request.url.path}
        return httpx.Response(200, json=planted_session(), headers=headers)

    log = new_log()
    lines = tmp_path / "requests.jsonl"
    JsonLinesFile(lines).attach(log)
    client = logged_client(echo, log)
    try:
        await client.update(CLIENT_SECRET, {"customer_name": ALL_IN_ONE, "x": {"y": CLIENT_SECRET}})
    finally:
        await client.aclose()
    [exchange] = log.entries()
    channels = {
        "rows": "\n".join([exchange.summary(), *summary_lines(log.entries())]),
        "file": lines.read_text(encoding="utf-8"),
        "curl": curl_script(log.entries()),
        "har": har_text(log.entries(), "1"),
    }
    assert channels["file"].count("\n") == 1
    for name, text in channels.items():
        for secret in PLANTED:
            assert secret not in text, f"{secret[:12]} in {name}"
    assert "polar_c_\\u2026OpA5" in channels["har"]  # the HAR is ASCII: `…` escaped
