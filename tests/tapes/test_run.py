"""The runner drives the real screens: each step passes when the app shows what it says,
and fails with a reason, the screen as text and an SVG of it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui.cli import main
from tui.demo import Demo
from tui.emulator.run.background import RunningEmulator
from tui.tapes.parse import parse_text
from tui.tapes.run import RunOptions, run_tape

TOUR = """\
# every kind of step, passing
size 90x30
open demo
wait "one-time"
expect "Offline demo"
open demo one-time
expect field customer_name ""
focus customer_email
type "not-an-email"
expect error customer_email "not a valid email"
clear
expect error customer_email "Needed to confirm"
paste "ada@example.com"
expect field customer_email "ada@example.com"
focus country
type "Germ"
press down enter
expect field country "DE"
expect field country "Germany"
press ctrl+s
wait "Saved"
expect stored customer_email "ada@example.com"
expect stored customer_billing_address.country "DE"
expect stored products.0.name "Fieldnotes Pro"
expect stored nothing.here "null"
emulator lock 2s
focus customer_name
type "Ada"
press ctrl+s
wait "Checkout busy"
emulator fault {"status": 500, "count": 1}
press ctrl+r
wait "Polar had a problem"
emulator pay
press ctrl+r
wait "confirmed"
wait no "Polar had a problem" 1s
snapshot paid
pause 50ms
"""


async def run(text: str, tmp_path: Path, **options: object) -> tuple[bool, list[str]]:
    lines: list[str] = []
    tape = parse_text(text, "t.tape")
    passed = await run_tape(tape, RunOptions(out=tmp_path, timeout=3, **options), lines.append)  # type: ignore[arg-type]
    return passed, lines


async def test_every_kind_of_step_passes_on_the_real_screens(tmp_path: Path) -> None:
    passed, lines = await run(TOUR, tmp_path)
    steps = [line for line in TOUR.splitlines() if line and not line.startswith("#")]
    assert lines == [f"t.tape:{n} ok {step}" for n, step in enumerate(steps, 2)]
    assert passed
    assert (tmp_path / "paid.svg").read_text(encoding="utf-8").startswith("<svg")


QUIT = "the app has quit: no step can follow a quit"
FAILURES = [
    ("open demo one-time\nfocus line1", "line1 is not displayed in the form as it is now"),
    ("open demo one-time\nfocus amount", "amount is not displayed in the form as it is now"),
    (
        "open demo one-time\nfocus custom_field_data.nope",
        "the form has no field custom_field_data.nope",
    ),
    ('open demo one-time\nexpect "Nowhere"', "'Nowhere' is not on screen"),
    ('open demo one-time\nexpect no "Fieldnotes Pro"', "'Fieldnotes Pro' is on screen"),
    ('open demo one-time\nwait "Nowhere" 200ms', "'Nowhere' did not appear after 0.2s"),
    (
        'open demo one-time\nwait no "Fieldnotes Pro" 200ms',
        "'Fieldnotes Pro' is still on screen after 0.2s",
    ),
    ('open demo one-time\nexpect field customer_name "Ada"', "customer_name shows ''"),
    ('open demo one-time\nexpect error customer_email "x"', "customer_email says nothing"),
    ('open demo one-time\nexpect stored customer_name "Ada"', "customer_name is 'null'"),
    (
        "open demo one-time\nfocus is_business_customer\nclear",
        "clear needs a text field in focus (Checkbox has it)",
    ),
    ("open demo\nemulator pay", "emulator lines need a session opened with `open demo ...`"),
    (
        'open demo one-time\npress ctrl+o\nwait "Waiting for payment…"\n'
        'expect field customer_name ""',
        "no checkout form on screen (HandoffScreen is)",
    ),
    ('expect stored customer_name "x"', "no checkout form on screen (StartScreen is)"),
    (
        'open demo one-time\nemulator fault {"status": 500, "count": 1}\nexpect stored url "x"',
        "reading the session answered 500",
    ),
    ("open env:POLAR_TAPE_TEST_UNSET", "the environment variable POLAR_TAPE_TEST_UNSET is not set"),
    ('press ctrl+q\ntype "Ada"', QUIT),
    ('press ctrl+q\npaste "Ada"', QUIT),
    ("press ctrl+q\npress tab", QUIT),
    ("press ctrl+q\nsnapshot after", QUIT),
]


@pytest.mark.parametrize(
    ("text", "reason"), FAILURES, ids=[f"{t.splitlines()[-1]}: {r}" for t, r in FAILURES]
)
async def test_a_step_that_does_not_hold_fails_with_its_reason(
    tmp_path: Path, text: str, reason: str
) -> None:
    passed, lines = await run(text + "\npause 10ms", tmp_path)
    assert not passed
    failed = [line for line in lines if " FAIL " in line]
    last = text.splitlines()[-1]
    assert failed == [f"t.tape:{len(text.splitlines())} FAIL {last} — {reason}"]
    assert not any("pause 10ms" in line for line in lines), "a tape stops at its first failure"


async def test_emulator_clock_moves_both_clocks_and_the_session_expires_on_screen(
    tmp_path: Path,
) -> None:
    text = (
        'open demo one-time\nfocus customer_name\ntype "Ada"\nemulator clock +61m\n'
        'wait "Expired at"\nexpect field customer_name "Ada"'
    )
    passed, lines = await run(text, tmp_path)
    assert passed, lines


async def test_emulator_lines_and_stored_values_reach_the_session_behind_its_hand_off(
    tmp_path: Path,
) -> None:
    text = (
        'open demo one-time\nfocus customer_email\ntype "ada@example.com"\npress ctrl+o\n'
        'wait "Waiting for payment…"\nexpect stored customer_email "ada@example.com"\n'
        'emulator pay\nwait "Paid: confirmed"\nexpect stored status "confirmed"'
    )
    passed, lines = await run(text, tmp_path)
    assert passed, lines


async def test_an_unknown_scenario_is_named(tmp_path: Path) -> None:
    passed, lines = await run("open demo no-such-thing", tmp_path)
    assert not passed
    assert lines[0].startswith("t.tape:1 FAIL open demo no-such-thing — no session of scenario")
    assert 'Unknown scenario \\"no-such-thing\\"' in lines[0]


async def test_a_failure_prints_the_screen_and_saves_it(tmp_path: Path) -> None:
    passed, lines = await run('size 80x24\nopen demo one-time\nexpect "Nowhere"', tmp_path)
    assert not passed
    assert lines[3] == "--- the screen at the failure (80x24) ---"
    wire = lines.index("--- the request log (oldest first) ---")
    screen = lines[4 : wire - 2]
    assert len(screen) == 24
    assert any("Fieldnotes Pro" in row for row in screen)
    assert lines[wire - 2 : wire] == ["---", f"saved {tmp_path / 't-failure.svg'}"]
    assert (tmp_path / "t-failure.svg").read_text(encoding="utf-8").startswith("<svg")
    # under it, what went over the wire: the session's first read, its secret masked
    assert re.fullmatch(
        r"\d\d:\d\d:\d\d\.\d{3} GET /v1/checkouts/client/polar_c_…\w{4} 200 \d+ ms",
        lines[wire + 1],
    ), lines[wire + 1]
    assert lines[wire + 2].startswith('    got: {"id":')
    assert lines[wire + 2].endswith("…")
    assert '"client_secret":"polar_c_…' in lines[wire + 2]
    assert "(event stream opened)" in lines[wire + 3]
    assert lines[-1] == "---"


async def test_open_a_secret_on_a_server_and_from_the_environment(
    tmp_path: Path, demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = next(e.client_secret for e in demo.store.scenarios() if e.name == "seats")
    monkeypatch.setenv("SEATS_SESSION", secret)
    text = f'open {secret}\nexpect "Relay Team Workspace"\nopen env:SEATS_SESSION\nexpect "Seats"'
    passed, lines = await run(text, tmp_path, server=demo.base_url)
    assert passed, lines


async def test_a_real_sessions_link_is_masked_in_a_failures_output(tmp_path: Path) -> None:
    """The hand-off shows the checkout link, which holds the client secret, wrapped over
    rows where no row holds it whole: a failure's rows and picture show it masked. (An
    emulator on the real clock: the tape's clock is the real one.)"""
    with RunningEmulator() as emulator:
        store = emulator.store
        secret = next(e.client_secret for e in store.scenarios() if e.name == "seats")
        text = f'open {secret}\npress ctrl+o\nwait "Waiting for payment" 10s\nwait "never" 200ms'
        passed, lines = await run(text, tmp_path, server=emulator.base_url)
    assert not passed
    assert lines[3].startswith('t.tape:4 FAIL wait "never"'), lines[:4]
    screen = lines[lines.index(next(line for line in lines if line.startswith("--- the screen"))) :]
    shown = "".join(screen) + (tmp_path / "t-failure.svg").read_text(encoding="utf-8")
    assert "Waiting for payment" in shown
    for piece in (secret[8:20], secret[20:32], secret[32:44]):
        assert piece not in shown


async def test_wait_for_saved_waits_for_the_save(tmp_path: Path) -> None:
    """ "Saved" appears only when the save's answer does: a slow answer is waited for."""
    text = (
        "open demo one-time\n"
        'emulator fault {"method": "PATCH", "delay_ms": 800}\n'
        "focus customer_name\n"
        'type "Ada"\n'
        "press ctrl+s\n"
        'wait "Saved"\n'
        'expect stored customer_name "Ada"'
    )
    passed, lines = await run(text, tmp_path)
    assert passed, lines


async def test_clear_empties_a_multi_line_answer_and_focus_refuses_a_read_only_field(
    tmp_path: Path,
) -> None:
    text = (
        "open demo custom-fields\n"
        "focus custom_field_data.notes\n"
        'type "first"\n'
        "clear\n"
        'expect field custom_field_data.notes ""'
    )
    passed, lines = await run(text, tmp_path)
    assert passed, lines
    kept = (
        'open demo one-time\nfocus country\ntype "Germany"\npress enter\n'
        'focus is_business_customer\npress space\nfocus line1\ntype "Hauptstr. 1"\n'
        'press ctrl+s\nwait "Saved"\nfocus is_business_customer\npress space ctrl+s\n'
        'wait "Saved"\nexpect field line1 "Hauptstr. 1"\nfocus line1'
    )
    passed, lines = await run(kept, tmp_path)
    assert not passed
    assert "t.tape:15 FAIL focus line1 — line1 is shown read-only: it takes no typing here" in lines


EMULATOR_ACTIONS = {
    "decline": (
        "open demo one-time\n"
        "press ctrl+o\n"
        'wait "Waiting for payment"\n'
        "emulator decline\n"  # the hand-off shows the session: an open one fails its payment
        "emulator pay\n"
        "emulator decline\n"  # confirmed, its payment still running: open again
        "press escape\n"
        'expect stored status "open"\n'
        'expect "Submit"'
    ),
    "block": (
        "open demo one-time\n"
        "emulator block\n"
        "press ctrl+r\n"
        'wait "Not permitted: Polar does not permit changes to this checkout"'
    ),
    "expire": (  # the reload's 410 or the stream's news may say it last: both say expired
        'open demo one-time\nemulator expire\npress ctrl+r\nwait "expired · live"'
    ),
}


@pytest.mark.parametrize("action", EMULATOR_ACTIONS)
async def test_an_emulator_action_changes_the_session_on_screen(
    tmp_path: Path, action: str
) -> None:
    text = EMULATOR_ACTIONS[action]
    passed, lines = await run(text, tmp_path)
    assert lines == [f"t.tape:{n} ok {step}" for n, step in enumerate(text.splitlines(), 1)]
    assert passed


def test_a_snapshot_that_cannot_be_saved_fails_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--out` names a file: neither the snapshot nor the failure's picture can go there."""
    tape = tmp_path / "snap.tape"
    tape.write_text("snapshot form\npause 10ms\n", encoding="utf-8")
    out = tmp_path / "runs"
    out.write_text("a file, not a folder", encoding="utf-8")
    assert main(["tape", "run", str(tape), "--out", str(out)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == [
        f"{tape}:1 FAIL snapshot form — cannot save {out / 'form.svg'}: File exists",
        "--- the screen at the failure (100x32) ---",
    ]
    assert lines[-5:-3] == ["---", f"cannot save {out / 'snap-failure.svg'}: File exists"]
    assert lines[-3:] == ["--- the request log (oldest first) ---", "(no requests)", "---"]
