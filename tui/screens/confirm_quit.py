"""Asks before quitting with edits that were not submitted."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmQuitScreen(ModalScreen[bool]):
    """`verb` is what the user asked for: "Quit" the app or "Leave" this session."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "Keep editing"),
    ]

    def __init__(self, unsaved: int, verb: str = "Quit") -> None:
        super().__init__()
        self._unsaved = unsaved
        self._verb = verb

    def compose(self) -> ComposeResult:
        plural = "s" if self._unsaved != 1 else ""
        with Vertical(id="confirm-dialog"):
            yield Static(
                f"{self._unsaved} field{plural} changed and not submitted. "
                f"{self._verb} and lose them?",
                markup=False,
            )
            with Horizontal(id="confirm-buttons"):
                yield Button(f"{self._verb} (y)", id="quit", variant="error")
                yield Button("Keep editing (n)", id="stay", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#stay", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "quit")

    def action_answer(self, quit_app: bool) -> None:
        self.dismiss(quit_app)
