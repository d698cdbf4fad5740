"""`serve`: the emulator in the foreground, stopped by Ctrl+C; bad files and busy ports."""

from __future__ import annotations

import queue
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest

from tui.emulator.model.ids import stable_secret
from tui.emulator.run.foreground import serve

from .conftest import ContractGuard
from .support import BASE

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "scenarios.example.toml"
TIMEOUT = 10.0
V2027 = {"Polar-Version": "2027-01"}


def start(scenarios: Path, versions: str) -> tuple[subprocess.Popen[str], queue.Queue[str]]:
    """`serve` in a child process on a free port, and a queue of its stdout lines."""
    code = (
        "import sys; from pathlib import Path; from tui.emulator.run.foreground import serve; "
        f"sys.exit(serve('127.0.0.1', 0, Path({str(scenarios)!r}), versions={versions!r}))"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert child.stdout is not None
        for line in child.stdout:
            lines.put(line.rstrip("\n"))

    threading.Thread(target=pump, daemon=True).start()
    return child, lines


def banner(lines: queue.Queue[str]) -> list[str]:
    """Stdout up to and including the admin hint (the last line printed before serving)."""
    printed = [lines.get(timeout=TIMEOUT)]
    while not printed[-1].startswith("Admin API: "):
        printed.append(lines.get(timeout=TIMEOUT))
    return printed


def test_serves_until_ctrl_c_then_exits_cleanly(contract_guard: ContractGuard) -> None:
    """Also with `--versions` leaving 2026-04 out, as QA rehearses its retirement."""
    name, product = "zine-tip", "Quillstone Quarterly (pay what you want)"
    child, lines = start(EXAMPLE, "2027-01, 2026-10")
    try:
        printed = banner(lines)
        first = printed[0]
        assert first.startswith("Polar checkout emulator on http://127.0.0.1:")
        assert first.endswith(" (Ctrl+C to stop)")
        base_url = first.split(" on ")[1].split(" ")[0]
        assert printed[1] == "API versions (Polar-Version): 2026-10, 2027-01"
        assert printed[2] == "Sessions:"
        sessions = dict(line.split() for line in printed[3:-2])
        assert len(sessions) == 9
        assert sessions[name] == stable_secret(name)
        assert printed[-2] == (
            f"Test checkout page (Pay and Decline buttons): {base_url}/checkout/{{secret}}"
        )
        assert printed[-1].startswith(f"Admin API: {base_url}/emulator/ - GET|POST sessions")
        secret_path = f"{base_url}{BASE}/{sessions[name]}"
        response = httpx.get(secret_path, headers=V2027, timeout=5)
        assert response.json()["product"]["name"] == product
        with contract_guard.exempt():  # the contract serves 2026-04: this emulator retired it
            retired = httpx.get(secret_path, headers={"Polar-Version": "2026-04"}, timeout=5)
        assert (retired.status_code, retired.json()) == (404, {"detail": "Not Found"})
        assert response.json()["url"] == f"{base_url}/checkout/{sessions[name]}"
        page = httpx.get(response.json()["url"], timeout=5)
        assert page.status_code == 200
        assert f"<h1>{product}</h1>" in page.text
        # An open event stream ends at once on Ctrl+C instead of holding the shutdown.
        with httpx.stream("GET", f"{secret_path}/stream", headers=V2027, timeout=TIMEOUT) as stream:
            assert stream.status_code == 200
            child.send_signal(signal.SIGINT)
            assert list(stream.iter_lines()) == []
        assert child.wait(timeout=TIMEOUT) == 0
        assert lines.get(timeout=TIMEOUT) == "Emulator stopped."
    finally:
        child.kill()
        _, errors = child.communicate()
    assert errors == ""


def test_a_bad_scenarios_file_prints_every_problem_and_returns_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "scenarios.json"
    path.write_text(
        '{"organizations": [{"slug": "acme", "name": "Acme"}],'
        ' "products": [{"key": "a", "organization": "acme", "name": "A",'
        ' "prices": [{"amount_type": "fixed", "currency": "usd", "amount": -5}]}],'
        ' "sessions": [{"name": "s"}]}',
        encoding="utf-8",
    )
    assert serve("127.0.0.1", 0, path) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        f"{path}: products[0].prices[0].amount: Input should be greater than or equal to 0",
        f"{path}: sessions[0].product: Field required",
    ]


@pytest.mark.parametrize(
    ("versions", "message"),
    [
        (
            "2026-10,2025-01",
            "--versions: unknown API version 2025-01 (known: 2026-04, 2026-10, 2027-01)",
        ),
        (" , ", "--versions: name at least one API version"),
    ],
)
def test_a_bad_version_list_is_a_clear_message(
    capsys: pytest.CaptureFixture[str], versions: str, message: str
) -> None:
    assert serve("127.0.0.1", 0, None, versions=versions) == 2
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", f"{message}\n")


def test_an_unusable_address_is_a_clear_message(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        assert serve("127.0.0.1", port, None) == 2
    assert serve("127.0.0.1", 70000, None) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        f"Cannot listen on 127.0.0.1:{port}: Address already in use.",
        "Cannot listen on 127.0.0.1:70000: the port must be between 0 and 65535.",
    ]
