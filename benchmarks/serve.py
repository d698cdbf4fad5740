"""The emulator for the benchmarks, started as the demo starts it (`tui.demo.start_demo`: a
free loopback port, the built-in scenarios, the system clock), in a process of its own so
its CPU is not the measuring client's. Prints its URL, serves until stdin closes.

    python benchmarks/serve.py [--https FOLDER]   # https: a local CA's certificate in FOLDER
"""

from __future__ import annotations

import sys
from pathlib import Path

from tui.demo import start_demo


def main(argv: list[str]) -> int:
    if argv[:1] == ["--https"]:
        from benchmarks.tls import start_https

        emulator, base_url = start_https(Path(argv[1]))
        stop = emulator.stop
    else:
        demo = start_demo()
        base_url, stop = demo.base_url, demo.stop
    print(base_url, flush=True)
    sys.stdin.read()
    stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
