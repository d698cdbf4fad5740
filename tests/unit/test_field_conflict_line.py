"""A field's conflict line is built at its first conflict, and a field told of a conflict
before it is built (a re-asked question the server answered differently) shows it once
built, instead of failing to mount it."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from tui.widgets.field import FormField

LINE = "On the server: Grace\nctrl+t take it · ctrl+g keep mine"


class _Form(App[None]):
    def compose(self) -> ComposeResult:
        yield Vertical(id="form")


def _conflict_lines(field: FormField) -> list[str]:
    return [str(line.content) for line in field.query(".field-conflict").results(Static)]


async def test_a_conflict_told_before_the_field_is_built_shows_once_built() -> None:
    app = _Form()
    async with app.run_test() as pilot:
        field = FormField("Team name", Input(), field_id="team_name")
        field.set_conflict("Grace")  # as a re-asked question is shown before it is mounted
        await app.query_one("#form").mount(field)
        await pilot.pause()
        assert _conflict_lines(field) == [LINE]


async def test_the_line_is_built_at_the_first_conflict_and_kept_for_the_next() -> None:
    app = _Form()
    async with app.run_test() as pilot:
        field = FormField("Team name", Input(), field_id="team_name")
        await app.query_one("#form").mount(field)
        await pilot.pause()
        assert _conflict_lines(field) == []
        field.set_conflict("Grace")
        await pilot.pause()
        assert _conflict_lines(field) == [LINE]
        field.set_conflict(None)
        field.set_conflict("Grace")
        await pilot.pause()
        assert _conflict_lines(field) == [LINE]
