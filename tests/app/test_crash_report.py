"""When the app dies, its crash report never prints a client secret, whole or in pieces, and
lists the edits that were not submitted, so nothing typed is lost; nothing goes to disk."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from textual import events

from tests.support import (
    REAL_LOOKING_SECRET,
    mock_app,
    secret_of,
    type_into,
    wait_loaded,
)
from tui.app import CheckoutApp
from tui.emulator.model.clock import FrozenClock
from tui.emulator.store import Store
from tui.launch import Launch
from tui.settings import resolve_server
from tui.widgets.checkout_form import CheckoutForm

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


async def _crash_after_typing(app: CheckoutApp) -> None:
    """Type a name and a note holding a secret (unsaved), then a handler raises."""

    def crash() -> None:
        raise RuntimeError("a bug")

    async with app.run_test(size=(WIDTH, 24)) as pilot:
        screen = await wait_loaded(pilot)
        await type_into(pilot, "customer_name", "Jane Doe")
        screen.query_one(CheckoutForm).fields["custom_field_data.notes"].focus_target.focus()
        await pilot.pause()
        # As a terminal delivers a paste: to the app (posted to a TextArea, it goes in twice).
        note = f"Call before noon\n[bold]not markup[/] {REAL_LOOKING_SECRET}"
        app.post_message(events.Paste(note))
        await pilot.pause()
        assert screen.unsaved == {"customer_name", "custom_field_data.notes"}
        app.call_later(crash)
        await pilot.pause()


def _serving(session: dict[str, Any]) -> httpx.MockTransport:
    return httpx.MockTransport(lambda request: httpx.Response(200, json=session))


async def test_the_crash_report_lists_the_unsaved_edits_with_secrets_masked(
    capsys: pytest.CaptureFixture[str],
    clock: FrozenClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for variable in ("HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(variable, str(tmp_path / variable))
    monkeypatch.chdir(tmp_path)
    store = Store(clock)
    session = store.get_json(secret_of(store, "custom-fields"))
    app = mock_app(_serving(session | {"client_secret": REAL_LOOKING_SECRET}), clock)
    with pytest.raises(RuntimeError):
        await _crash_after_typing(app)

    report = capsys.readouterr().err
    edits = report[report.index("Unsaved edits") :].splitlines()
    assert edits == [
        "Unsaved edits, not sent to Polar (copy them before closing this terminal):",
        "sandbox · polar_c_…OpA5",
        "  Name: Jane Doe",
        "  Anything our onboarding team should know?: Call before noon",
        " " * 45 + "[bold]not markup[/] polar_c_…OpA5",  # the second line, under the first
    ]
    assert REAL_LOOKING_SECRET not in report
    written = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert not [path for path in written if "Jane Doe" in path.read_text(errors="replace")]
