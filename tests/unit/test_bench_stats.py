"""The speed suite's arithmetic and table (benchmarks/stats.py): what the README's Speed
table is made of."""

from __future__ import annotations

import pytest

from benchmarks.emulator import server_ms
from benchmarks.stats import Row, percentile, ratio, summarize, table


def test_summary_of_a_sample_gives_median_quartiles_and_extremes() -> None:
    summary = summarize([5.0, 1.0, 3.0, 2.0, 4.0])
    assert (summary.count, summary.median, summary.q1, summary.q3) == (5, 3.0, 2.0, 4.0)
    assert (summary.low, summary.high) == (1.0, 5.0)
    assert summary.text("ms") == "3.0 ms (1.0–5.0)"
    assert summary.text("ms", 2, quartiles=True) == "3.00 ms (IQR 2.00–4.00)"
    assert summarize([7.0]).text("MiB") == "7.0 MiB"
    with pytest.raises(ValueError, match="no values"):
        summarize([])


def test_percentiles_are_nearest_rank() -> None:
    hundred = [float(value) for value in range(100, 0, -1)]
    assert percentile(hundred, 0.5) == 50.0
    assert percentile(hundred, 0.99) == 99.0
    assert percentile([10.0, 20.0, 30.0], 0.99) == 30.0
    assert percentile([10.0, 20.0, 30.0], 0.5) == 20.0


def test_ratio_compares_medians() -> None:
    assert ratio(summarize([3.0, 100.0, 1.0]), summarize([2.0])) == "1.50×"


def test_table_is_markdown_with_a_header() -> None:
    rows = [Row("launch", "1.20 s (1.10–1.30)", "1.00 s (0.90–1.10)", "1.20×", "≤ 1.25×")]
    assert table(rows).splitlines() == [
        "| what | ours: median (spread) | baseline | ratio / verdict | goal |",
        "| --- | --- | --- | --- | --- |",
        "| launch | 1.20 s (1.10–1.30) | 1.00 s (0.90–1.10) | 1.20× | ≤ 1.25× |",
    ]


def test_server_timing_duration_is_read_from_the_header() -> None:
    assert server_ms("app;dur=0.412") == 0.412
    assert server_ms("db;dur=3, app;desc=emulator;dur=12.5") == 12.5
    assert server_ms(None) is None
    assert server_ms("cache;desc=hit") is None
