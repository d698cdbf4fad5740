"""The crash report printed when the app dies: Textual's, minus what could leak a secret.

Textual prints every frame's local variables, and those hold the session and its client
secret: this report prints none. Secrets left in the text (an exception's message, a note)
are masked in the traceback's text before it is laid out: once wrapped to the terminal, a
secret split over two lines would no longer be recognised.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import rich
from rich.console import Console
from rich.segment import Segments

from tui.polar.secret import redact_secrets

if TYPE_CHECKING:
    from rich.traceback import Stack, Trace


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


def crash_report(console: Console) -> Segments:
    """The exception being handled, rendered for `console` with every secret masked."""
    from rich.traceback import Traceback  # with rich's pretty-printer: loaded for a crash only

    exc_type, exc_value, traceback = sys.exc_info()
    if exc_type is None or exc_value is None:
        raise RuntimeError("crash_report() must be called while handling an exception")
    trace = Traceback.extract(exc_type, exc_value, traceback, show_locals=False)
    _redact_trace(trace)
    rendered = Traceback(trace, show_locals=False, width=None, suppress=[rich])
    return Segments(list(console.render(rendered, console.options)))
