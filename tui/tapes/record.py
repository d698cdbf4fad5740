"""`--record FILE`: what a person does in the app, written as a tape while they work.

The recorder watches the app's input as it arrives (before the app acts on it) and the
results the screens post. A key is written once its effect is known, at the next input or
result: a Tab that moved onto a form field becomes `focus FIELD`; any other key stays a
`press`, followed by `focus FIELD` when the focus ended on another field (a click is
written as the focus it gave). Printable keys into one text input merge into one `type`.
The command palette's lines are held until it is known what it ran: a "new session"
command is written as the `open demo SCENARIO` it amounts to. After each save or failed
request, a `wait` for what the answer put on screen. The secret of a real session is never
written: it opens as `open env:POLAR_CHECKOUT_SECRET`, and any client secret in typed or
pasted text is masked.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, TextIO

from textual import events, on
from textual.app import App
from textual.command import CommandPalette
from textual.errors import NoWidget
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Static

from tui.app import CheckoutApp
from tui.commands import DemoSessionCreated
from tui.domain.fields import is_tape_field
from tui.launch import Launch
from tui.messages import RequestFailed, SessionUpdated, UpdateRejected
from tui.polar.secret import redact_secrets
from tui.screens.checkout import CheckoutScreen
from tui.screens.picker import PickerScreen
from tui.screens.start import StartScreen
from tui.settings import SECRET_ENV
from tui.tapes import keys
from tui.widgets.field import FormField

FOCUS_KEYS = frozenset({"tab", "shift+tab"})
"""Keys whose only effect is to move the focus."""
SAVED = "Saved."
"""What the checkout screen says when a save went through."""
_FIRST_WORDS = re.compile(r"[^.;:]+")
_MAX_WAIT = 40


def quote(text: str) -> str:
    """TEXT as a tape's quoted text: JSON, with every character that is not printable (or
    that would end the line) escaped."""
    return "".join(
        char if char.isprintable() else json.dumps(char)[1:-1]
        for char in json.dumps(text, ensure_ascii=False)
    )


def first_words(text: str) -> str:
    """The start of a message, up to its first `.`, `;` or `:`, and short enough to stand
    in one row: what a `wait` looks for."""
    match = _FIRST_WORDS.match(text.strip())
    words = match.group().strip() if match else text.strip()
    if len(words) > _MAX_WAIT:
        words = words[:_MAX_WAIT].rsplit(" ", 1)[0]
    return words


class TapeWriter:
    """A tape file, written one line at a time and flushed, so a crash still leaves it."""

    def __init__(self, file: TextIO) -> None:
        self._file = file

    @classmethod
    def create(cls, path: Path) -> TapeWriter:
        """Raises OSError when the file cannot be written."""
        return cls(path.open("w", encoding="utf-8"))

    def line(self, text: str) -> None:
        self._file.write(redact_secrets(text) + "\n")
        self._file.flush()

    def close(self) -> None:
        self._file.close()


def form_field(app: App[Any]) -> str | None:
    """The tape name of the form field in focus, if a checkout form field has it."""
    focused = app.focused
    if focused is None or not isinstance(focused.screen, CheckoutScreen):
        return None
    field = next((n for n in focused.ancestors_with_self if isinstance(n, FormField)), None)
    return field.field_id if field is not None and is_tape_field(field.field_id) else None


def _typed(event: events.Key) -> str | None:
    """The character a key typed, when a tape's `type` sends the very same key for it."""
    character = event.character
    if character is None or len(character) != 1 or not character.isprintable():
        return None
    return character if keys.typed_event(character).key == event.key else None


def press_line(event: events.Key) -> str:
    """The key as a `press` line names it: Textual's name, else the character it types."""
    if keys.is_key_name(event.key):
        return f"press {event.key}"
    if event.character is not None and keys.is_key_name(event.character):
        return f"press {event.character}"
    return f"# a key a tape cannot name: {event.key!r}"


def _recording(app: App[Any]) -> bool:
    """A checkout form is open: what happens now is the session's, not the start screen's
    or the picker's."""
    return any(isinstance(screen, CheckoutScreen) for screen in app.screen_stack)


class Recorder:
    """Turns what reaches the app into tape lines."""

    def __init__(self, writer: TapeWriter) -> None:
        self._writer = writer
        self._opened = False
        self._typed = ""
        self._typed_into: Widget | None = None
        self._key: events.Key | None = None
        """The last key, written once its effect is known."""
        self._field: str | None = None
        """The form field the tape so far leaves in focus."""
        self._held: list[str] | None = None
        """The palette's lines, until it is known what the palette ran."""
        self._palette_open = False

    # Writing ------------------------------------------------------------------------------

    def _emit(self, line: str) -> None:
        if self._held is not None:
            self._held.append(line)
        else:
            self._writer.line(line)

    def _flush_typed(self) -> None:
        if self._typed:
            self._emit(f"type {quote(self._typed)}")
        self._typed, self._typed_into = "", None

    def _write(self, line: str) -> None:
        self._flush_typed()
        self._emit(line)

    def _release(self) -> None:
        """A palette that ran anything but a new session: its lines stand."""
        if self._held is None or self._palette_open:
            return
        held, self._held = self._held, None
        for line in held:
            self._writer.line(line)

    def _settle(self, field: str | None) -> None:
        """Write the last key, now that its effect is known: the form field in focus now."""
        key, self._key = self._key, None
        moved = field is not None and field != self._field
        if key is not None and not (moved and key.key in FOCUS_KEYS):
            self._write(press_line(key))
        if moved:
            self._write(f"focus {field}")
            self._field = field

    # What happens in the app --------------------------------------------------------------

    def started(self, size: tuple[int, int]) -> None:
        width, height = size
        self._writer.line("# recorded by polar-checkout; replay: polar-checkout tape run FILE")
        self._writer.line(f"size {width}x{height}")

    def opened(self, line: str) -> None:
        """A session opened: `open demo SCENARIO` or the environment's secret. What led
        there (the start screen, the picker, the palette) is not written."""
        self._key = None
        self._flush_typed()  # into the held palette lines, if any, which go
        self._held = None
        self._writer.line(line)
        self._opened = True
        self._field = "customer_name"  # where the form puts the focus once it has loaded

    def received(self, app: App[Any], event: events.Event) -> None:
        """An input event reaches the app, before the app acts on it."""
        self._release()
        self._settle(form_field(app))
        if not self._opened or not _recording(app):
            return  # the start screen and the picker: replaced by the `open` line
        if isinstance(event, events.Paste):
            self._write(f"paste {quote(event.text)}")
        elif isinstance(event, events.MouseDown):
            self._clicked(app, event)
        elif isinstance(event, events.Key):
            character = _typed(event)
            if character is not None and isinstance(app.focused, Input):
                if app.focused is not self._typed_into:
                    self._flush_typed()
                    self._typed_into = app.focused
                self._typed += character
            else:
                self._key = event

    def _clicked(self, app: App[Any], event: events.MouseDown) -> None:
        """A click on a checkbox toggles it, as Space does."""
        try:
            widget, _region = app.get_widget_at(event.x, event.y)
        except NoWidget:
            return
        field = widget.parent
        if isinstance(widget, Checkbox) and isinstance(field, FormField):
            if field.field_id != self._field:
                self._write(f"focus {field.field_id}")
                self._field = field.field_id
            self._write("press space")

    def palette_opened(self, app: App[Any]) -> None:
        if self._opened and _recording(app):
            self._release()
            self._held = []
            self._palette_open = True

    def palette_closed(self, app: App[Any], *, ran: bool) -> None:
        self._settle(form_field(app))
        self._palette_open = False
        if not ran:
            self._release()

    def answered(self, app: App[Any], shown: str) -> None:
        """A save or a request finished: wait for what the answer put on screen."""
        self._release()
        self._settle(None)  # a move of the focus is the answer's: written after the wait
        if shown:
            self._write(f"wait {quote(shown)}")

    def close(self) -> None:
        """The app ends: the key that ended it, and a palette that did, are not written."""
        self._flush_typed()
        self._held = None
        self._writer.close()


def _banner(app: App[Any]) -> str:
    """The first words of the banner of the checkout form on top."""
    screen = next((s for s in reversed(app.screen_stack) if isinstance(s, CheckoutScreen)), None)
    if screen is None:
        return ""
    return first_words(str(screen.query_one("#banner", Static).content))


class RecordingApp(CheckoutApp):
    """The app, writing what the person does as a tape. Its handlers run before the app's
    own handlers of the same messages (Textual calls both)."""

    def __init__(self, launch: Launch, writer: TapeWriter, **options: Any) -> None:
        super().__init__(launch, **options)
        self._recorder = Recorder(writer)
        self._opens_secret = launch.ref is not None

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.Paste | events.MouseDown) and not (
            event.is_forwarded
        ):
            self._recorder.received(self, event)
        await super().on_event(event)

    @on(events.Mount)
    def _record_start(self) -> None:
        self._recorder.started((self.size.width, self.size.height))
        if self._opens_secret:
            self._recorder.opened(f"open env:{SECRET_ENV}")

    @on(events.Unmount)
    def _record_end(self) -> None:
        self._recorder.close()

    @on(StartScreen.Opened)
    def _record_secret_opened(self) -> None:
        self._recorder.opened(f"open env:{SECRET_ENV}")

    @on(PickerScreen.Chosen)
    @on(DemoSessionCreated)
    def _record_demo_opened(self, message: PickerScreen.Chosen | DemoSessionCreated) -> None:
        self._recorder.opened(f"open demo {message.scenario}")

    @on(CommandPalette.Opened)
    def _record_palette_opened(self) -> None:
        self._recorder.palette_opened(self)

    @on(CommandPalette.Closed)
    def _record_palette_closed(self, message: CommandPalette.Closed) -> None:
        self._recorder.palette_closed(self, ran=message.option_selected)

    @on(SessionUpdated)
    def _record_saved(self) -> None:
        self._recorder.answered(self, SAVED)

    @on(UpdateRejected)
    @on(RequestFailed)
    def _record_refused(self) -> None:
        self._recorder.answered(self, _banner(self))
