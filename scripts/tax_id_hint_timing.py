"""Time `tax_id_hint` as the form calls it: once per keystroke, on 20-character values.

    .venv/bin/python scripts/tax_id_hint_timing.py

Prints the median, 99th percentile and worst of many calls, in milliseconds. The values are
chosen to make the search for another country work hardest: shapes that many countries share
(13 digits), an EU prefix, a number valid elsewhere, and text that matches nothing.
"""

from __future__ import annotations

import statistics
import time

from tui.domain.tax_id_hints import tax_id_hint

VALUES = (
    "0100 2334 8800 01 234",  # digits only: several shapes, nothing valid
    "1792060346001 123456",
    "DE 136 695 976 12345",  # an EU prefix, one character too many
    "DE 136 695 976      ",  # valid for Germany, padded to 20
    "CHE-100.155.212 MWST",  # valid for Switzerland only
    "abcdefghijklmnopqrst",
    "27AAPFU0939F1ZV 1234",
)
BILLING = ("US", "DE", "BR", "CH", "JP", "NZ")
ROUNDS = 200


def main() -> None:
    for value in VALUES:  # warm the caches the first call fills
        tax_id_hint("US", value)
    samples: list[float] = []
    for _ in range(ROUNDS):
        for country in BILLING:
            for value in VALUES:
                for end in (len(value) - 1, len(value)):  # the last two keystrokes
                    start = time.perf_counter()
                    tax_id_hint(country, value[:end])
                    samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    p99 = samples[int(len(samples) * 0.99)]
    print(
        f"{len(samples)} calls: median {statistics.median(samples):.3f} ms, "
        f"p99 {p99:.3f} ms, worst {samples[-1]:.3f} ms"
    )


if __name__ == "__main__":
    main()
