"""When the app dies, its crash report never prints a client secret, whole or in pieces."""

from __future__ import annotations

import pytest

from tests.support import REAL_LOOKING_SECRET
from tui.app import CheckoutApp
from tui.launch import Launch
from tui.settings import resolve_server

WIDTH = 80


def _chunks(text: str, size: int) -> set[str]:
    return {text[start : start + size] for start in range(len(text) - size + 1)}


async def _crash(app: CheckoutApp, message: str) -> None:
    """Run the app until a handler raises with the message."""

    def crash() -> None:
        raise RuntimeError(message)

    async with app.run_test(size=(WIDTH, 24)) as pilot:
        app.call_later(crash)
        await pilot.pause()


async def test_a_secret_wrapped_at_the_edge_is_masked_in_the_crash_report(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """One line of the message per offset: somewhere the secret straddles the wrap width."""
    message = "\n".join("x" * offset + REAL_LOOKING_SECRET for offset in range(WIDTH))
    with pytest.raises(RuntimeError):
        await _crash(CheckoutApp(Launch(server=resolve_server("sandbox"))), message)

    report = capsys.readouterr().err
    assert "RuntimeError" in report
    assert "polar_c_…OpA5" in report
    body = REAL_LOOKING_SECRET.removeprefix("polar_c_")
    leaked = {chunk for chunk in _chunks(body, 10) if chunk in report}
    assert not leaked, f"pieces of the secret in the crash report: {sorted(leaked)}"
