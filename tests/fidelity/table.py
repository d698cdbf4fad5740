"""The fidelity table: Polar's rules (`rules.toml`) against the tests marked as proving them.

A test proves a rule with `@pytest.mark.fidelity("rule-id", ...)` (or the same marker on a
`pytest.param`). The table in `docs/fidelity.md` is rendered from the rules and the markers
the collection found, so it cannot drift from the tests.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

RULES_FILE = Path(__file__).with_name("rules.toml")
ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "fidelity.md"
MARKER = "fidelity"
STATUSES = ("reproduced", "simplified", "left out")
HEADER_RULE = "| --- | --- | --- |"
COLLECTED = pytest.StashKey[list[pytest.Item]]()
"""Every test the session collected, before `-k` or `-m` deselected any."""


@dataclass(frozen=True)
class Rule:
    id: str
    section: str
    text: str
    status: str = "reproduced"
    note: str = ""


def load_rules(path: Path = RULES_FILE) -> list[Rule]:
    with path.open("rb") as file:
        return [Rule(**entry) for entry in tomllib.load(file)["rule"]]


def proofs_by_rule(items: Iterable[pytest.Item]) -> dict[str, list[str]]:
    """Each rule id named by a `fidelity` marker, with the tests that carry it, a
    parametrised test named once: with its cases when only some of them carry the rule."""
    items = list(items)
    cases: dict[str, list[str]] = {}
    marked: dict[str, dict[str, list[str]]] = {}
    for item in items:
        function, _, case = item.nodeid.partition("[")
        cases.setdefault(function, []).append(case)
        for marker in item.iter_markers(MARKER):
            for rule_id in marker.args:
                marked.setdefault(str(rule_id), {}).setdefault(function, []).append(case)
    return {
        rule_id: [
            _named(function, proving, len(cases[function]))
            for function, proving in functions.items()
        ]
        for rule_id, functions in marked.items()
    }


def _named(function: str, proving: list[str], every: int) -> str:
    if len(proving) == every:
        return f"`{function}`" + (f" ({every} cases)" if every > 1 else "")
    rows = ", ".join(sorted(case.rstrip("]") for case in proving))
    return f"`{function}` ({rows})"


def problems(rules: list[Rule], proofs: Mapping[str, list[str]]) -> list[str]:
    """What keeps the table from being true: unknown ids, unproved rules, bad statuses."""
    known = {rule.id for rule in rules}
    found = [
        f"marker names an unknown rule {rule_id!r}" for rule_id in proofs if rule_id not in known
    ]
    for rule in rules:
        if rule.status not in STATUSES:
            found.append(f"rule {rule.id!r} has an unknown status {rule.status!r}")
        elif rule.status == "reproduced" and not proofs.get(rule.id):
            found.append(f"rule {rule.id!r} is reproduced but no test is marked for it")
        elif rule.status == "left out" and proofs.get(rule.id):
            found.append(f"rule {rule.id!r} is left out but tests are marked for it")
        elif rule.status != "reproduced" and not rule.note:
            found.append(f"rule {rule.id!r} is {rule.status} without a note saying how")
    return found


def _tests_cell(nodeids: list[str]) -> str:
    return "<br>".join(sorted(nodeids)) or "—"


def render(rules: list[Rule], proofs: Mapping[str, list[str]]) -> str:
    counts = {status: sum(rule.status == status for rule in rules) for status in STATUSES}
    lines = [
        "# Fidelity: Polar's checkout rules in the emulator",
        "",
        "Generated from `tests/fidelity/rules.toml` and the tests' `fidelity` markers by",
        "`python3 scripts/dev.py fidelity`; the test suite fails when this page is out of date.",
        "",
        f"{len(rules)} rules: "
        + ", ".join(f"{counts[status]} {status}" for status in STATUSES)
        + ".",
    ]
    section = ""
    for rule in rules:
        if rule.section != section:
            section = rule.section
            lines += [
                "",
                f"## {section}",
                "",
                "| rule | status | proved by |",
                "| --- | --- | --- |",
            ]
        status = f"{rule.status}: {rule.note}" if rule.note else rule.status
        lines.append(f"| {rule.text} | {status} | {_tests_cell(proofs.get(rule.id, []))} |")
    return "\n".join(lines) + "\n"


def marking_files(tests_root: Path) -> set[Path]:
    """The test files that carry a `fidelity` marker: the table needs all of them collected."""
    needle = f"mark.{MARKER}("
    return {
        path.resolve()
        for path in tests_root.rglob("test_*.py")
        if needle in path.read_text(encoding="utf-8")
    }
