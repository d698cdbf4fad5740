"""F1 (and `?` outside text fields): every key of the screen underneath, grouped by where it
works, as the user's keymap has them; Esc or F1 (the keymap's keys if moved) closes it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tui import keys
from tui.key_hints import key_hint

GLOBAL_BINDINGS: list[BindingType] = [
    Binding("f1", "help", "Help", priority=True, id=keys.HELP),  # modal screens too
    Binding("question_mark", "help", "Help", show=False, id=keys.HELP_QUESTION),
    Binding("ctrl+q", "quit", "Quit", priority=True, id=keys.QUIT),
]
"""The app's own keys: help, and quit shown in the footer."""
SCREEN_GROUP = "On this screen"
FIELD_GROUP = "In this field"
APP_GROUP = "Everywhere"
HINT = (
    "Press {close} or {help} to close this. "
    "The keymap in the config file changes keys (see the README)."
)


@dataclass(slots=True)
class KeyGroup:
    title: str
    rows: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    """(action, description) -> the keys that do it, as the footer writes them."""


def key_groups(screen: Screen[Any]) -> list[KeyGroup]:
    """The keys that work on `screen` now, in three groups: the screen's own, the focused
    field's (and its containers'), and the app's."""
    app = screen.app
    groups = {title: KeyGroup(title) for title in (SCREEN_GROUP, FIELD_GROUP, APP_GROUP)}
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description or binding.system:
            continue
        title = APP_GROUP if active.node is app else SCREEN_GROUP
        if active.node is not app and active.node is not screen:
            title = FIELD_GROUP
        shown = app.get_key_display(binding)
        row = groups[title].rows.setdefault((binding.action, binding.description), [])
        if shown not in row:
            row.append(shown)
    return [group for group in groups.values() if group.rows]


def toggle_help(app: App[Any]) -> None:
    """Open the keys of the screen on top, or close them when they are on top."""
    if isinstance(app.screen, HelpScreen):
        app.screen.dismiss(None)
    else:
        app.push_screen(HelpScreen.over(app.screen))


class HelpScreen(ModalScreen[None]):
    """The keys of the screen it was opened over."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical {
        width: 64; max-width: 100%; height: auto; max-height: 90%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    HelpScreen .help-group { text-style: bold; margin-top: 1; }
    HelpScreen .help-rows { padding-left: 2; }
    HelpScreen #help-hint { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "close", "Close", id=keys.CLOSE_HELP)]

    def __init__(self, groups: list[KeyGroup]) -> None:
        super().__init__()
        self._groups = groups

    @classmethod
    def over(cls, screen: Screen[Any]) -> HelpScreen:
        return cls(key_groups(screen))

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content("Keys"), classes="help-group")
            with VerticalScroll():
                for group in self._groups:
                    yield Static(Content(group.title), classes="help-group")
                    yield Static(_rows(group), classes="help-rows")
            close, help_key = key_hint(self, keys.CLOSE_HELP), key_hint(self, keys.HELP)
            yield Static(Content(HINT.format(close=close, help=help_key)), id="help-hint")

    def action_close(self) -> None:
        self.dismiss(None)


def _rows(group: KeyGroup) -> Table:
    """The keys in one column, what they do beside them, a long description wrapped within
    its own column (never under the keys)."""
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column()
    for (_, description), shown in group.rows.items():
        table.add_row(Text(" / ".join(shown)), Text(description))
    return table
