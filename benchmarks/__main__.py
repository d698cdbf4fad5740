"""`python -m benchmarks [--quick] [--suite]`: every figure of issue 11, then the table."""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from pathlib import Path

from . import figures
from .bytecode import compile_installed
from .emulator import Emulator
from .stats import table


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="dev.py bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="few repetitions: a smoke run")
    parser.add_argument("--suite", action="store_true", help="also time the test suite (~5 min)")
    parser.add_argument("--raw", type=Path, help="write every sample to this JSON file")
    args = parser.parse_args(argv)
    if not sys.platform.startswith("linux"):
        print("The benchmarks read /proc: they run on Linux only.", file=sys.stderr)
        return 2
    plan = figures.QUICK if args.quick else figures.FULL
    report = figures.Report()
    started = time.monotonic()
    figures.progress("compiling the bytecode both apps launch from")
    compile_installed()
    with Emulator() as emulator:
        figures.progress(f"emulator on {emulator.base_url}")
        figures.terminal_figures(emulator, plan, report)
        figures.handler_figures(emulator, plan, report)
        with (
            tempfile.TemporaryDirectory() as folder,
            Emulator(floor=True) as floor,
            Emulator(state=Path(folder) / "bench.sqlite") as stateful,
        ):
            figures.emulator_figures(emulator, floor, stateful, plan, report)
        figures.submit_figure(emulator, plan, report)
        figures.edit_session_figure(emulator, report)
        figures.paste_figure(emulator, plan, report)
    figures.https_figure(plan, report)
    if args.suite:
        figures.suite_figure(report)
    mode = "quick" if args.quick else "full"
    print(f"\nRaw samples ({mode} run):")
    print("\n".join(f"  {line}" for line in report.raw()))
    if args.raw is not None:
        args.raw.write_text(json.dumps(report.samples, indent=1) + "\n", encoding="utf-8")
    print(
        f"\n{mode} run, {time.monotonic() - started:.0f} s, Python {platform.python_version()}, "
        f"{platform.machine()}\n"
    )
    print(table(report.rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
