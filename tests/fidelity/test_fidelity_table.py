"""`docs/fidelity.md` says what the tests prove: every rule marked, every marker known."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.fidelity.table import (
    COLLECTED,
    DOC,
    load_rules,
    marking_files,
    problems,
    proofs_by_rule,
    render,
)

WRITE = "POLAR_FIDELITY_WRITE"


def test_the_fidelity_table_is_the_one_the_tests_prove(request: pytest.FixtureRequest) -> None:
    items = request.session.stash[COLLECTED]
    collected_files = {Path(item.path).resolve() for item in items}
    missing = marking_files(Path(__file__).resolve().parents[1]) - collected_files
    if missing:
        pytest.skip(
            f"the table is checked when every marked file is collected ({len(missing)} not)"
        )
    rules = load_rules()
    proofs = proofs_by_rule(items)
    assert problems(rules, proofs) == []
    table = render(rules, proofs)
    if os.environ.get(WRITE):
        DOC.write_text(table, encoding="utf-8")
    assert DOC.read_text(encoding="utf-8") == table, (
        "docs/fidelity.md is out of date: run `python3 scripts/dev.py fidelity`"
    )
