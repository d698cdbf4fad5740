"""Samples to figures: medians with their spread, ratios, and the table printed at the end.
Pure: no I/O, no clock."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Summary:
    """A sample's median, quartiles and extremes."""

    count: int
    median: float
    q1: float
    q3: float
    low: float
    high: float

    def text(self, unit: str, digits: int = 1, *, quartiles: bool = False) -> str:
        """`median unit (low–high)`, e.g. "26.0 ms (24.1–29.3)", or with `quartiles` the
        middle half, "26.0 ms (IQR 25.2–27.0)"; one value has no spread."""
        head = f"{self.median:.{digits}f} {unit}"
        if self.count < 2:
            return head
        low, high, label = (self.q1, self.q3, "IQR ") if quartiles else (self.low, self.high, "")
        return f"{head} ({label}{low:.{digits}f}–{high:.{digits}f})"


def summarize(values: Sequence[float]) -> Summary:
    """The summary of a sample (at least one value); quartiles by the inclusive method."""
    if not values:
        raise ValueError("no values to summarize")
    ordered = sorted(values)
    if len(ordered) == 1:
        only = ordered[0]
        return Summary(1, only, only, only, only, only)
    q1, _, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
    return Summary(len(ordered), statistics.median(ordered), q1, q3, ordered[0], ordered[-1])


def percentile(values: Sequence[float], fraction: float) -> float:
    """The value below which `fraction` of the sample lies (nearest rank, as latency
    percentiles are usually given: p99 of 100 values is the 99th smallest)."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(1, math.ceil(round(fraction * len(ordered), 9)))
    return ordered[min(rank, len(ordered)) - 1]


def ratio(ours: Summary, floor: Summary) -> str:
    """How many times the baseline's median ours is, e.g. "1.32×"."""
    return f"{ours.median / floor.median:.2f}×"


def verdict(met: bool) -> str:
    return "met" if met else "MISSED"


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the table: what was measured, ours, the baseline, how they compare, the
    goal."""

    what: str
    ours: str
    baseline: str
    compared: str
    goal: str


HEADER = Row("what", "ours: median (spread)", "baseline", "ratio / verdict", "goal")


def table(rows: Sequence[Row]) -> str:
    """A Markdown table, as the README shows it."""
    lines = [HEADER, Row("---", "---", "---", "---", "---"), *rows]
    return "\n".join(
        f"| {row.what} | {row.ours} | {row.baseline} | {row.compared} | {row.goal} |"
        for row in lines
    )
