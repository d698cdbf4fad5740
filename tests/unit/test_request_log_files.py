"""The request log on disk and on a terminal: `--log FILE` and exports are private to their
owner, survive a body no encoder takes (a lone surrogate), say once when writing stops,
leave no empty file behind; nothing printed or written carries a raw control character."""

from __future__ import annotations

import json
import os
import stat
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.request_log_support import logged_client
from tests.unit.test_one_redactor import CLIENT_SECRET
from tests.unit.test_request_export import READ, SAVE
from tests.unit.test_request_log import new_log
from tui.polar import errors
from tui.polar.request_export import curl_script, json_line
from tui.polar.request_files import JsonLinesFile, save_export
from tui.polar.request_har import har_text
from tui.polar.request_log import RequestLog
from tui.tapes.run import report_requests

SURROGATE = b'{"detail":"\\ud800"}'
"""What a server may send: valid JSON, whose string is no valid Unicode."""


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def reads(answer: httpx.Response, log: RequestLog, count: int = 1) -> None:
    """`count` reads of a session that is not found."""
    client = logged_client(lambda request: answer, log)
    try:
        for _ in range(count):
            with pytest.raises(errors.NotFound):
                await client.get(CLIENT_SECRET)
    finally:
        await client.aclose()


async def test_the_log_file_takes_a_lone_surrogate_and_the_answer_stays_the_answer(
    tmp_path: Path,
) -> None:
    log = new_log()
    path = tmp_path / "wire.jsonl"
    JsonLinesFile(path).attach(log)
    await reads(httpx.Response(404, content=SURROGATE), log)
    [line] = path.read_text(encoding="utf-8").splitlines()
    assert '"body":"{\\"detail\\":\\"\\ud800\\"}"' in line
    assert mode(path) == 0o600


async def test_a_log_file_that_stops_working_says_so_once(tmp_path: Path) -> None:
    log = new_log()
    path = tmp_path / "wire.jsonl"
    JsonLinesFile(path).attach(log)
    told: list[str] = []
    log.listen_for_problems(told.append)
    path.unlink()
    path.mkdir()  # writing to it now fails, as a full disk would
    await reads(httpx.Response(404, json={}), log, count=2)
    assert told == [f"--log {path}: writing stopped: Is a directory"]


def test_an_export_takes_a_lone_surrogate_and_is_private(tmp_path: Path) -> None:
    odd = replace(READ, response_body='{"detail":"\ud800"}')
    saved = save_export(tmp_path, "a.har", har_text([odd], "1"))
    [entry] = json.loads(saved.read_text(encoding="utf-8"))["log"]["entries"]
    assert entry["response"]["content"]["text"] == '{"detail":"\ud800"}'
    assert mode(saved) == 0o600


def test_an_export_that_fails_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(descriptor: int, *args: Any, **kwargs: Any) -> Any:
        os.close(descriptor)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdopen", full)
    with pytest.raises(OSError, match="No space"):
        save_export(tmp_path, "a.sh", "curl")
    assert os.listdir(tmp_path) == []


async def test_no_control_character_reaches_a_terminal() -> None:
    """A proxy's page with escapes and lines, and a C1 CSI: replaced, the indent kept."""
    page = "<h1>\x1b]0;x\x07Bad</h1>\n<p>\x9b2J</p>"
    log = new_log()
    client = logged_client(lambda request: httpx.Response(502, text=page), log)
    with pytest.raises(errors.ServerFailed):
        await client.get(CLIENT_SECRET)
    await client.aclose()
    printed: list[str] = []
    report_requests(log, printed.append)
    assert printed[1:-1] == [
        "12:00:00.000 GET /v1/checkouts/client/polar_c_…OpA5 502 21 ms",
        "    got: <h1>\ufffd]0;x\ufffdBad</h1>",
        "      <p>\ufffd2J</p>",
    ]
    line = json_line(replace(SAVE, response_body=page))
    assert "\\u001b]0;x\\u0007" in line
    assert "\\u009b2J" in line
    assert not any(0x80 <= ord(char) <= 0x9F or ord(char) < 0x20 for char in line)


def test_a_har_says_when_the_log_cut_a_body() -> None:
    cut = replace(SAVE, request_dropped=7, response_dropped=5)
    [entry] = json.loads(har_text([cut], "1"))["log"]["entries"]
    assert entry["request"]["postData"]["comment"] == "cut: 7 more characters were not kept"
    assert entry["response"]["content"]["comment"] == "cut: 5 more characters were not kept"
    assert (
        "comment"
        not in json.loads(har_text([SAVE], "1"))["log"]["entries"][0]["response"]["content"]
    )


def test_a_log_file_from_before_is_made_private(tmp_path: Path) -> None:
    """Earlier versions wrote `--log` files 0644: one of ours is now 0600, its lines kept."""
    path = tmp_path / "wire.jsonl"
    path.write_text("earlier\n", encoding="utf-8")
    path.chmod(0o644)
    JsonLinesFile(path).attach(new_log())
    assert mode(path) == 0o600
    assert path.read_text(encoding="utf-8") == "earlier\n"


def test_a_har_keeps_control_characters_as_escapes() -> None:
    """A C1 CSI (`\\x9b`) in a body is written as `\\u009b`: `cat` of the file is safe."""
    text = har_text([replace(SAVE, response_body='"\x9b2J é"')], "1")
    assert '"text": "\\"\\u009b2J \\u00e9\\""' in text
    assert text.isascii()


def test_a_curl_command_says_when_the_log_cut_its_body() -> None:
    lines = curl_script([replace(SAVE, request_dropped=7)]).splitlines()
    at = lines.index(
        'curl -X PATCH https://sandbox-api.polar.sh/v1/checkouts/client/"$POLAR_CHECKOUT_SECRET" \\'
    )
    assert lines[at - 2 : at] == [
        "# 2 · 2026-11-24T12:00:01.005Z · PATCH → 200 in 42 ms · session polar_c_…OpA5",
        "# Its body is cut: the log keeps 256 KB; 7 more characters were not kept.",
    ]
    assert "cut" not in curl_script([SAVE])
