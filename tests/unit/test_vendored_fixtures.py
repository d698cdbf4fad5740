"""The suite stands alone: vendored fixtures are the files their README names, byte for byte,
and no test reaches outside the repository for anything else."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from tests.fixtures import CONTRACT, FIXTURES, SEED_2024_SESSION, TAX_ID_GOLDEN

PINNED = {
    TAX_ID_GOLDEN: "c16ee8fa5f94b6deeed687a77e61fd699951754debab99ece7f2f3ffda2162b4",
    CONTRACT: "506c6129fde4cedf2f66dadb9a387c207ad455dc64ca77a99de67f0cc94d0198",
    SEED_2024_SESSION: "e6dbf4d86cbef5f583d620d4adf774285797cf1e101672ca060b174db1a6f5c1",
}
TESTS = FIXTURES.parent
# A path climbing out of the checkout: `parents[3]` from a test module, or a sibling `shared/`.
OUTSIDE = re.compile(r"parents\[[3-9]\]|\.\./shared|\"shared\"")


@pytest.mark.parametrize("path", list(PINNED), ids=lambda path: path.name)
def test_fixture_matches_its_pinned_hash(path: Path) -> None:
    assert hashlib.sha256(path.read_bytes()).hexdigest() == PINNED[path]


def test_every_fixture_is_pinned() -> None:
    assert {path for path in FIXTURES.iterdir() if path.suffix == ".json"} == set(PINNED)


def test_no_test_reads_outside_the_repository() -> None:
    offenders = [
        f"{path.relative_to(TESTS)}:{number}"
        for path in TESTS.rglob("*.py")
        if path != Path(__file__)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if OUTSIDE.search(line)
    ]
    assert offenders == []
