"""Command line: `open` (the default), `demo`; environment fallbacks for secret and server."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from tui import settings
from tui.polar.secret import SecretNotRecognised, SessionRef, parse_session_ref

SECRET_ENV = "POLAR_CHECKOUT_SECRET"
SERVER_ENV = "POLAR_CHECKOUT_SERVER"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="polar-checkout",
        description="Edit a Polar checkout session from the terminal.",
    )
    commands = parser.add_subparsers(dest="command")

    open_cmd = commands.add_parser("open", help="open a session by client secret or checkout URL")
    open_cmd.add_argument("session", nargs="?", help=f"secret or URL (default: ${SECRET_ENV})")
    open_cmd.add_argument(
        "--server", help=f"production, sandbox or a URL (default: ${SERVER_ENV}, else production)"
    )
    open_cmd.add_argument(
        "--allow-http", action="store_true", help="allow plain http to a non-loopback server"
    )

    demo_cmd = commands.add_parser("demo", help="start the offline emulator and pick a session")
    demo_cmd.add_argument(
        "--smoke",
        action="store_true",
        help="headless self-check: open the one-time scenario, print its total, exit",
    )
    return parser


def _run_open(args: argparse.Namespace) -> int:
    from tui.app import CheckoutApp, Launch

    explicit = args.server or os.environ.get(SERVER_ENV)
    text = args.session or os.environ.get(SECRET_ENV)
    try:
        ref: SessionRef | None = parse_session_ref(text) if text else None
        server_name = explicit or (ref.server if ref else None)
        server = settings.resolve_server(server_name, allow_http=args.allow_http)
    except (SecretNotRecognised, settings.ServerNotAllowed) as error:
        print(f"polar-checkout: {error}", file=sys.stderr)
        return 2
    CheckoutApp(Launch(server=server, server_explicit=bool(explicit), ref=ref)).run()
    return 0


def _run_demo(args: argparse.Namespace) -> int:
    from tui.app import CheckoutApp, Launch
    from tui.demo import start_demo

    demo = start_demo()
    try:
        app = CheckoutApp(Launch(server=settings.resolve_server(demo.base_url), demo=demo))
        if args.smoke:
            from tui.smoke import run_smoke

            return run_smoke(app)
        app.run()
    finally:
        demo.stop()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "demo":
        return _run_demo(args)
    if args.command is None:
        args = _parser().parse_args(["open", *(argv if argv is not None else sys.argv[1:])])
    return _run_open(args)
