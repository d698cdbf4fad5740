"""Command line: `open` (the default), `demo`, `emulator`, `tape`, `apply`; environment
fallbacks for the secret and the server."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from tui import settings
from tui.apply import cli as apply_cli
from tui.launch import Launch
from tui.polar.secret import SecretNotRecognised, parse_session_ref
from tui.polar.transport import prepare_tls
from tui.startup import hold_collection
from tui.tapes import cli as tape_cli

READ_ONLY_HELP = "look only: no Submit and no Confirm, whatever the session's status"
LOCALE_HELP = "amounts and dates as this locale writes them (de, ja, pt-BR; default: the session's)"
COMMANDS = ("open", "demo", "emulator", "tape", "apply")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="polar-checkout",
        description="Edit a Polar checkout session from the terminal.",
    )
    commands = parser.add_subparsers(dest="command")

    open_cmd = commands.add_parser("open", help="open a session by client secret or checkout URL")
    open_cmd.add_argument(
        "session", nargs="?", help=f"secret or URL (default: ${settings.SECRET_ENV})"
    )
    open_cmd.add_argument(
        "--server",
        help=f"production, sandbox or a URL (default: ${settings.SERVER_ENV}, else production)",
    )
    open_cmd.add_argument(
        "--allow-http", action="store_true", help="allow plain http to a non-loopback server"
    )
    _add_view_options(open_cmd)
    tape_cli.add_session_options(open_cmd, play=False)

    demo_cmd = commands.add_parser("demo", help="start the offline emulator and pick a session")
    source = demo_cmd.add_mutually_exclusive_group()
    source.add_argument("--scenarios", type=Path, help="sessions to seed, from a JSON or TOML file")
    source.add_argument(
        "--server", help="the URL of an emulator running elsewhere (`polar-checkout emulator`)"
    )
    demo_cmd.add_argument(
        "--allow-http", action="store_true", help="allow plain http to a non-loopback emulator"
    )
    demo_cmd.add_argument(
        "--smoke",
        action="store_true",
        help="headless self-check: open the one-time scenario, print its total, exit",
    )
    _add_view_options(demo_cmd)
    tape_cli.add_session_options(demo_cmd, play=True)

    emulator_cmd = commands.add_parser(
        "emulator", help="run the emulator by itself, for QA and other clients"
    )
    emulator_cmd.add_argument("--host", default="127.0.0.1", help="default: 127.0.0.1")
    emulator_cmd.add_argument("--port", type=int, default=8000, help="default: 8000 (0: any)")
    emulator_cmd.add_argument(
        "--scenarios", type=Path, help="sessions to seed, from a JSON or TOML file"
    )
    tape_cli.add_parser(commands)
    apply_cli.add_parser(commands)
    return parser


def _add_view_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--locale", help=LOCALE_HELP)
    command.add_argument("--read-only", action="store_true", help=READ_ONLY_HELP)
    command.add_argument(
        "--no-live",
        action="store_true",
        help="do not follow the session's changes on the server (ctrl+r reads it again)",
    )


def open_launch(args: argparse.Namespace, environ: Mapping[str, str]) -> Launch:
    """What `open` should do: the session (argument, else environment) and its server.

    An explicit --server (or POLAR_CHECKOUT_SERVER) wins; otherwise a checkout URL's host
    picks production or sandbox; otherwise production. Raises ValueError subclasses with a
    message for people.
    """
    explicit = args.server or environ.get(settings.SERVER_ENV)
    text = args.session or environ.get(settings.SECRET_ENV)
    ref = parse_session_ref(text) if text else None
    server_name = explicit or (ref.server if ref else None)
    server = settings.resolve_server(server_name, allow_http=args.allow_http)
    locale = getattr(args, "locale", None)  # `apply` has none: it reads amounts with a dot
    return Launch(
        server=server,
        server_explicit=bool(explicit),
        ref=ref,
        locale=locale,
        read_only=getattr(args, "read_only", False),
        live=not getattr(args, "no_live", False),
    )


def _run_open(args: argparse.Namespace) -> int:
    try:
        launch = open_launch(args, os.environ)
    except (SecretNotRecognised, settings.ServerNotAllowed) as error:
        print(f"polar-checkout: {error}", file=sys.stderr)
        return 2
    tapes = tape_cli.session_tapes(args)
    if tapes is None:
        return 2
    if launch.ref is not None:  # straight to the form: collect once it is filled
        hold_collection()
        prepare_tls(launch.server.base_url)
    tapes.run(tapes.app(launch))
    return 0


def _run_demo(args: argparse.Namespace) -> int:
    from tui.demo import DemoStartFailed, EmulatorServer, RemoteEmulator, start_demo

    tapes = tape_cli.session_tapes(args)
    if tapes is None:
        return 2
    emulator: EmulatorServer
    try:
        if args.server:
            server = settings.resolve_server(args.server, allow_http=args.allow_http)
            emulator = RemoteEmulator(server.base_url)
        else:
            emulator = start_demo(args.scenarios)
            server = settings.resolve_server(emulator.base_url)
    except (settings.ServerNotAllowed, DemoStartFailed) as error:
        print(f"polar-checkout: {error}", file=sys.stderr)
        return 2
    try:
        launch = Launch(
            server=server,
            demo=emulator,
            locale=args.locale,
            read_only=args.read_only,
            live=not args.no_live,
        )
        app = tapes.app(launch)
        if args.smoke:
            from tui.smoke import run_smoke

            return run_smoke(app)
        tapes.run(app)
    finally:
        emulator.stop()
    return 0


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    """`polar-checkout [SECRET] [--server …]` means `polar-checkout open …`."""
    words = list(argv)
    if not words or words[0] not in {*COMMANDS, "-h", "--help"}:
        words = ["open", *words]
    return _parser().parse_args(words)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(list(argv) if argv is not None else sys.argv[1:])
    if args.command == "demo":
        return _run_demo(args)
    if args.command == "tape":
        return tape_cli.run(args)
    if args.command == "apply":
        return apply_cli.run(args, open_launch)
    if args.command == "emulator":
        from tui.demo import serve_emulator

        return serve_emulator(args.host, args.port, args.scenarios)
    return _run_open(args)
