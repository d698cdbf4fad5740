"""Text that names a key names the user's: a keymap in the config file moves the keys, and
the start screen's help, the status bar, the banners and the field hints follow."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from textual.app import App, ComposeResult
from textual.widgets import Input, Static

from tests.support import (
    REAL_LOOKING_SECRET,
    ScriptedPolar,
    banner,
    one_time_body,
    paste,
    screen_text,
    type_into,
    wait_loaded,
    wait_until,
)
from tui import keys
from tui.app import CheckoutApp
from tui.cli import open_launch, parse_args
from tui.emulator.model.clock import FrozenClock
from tui.launch import Launch
from tui.screens.confirm_quit import QuestionScreen
from tui.screens.help import GLOBAL_BINDINGS, HelpScreen
from tui.widgets.field import FormField

KEYMAP = """\
[keymap]
reveal-secret = "f7"
demo = "f6"
submit = "f8"
reload = "f9,ctrl+l"
"""


def launched(tmp_path: Path, *argv: str) -> Launch:
    settings_file = tmp_path / "config.toml"
    settings_file.write_text(KEYMAP, encoding="utf-8")
    return open_launch(parse_args([*argv, "--no-live", "--config", str(settings_file)]), {})


async def test_the_start_screen_names_and_answers_the_users_keys(tmp_path: Path) -> None:
    async with CheckoutApp(launched(tmp_path)).run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        shown = str(pilot.app.screen.query_one("#start-help", Static).content)
        assert shown.endswith("f7 shows what you pasted, masked; f6 starts the offline demo.")
        await paste(pilot, REAL_LOOKING_SECRET)
        await pilot.press("f5")
        assert "polar_c_…OpA5 →" not in screen_text(pilot)
        await pilot.press("f7")
        assert "polar_c_…OpA5 → production (api.polar.sh)" in screen_text(pilot)


@pytest.mark.usefixtures("retries")
async def test_the_status_bar_and_a_failed_save_name_the_users_keys(
    tmp_path: Path, clock: FrozenClock
) -> None:
    polar = ScriptedPolar(one_time_body(clock), patches=[httpx.ReadTimeout("slow")] * 3)
    launch = launched(tmp_path, "open", REAL_LOOKING_SECRET, "--server", "sandbox")
    app = CheckoutApp(launch, clock=clock.now, transport=polar.transport())
    async with app.run_test(size=(100, 32)) as pilot:
        await wait_loaded(pilot)
        await type_into(pilot, "customer_name", "Ada")
        assert "1 unsaved change (f8)" in screen_text(pilot)
        await pilot.press("f8")
        await wait_until(pilot, lambda: banner(pilot) != "")
        said = banner(pilot)
        assert (
            "the change may or may not have been saved; reload (f9) to see the server's state"
            in said
        )
        assert said.endswith("Press f8 to try again.")
        assert "ctrl+" not in said


class _Field(App[None]):
    def compose(self) -> ComposeResult:
        yield FormField("Discount code", Input(id="discount_code"), field_id="discount_code")
        yield FormField("Notes", Input(id="notes"), field_id="custom_field_data.notes")


async def test_a_hint_names_the_users_key_and_leaves_a_discounts_name_alone() -> None:
    app = _Field()
    async with app.run_test(size=(60, 12)) as pilot:
        app.set_keymap({keys.REMOVE_CODE: "f4"})
        code, notes = app.query(FormField)
        code.set_hint("Applied: ctrl+x deal. ctrl+x removes it.")
        notes.set_hint("The seller's help: ctrl+x cuts.")  # a custom field's, not ours
        await pilot.pause()
        assert "Applied: ctrl+x deal. f4 removes it." in screen_text(pilot)
        assert "The seller's help: ctrl+x cuts." in screen_text(pilot)


class _Asking(App[None]):
    BINDINGS = GLOBAL_BINDINGS


async def test_a_question_and_the_help_name_the_users_keys() -> None:
    app = _Asking()
    answers: list[bool | None] = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.set_keymap({keys.YES: "j", keys.NO: "k", keys.CLOSE_HELP: "f10", keys.HELP: "f2"})
        app.push_screen(QuestionScreen("Leave?", yes="Leave", no="Stay"), answers.append)
        await pilot.pause()
        text = screen_text(pilot)
        assert "Leave (j)" in text
        assert "Stay (k)" in text
        await pilot.press("j")
        assert answers == [True]
        app.push_screen(HelpScreen([]))
        await pilot.pause()
        assert "Press f10 or f2 to close this." in screen_text(pilot)
