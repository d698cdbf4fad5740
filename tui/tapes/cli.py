"""`polar-checkout tape run FILE...`: every file parsed first, then each run headless."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from tui import settings

_SIZE = re.compile(r"(\d+)x(\d+)")


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    tape = commands.add_parser("tape", help="scripted runs of the app (see docs/tapes.md)")
    verbs = tape.add_subparsers(dest="verb", required=True)
    run = verbs.add_parser("run", help="run tapes headless; exit 0 passed, 1 failed, 2 unreadable")
    run.add_argument("files", nargs="+", type=Path, metavar="FILE")
    run.add_argument("--size", help="terminal size WxH for every tape (default: its size line)")
    run.add_argument(
        "--out", type=Path, default=Path("."), help="where snapshots and failures go (default: .)"
    )
    run.add_argument("--server", help="the server for `open SECRET` lines")
    run.add_argument(
        "--timeout", type=float, default=5.0, help="default wait in seconds (default: 5)"
    )
    run.add_argument("--scenarios", type=Path, help="a scenario file for the built-in emulator")
    run.add_argument("--config", type=Path, help="a config file for the app")


def _size(text: str | None) -> tuple[int, int] | None:
    if text is None:
        return None
    match = _SIZE.fullmatch(text)
    if match is None:
        raise ValueError(f"--size takes WIDTHxHEIGHT, such as 100x32, not {text!r}")
    return int(match.group(1)), int(match.group(2))


def run(args: argparse.Namespace) -> int:
    from tui.tapes.parse import TapeError, parse_file
    from tui.tapes.run import RunOptions, run_tapes

    if args.config is not None:
        print("polar-checkout: --config: this version reads no config files yet", file=sys.stderr)
        return 2
    try:
        options = RunOptions(
            out=args.out,
            timeout=args.timeout,
            size=_size(args.size),
            server=settings.resolve_server(args.server).base_url if args.server else None,
            scenarios=args.scenarios,
        )
    except (ValueError, settings.ServerNotAllowed) as error:
        print(f"polar-checkout: {error}", file=sys.stderr)
        return 2
    tapes, errors = [], []
    for path in args.files:
        try:
            tapes.append(parse_file(path))
        except TapeError as unreadable:
            errors.append(str(unreadable))
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 2
    out = sys.stdout  # the app redirects sys.stdout while it runs: keep the real one
    return run_tapes(tapes, options, lambda line: print(line, file=out, flush=True))
