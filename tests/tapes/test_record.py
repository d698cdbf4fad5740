"""`--record`: what a person does becomes a tape that parses, reads as they did it, and
replays to the same stored session; a real session's secret never reaches the file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot

from tests.support import (
    REAL_LOOKING_SECRET,
    ScriptedPolar,
    one_time_body,
    open_scenario,
    polar_error,
    screen_text,
    secret_of,
    wait_loaded,
    wait_until,
)
from tui.demo import Demo, start_demo
from tui.emulator.model.clock import FrozenClock
from tui.launch import Launch
from tui.polar.secret import SessionRef
from tui.settings import resolve_server
from tui.tapes.parse import parse_text
from tui.tapes.record import RecordingApp, TapeWriter, press_line, quote
from tui.tapes.run import RunOptions, run_tape

RECORDED = """\
# recorded by polar-checkout; replay: polar-checkout tape run FILE
size 100x32
open demo one-time
type "Adx"
press backspace
type "a"
focus customer_email
paste "ada@example.com"
focus country
type "DE"
press enter
focus is_business_customer
press space
press ctrl+s
wait "Saved."
focus customer_billing_name
type "AE"
focus customer_tax_id
focus discount_code
press ctrl+p
type "Submit"
press enter
wait "Saved."
"""
STORED = {
    "customer_name": "Ada",
    "customer_email": "ada@example.com",
    "is_business_customer": True,
    "customer_billing_name": "AE",
    "country": "DE",
}


def paste_as_terminal(pilot: Pilot[Any], text: str) -> None:
    """A bracketed paste reaches the app first, as the terminal driver delivers it."""
    pilot.app.post_message(events.Paste(text))


async def click_as_terminal(pilot: Pilot[Any], selector: str) -> None:
    """A click as the terminal driver delivers it: mouse down and up, through the app
    (Textual's pilot hands mouse events to the screen, past the app)."""
    region = pilot.app.screen.query_one(selector).region
    for kind in (events.MouseDown, events.MouseUp):
        x, y = region.x + 1, region.y
        pilot.app.post_message(kind(None, x, y, 0, 0, 1, False, False, False, x, y))
    await pilot.pause()


def saved(pilot: Pilot[Any]) -> bool:
    return "Saved." in screen_text(pilot)


def customer(session: dict[str, Any]) -> dict[str, Any]:
    """What the person set, as the server stores it."""
    keys = ("customer_name", "customer_email", "is_business_customer", "customer_billing_name")
    return {key: session[key] for key in keys} | {
        "country": session["customer_billing_address"]["country"]
    }


async def test_a_recorded_session_reads_as_done_and_replays_to_the_same_session(
    tmp_path: Path, demo: Demo, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "recorded.tape"
    launch = Launch(server=resolve_server(demo.base_url), demo=demo, live=False)
    app = RecordingApp(launch, TapeWriter.create(path), clock=clock.now)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await open_scenario(pilot, "one-time")
        await pilot.press(*"Adx", "backspace", "a", "tab")
        paste_as_terminal(pilot, "ada@example.com")
        await click_as_terminal(pilot, "#country-input")
        await pilot.press(*"DE", "enter")
        await click_as_terminal(pilot, "#is_business_customer")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: saved(pilot))
        await pilot.press("tab", *"AE", "tab", "tab", "ctrl+p", *"Submit")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_until(pilot, lambda: stored(demo)["customer_billing_name"] is not None)
        await wait_until(pilot, lambda: saved(pilot))
    text = path.read_text(encoding="utf-8")
    parse_text(text, "recorded.tape")
    assert text == RECORDED
    assert customer(stored(demo)) == STORED

    replayed: list[Demo] = []

    def keep(scenarios: Path | None) -> Demo:
        replayed.append(start_demo(scenarios))
        return replayed[-1]

    monkeypatch.setattr("tui.tapes.actions.start_demo", keep)
    lines: list[str] = []
    tape = parse_text(text, "recorded.tape")
    assert await run_tape(tape, RunOptions(out=tmp_path), lines.append), "\n".join(lines)
    (fresh,) = replayed
    session = fresh.store.list_sessions()[-1]
    assert session.scenario == "one-time"
    assert customer(fresh.store.get_json(session.client_secret)) == STORED


def stored(demo: Demo) -> dict[str, Any]:
    return demo.store.get_json(secret_of(demo.store, "one-time"))


REAL_SESSION = """\
# recorded by polar-checkout; replay: polar-checkout tape run FILE
size 100x32
open env:POLAR_CHECKOUT_SECRET
paste "polar_c_…OpA5"
press ctrl+s
wait "Polar refused the changes"
press ctrl+u
type "Ada"
press ctrl+s
wait "Saved."
"""


@pytest.mark.parametrize("opened", ["from the command line", "pasted on the start screen"])
async def test_a_real_session_is_recorded_without_its_secret(
    tmp_path: Path, clock: FrozenClock, opened: str
) -> None:
    refusal = polar_error(
        422,
        "RequestValidationError",
        [{"type": "value_error", "loc": ["body", "customer_name"], "msg": "Not a name"}],
    )
    polar = ScriptedPolar(one_time_body(clock), patches=[refusal])
    on_start_screen = opened == "pasted on the start screen"
    ref = None if on_start_screen else SessionRef(REAL_LOOKING_SECRET)
    launch = Launch(server=resolve_server("sandbox"), ref=ref, live=False)
    path = tmp_path / "real.tape"
    app = RecordingApp(
        launch, TapeWriter.create(path), clock=clock.now, transport=polar.transport()
    )
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        if on_start_screen:
            await pilot.pause()
            paste_as_terminal(pilot, REAL_LOOKING_SECRET)
            await pilot.press("enter")
        await wait_loaded(pilot)
        paste_as_terminal(pilot, REAL_LOOKING_SECRET)  # into the name, by mistake
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "Polar refused" in screen_text(pilot))
        await pilot.press("ctrl+u", *"Ada", "ctrl+s")
        await wait_until(pilot, lambda: saved(pilot))
    assert polar.bodies == [{"customer_name": REAL_LOOKING_SECRET}, {"customer_name": "Ada"}]
    text = path.read_text(encoding="utf-8")
    parse_text(text, "real.tape")
    assert text == REAL_SESSION
    assert REAL_LOOKING_SECRET not in text


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('say "hi"', '"say \\"hi\\""'),
        ("C:\\tmp # not a comment", '"C:\\\\tmp # not a comment"'),
        ("two\nlines\tand a tab", '"two\\nlines\\tand a tab"'),
        ("Zoë Ünal", '"Zoë Ünal"'),
        ("a\u2028b\x85c\u00a0d", '"a\\u2028b\\u0085c\\u00a0d"'),
    ],
)
def test_text_is_quoted_as_the_parser_reads_it(text: str, quoted: str) -> None:
    assert quote(text) == quoted
    (step,) = parse_text(f"paste {quoted}").steps
    assert step.source == f"paste {quoted}"
    assert step.text == text  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("key", "line"),
    [
        (events.Key("shift+tab", None), "press shift+tab"),
        (events.Key("plus", "+"), "press plus"),
        (events.Key("euro_sign", "€"), "press €"),
        (events.Key("ctrl+euro_sign", None), "# a key a tape cannot name: 'ctrl+euro_sign'"),
    ],
)
def test_a_key_is_pressed_by_a_name_the_parser_knows(key: events.Key, line: str) -> None:
    assert press_line(key) == line
    assert len(parse_text(line).steps) == (1 if line.startswith("press") else 0)
