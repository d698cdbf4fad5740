"""Questions asked before something that cannot be taken back: leaving or quitting with
edits that were not submitted, a save that clears saved values."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any, Protocol, runtime_checkable

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui import keys
from tui.key_hints import key_hint


class QuestionScreen(ModalScreen[bool]):
    """Yes (y) or no (n, Esc), or the keys the keymap gives them: the safe answer has the
    focus."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id=keys.YES),
        Binding("n,escape", "answer(False)", "No", id=keys.NO),
    ]

    def __init__(self, question: str, *, yes: str, no: str) -> None:
        super().__init__()
        self._question = question
        self._yes = yes
        self._no = no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Static(self._question, markup=False)
            with Horizontal(id="confirm-buttons"):
                yes, no = key_hint(self, keys.YES), key_hint(self, keys.NO)
                yield Button(f"{self._yes} ({yes})", id="quit", variant="error")
                yield Button(f"{self._no} ({no})", id="stay", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#stay", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "quit")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class ConfirmQuitScreen(QuestionScreen):
    """`verb` is what the user asked for: "Quit" the app or "Leave" this session."""

    def __init__(self, unsaved: int, verb: str = "Quit") -> None:
        plural = "s" if unsaved != 1 else ""
        super().__init__(
            f"{unsaved} field{plural} changed and not submitted. {verb} and lose them?",
            yes=verb,
            no="Keep editing",
        )


@runtime_checkable
class EditingScreen(Protocol):
    """A screen holding edits that were not submitted."""

    @property
    def unsaved(self) -> Collection[str]: ...


def quit_unless_unsaved(app: App[Any]) -> None:
    """Quit at once, or ask first when edits on any screen would be lost."""
    unsaved = sum(len(s.unsaved) for s in app.screen_stack if isinstance(s, EditingScreen))
    go_unless_unsaved(app, unsaved, "Quit", app.exit)


def go_unless_unsaved(app: App[Any], unsaved: int, verb: str, go: Callable[[], object]) -> None:
    """`go` at once, or once the user says yes to losing `unsaved` edits ("Quit", "Leave")."""
    if not unsaved:
        go()
        return

    def answered(yes: bool | None) -> None:
        if yes:
            go()

    app.push_screen(ConfirmQuitScreen(unsaved, verb=verb), answered)
