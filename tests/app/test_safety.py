"""Untrusted text stays text, and a real session's secret is never shown in full."""

from __future__ import annotations

from typing import Any

import pytest
from rich.cells import cell_len
from textual.geometry import Offset
from textual.pilot import Pilot

from tests.support import (
    REAL_LOOKING_SECRET,
    ScriptedPolar,
    banner,
    mock_app,
    one_time_body,
    screen_text,
    type_into,
    wait_loaded,
    wait_until,
)
from tui.emulator.model.clock import FrozenClock
from tui.polar.secret import mask_secret

HOSTILE = "[@click=app.quit]x[/]"
HOSTILE_LINK = "[link=https://e.vil]Licence[/link]"


def drawn_at(pilot: Pilot[Any], text: str) -> list[Offset]:
    """The screen cell of the first character of each place where `text` is drawn whole."""
    # The compositor's strips are the screen exactly as drawn, one per terminal line.
    strips = pilot.app.screen._compositor.render_strips()
    found = []
    for y, strip in enumerate(strips):
        line = strip.text
        start = line.find(text)
        while start != -1:
            found.append(Offset(cell_len(line[:start]), y))
            start = line.find(text, start + 1)
    return found


def cells_of(start: Offset, text: str) -> list[Offset]:
    """The cells a one-cell-per-character text occupies from `start`."""
    return [Offset(start.x + dx, start.y) for dx in range(len(text))]


async def test_markup_in_server_strings_is_shown_literally(
    clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = one_time_body(clock)
    body["product"]["name"] = HOSTILE
    body["products"][0]["name"] = HOSTILE
    other = {**body["products"][0], "id": "6f4f0d0e-8d6b-4f0e-9c1a-2b7d3e4f5a61", "name": "Other"}
    body["products"].append(other)  # two products: the choice between them shows the names
    body["product"]["description"] = f"[bold red]not bold[/] {HOSTILE_LINK} \x1b[31mno escape"
    body["organization"]["name"] = "[b]Acme[/b]"
    body["customer_name"] = "[b]Jane[/b]"
    app = mock_app(ScriptedPolar(body).transport(), clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        text = screen_text(pilot)
        assert "[bold red]not bold[/]" in text
        assert "[b]Acme[/b]" in text
        hostile = drawn_at(pilot, HOSTILE)
        link = drawn_at(pilot, HOSTILE_LINK)
        # The product's name is drawn twice (the summary, the product choice), the description once.
        assert len(hostile) == 2, f"{HOSTILE} is not drawn as those characters everywhere"
        assert len(link) == 1, f"{HOSTILE_LINK} is not drawn as those characters"

        cells = [cell for start in hostile for cell in cells_of(start, HOSTILE)]
        cells += [cell for start in link for cell in cells_of(start, HOSTILE_LINK)]
        for cell in cells:
            style = app.screen.get_style_at(*cell)
            assert "@click" not in style.meta, f"a click at {cell} would run an action"
            assert style.link is None, f"{cell} is a terminal hyperlink"

        ran: list[object] = []
        run_action = app.run_action

        async def record(action: Any, *args: Any, **kwargs: Any) -> bool:
            ran.append(action)
            return await run_action(action, *args, **kwargs)

        monkeypatch.setattr(app, "run_action", record)
        for start in hostile:
            drawn = cells_of(start, HOSTILE)
            for cell in (drawn[0], drawn[HOSTILE.index("x")], drawn[-1]):
                await pilot.click(offset=cell)
        for start in link:
            await pilot.click(offset=cells_of(start, HOSTILE_LINK)[HOSTILE_LINK.index("Licence")])
        await pilot.pause()
        assert ran == []
        assert app.is_running


async def test_markup_typed_by_the_user_is_kept_as_typed(clock: FrozenClock) -> None:
    polar = ScriptedPolar(one_time_body(clock))
    async with mock_app(polar.transport(), clock).run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        await type_into(pilot, "customer_name", HOSTILE)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: bool(polar.bodies))
        assert polar.bodies[0] == {"customer_name": HOSTILE}


async def test_real_secret_is_masked_on_screen_and_in_errors(clock: FrozenClock) -> None:
    import httpx

    failure = httpx.ConnectError(f"cannot reach /v1/checkouts/client/{REAL_LOOKING_SECRET}")
    polar = ScriptedPolar(one_time_body(clock), patches=[failure])
    async with mock_app(polar.transport(), clock).run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        assert mask_secret(REAL_LOOKING_SECRET) in screen_text(pilot)
        await type_into(pilot, "customer_name", "Jane")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "Cannot reach" in banner(pilot))
        assert REAL_LOOKING_SECRET not in screen_text(pilot)
        assert REAL_LOOKING_SECRET not in banner(pilot)


async def test_real_secret_never_reaches_a_log_record(
    clock: FrozenClock, caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    caplog.set_level(logging.DEBUG)
    polar = ScriptedPolar(one_time_body(clock))
    async with mock_app(polar.transport(), clock).run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        await type_into(pilot, "customer_name", "Jane")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: bool(polar.bodies))
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "HTTP Request" in logged
    assert mask_secret(REAL_LOOKING_SECRET) in logged
    assert REAL_LOOKING_SECRET not in logged


async def test_terminal_controls_from_the_server_are_neutralised(clock: FrozenClock) -> None:
    body = one_time_body(clock)
    body["product"]["name"] = "Evil\x1b]2;PWNED\x07\x1b[2J"
    body["products"][0]["name"] = body["product"]["name"]
    body["total_amount"] = 10**30
    app = mock_app(ScriptedPolar(body).transport(), clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        await pilot.pause(1.2)
        text = screen_text(pilot)
        assert "\x1b" not in text
        assert "Evil\ufffd]2;PWNED\ufffd\ufffd[2J" in text
        assert "$10,000,000,000,000,000,000,000,000,000.00" in text
        assert app.is_running


async def test_a_crash_report_never_shows_the_secret(
    clock: FrozenClock, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    from tui.screens.checkout import CheckoutScreen

    def explode(self: CheckoutScreen) -> None:
        secret = self.secret
        raise RuntimeError(f"unexpected for {secret}")

    monkeypatch.setattr(CheckoutScreen, "_tick", explode)
    app = mock_app(ScriptedPolar(one_time_body(clock)).transport(), clock)
    with pytest.raises(RuntimeError):
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause(1.5)
    report = capfd.readouterr().err
    assert "RuntimeError" in report
    assert mask_secret(REAL_LOOKING_SECRET) in report
    assert REAL_LOOKING_SECRET not in report
