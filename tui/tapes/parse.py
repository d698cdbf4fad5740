"""Reading a tape: one step a line, every problem named by file, line and column."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.domain.fields import is_tape_field
from tui.polar.secret import SecretNotRecognised, parse_session_ref
from tui.tapes import keys
from tui.tapes.steps import (
    Clear,
    EmulatorAction,
    EmulatorClock,
    EmulatorFault,
    EmulatorLock,
    Expect,
    ExpectError,
    ExpectField,
    ExpectStored,
    Focus,
    OpenDemo,
    OpenFromEnvironment,
    OpenSession,
    Paste,
    Pause,
    Press,
    Size,
    Snapshot,
    Step,
    Tape,
    Type,
    Wait,
)

_DURATION = re.compile(r"(\d+(?:\.\d+)?)(ms|s|m|h)")
_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}
_SIZE = re.compile(r"(\d+)x(\d+)")
_SNAPSHOT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
EMULATOR_ACTIONS = ("pay", "decline", "expire", "block")


class TapeError(ValueError):
    """A tape that cannot be read; `str()` is `FILE:LINE:COLUMN: error: ...`."""

    def __init__(self, path: str, line: int, column: int, message: str) -> None:
        super().__init__(f"{path}:{line}:{column}: error: {message}")
        self.path = path
        self.line = line
        self.column = column
        self.message = message


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    """`word`, `text` (a JSON string, decoded) or `object` (a JSON object, decoded)."""
    value: Any
    column: int
    """1-based column of its first character."""
    end: int
    """1-based column just after it."""


class _LineError(Exception):
    def __init__(self, column: int, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


def parse_file(path: Path) -> Tape:
    """Read and parse a tape file; raises TapeError."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        raise TapeError(str(path), 1, 1, f"cannot read the file: {reason}") from error
    return parse_text(text, str(path))


def parse_text(text: str, path: str = "<tape>") -> Tape:
    steps: list[Step] = []
    opened = False
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").split("\n")
    for number, raw in enumerate(lines, 1):  # a line ends at a newline only
        try:
            tokens, end = _tokens(raw)
            if not tokens:
                continue
            source = raw[:end].strip()
            step = _step(tokens, number, source)
        except _LineError as error:
            raise TapeError(path, number, error.column, error.message) from None
        if isinstance(step, Size) and opened:
            raise TapeError(path, number, 1, "size must come before the first open")
        opened = opened or isinstance(step, OpenDemo | OpenSession | OpenFromEnvironment)
        steps.append(step)
    return Tape(path, tuple(steps))


def _tokens(line: str) -> tuple[list[Token], int]:
    """The line's tokens, and where its comment starts (its length without one)."""
    tokens: list[Token] = []
    index = 0
    while index < len(line):
        char = line[index]
        if char in " \t":
            index += 1
        elif char == "#":
            return tokens, index
        elif char == '"':
            end = _string_end(line, index)
            tokens.append(Token("text", _decode(line[index:end], index), index + 1, end + 1))
            index = end
        elif char == "{":
            end = _object_end(line, index)
            value = _decode(line[index:end], index)
            tokens.append(Token("object", value, index + 1, end + 1))
            index = end
        else:
            end = index
            while end < len(line) and line[end] not in ' \t#"':
                end += 1
            tokens.append(Token("word", line[index:end], index + 1, end + 1))
            index = end
    return tokens, len(line)


def _string_end(line: str, start: int) -> int:
    index = start + 1
    while index < len(line):
        if line[index] == "\\":
            index += 2
            continue
        if line[index] == '"':
            return index + 1
        index += 1
    raise _LineError(start + 1, 'unterminated text: a closing " is missing')


def _object_end(line: str, start: int) -> int:
    depth = 0
    index = start
    while index < len(line):
        char = line[index]
        if char == '"':
            index = _string_end(line, index)
            continue
        if char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    raise _LineError(start + 1, "unterminated JSON object: a closing } is missing")


def _decode(text: str, start: int) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise _LineError(start + 1 + error.pos, f"not valid JSON: {error.msg}") from None


# Steps ----------------------------------------------------------------------------------


def _step(tokens: list[Token], line: int, source: str) -> Step:
    head = tokens[0]
    if head.kind != "word":
        raise _LineError(head.column, "a line starts with a keyword")
    parse = _KEYWORDS.get(head.value)
    if parse is None:
        raise _LineError(head.column, f"unknown keyword {head.value!r}")
    return parse(_Args(tokens[1:], head), line, source)


class _Args:
    """The arguments after a keyword, consumed left to right."""

    def __init__(self, tokens: list[Token], keyword: Token) -> None:
        self._tokens = tokens
        self._keyword = keyword
        self._end = keyword.end

    @property
    def end(self) -> int:
        """The column just after what was read so far."""
        return self._end

    def peek_word(self) -> str | None:
        token = self._tokens[0] if self._tokens else None
        return token.value if token is not None and token.kind == "word" else None

    def take(self, kind: str, what: str) -> Token:
        if not self._tokens:
            raise _LineError(self._end + 1, f"{self._keyword.value} needs {what}")
        token = self._tokens.pop(0)
        if token.kind != kind:
            raise _LineError(token.column, f"expected {what}")
        self._end = token.end
        return token

    def word(self, what: str) -> Token:
        return self.take("word", what)

    def text(self, what: str = 'a quoted text ("...")') -> str:
        value: str = self.take("text", what).value
        return value

    def optional_duration(self) -> float | None:
        return _duration(self.word("a duration")) if self._tokens else None

    def rest(self) -> list[Token]:
        tokens, self._tokens = self._tokens, []
        return tokens

    def done(self) -> None:
        if self._tokens:
            raise _LineError(self._tokens[0].column, "unexpected extra argument")


def _duration(token: Token) -> float:
    match = _DURATION.fullmatch(str(token.value))
    if match is None:
        raise _LineError(token.column, "a duration is a number and a unit: 500ms, 2s, 1m, 2h")
    return float(match.group(1)) * _UNITS[match.group(2)]


def _field(token: Token) -> str:
    name = str(token.value)
    if not is_tape_field(name):
        raise _LineError(token.column, f"unknown field {name!r}")
    return name


def _size(args: _Args, line: int, source: str) -> Step:
    token = args.word("a size such as 100x32")
    match = _SIZE.fullmatch(token.value)
    if match is None or int(match.group(1)) < 10 or int(match.group(2)) < 5:
        raise _LineError(token.column, "a size is WIDTHxHEIGHT, at least 10x5, such as 100x32")
    args.done()
    return Size(line, source, int(match.group(1)), int(match.group(2)))


def _open(args: _Args, line: int, source: str) -> Step:
    token = args.word("demo, a client secret, a checkout URL or env:NAME")
    target = str(token.value)
    if target == "demo":
        scenario = args.word("a scenario name").value if args.peek_word() else None
        args.done()
        return OpenDemo(line, source, scenario)
    args.done()
    if target.startswith("env:"):
        variable = target.removeprefix("env:")
        if not _VARIABLE.fullmatch(variable):
            raise _LineError(token.column + 4, "env: is followed by a variable name")
        return OpenFromEnvironment(line, source, variable)
    try:
        parse_session_ref(target)
    except SecretNotRecognised as error:
        raise _LineError(token.column, str(error)) from None
    return OpenSession(line, source, target)


def _focus(args: _Args, line: int, source: str) -> Step:
    field = _field(args.word("a field name"))
    args.done()
    return Focus(line, source, field)


def _type(args: _Args, line: int, source: str) -> Step:
    token = args.take("text", 'a quoted text ("...")')
    control = _CONTROL.search(token.value)
    if control is not None:
        raise _LineError(
            token.column, f"type cannot deliver control character {control.group()!r}: use press"
        )
    args.done()
    return Type(line, source, token.value)


def _paste(args: _Args, line: int, source: str) -> Step:
    text = args.text()
    args.done()
    return Paste(line, source, text)


def _clear(args: _Args, line: int, source: str) -> Step:
    args.done()
    return Clear(line, source)


def _press(args: _Args, line: int, source: str) -> Step:
    names = args.rest()
    if not names:
        raise _LineError(args.end + 1, "press needs at least one key")
    for token in names:
        if token.kind != "word" or not keys.is_key_name(str(token.value)):
            raise _LineError(token.column, f"unknown key {token.value!r}")
    return Press(line, source, tuple(str(token.value) for token in names))


def _wait(args: _Args, line: int, source: str) -> Step:
    absent = args.peek_word() == "no"
    if absent:
        args.word("no")
    text = args.text()
    seconds = args.optional_duration()
    args.done()
    return Wait(line, source, text, absent, seconds)


def _expect(args: _Args, line: int, source: str) -> Step:
    kind = args.peek_word()
    if kind is None:
        text = args.text("a quoted text, or no, field, error or stored")
        args.done()
        return Expect(line, source, text, absent=False)
    token = args.word("no, field, error or stored")
    step: Step
    if kind == "no":
        step = Expect(line, source, args.text(), absent=True)
    elif kind == "field":
        step = ExpectField(line, source, _field(args.word("a field name")), args.text())
    elif kind == "error":
        step = ExpectError(line, source, _field(args.word("a field name")), args.text())
    elif kind == "stored":
        step = ExpectStored(line, source, args.word("a dotted path").value, args.text())
    else:
        raise _LineError(token.column, "expect takes a quoted text, or no, field, error or stored")
    args.done()
    return step


def _emulator(args: _Args, line: int, source: str) -> Step:
    token = args.word("pay, decline, expire, block, lock, fault or clock")
    action = str(token.value)
    step: Step
    if action in EMULATOR_ACTIONS:
        step = EmulatorAction(line, source, action)
    elif action == "lock":
        step = EmulatorLock(line, source, _duration(args.word("a duration")))
    elif action == "fault":
        fault: dict[str, Any] = args.take("object", "a JSON object ({...})").value
        step = EmulatorFault(line, source, fault)
    elif action == "clock":
        amount = args.word("+DURATION")
        if not str(amount.value).startswith("+"):
            raise _LineError(amount.column, "the clock only moves forward: +DURATION")
        step = EmulatorClock(
            line, source, _duration(Token("word", amount.value[1:], amount.column + 1, amount.end))
        )
    else:
        raise _LineError(token.column, f"unknown emulator action {action!r}")
    args.done()
    return step


def _snapshot(args: _Args, line: int, source: str) -> Step:
    token = args.word("a snapshot name")
    if not _SNAPSHOT_NAME.fullmatch(token.value):
        raise _LineError(token.column, "a snapshot name is letters, digits, '.', '_' and '-'")
    args.done()
    return Snapshot(line, source, token.value)


def _pause(args: _Args, line: int, source: str) -> Step:
    seconds = _duration(args.word("a duration"))
    args.done()
    return Pause(line, source, seconds)


_KEYWORDS: dict[str, Callable[[_Args, int, str], Step]] = {
    "size": _size,
    "open": _open,
    "focus": _focus,
    "type": _type,
    "paste": _paste,
    "clear": _clear,
    "press": _press,
    "wait": _wait,
    "expect": _expect,
    "emulator": _emulator,
    "snapshot": _snapshot,
    "pause": _pause,
}
