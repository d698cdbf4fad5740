"""Figures from a real terminal (our pty): launch to the filled form, peak memory with the
form on screen, and CPU per typed key in the email and tax ID fields, for our app and for
the floor app, run alternately."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from .emulator import PRODUCT
from .handler import Routes
from .terminal import Terminal

FLOOR_APP: Final = Path(__file__).with_name("floor_app.py")
FLOOR_ROUTES: Final = Routes(email=b"", tax_id=b"\t")
"""The floor types into its first bare Input, then into the next one."""
KEY_GAP: Final = 0.05
"""Seconds between typed keys: a fast typist, and room for a frame per key."""
EMAIL_KEYS: Final = "abcdefghij"
TAX_KEYS: Final = "0123456789"
TAIL: Final = 5
"""The last keys typed must be on screen: they reached the field."""


@dataclass(frozen=True, slots=True)
class Run:
    launch_s: float
    peak_mib: float
    email_key_ms: float
    tax_key_ms: float


def ours(secret: str, base_url: str) -> list[str]:
    """`polar-checkout open SECRET --server URL`, the console script as a user runs it."""
    script = Path(sys.executable).with_name("polar-checkout")
    return [str(script), "open", secret, "--server", base_url]


def floor(secret: str, base_url: str) -> list[str]:
    return [sys.executable, str(FLOOR_APP), secret, "--server", base_url]


def _key_ms(terminal: Terminal, route: bytes, alphabet: str, keys: int) -> float:
    """CPU milliseconds per key over `keys` keys typed into the field `route` leads to."""
    for code in route:  # one at a time: a field the last key shows must be there to reach
        terminal.send(bytes([code]))
        terminal.settle()
    before = terminal.cpu_seconds()
    mark = terminal.drawn()
    typed = "".join(alphabet[index % len(alphabet)] for index in range(keys))
    for key in typed:
        terminal.send(key.encode())
        time.sleep(KEY_GAP)
    terminal.settle()
    took = terminal.cpu_seconds() - before
    if typed[-TAIL:] not in terminal.text_since(mark):
        raise RuntimeError(f"the keys typed never showed: {terminal.text_since(mark)[-300:]!r}")
    return took * 1000 / keys


def launch_s(command: list[str], env: dict[str, str]) -> float:
    """Seconds from the spawn until the product name shows, with this environment."""
    with Terminal(command, env) as terminal:
        return terminal.wait_for(PRODUCT)


def run(command: list[str], routes: Routes, keys: int) -> Run:
    """One launch: until the product name shows, its memory once drawn, then typing."""
    with Terminal(command) as terminal:
        launch_s = terminal.wait_for(PRODUCT)
        terminal.settle()
        peak = terminal.peak_mib()
        email = _key_ms(terminal, routes.email, EMAIL_KEYS, keys)
        tax = _key_ms(terminal, routes.tax_id, TAX_KEYS, keys)
    return Run(launch_s, peak, email, tax)
