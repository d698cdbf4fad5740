"""F1 help lists the keys as the user's keymap has them, Esc closes it; the settings' theme
and keymap apply, and a bad setting is said while the defaults apply."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from tests.support import screen_text, wait_until
from tui.app import CheckoutApp
from tui.config import UserConfig
from tui.launch import Launch
from tui.screens.confirm_quit import ConfirmQuitScreen
from tui.screens.help import HelpScreen
from tui.screens.start import StartScreen
from tui.settings import resolve_server


def rows(pilot: Pilot[Any]) -> list[str]:
    """The screen's rows with runs of spaces made one, as a person reads them."""
    return [" ".join(row.split()) for row in screen_text(pilot).splitlines()]


def shows(pilot: Pilot[Any], text: str) -> bool:
    return any(text in row for row in rows(pilot))


START = Launch(server=resolve_server("production"), live=False)


def start_app(**changes: object) -> CheckoutApp:
    return CheckoutApp(replace(START, **changes))  # type: ignore[arg-type]


async def test_f1_lists_the_keys_and_esc_closes_it() -> None:
    app = start_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert shows(pilot, "On this screen")
        assert shows(pilot, "│ f2 Offline demo")
        assert shows(pilot, "In this field")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, StartScreen))


async def test_f1_works_over_a_question_and_closes_again() -> None:
    app = start_app()
    async with app.run_test(size=(100, 32)) as pilot:
        app.push_screen(ConfirmQuitScreen(2))
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmQuitScreen))
        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert shows(pilot, "│ y Yes")
        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmQuitScreen))


async def test_question_mark_types_in_a_text_field_and_opens_help_elsewhere() -> None:
    app = start_app()
    async with app.run_test(size=(100, 32)) as pilot:
        secret = app.screen.query_one(Input)
        secret.focus()
        await pilot.press("?")
        assert secret.value == "?"
        assert not isinstance(app.screen, HelpScreen)
        app.screen.set_focus(None)
        await pilot.press("?")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))


async def test_the_settings_theme_and_keymap_apply_and_help_shows_the_new_keys() -> None:
    config = UserConfig(theme="polar-high-contrast", keymap={"demo": "f6", "help": "f9"})
    app = start_app(config=config)
    async with app.run_test(size=(100, 32)) as pilot:
        assert app.theme == "polar-high-contrast"
        await pilot.press("f1")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f9")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert shows(pilot, "│ f6 Offline demo")
        assert not shows(pilot, "│ f2 Offline demo")


async def test_a_bad_setting_is_said_and_the_defaults_apply() -> None:
    app = start_app(
        config=UserConfig(theme="drak", keymap={"sumbit": "f5"}),
        config_problems=("/home/qa/config.toml: locale: expected a non-empty string, got 5",),
    )
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_until(pilot, lambda: bool(app._notifications))
        [note] = app._notifications
        assert note.title == "Settings"
        text = str(note.message)
        assert "/home/qa/config.toml: locale: expected a non-empty string, got 5" in text
        assert "theme: unknown theme 'drak'" in text
        assert "keymap.sumbit: no binding has this id" in text
        assert app.theme == "textual-dark"
        assert isinstance(app.screen, StartScreen)
