"""A program in a real terminal of our own (a pty), watched from outside: when a text first
shows, how much CPU it has used, its peak memory. Linux only (`/proc`)."""

from __future__ import annotations

import fcntl
import os
import re
import signal
import struct
import subprocess
import termios
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Final, Self

COLUMNS: Final = 120
ROWS: Final = 40
ESCAPES: Final = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")
"""CSI, OSC and two-byte escape sequences: what is left is the text drawn."""


class Terminal:
    """`command` running in a pty of COLUMNS × ROWS; a context manager that kills it."""

    def __init__(self, command: Sequence[str], env: dict[str, str] | None = None) -> None:
        self.started = time.monotonic()
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        environment = {**(env or os.environ), "TERM": "xterm-256color", "COLORTERM": "truecolor"}
        self._process = subprocess.Popen(
            list(command),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=environment,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self._master = master
        self._text = bytearray()
        self._changed = threading.Condition()
        self.last_output = time.monotonic()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    @property
    def pid(self) -> int:
        return self._process.pid

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self._master, 65536)
            except OSError:
                chunk = b""
            with self._changed:
                self.last_output = time.monotonic()
                if not chunk:
                    self._changed.notify_all()
                    return
                self._text += chunk
                self._changed.notify_all()

    def wait_for(self, text: str, timeout: float = 30.0) -> float:
        """Seconds from the spawn until `text` was first drawn (escapes aside)."""
        wanted = text.encode()
        deadline = time.monotonic() + timeout
        with self._changed:
            while wanted not in ESCAPES.sub(b"", bytes(self._text)):
                left = deadline - time.monotonic()
                if left <= 0 or self._process.poll() is not None:
                    tail = ESCAPES.sub(b"", bytes(self._text[-2000:]))
                    raise TimeoutError(f"{text!r} never showed; last drawn: {tail[-400:]!r}")
                self._changed.wait(min(left, 0.05))
            return time.monotonic() - self.started

    def drawn(self) -> int:
        """A mark in the output, for `text_since`."""
        with self._changed:
            return len(self._text)

    def text_since(self, mark: int) -> str:
        """The text drawn since the mark, escapes aside."""
        with self._changed:
            drawn = bytes(self._text[mark:])
        return ESCAPES.sub(b"", drawn).decode(errors="replace")

    def send(self, keys: bytes) -> None:
        os.write(self._master, keys)

    def settle(self, quiet: float = 0.2, timeout: float = 5.0) -> None:
        """Wait until nothing has been drawn for `quiet` seconds, at least `quiet` from now
        (a blinking cursor redraws twice a second, so this returns between blinks)."""
        time.sleep(quiet)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if time.monotonic() - self.last_output >= quiet:
                return
            time.sleep(0.02)

    def cpu_seconds(self) -> float:
        """CPU time of the process so far, all its live threads, to the nanosecond
        (`schedstat`; `stat`'s user and system times count in 10 ms ticks)."""
        total = 0
        for task in Path(f"/proc/{self.pid}/task").iterdir():
            try:
                total += int((task / "schedstat").read_text(encoding="ascii").split()[0])
            except (FileNotFoundError, ProcessLookupError):
                continue  # the thread ended meanwhile
        return total / 1e9

    def peak_mib(self) -> float:
        """The process's peak resident memory (VmHWM) in MiB."""
        with open(f"/proc/{self.pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        raise RuntimeError("no VmHWM in /proc status")

    def close(self) -> None:
        if self._process.poll() is None:
            os.killpg(self._process.pid, signal.SIGKILL)
        self._process.wait()
        self._reader.join(2)
        os.close(self._master)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
