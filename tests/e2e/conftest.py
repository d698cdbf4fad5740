"""Fixtures of the end-to-end tests."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tui.demo import Demo


@pytest.fixture
def fault_room(demo: Demo) -> Iterator[None]:
    """An empty request journal to count in; no fault left pending afterwards."""
    with httpx.Client(base_url=demo.base_url, transport=plain()) as emulator:
        emulator.delete("/emulator/requests").raise_for_status()
        yield
        emulator.delete("/emulator/faults").raise_for_status()


def plain() -> httpx.HTTPTransport:
    """A transport for plain http on loopback: no CA bundle to load (60 ms a client)."""
    return httpx.HTTPTransport(verify=False)
