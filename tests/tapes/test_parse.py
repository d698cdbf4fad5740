"""The tape format as docs/tapes.md writes it: every line type, and every unreadable line
named by its line and column."""

from __future__ import annotations

import pytest

from tui.tapes.parse import TapeError, parse_text
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
    Type,
    Wait,
)

SECRET = "polar_c_" + "Q7wErTy9UiOp2AsDfGh3JkLzXcVbNm4QwErTyUiOpA5"


def only_step(line: str) -> Step:
    (step,) = parse_text(line, "t.tape").steps
    return step


@pytest.mark.parametrize(
    ("line", "step"),
    [
        ("size 80x24", Size(1, "size 80x24", 80, 24)),
        ("open demo", OpenDemo(1, "open demo", None)),
        ("open demo one-time", OpenDemo(1, "open demo one-time", "one-time")),
        (f"open {SECRET}", OpenSession(1, f"open {SECRET}", SECRET)),
        (
            f"open https://sandbox.polar.sh/checkout/{SECRET}?theme=dark",
            OpenSession(
                1,
                f"open https://sandbox.polar.sh/checkout/{SECRET}?theme=dark",
                f"https://sandbox.polar.sh/checkout/{SECRET}?theme=dark",
            ),
        ),
        ("open env:SUPPORT_CASE", OpenFromEnvironment(1, "open env:SUPPORT_CASE", "SUPPORT_CASE")),
        ("focus country", Focus(1, "focus country", "country")),
        (
            "focus custom_field_data.team_name",
            Focus(1, "focus custom_field_data.team_name", "custom_field_data.team_name"),
        ),
        ('type "Ada \\"A\\" L\\u00e9"', Type(1, 'type "Ada \\"A\\" L\\u00e9"', 'Ada "A" Lé')),
        (
            'paste "line one\\nline two"',
            Paste(1, 'paste "line one\\nline two"', "line one\nline two"),
        ),
        ("clear", Clear(1, "clear")),
        (
            "press tab shift+tab ctrl+s f1 plus a é",
            Press(
                1,
                "press tab shift+tab ctrl+s f1 plus a é",
                ("tab", "shift+tab", "ctrl+s", "f1", "plus", "a", "é"),
            ),
        ),
        ('wait "Saved"', Wait(1, 'wait "Saved"', "Saved", False, None)),
        ('wait "Saved" 1.5s', Wait(1, 'wait "Saved" 1.5s', "Saved", False, 1.5)),
        ('wait no "Saving" 500ms', Wait(1, 'wait no "Saving" 500ms', "Saving", True, 0.5)),
        ('expect "Total"', Expect(1, 'expect "Total"', "Total", False)),
        ('expect no "Error"', Expect(1, 'expect no "Error"', "Error", True)),
        ('expect field state "CA"', ExpectField(1, 'expect field state "CA"', "state", "CA")),
        (
            'expect error customer_email ""',
            ExpectError(1, 'expect error customer_email ""', "customer_email", ""),
        ),
        (
            'expect stored products.0.name "Pro"',
            ExpectStored(1, 'expect stored products.0.name "Pro"', "products.0.name", "Pro"),
        ),
        ("emulator decline", EmulatorAction(1, "emulator decline", "decline")),
        ("emulator lock 2m", EmulatorLock(1, "emulator lock 2m", 120.0)),
        (
            'emulator fault {"status": 500, "path": "/x#y"}',
            EmulatorFault(
                1, 'emulator fault {"status": 500, "path": "/x#y"}', {"status": 500, "path": "/x#y"}
            ),
        ),
        ("emulator clock +2h", EmulatorClock(1, "emulator clock +2h", 7200.0)),
        ("snapshot after-save.v2", Snapshot(1, "snapshot after-save.v2", "after-save.v2")),
        ("pause 250ms", Pause(1, "pause 250ms", 0.25)),
        (
            '  type "# not a comment"   # a comment',
            Type(1, 'type "# not a comment"', "# not a comment"),
        ),
    ],
)
def test_each_line_type(line: str, step: Step) -> None:
    assert only_step(line) == step


def test_comments_and_blank_lines_are_skipped_and_lines_keep_their_numbers() -> None:
    tape = parse_text("# a tape\n\n   \nopen demo # start\n\nclear\n", "x/y/german.tape")
    assert [(step.line, step.source) for step in tape.steps] == [(4, "open demo"), (6, "clear")]
    assert tape.name == "german"
    assert tape.size is None


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ('Type "x"', "1:1: error: unknown keyword 'Type'"),
        ("open demo\n  frobnicate", "2:3: error: unknown keyword 'frobnicate'"),
        ('type "a\\tb"', "1:6: error: type cannot deliver control character '\\t': use press"),
        ('type "a', '1:6: error: unterminated text: a closing " is missing'),
        ('type "\\q"', "1:7: error: not valid JSON: Invalid \\escape"),
        ("type x", '1:6: error: expected a quoted text ("...")'),
        ("type", '1:6: error: type needs a quoted text ("...")'),
        ('type "a" "b"', "1:10: error: unexpected extra argument"),
        ("press", "1:7: error: press needs at least one key"),
        ("press tab ctrl+frob", "1:11: error: unknown key 'ctrl+frob'"),
        ("press enterr", "1:7: error: unknown key 'enterr'"),
        ("focus zip", "1:7: error: unknown field 'zip'"),
        ('expect field nope "x"', "1:14: error: unknown field 'nope'"),
        (
            'expect maybe "x"',
            "1:8: error: expect takes a quoted text, or no, field, error or stored",
        ),
        ('wait "x" 5', "1:10: error: a duration is a number and a unit: 500ms, 2s, 1m, 2h"),
        ("pause 5 s", "1:7: error: a duration is a number and a unit: 500ms, 2s, 1m, 2h"),
        ("emulator clock 5m", "1:16: error: the clock only moves forward: +DURATION"),
        ("emulator refund", "1:10: error: unknown emulator action 'refund'"),
        (
            'emulator fault {"status": 500',
            "1:16: error: unterminated JSON object: a closing } is missing",
        ),
        ("emulator fault [500]", "1:16: error: expected a JSON object ({...})"),
        (
            "open polar_c_abc",
            "1:6: error: A client secret is polar_c_ followed by 43 letters and digits; "
            "this one has 3.",
        ),
        ("open env:1X", "1:10: error: env: is followed by a variable name"),
        ("size 80", "1:6: error: a size is WIDTHxHEIGHT, at least 10x5, such as 100x32"),
        ("open demo\nsize 80x24", "2:1: error: size must come before the first open"),
        ("snapshot ../x", "1:10: error: a snapshot name is letters, digits, '.', '_' and '-'"),
        ('"open"', "1:1: error: a line starts with a keyword"),
    ],
)
def test_unreadable_lines_are_named_by_position(text: str, error: str) -> None:
    with pytest.raises(TapeError) as raised:
        parse_text(text, "t.tape")
    assert str(raised.value) == f"t.tape:{error}"


def test_a_byte_order_mark_and_windows_line_ends_are_read() -> None:
    tape = parse_text('\ufeffopen demo\r\ntype "x"\r\n', "t.tape")
    assert [step.source for step in tape.steps] == ["open demo", 'type "x"']


def test_only_a_newline_ends_a_line() -> None:
    (step,) = parse_text('paste "a\u2028b\u0085c"', "t.tape").steps
    assert isinstance(step, Paste)
    assert step.text == "a\u2028b\u0085c"


@pytest.mark.parametrize("character", ["\u0085", "\u009b", "\u2028"])
def test_type_refuses_every_control_character(character: str) -> None:
    with pytest.raises(TapeError, match="type cannot deliver control character"):
        parse_text(f'type "a{character}"', "t.tape")
