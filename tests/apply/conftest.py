"""What the apply tests share."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tui.demo import Demo


@pytest.fixture
def faults(demo: Demo) -> Iterator[str]:
    """The emulator's fault endpoint; whatever a test leaves there is cleared after it."""
    url = f"{demo.base_url}/emulator/faults"
    yield url
    httpx.delete(url)
