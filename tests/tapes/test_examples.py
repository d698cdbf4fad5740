"""The example tapes CI plays are readable tapes (CI runs them after the suite)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.tapes.parse import parse_file

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples" / "tapes").glob("*.tape"))


def test_there_are_example_tapes() -> None:
    assert len(EXAMPLES) >= 6


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_each_example_tape_parses(path: Path) -> None:
    tape = parse_file(path)
    assert tape.steps
    assert tape.size == (100, 32)
