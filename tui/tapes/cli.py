"""`polar-checkout tape run FILE...`: every file parsed first, then each run headless.
And the tapes of an interactive run: `--record FILE` on `open` and `demo`, `demo --play`."""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tui import settings

if TYPE_CHECKING:
    from tui.app import CheckoutApp
    from tui.launch import Launch
    from tui.tapes.play import Player
    from tui.tapes.record import TapeWriter

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
    if match is None or int(match.group(1)) < 10 or int(match.group(2)) < 5:
        raise ValueError(f"--size takes WIDTHxHEIGHT, at least 10x5, such as 100x32, not {text!r}")
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


# The tapes of an interactive run -----------------------------------------------------------


def _speed(text: str) -> float:
    try:
        speed = float(text)
    except ValueError:
        speed = 0.0
    if not speed > 0:
        raise argparse.ArgumentTypeError(f"a speed is a number above 0, such as 2, not {text!r}")
    return speed


def add_session_options(parser: argparse.ArgumentParser, *, play: bool) -> None:
    """`--record FILE`; with `play`, also `--play FILE [--speed X]` (not both at once)."""
    tapes = parser.add_mutually_exclusive_group()
    tapes.add_argument(
        "--record",
        type=Path,
        metavar="FILE",
        help="write what you do as a tape (a real session's secret is never written)",
    )
    if play:
        tapes.add_argument(
            "--play",
            type=Path,
            metavar="FILE",
            help="perform a tape on screen; any key stops it and hands you the keyboard",
        )
        parser.add_argument(
            "--speed", type=_speed, default=1.0, help="the tape's pace, times a person's (1)"
        )


@dataclass(frozen=True, slots=True)
class SessionTapes:
    """What `--record` and `--play` ask of an interactive run, ready to go."""

    writer: TapeWriter | None = None
    player: Player | None = None

    def app(self, launch: Launch) -> CheckoutApp:
        from tui.app import CheckoutApp
        from tui.tapes.play import PlayingApp
        from tui.tapes.record import RecordingApp

        if self.writer is not None:
            return RecordingApp(launch, self.writer)
        if self.player is not None:
            return PlayingApp(launch, self.player)
        return CheckoutApp(launch)

    def run(self, app: CheckoutApp) -> None:
        from tui.tapes.play import PlayingApp

        if isinstance(app, PlayingApp):
            app.play()
        else:
            app.run()


def session_tapes(args: argparse.Namespace) -> SessionTapes | None:
    """The tape to record or play; None, with the reason printed, when it cannot be."""
    from tui.tapes.parse import TapeError, parse_file
    from tui.tapes.play import Player
    from tui.tapes.record import TapeWriter

    play: Path | None = getattr(args, "play", None)
    if play is not None:
        try:
            tape = parse_file(play)
        except TapeError as unreadable:
            print(unreadable, file=sys.stderr)
            return None
        return SessionTapes(player=Player(tape, speed=args.speed))
    if args.record is not None:
        try:
            return SessionTapes(writer=TapeWriter.create(args.record))
        except OSError as error:
            print(f"polar-checkout: --record: {error}", file=sys.stderr)
            return None
    return SessionTapes()
