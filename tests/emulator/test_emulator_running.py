"""The emulator over a real loopback socket, with a plain synchronous httpx client."""

from __future__ import annotations

import socket
import time
from email.utils import parsedate_to_datetime
from http.client import HTTPConnection

import httpx
import pytest

from tui.emulator.model.clock import FrozenClock, SystemClock
from tui.emulator.run.background import RunningEmulator
from tui.emulator.run.listener import tcp_listener
from tui.emulator.store import Store

from .support import BASE, NOW, SCENARIO_NAMES


@pytest.mark.fidelity("read")
def test_serves_reads_and_updates_over_loopback() -> None:
    store = Store(FrozenClock(NOW))
    secret = store.scenarios()[0].client_secret
    with RunningEmulator(store) as emulator:
        assert emulator.base_url == f"http://127.0.0.1:{emulator.port}"
        assert emulator.port > 0
        with httpx.Client(base_url=emulator.base_url, timeout=5) as http:
            response = http.get(f"{BASE}/{secret}", headers={"Polar-Version": "2026-10"})
            assert response.status_code == 200
            assert response.headers["Polar-Version"] == "2026-10"
            assert response.json()["url"] == f"{emulator.base_url}/checkout/{secret}"
            response = http.patch(
                f"{BASE}/{secret}",
                json={"customer_billing_address": {"country": "US", "state": "ca"}},
            )
            assert response.status_code == 422
            assert response.json()["detail"][0]["msg"] == "Value error, Invalid US state"
            response = http.patch(f"{BASE}/{secret}", json={"customer_name": "Ada Lovelace"})
            assert response.status_code == 200
        # The app reads the store directly while the server runs in its thread.
        assert emulator.store.get_json(secret)["customer_name"] == "Ada Lovelace"
    with pytest.raises(httpx.ConnectError), httpx.Client(timeout=1) as http:
        http.get(f"{emulator.base_url}{BASE}/{secret}")


def test_given_port_and_default_store() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    emulator = RunningEmulator(port=port, clock=FrozenClock(NOW))
    emulator.start()
    try:
        assert emulator.base_url == f"http://127.0.0.1:{port}"
        listed = httpx.get(f"{emulator.base_url}/emulator/scenarios", timeout=5).json()
        assert len(listed) == len(SCENARIO_NAMES)
        with pytest.raises(RuntimeError):
            emulator.start()
    finally:
        emulator.stop()


def test_answers_go_out_at_once_on_a_kept_alive_connection() -> None:
    """Nagle's algorithm is off on the emulator's connections: with it on, each answer's
    body waited about 40 ms for the client's delayed ACK (20 reads took over 0.8 s)."""
    store = Store(FrozenClock(NOW))
    secret = store.scenarios()[0].client_secret
    with RunningEmulator(store) as emulator:
        connection = HTTPConnection("127.0.0.1", emulator.port, timeout=5)
        try:
            connection.request("GET", f"{BASE}/{secret}")
            connection.getresponse().read()
            started = time.perf_counter()
            for _ in range(20):
                connection.request("GET", f"{BASE}/{secret}")
                answer = connection.getresponse()
                answer.read()
                assert answer.status == 200
            took = time.perf_counter() - started
        finally:
            connection.close()
    assert took < 0.4, f"20 reads took {took:.3f} s"


def test_the_listening_socket_is_tcp_by_number() -> None:
    """asyncio sets TCP_NODELAY only on connections whose protocol is IPPROTO_TCP; they
    inherit it from the listening socket."""
    with tcp_listener("127.0.0.1", 0) as listener:
        assert listener.proto == socket.IPPROTO_TCP
        with socket.create_connection(listener.getsockname()):
            accepted, _ = listener.accept()
            with accepted:
                assert accepted.proto == socket.IPPROTO_TCP


def test_each_answer_is_dated_when_it_is_sent() -> None:
    """The app measures the server's clock by `Date` (to the second): a header older than the
    request (uvicorn refreshes its own once a second, later when the process is busy) would
    read as a server running behind, and the countdown would jump."""
    with (
        RunningEmulator(Store(SystemClock())) as emulator,
        httpx.Client(base_url=emulator.base_url, timeout=5) as http,
    ):
        for _ in range(6):
            sent = time.time()
            response = http.get("/emulator/sessions")
            dated = parsedate_to_datetime(response.headers["Date"]).timestamp()
            assert int(sent) <= dated <= time.time()
            assert response.headers.get_list("Date") == [response.headers["Date"]]
            time.sleep(0.17)


def test_the_date_is_the_emulators_clock_moved_or_frozen() -> None:
    """QA's clock moves show where a client reads the server's time: an app's countdown
    follows `POST /emulator/clock`."""
    with (
        RunningEmulator(Store(FrozenClock(NOW))) as emulator,
        httpx.Client(base_url=emulator.base_url, timeout=5) as http,
    ):
        assert http.get("/emulator/sessions").headers["Date"] == "Fri, 01 May 2026 12:00:00 GMT"
        http.post("/emulator/clock", json={"advance": "PT30M"})
        assert http.get("/emulator/sessions").headers["Date"] == "Fri, 01 May 2026 12:30:00 GMT"
