"""Command line: `open` (the default), `demo`, `emulator`, `tape`, `apply`; environment
fallbacks for the secret and the server."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from tui import config_cli, serve, settings
from tui.apply import cli as apply_cli
from tui.config import LoadedConfig, load_config
from tui.launch import Launch
from tui.log_option import LogNotWritable, add_log_option, request_log
from tui.network_options import add_timeout_options, follow_settings, timeout
from tui.polar.secret import SecretNotRecognised, parse_session_ref
from tui.polar.transport import prepare_tls
from tui.startup import hold_collection
from tui.tapes import cli as tape_cli

READ_ONLY_HELP = "look only: no Submit and no Confirm, whatever the session's status"
LOCALE_HELP = "amounts and dates as this locale writes them (de, ja, pt-BR; default: the session's)"
COMMANDS = ("open", "demo", "emulator", "tape", "apply", "config", "serve")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="polar-checkout",
        description="Edit a Polar checkout session from the terminal. With no argument (and no "
        f"${settings.SECRET_ENV}) it opens the start screen, where a secret or URL can be pasted.",
    )
    parser.add_argument("--version", action=_Version, nargs=0, help="print the version and exit")
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
    emulator_cmd.add_argument(
        "--state",
        type=Path,
        help="keep sessions, counters, clock and ledger in this SQLite file across restarts",
    )
    emulator_cmd.add_argument(
        "--versions",
        help="the Polar-Version values to serve, comma-separated (default: 2026-04,2026-10,"
        "2027-01); leave one out to rehearse its retirement",
    )
    tape_cli.add_parser(commands)
    apply_cli.add_parser(commands)
    config_cli.add_parser(commands)
    serve.add_parser(commands)
    return parser


class _Version(argparse.Action):
    """Reads the installed version only when asked (importlib.metadata is slow to load)."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from importlib.metadata import version

        parser.exit(message=f"polar-checkout {version('polar-checkout')}\n")


def _add_view_options(command: argparse.ArgumentParser) -> None:
    config_cli.add_config_option(command)
    add_log_option(command)
    command.add_argument("--locale", help=LOCALE_HELP)
    command.add_argument("--read-only", action="store_true", help=READ_ONLY_HELP)
    command.add_argument(
        "--no-live",
        action="store_true",
        help="do not follow the session's changes on the server (ctrl+r reads it again)",
    )
    add_timeout_options(command)


def open_launch(args: argparse.Namespace, environ: Mapping[str, str]) -> Launch:
    """What `open` should do: the session (argument, else environment) and its server.

    An explicit --server (or POLAR_CHECKOUT_SERVER) wins; otherwise a checkout URL's host
    picks production, sandbox or the loopback emulator it names; otherwise the settings
    file's server; otherwise production. A URL on any other host is refused unless it is the
    explicit (or the file's) server's. Raises ValueError subclasses with a message for people.
    """
    loaded = load_config(getattr(args, "config", None), environ)
    explicit = args.server or environ.get(settings.SERVER_ENV)
    text = args.session or environ.get(settings.SECRET_ENV)
    chosen = settings.resolve_server(explicit, allow_http=args.allow_http) if explicit else None
    configured, problems = _configured_server(loaded, allow_http=args.allow_http)
    trusted = chosen or configured
    ref = parse_session_ref(text, server_host=trusted.host if trusted else None) if text else None
    from_url = settings.resolve_server(ref.server) if ref and ref.server else None
    server = chosen or from_url or configured or settings.resolve_server(None)
    return Launch(
        server=server,
        server_explicit=bool(explicit),
        allow_http=args.allow_http,
        ref=ref,
        locale=_locale(args, loaded.config.locale),
        read_only=getattr(args, "read_only", False),
        live=not getattr(args, "no_live", False),
        config=loaded.config,
        config_problems=loaded.problems + problems,
        follow=follow_settings(args, loaded.config.timeouts),
        timeout=timeout(args, loaded.config.timeouts),
        request_log=request_log(args),
    )


def _configured_server(
    loaded: LoadedConfig, *, allow_http: bool
) -> tuple[settings.Server | None, tuple[str, ...]]:
    """The settings file's server, or what is wrong with it (the app starts all the same)."""
    if loaded.config.server is None or settings.SERVER_ENV in loaded.from_env:
        return None, ()
    try:
        return settings.resolve_server(loaded.config.server, allow_http=allow_http), ()
    except settings.ServerNotAllowed as error:
        return None, (f"{loaded.path}: server: {error}",)


def _locale(args: argparse.Namespace, configured: str | None) -> str | None:
    """`--locale`, else the settings'; `apply` has none: it reads amounts with a dot."""
    if not hasattr(args, "locale"):
        return None
    return args.locale or configured


def _run_open(args: argparse.Namespace) -> int:
    try:
        launch = open_launch(args, os.environ)
    except (SecretNotRecognised, settings.ServerNotAllowed, LogNotWritable) as error:
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
        log = request_log(args)
        if args.server:
            server = settings.resolve_server(args.server, allow_http=args.allow_http)
            emulator = RemoteEmulator(server.base_url)
        else:
            emulator = start_demo(args.scenarios)
            server = settings.resolve_server(emulator.base_url)
    except (settings.ServerNotAllowed, DemoStartFailed, LogNotWritable) as error:
        print(f"polar-checkout: {error}", file=sys.stderr)
        return 2
    loaded = load_config(args.config)
    try:
        launch = Launch(
            server=server,
            demo=emulator,
            locale=_locale(args, loaded.config.locale),
            read_only=args.read_only,
            live=not args.no_live,
            config=loaded.config,
            config_problems=loaded.problems,
            follow=follow_settings(args, loaded.config.timeouts),
            timeout=timeout(args, loaded.config.timeouts),
            request_log=log,
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
    if not words or words[0] not in {*COMMANDS, "-h", "--help", "--version"}:
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
    if args.command == "config":
        return config_cli.run(args)
    if args.command == "serve":
        return serve.run_command(args)
    if args.command == "emulator":
        from tui.demo import serve_emulator

        return serve_emulator(
            args.host, args.port, args.scenarios, versions=args.versions, state=args.state
        )
    return _run_open(args)
