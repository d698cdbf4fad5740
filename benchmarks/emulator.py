"""The emulator the benchmarks measure against, in a process of its own (`serve.py`), and
the few admin calls they need."""

from __future__ import annotations

import json
import ssl
import subprocess
import sys
from http.client import HTTPConnection, HTTPSConnection
from pathlib import Path
from typing import Any, Final, Self
from urllib.parse import urlsplit

CA_FILE: Final = "ca.pem"
"""Where an https emulator's local CA is written, in its folder."""
CHECKOUT: Final = "/v1/checkouts/client/{secret}"
SCENARIO: Final = "one-time"
PRODUCT: Final = "Fieldnotes Pro"
"""The product of SCENARIO: its name on screen means the form is filled."""


class Emulator:
    """`python -m benchmarks.serve` running; a context manager that stops it. With
    `https_folder`, it serves https with a local CA written there (`ca_file`); with `floor`,
    it is the floor server (`floor_server`) instead; with `state`, the emulator keeps its
    state in that SQLite file (`--state`)."""

    def __init__(
        self, https_folder: Path | None = None, *, floor: bool = False, state: Path | None = None
    ) -> None:
        root = Path(__file__).resolve().parent.parent
        flags = [] if https_folder is None else ["--https", str(https_folder)]
        flags += ["--floor"] if floor else []
        flags += [] if state is None else ["--state", str(state)]
        self.ca_file = None if https_folder is None else https_folder / CA_FILE
        self._process = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.serve", *flags],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=root,
            text=True,
        )
        assert self._process.stdout is not None
        self.base_url = self._process.stdout.readline().strip()
        if not self.base_url:
            raise RuntimeError("the emulator did not start")
        address = urlsplit(self.base_url)
        self.host = address.hostname or "127.0.0.1"
        self.port = address.port or 80

    def connection(self) -> HTTPConnection:
        if self.ca_file is None:
            return HTTPConnection(self.host, self.port, timeout=30)
        trusted = ssl.create_default_context(cafile=str(self.ca_file))
        return HTTPSConnection(self.host, self.port, timeout=30, context=trusted)

    def new_session(self, scenario: str = SCENARIO) -> str:
        """A fresh session of the scenario (admin API); its client secret."""
        connection = self.connection()
        try:
            answer = request(connection, "POST", "/emulator/sessions", {"scenario": scenario})
        finally:
            connection.close()
        return str(answer.body["client_secret"])

    def stop(self) -> None:
        if self._process.poll() is None:
            assert self._process.stdin is not None
            self._process.stdin.close()
            try:
                self._process.wait(10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


class Answer:
    def __init__(self, status: int, body: Any, server_ms: float | None) -> None:
        self.status = status
        self.body = body
        self.server_ms = server_ms


def server_ms(header: str | None) -> float | None:
    """The duration in a `Server-Timing: app;dur=N` header, if any."""
    for metric in (header or "").split(","):
        name, *params = (part.strip() for part in metric.split(";"))
        for param in params:
            key, _, value = param.partition("=")
            if name == "app" and key == "dur":
                return float(value)
    return None


def request(
    connection: HTTPConnection, method: str, path: str, body: dict[str, Any] | None = None
) -> Answer:
    """One request on a (kept-alive) connection; the answer read whole."""
    payload = None if body is None else json.dumps(body)
    headers = {"Content-Type": "application/json"} if body is not None else {}
    connection.request(method, path, body=payload, headers=headers)
    response = connection.getresponse()
    content = response.read()
    parsed = json.loads(content) if content else None
    return Answer(response.status, parsed, server_ms(response.getheader("Server-Timing")))
