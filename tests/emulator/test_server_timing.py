"""Every answer of the running emulator says how long the emulator itself took
(`Server-Timing`), so a client can subtract the server's share from a round trip."""

from __future__ import annotations

import json
import re
from http.client import HTTPConnection

from tui.emulator.model.clock import FrozenClock
from tui.emulator.run.background import RunningEmulator
from tui.emulator.store import Store

from .support import BASE, NOW

TIMING = re.compile(r"^app;dur=(\d+\.\d{3})$")


def _duration(connection: HTTPConnection, method: str, path: str, body: object = None) -> float:
    payload = None if body is None else json.dumps(body)
    headers = {} if body is None else {"Content-Type": "application/json"}
    connection.request(method, path, body=payload, headers=headers)
    response = connection.getresponse()
    response.read()
    match = TIMING.match(response.getheader("Server-Timing") or "")
    assert match is not None, f"{method} {path}: {response.getheader('Server-Timing')!r}"
    return float(match.group(1))


def test_every_answer_carries_the_servers_own_time() -> None:
    store = Store(FrozenClock(NOW))
    secret = store.scenarios()[0].client_secret
    with RunningEmulator(store) as emulator:
        connection = HTTPConnection("127.0.0.1", emulator.port, timeout=5)
        try:
            _duration(connection, "GET", f"{BASE}/{secret}")
            _duration(connection, "PATCH", f"{BASE}/{secret}", {"customer_name": "Ada"})
            _duration(connection, "GET", f"{BASE}/polar_c_unknown")  # a 404 too
            _duration(connection, "GET", "/emulator/sessions")
            fault = {"path": f"{BASE}/{secret}", "count": 1, "delay_ms": 60}
            _duration(connection, "POST", "/emulator/faults", fault)
            assert _duration(connection, "GET", f"{BASE}/{secret}") >= 60.0
        finally:
            connection.close()
