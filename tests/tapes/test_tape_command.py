"""`polar-checkout tape run`: every file is read before any runs; exit 0, 1 or 2. And the
tapes of an interactive run: `--record` on `open` and `demo`, `demo --play`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui import demo
from tui.app import CheckoutApp
from tui.cli import main, parse_args
from tui.launch import Launch
from tui.settings import resolve_server
from tui.tapes.cli import session_tapes
from tui.tapes.play import PlayingApp
from tui.tapes.record import RecordingApp

PASSING = 'open demo one-time\nexpect "Fieldnotes Pro"\n'
FAILING = 'open demo one-time\nexpect "Nowhere"\n'


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_all_passed_is_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tape = write(tmp_path, "a.tape", PASSING)
    assert main(["tape", "run", tape, "--out", str(tmp_path)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{tape}:1 ok open demo one-time",
        f'{tape}:2 ok expect "Fieldnotes Pro"',
    ]


def test_a_failed_step_in_any_file_is_1_and_the_others_still_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    failing = write(tmp_path, "failing.tape", FAILING)
    passing = write(tmp_path, "passing.tape", PASSING)
    assert main(["tape", "run", failing, passing, "--out", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"{failing}:2 FAIL expect \"Nowhere\" — 'Nowhere' is not on screen" in out
    assert f'{passing}:2 ok expect "Fieldnotes Pro"' in out
    assert (tmp_path / "failing-failure.svg").exists()


def test_an_unreadable_file_is_2_and_nothing_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    passing = write(tmp_path, "passing.tape", PASSING)
    broken = write(tmp_path, "broken.tape", "open demo\npress ctrl+frob\n")
    missing = str(tmp_path / "missing.tape")
    assert main(["tape", "run", passing, broken, missing]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        f"{broken}:2:7: error: unknown key 'ctrl+frob'",
        f"{missing}:1:1: error: cannot read the file: No such file or directory",
    ]


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--size", "big"], "--size takes WIDTHxHEIGHT"),
        (["--server", "ftp://x"], "Unknown server"),
        (["--config", "c.toml"], "--config: this version reads no config files yet"),
    ],
)
def test_bad_options_are_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: list[str], message: str
) -> None:
    tape = write(tmp_path, "a.tape", PASSING)
    assert main(["tape", "run", tape, *option]) == 2
    assert message in capsys.readouterr().err


def test_size_overrides_every_size_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tape = write(tmp_path, "a.tape", 'size 100x32\nopen demo one-time\nexpect "Nowhere"\n')
    assert main(["tape", "run", tape, "--size", "70x20", "--out", str(tmp_path)]) == 1
    assert "--- the screen at the failure (70x20) ---" in capsys.readouterr().out


def test_a_tape_to_play_that_cannot_be_read_is_2_before_anything_starts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = write(tmp_path, "broken.tape", "open demo\npress ctrl+frob\n")

    def start_demo(_scenarios: Path | None) -> None:
        raise AssertionError("the emulator started")

    monkeypatch.setattr(demo, "start_demo", start_demo)
    assert main(["demo", "--play", broken]) == 2
    assert capsys.readouterr().err == f"{broken}:2:7: error: unknown key 'ctrl+frob'\n"


def test_a_tape_that_cannot_be_recorded_is_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = "polar_c_" + "x" * 43
    assert main(["open", secret, "--record", str(tmp_path / "no" / "such.tape")]) == 2
    assert "polar-checkout: --record: " in capsys.readouterr().err


@pytest.mark.parametrize(
    "words",
    [
        ["demo", "--play", "a.tape", "--record", "b.tape"],
        ["demo", "--play", "a.tape", "--speed", "0"],
    ],
)
def test_record_with_play_and_a_speed_of_0_are_refused(words: list[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        parse_args(words)
    assert exit_.value.code == 2


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        (["open", "--record", "{out}"], RecordingApp),
        (["demo", "--record", "{out}"], RecordingApp),
        (["demo", "--play", "{tape}", "--speed", "3"], PlayingApp),
        (["demo"], CheckoutApp),
    ],
)
def test_record_and_play_choose_the_app(tmp_path: Path, words: list[str], kind: type) -> None:
    tape = write(tmp_path, "a.tape", PASSING)
    args = parse_args([w.format(out=tmp_path / "out.tape", tape=tape) for w in words])
    tapes = session_tapes(args)
    assert tapes is not None
    assert type(tapes.app(Launch(server=resolve_server("sandbox")))) is kind


def test_size_takes_at_least_10x5(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tape = write(tmp_path, "a.tape", PASSING)
    assert main(["tape", "run", tape, "--size", "0x0"]) == 2
    assert "at least 10x5" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("line", "error"),
    [
        (
            'type "Ada\\tLovelace"',
            "2:6: error: type cannot deliver control character '\\t': use press",
        ),
        ("paste ada@example.com", '2:7: error: expected a quoted text ("...")'),
        ("press tab enterr", "2:11: error: unknown key 'enterr'"),
        ("snapshot runs/form", "2:10: error: a snapshot name is letters, digits, '.', '_' and '-'"),
    ],
)
def test_a_step_that_cannot_be_read_is_2_with_its_position_and_nothing_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, error: str
) -> None:
    tape = write(tmp_path, "bad.tape", f"open demo one-time\n{line}\n")
    assert main(["tape", "run", tape, "--out", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"{tape}:{error}\n"
