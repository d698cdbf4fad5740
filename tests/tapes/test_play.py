"""`demo --play`: the tape's steps on screen at a person's pace, until the person takes over."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from textual.widgets import Input

from tests.support import field_value, screen_text, wait_until
from tui.demo import Demo, start_demo
from tui.launch import Launch
from tui.screens.checkout import CheckoutScreen
from tui.settings import resolve_server
from tui.tapes.parse import parse_text
from tui.tapes.play import Player, PlayingApp

TYPING = """\
open demo one-time
focus customer_name
type "Ada Lovelace"
focus customer_email
type "ada@example.com"
expect field customer_email "ada@example.com"
"""


@pytest.fixture(scope="module")
def live_demo() -> Iterator[Demo]:
    """An emulator on the real clock, as `demo` starts it (a played tape keeps real time)."""
    demo = start_demo()
    yield demo
    demo.stop()


def name(app: PlayingApp) -> str:
    """The name field as it is now ("" until a session has loaded)."""
    screen = app.screen
    if not isinstance(screen, CheckoutScreen) or screen.session is None:
        return ""
    return screen.query_one("#customer_name", Input).value


def playing_app(demo: Demo, tape: str, speed: float) -> tuple[PlayingApp, Player]:
    player = Player(parse_text(tape, "demo.tape"), speed=speed)
    launch = Launch(server=resolve_server(demo.base_url), demo=demo)
    return PlayingApp(launch, player), player


async def test_a_tape_types_at_a_persons_pace(live_demo: Demo) -> None:
    app, player = playing_app(live_demo, TYPING, speed=4)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        loop = asyncio.get_running_loop()
        playing = asyncio.create_task(player.play(pilot))
        seen: dict[str, float] = {}  # each text the name field showed, and when first
        while not playing.done():
            seen.setdefault(name(app), loop.time())
            await asyncio.sleep(0.005)
        await pilot.pause()
        assert field_value(pilot, "customer_name") == "Ada Lovelace"
        assert field_value(pilot, "customer_email") == "ada@example.com"
        assert "The tape is done: the keyboard is" in screen_text(pilot)
    assert len(seen) >= 5, f"the name appeared at once, not a key at a time: {list(seen)}"
    # 12 keys at 12 a second times 4: 11 gaps of 1/48 s (a poll may miss the first key)
    typing = seen["Ada Lovelace"] - min(when for text, when in seen.items() if text)
    assert 10 / 48 <= typing < 1.5


async def test_a_key_from_the_person_stops_the_tape_and_reaches_the_app(live_demo: Demo) -> None:
    app, player = playing_app(live_demo, TYPING, speed=1)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        playing = asyncio.create_task(player.play(pilot))
        await wait_until(pilot, lambda: len(name(app)) >= 3)
        await pilot.press("!")  # not sent by the tape: the person at the keyboard
        await asyncio.wait_for(playing, 1)
        await pilot.pause()
        typed = field_value(pilot, "customer_name")
        assert typed.endswith("!")
        assert "Ada Lovelace".startswith(typed[:-1])
        await pilot.pause(0.3)  # the time of three more of the tape's keys
        assert field_value(pilot, "customer_name") == typed
        assert app.focused is app.screen.query_one("#customer_name"), "the next step ran"
        assert "The tape stopped at line 3: the keyboard is" in screen_text(pilot)


async def test_a_failing_step_is_shown_and_the_app_stays_usable(live_demo: Demo) -> None:
    tape = 'open demo one-time\nexpect "Nowhere"\ntype "never"\n'
    app, player = playing_app(live_demo, tape, speed=20)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await player.play(pilot)
        await pilot.pause()
        shown = screen_text(pilot)
        assert "The tape stopped" in shown
        assert "Line 2: expect \"Nowhere\" — 'Nowhere' is not on" in shown
        assert field_value(pilot, "customer_name") == ""
        await pilot.press(*"Ada")
        assert field_value(pilot, "customer_name") == "Ada"
