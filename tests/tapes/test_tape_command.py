"""`polar-checkout tape run`: every file is read before any runs; exit 0, 1 or 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main

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
