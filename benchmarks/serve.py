"""The emulator for the benchmarks, started as the demo starts it (`tui.demo.start_demo`: a
free loopback port, the built-in scenarios, the system clock), in a process of its own so
its CPU is not the measuring client's. Prints its URL, serves until stdin closes."""

from __future__ import annotations

import sys

from tui.demo import start_demo


def main() -> int:
    demo = start_demo()
    print(demo.base_url, flush=True)
    sys.stdin.read()
    demo.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
