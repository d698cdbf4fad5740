"""`--log FILE` (`open`, `demo`, `apply`): every exchange appended to FILE as a JSON line,
masked; nothing written without it; a file that cannot be written stops the command before
anything starts."""

from __future__ import annotations

import json
import os
from pathlib import Path

import httpx
import pytest

from tests.apply.running import Ran, apply_over
from tests.request_log_support import logged_client
from tests.support import ScriptedPolar
from tests.unit.test_cli import SECRET, launch
from tests.unit.test_one_redactor import CLIENT_SECRET, PLANTED, planted_session
from tui.cli import main, parse_args
from tui.log_option import LogNotWritable
from tui.polar.request_log import RequestLog


async def one_read(log: RequestLog) -> None:
    client = logged_client(lambda request: httpx.Response(404, json={}), log)
    try:
        await client.fetch_stored(SECRET)
    finally:
        await client.aclose()


async def test_open_with_log_appends_a_masked_line_per_exchange(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text("kept\n", encoding="utf-8")
    await one_read(launch(["open", SECRET, "--log", str(path)]).request_log)
    first, line = path.read_text(encoding="utf-8").splitlines()
    assert first == "kept"
    record = json.loads(line)
    assert (record["method"], record["status"]) == ("GET", 404)
    assert record["url"] == "https://sandbox-api.polar.sh/v1/checkouts/client/polar_c_…Ab3x"
    assert SECRET not in line


async def test_without_log_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    log = launch(["open", SECRET]).request_log
    await one_read(log)
    assert len(log.entries()) == 1
    assert os.listdir(tmp_path) == []


def test_a_log_that_cannot_be_written_stops_open(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "wire.jsonl"
    with pytest.raises(LogNotWritable) as raised:
        launch(["open", SECRET, "--log", str(missing)])
    assert str(raised.value) == f"--log: cannot write {missing}: No such file or directory"


def test_a_log_that_cannot_be_written_stops_the_demo_before_it_starts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """(`--smoke`: should the check ever be lost, the demo ends by itself, not hangs.)"""
    missing = tmp_path / "no-such-folder" / "wire.jsonl"
    assert main(["demo", "--smoke", "--log", str(missing)]) == 2
    assert capsys.readouterr().err == (
        f"polar-checkout: --log: cannot write {missing}: No such file or directory\n"
    )


def test_demo_takes_log() -> None:
    assert parse_args(["demo", "--log", "wire.jsonl"]).log == Path("wire.jsonl")


def _apply_name(
    capsys: pytest.CaptureFixture[str], transport: httpx.MockTransport, log: Path
) -> Ran:
    """`apply SECRET --server sandbox --set customer_name=Ada --log LOG` over `transport`."""
    return apply_over(
        capsys, transport, CLIENT_SECRET, "--server", "sandbox", "--set", "customer_name=Ada",
        "--log", str(log),
    )  # fmt: skip


def test_apply_with_log_writes_its_exchanges_masked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "apply.jsonl"
    polar = ScriptedPolar(planted_session())
    ran = _apply_name(capsys, polar.transport(), path)
    assert ran.code == 0, ran.err
    text = path.read_text(encoding="utf-8")
    records = [json.loads(line) for line in text.splitlines()]
    assert [(record["method"], record["status"]) for record in records] == [
        ("GET", 200),
        ("PATCH", 200),
    ]
    assert records[1]["request"]["body"] == '{"customer_name":"Ada"}'
    for secret in PLANTED:
        assert secret not in text


def test_apply_says_on_stderr_when_its_log_stops(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The file turns into a folder while the first request is out, as a full disk would
    stop it: apply goes on, and says so once."""
    path = tmp_path / "apply.jsonl"

    def break_the_log(request: httpx.Request) -> httpx.Response:
        if path.is_file():
            path.unlink()
            path.mkdir()
        return httpx.Response(200, json=planted_session())

    ran = _apply_name(capsys, httpx.MockTransport(break_the_log), path)
    assert ran.code == 0, ran.err
    assert ran.err.count("writing stopped") == 1
    assert f"--log {path}: writing stopped: Is a directory\n" in ran.err
