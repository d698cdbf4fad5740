"""The emulator under load, from stdlib clients: one keep-alive connection doing GET and
PATCH, then many clients on their own sessions while event streams stay open."""

from __future__ import annotations

import selectors
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Final

from .emulator import CHECKOUT, Emulator, request


@dataclass
class Latencies:
    """Milliseconds per request, by method, and the server's own share (Server-Timing)."""

    by_method: dict[str, list[float]] = field(default_factory=dict)
    server: dict[str, list[float]] = field(default_factory=dict)
    errors: int = 0

    def add(self, method: str, took_ms: float, server_ms: float | None) -> None:
        self.by_method.setdefault(method, []).append(took_ms)
        if server_ms is not None:
            self.server.setdefault(method, []).append(server_ms)

    def merge(self, other: Latencies) -> None:
        for method, values in other.by_method.items():
            self.by_method.setdefault(method, []).extend(values)
        for method, values in other.server.items():
            self.server.setdefault(method, []).extend(values)
        self.errors += other.errors


def _edit_and_read(emulator: Emulator, secret: str, rounds: int, into: Latencies) -> None:
    """`rounds` times a PATCH then a GET on one kept-alive connection."""
    connection = emulator.connection()
    path = CHECKOUT.format(secret=secret)
    try:
        for index in range(rounds):
            for method, body in (("PATCH", {"customer_name": f"Ada {index}"}), ("GET", None)):
                started = time.perf_counter()
                try:
                    answer = request(connection, method, path, body)
                except OSError:
                    into.errors += 1
                    connection.close()
                    continue
                into.add(method, (time.perf_counter() - started) * 1000, answer.server_ms)
                if answer.status != 200:
                    into.errors += 1
    finally:
        connection.close()


WARM_UP: Final = 20
"""Rounds first sent and not counted: the server's first answers build its caches."""


def one_client(emulator: Emulator, secret: str, rounds: int) -> Latencies:
    _edit_and_read(emulator, secret, WARM_UP, Latencies())
    latencies = Latencies()
    _edit_and_read(emulator, secret, rounds, latencies)
    return latencies


class Streams:
    """Event streams held open on their own connections, drained by one thread."""

    def __init__(self, emulator: Emulator, secrets: list[str]) -> None:
        self._selector = selectors.DefaultSelector()
        self._sockets: list[socket.socket] = []
        self._stop = threading.Event()
        self.answered: set[int] = set()
        for secret in secrets:
            sock = socket.create_connection((emulator.host, emulator.port), timeout=10)
            path = CHECKOUT.format(secret=secret) + "/stream"
            sock.sendall(
                f"GET {path} HTTP/1.1\r\nHost: {emulator.host}\r\n"
                "Accept: text/event-stream\r\n\r\n".encode()
            )
            sock.setblocking(False)
            self._selector.register(sock, selectors.EVENT_READ)
            self._sockets.append(sock)
        self._thread = threading.Thread(target=self._drain, daemon=True)
        self._thread.start()

    def _drain(self) -> None:
        while not self._stop.is_set():
            for key, _ in self._selector.select(0.1):
                sock = key.fileobj
                assert isinstance(sock, socket.socket)
                try:
                    if sock.recv(65536):
                        self.answered.add(sock.fileno())
                except BlockingIOError:
                    continue

    def wait_open(self, timeout: float = 10.0) -> int:
        """How many streams have answered, once all have or the time is up."""
        deadline = time.monotonic() + timeout
        while len(self.answered) < len(self._sockets) and time.monotonic() < deadline:
            time.sleep(0.02)
        return len(self.answered)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        for sock in self._sockets:
            self._selector.unregister(sock)
            sock.close()


def many_clients(emulator: Emulator, secrets: list[str], rounds: int) -> tuple[Latencies, int]:
    """Every secret its own client (a thread, a connection), all at once, `rounds` PATCH
    then GET each with no pause, while as many event streams stay open. Returns the
    latencies and how many streams were open."""
    streams = Streams(emulator, secrets)
    try:
        opened = streams.wait_open()
        parts = [Latencies() for _ in secrets]
        threads = [
            threading.Thread(target=_edit_and_read, args=(emulator, secret, rounds, part))
            for secret, part in zip(secrets, parts, strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        streams.close()
    total = Latencies()
    for part in parts:
        total.merge(part)
    return total, opened
