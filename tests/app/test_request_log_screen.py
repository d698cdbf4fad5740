"""F4 on the form: what went over the wire, newest first, the highlighted exchange's bodies
shown, the secret masked; the filter, a saved export (and one that cannot be), Esc, the
palette's entry, and F4 from the hand-off screen above the form. The app's log is the
launch's: `--log FILE` gets its lines, and says so in a toast when writing stops."""

from __future__ import annotations

import json
from contextlib import suppress
from pathlib import Path
from typing import Any

import httpx
import pytest
from textual.app import App
from textual.content import Content
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Input

from tests.request_log_support import logged_client
from tests.support import open_quickly, paste, screen_text, type_into, wait_until
from tests.unit.test_one_redactor import CLIENT_SECRET
from tests.unit.test_request_log import new_log
from tui.app import CheckoutApp
from tui.demo import Demo
from tui.emulator.model.clock import FrozenClock
from tui.launch import Launch
from tui.polar import errors
from tui.polar.request_files import JsonLinesFile
from tui.polar.request_log import RequestLog
from tui.screens.checkout import CheckoutScreen
from tui.screens.handoff import HandoffScreen
from tui.screens.help import key_groups
from tui.screens.request_log import RequestLogScreen
from tui.settings import resolve_server
from tui.widgets.text_lines import TextLines


def messages(app: App[Any]) -> list[str]:
    return [str(note.message) for note in app._notifications]


async def test_the_save_shows_in_the_request_log(
    demo: Demo, clock: FrozenClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    log, lines = RequestLog(), tmp_path / "wire.jsonl"
    JsonLinesFile(lines).attach(log)
    launch = Launch(server=resolve_server(demo.base_url), demo=demo, live=False, request_log=log)
    async with CheckoutApp(launch, clock=clock.now).run_test(size=(110, 36)) as pilot:
        screen = await open_quickly(pilot, "one-time")
        secret = screen.secret
        masked = f"/v1/checkouts/client/polar_c_…{secret[-4:]}"
        await type_into(pilot, "customer_name", "Ada")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not screen.unsaved and not screen.form.saving)
        help_rows = [row for group in key_groups(screen) for row in group.rows]
        assert ("request_log", "Request log") in help_rows  # F1 lists it
        records = [json.loads(line) for line in lines.read_text(encoding="utf-8").splitlines()]
        assert [record["method"] for record in records][-2:] == ["GET", "PATCH"]
        await pilot.press("f4")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, RequestLogScreen))
        shown = screen_text(pilot)
        rows = [row for row in shown.splitlines() if masked in row]
        assert "PATCH" in rows[0]
        assert " 200 " in rows[0]
        assert "GET" in rows[1]
        assert f"│ PATCH {masked}" in shown  # the highlighted exchange: the newest
        assert '"customer_name": "Ada"' in shown  # the body sent
        assert '"status": "open",' in shown  # the answer
        assert secret[8:] not in shown

        await pilot.press("slash")
        pilot.app.screen.query_one("#request-filter", Input).value = "get"
        await pilot.pause()
        table = pilot.app.screen.query_one(DataTable)
        assert [table.get_row_at(row)[1].plain for row in range(table.row_count)] == ["GET"]
        gone = tmp_path / "gone"
        gone.mkdir()
        monkeypatch.chdir(gone)
        gone.rmdir()  # the current folder deleted under the app
        await pilot.press("ctrl+t")
        assert "Could not save in the current folder: No such file or directory" in messages(
            pilot.app
        )
        monkeypatch.chdir(tmp_path)
        await pilot.press("ctrl+s")
        [saved] = tmp_path.glob("polar-requests-*.sh")
        assert "-X GET" in saved.read_text(encoding="utf-8")
        assert secret not in saved.read_text(encoding="utf-8")

        await pilot.press("escape")
        assert isinstance(pilot.app.screen, CheckoutScreen)
        assert "Request log" in [command.title for command in screen.palette_commands()]

        await pilot.press("ctrl+o")  # a card is needed: the hand-off, above the form
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, HandoffScreen))
        assert "Request log" in [command.title for command in pilot.app.screen.palette_commands()]
        await pilot.press("f4")
        assert isinstance(pilot.app.screen, RequestLogScreen)
        await pilot.press("f4")  # closes it again
        assert isinstance(pilot.app.screen, HandoffScreen)

        lines.unlink()
        lines.mkdir()  # writing the log now fails, as on a full disk
        screen.load_session()
        problem = f"--log {lines}: writing stopped: Is a directory"
        await wait_until(pilot, lambda: problem in messages(pilot.app))


class LogApp(App[None]):
    def __init__(self, log: RequestLog) -> None:
        super().__init__()
        self.request_log = log

    def on_mount(self) -> None:
        self.push_screen(RequestLogScreen(self.request_log))


async def test_a_large_body_is_cut_and_drawn_only_when_the_highlight_moves(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A filter key and a new exchange leave the highlighted bodies be; 70 000 characters
    laid out as JSON are cut at 64 KB with a line saying how many more there are."""
    drawn: list[str | None] = []
    show = TextLines.show

    def counted(self: TextLines, content: Content) -> None:
        drawn.append(self.id)
        show(self, content)

    monkeypatch.setattr(TextLines, "show", counted)
    log = new_log()
    bodies = [{"detail": "x" * 70_000}, {"detail": "short"}]
    client = logged_client(lambda request: httpx.Response(404, json=bodies.pop(0)), log)
    with suppress(errors.NotFound):
        await client.get(CLIENT_SECRET)
    async with LogApp(log).run_test(size=(100, 32)) as pilot:
        body = pilot.app.screen.query_one("#response-body", TextLines).text
        shown, more = body.split("\n… ")
        assert (len(shown), more) == (65536, "4482 more characters: save as HAR to see all")
        assert len(drawn) == 2
        await pilot.press("slash", "4", "0")
        with suppress(errors.NotFound):
            await client.get(CLIENT_SECRET)
        await pilot.pause()
        table = pilot.app.screen.query_one(DataTable)
        keys = [table.coordinate_to_cell_key(Coordinate(row, 0)).row_key.value for row in (0, 1)]
        assert (keys, table.cursor_row, len(drawn)) == (["2", "1"], 1, 2)
        table.move_cursor(row=0)
        await pilot.pause()
        assert '"detail": "short"' in screen_text(pilot)
        assert len(drawn) == 4
    await client.aclose()


def record(log: RequestLog, body: str) -> None:
    """A read of the session, answered with `body`, recorded as it happens."""
    request = httpx.Request(
        "GET", f"https://sandbox-api.polar.sh/v1/checkouts/client/{CLIENT_SECRET}"
    )
    log.answered(log.start(), request, httpx.Response(200, text=body), CLIENT_SECRET)


async def test_a_pasted_secret_is_masked_and_a_filter_key_never_lists_an_exchange_twice() -> None:
    """The filter shows a pasted client secret masked and still finds its exchange; an
    exchange recorded while a filter key waits to be handled is listed once (it crashed
    the app with DuplicateKey); a body's tabs reach the screen as spaces."""
    log = new_log()
    record(log, "id\tname")
    async with LogApp(log).run_test(size=(100, 24)) as pilot:
        screen = pilot.app.screen
        assert (
            screen.query_one("#response-body", TextLines)
            .render_line(0)
            .text.startswith("id      name ")
        )
        field = screen.query_one("#request-filter", Input)
        await pilot.press("slash")
        await paste(pilot, CLIENT_SECRET)
        assert (field.value, field.cursor_position) == ("polar_c_…OpA5", 13)
        assert CLIENT_SECRET[8:] not in screen_text(pilot)
        table = screen.query_one(DataTable)
        assert table.row_count == 1

        screen.post_message(Input.Changed(field, field.value))  # a filter key, then:
        record(log, "{}")  # a new exchange, its message queued behind the key's
        await pilot.pause()
        keys = [table.coordinate_to_cell_key(Coordinate(row, 0)).row_key.value for row in (0, 1)]
        assert (table.row_count, keys) == (2, ["2", "1"])
