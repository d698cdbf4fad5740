"""The crash report printed when the app dies: Textual's, minus what could leak a secret, plus
the edits that were not submitted.

Textual prints every frame's local variables, and those hold the session and its client
secret: this report prints none. Secrets left in the text (an exception's message, a note)
are masked in the traceback's text before it is laid out: once wrapped to the terminal, a
secret split over two lines would no longer be recognised.

After the traceback, each open checkout's unsaved edits (field label and the value as typed,
secrets masked, control characters replaced), so that nothing typed is lost: the report goes
to the terminal only, nothing is written to disk. Should listing them fail too (the crash may
be the form's own), every field that holds text is listed instead, by its name.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import rich
from rich.console import Console, Group
from rich.segment import Segments
from rich.text import Text

from tui.domain.display import printable
from tui.domain.form import FormState
from tui.domain.unsaved_edits import Edit, as_text, unsaved_edits
from tui.polar.secret import redact_secrets

if TYPE_CHECKING:
    from rich.traceback import Stack, Trace

EDITS_TITLE = "Unsaved edits, not sent to Polar (copy them before closing this terminal):"


def _redact_stack(stack: Stack) -> None:
    stack.exc_value = redact_secrets(stack.exc_value)
    stack.notes = [redact_secrets(note) for note in stack.notes]
    if stack.syntax_error is not None:
        stack.syntax_error.line = redact_secrets(stack.syntax_error.line)
        stack.syntax_error.msg = redact_secrets(stack.syntax_error.msg)
    for frame in stack.frames:
        frame.line = redact_secrets(frame.line)
    for trace in stack.exceptions:
        _redact_trace(trace)


def _redact_trace(trace: Trace) -> None:
    for stack in trace.stacks:
        _redact_stack(stack)


def _safe(text: str) -> str:
    return printable(redact_secrets(text))


def _edits_of(form: FormState) -> list[Edit]:
    try:
        return unsaved_edits(form)
    except Exception:  # the crash may be the form's own: every field's text instead
        return [Edit(name, as_text(form.text(name))) for name in form.names if form.text(name)]


def _edit_lines(edits: list[Edit]) -> list[str]:
    lines = []
    for edit in edits:
        head = f"  {_safe(edit.label)}: "
        value_lines = _safe(edit.value).split("\n")
        lines.append(head + value_lines[0])
        lines += [" " * len(head) + more for more in value_lines[1:]]
    return lines or ["  none"]


def edits_report(screens: Iterable[Any]) -> Text | None:
    """The unsaved edits of each checkout among `screens`, as plain text; None if none is open."""
    forms = [
        (screen, form)
        for screen in screens
        if isinstance(form := getattr(screen, "form", None), FormState)
    ]
    if not forms:
        return None
    lines = [EDITS_TITLE]
    for screen, form in forms:
        lines.append(_safe(str(getattr(screen, "sub_title", "") or "Checkout")))
        try:
            lines += _edit_lines(_edits_of(form))
        except Exception as error:
            lines.append(f"  (could not be listed: {_safe(repr(error))})")
    return Text("\n".join(lines))


def crash_report(console: Console, screens: Iterable[Any]) -> Segments:
    """The exception being handled, rendered for `console` with every secret masked, then the
    unsaved edits of the checkouts among `screens` (the app's screen stack)."""
    from rich.traceback import Traceback  # with rich's pretty-printer: loaded for a crash only

    exc_type, exc_value, traceback = sys.exc_info()
    if exc_type is None or exc_value is None:
        raise RuntimeError("crash_report() must be called while handling an exception")
    trace = Traceback.extract(exc_type, exc_value, traceback, show_locals=False)
    _redact_trace(trace)
    rendered = Traceback(trace, show_locals=False, width=None, suppress=[rich])
    edits = edits_report(screens)
    report = rendered if edits is None else Group(rendered, Text(""), edits)
    return Segments(list(console.render(report, console.options)))
