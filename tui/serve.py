"""`polar-checkout serve`: the app in a browser through textual-serve, one copy per connection.

What to serve and whether to serve at all (host, port, the app's arguments, secrets) is decided
by `plan`, which starts nothing; `run` alone starts textual-serve.
"""

from __future__ import annotations

import argparse
import os
import shlex
import socket
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from tui import settings
from tui.polar.server_url import is_loopback

DEFAULT_PORT = 8765
"""Not the emulator's 8000, so `serve -- demo --server http://127.0.0.1:8000` can sit beside it."""
INSTALL_HINT = (
    "polar-checkout serve needs textual-serve, which is not installed. "
    "Install the web extra: pip install 'polar-checkout[web]'"
)
SECRET_MARK = "polar_c_"
NOT_SCREENS = ("serve", "emulator", "tape", "apply", "config")
"""Commands with no screen to show in a browser."""
WILDCARD_HOSTS = ("0.0.0.0", "::", "")


class ServeRefused(ValueError):
    """Serving as asked would be unsafe or cannot work; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class ServePlan:
    """What textual-serve is started with."""

    command: str
    """The shell command each browser connection runs: its own copy of the app."""
    host: str
    port: int
    public_url: str
    """The address the page tells the browser to fetch its script and open the websocket at."""
    warning: str | None = None


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve_cmd = commands.add_parser(
        "serve",
        help="serve the app to a web browser (needs the web extra)",
        description="Serve the app to a web browser; each browser that connects runs its own "
        "copy. With no ARGS it shows the start screen; `-- demo` serves the offline demo. "
        "Needs the web extra: pip install 'polar-checkout[web]'.",
    )
    serve_cmd.add_argument(
        "--host", default="127.0.0.1", help="default: 127.0.0.1 (others need --allow-remote)"
    )
    serve_cmd.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"default: {DEFAULT_PORT}"
    )
    serve_cmd.add_argument(
        "--allow-remote",
        action="store_true",
        help="let a non-loopback --host through: anyone who reaches the port runs the app here",
    )
    serve_cmd.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers reach this server at, when not http://HOST:PORT "
        "(a proxy, or --host 0.0.0.0: default http://THIS-MACHINE'S-NAME:PORT)",
    )
    serve_cmd.add_argument(
        "app_args",
        nargs="*",
        metavar="ARGS",
        help="after --: the app's own arguments (`-- demo`, `-- open --server sandbox`)",
    )


def plan(
    host: str,
    port: int,
    app_args: Sequence[str],
    environ: Mapping[str, str],
    *,
    allow_remote: bool = False,
    public_url: str | None = None,
    python: str = sys.executable,
    machine_name: Callable[[], str] = socket.gethostname,
) -> ServePlan:
    """What to serve; raises ServeRefused with a message for people when it should not be."""
    if not 0 < port < 65536:
        raise ServeRefused(f"--port {port}: give a port from 1 to 65535.")
    if app_args and app_args[0] in NOT_SCREENS:
        raise ServeRefused(
            f"`{app_args[0]}` has no screen to serve: give ARGS for `open` or `demo`, or none."
        )
    if SECRET_MARK in environ.get(settings.SECRET_ENV, ""):
        raise ServeRefused(
            f"Refusing to serve while ${settings.SECRET_ENV} holds a session secret: every "
            f"browser's copy of the app would open that session. Unset it first "
            f"(env -u {settings.SECRET_ENV} polar-checkout serve ...)."
        )
    if any(SECRET_MARK in arg for arg in app_args):
        raise ServeRefused(
            "Refusing to serve a session secret (or a checkout URL holding one) in ARGS: every "
            "browser would be handed that session. Serve the start screen (no ARGS) and paste "
            "it in the browser, or serve the demo (-- demo)."
        )
    warning = None
    if not is_loopback(host):
        if not allow_remote:
            raise ServeRefused(
                f"--host {host} is reachable from other machines, and whoever connects runs "
                "the app on this one. Pass --allow-remote if that is what you want."
            )
        warning = (
            f"warning: serving on {host}:{port} with no password: anyone who can reach this "
            "port runs the app on this machine, and sees what it shows."
        )
    return ServePlan(
        command=app_command(python, app_args),
        host=host,
        port=port,
        public_url=(public_url or _url_of(host, port, machine_name)).rstrip("/"),
        warning=warning,
    )


def app_command(python: str, app_args: Sequence[str]) -> str:
    """A shell command line (textual-serve takes a string) that passes every ARG unchanged.

    `-P`: the installed app, never a `tui` folder in the directory `serve` was started from.
    """
    words = [python, "-P", "-m", "tui", *app_args]
    return subprocess.list2cmdline(words) if os.name == "nt" else shlex.join(words)


def _url_of(host: str, port: int, machine_name: Callable[[], str]) -> str:
    if host in WILDCARD_HOSTS:
        host = machine_name()
    elif ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


def run_command(args: argparse.Namespace) -> int:
    """`polar-checkout serve`: the exit code."""
    try:
        chosen = plan(
            args.host,
            args.port,
            args.app_args,
            os.environ,
            allow_remote=args.allow_remote,
            public_url=args.public_url,
        )
    except ServeRefused as refused:
        print(f"polar-checkout serve: {refused}", file=sys.stderr)
        return 2
    return run(chosen)


def run(chosen: ServePlan) -> int:
    """Serve until interrupted (Ctrl+C, SIGTERM); 2 when textual-serve is missing or cannot
    listen."""
    try:
        from textual_serve.server import Server
    except ImportError:
        print(INSTALL_HINT, file=sys.stderr)
        return 2
    if chosen.warning:
        print(chosen.warning, file=sys.stderr)
    server = Server(
        chosen.command,
        host=chosen.host,
        port=chosen.port,
        title="polar-checkout",
        public_url=chosen.public_url,
    )
    try:
        server.serve()
    except OSError as error:
        print(
            f"polar-checkout serve: cannot listen on {chosen.host}:{chosen.port}: "
            f"{error.strerror or error}",
            file=sys.stderr,
        )
        return 2
    return 0
