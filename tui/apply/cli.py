"""`polar-checkout apply SECRET_OR_URL|env:NAME|- --set FIELD=VALUE ...`."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import io
import os
import sys
import textwrap
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, TextIO

from tui.apply.values import UsageError, parse_settings
from tui.domain.fields import FORM_FIELDS
from tui.launch import Launch
from tui.log_option import LogNotWritable, add_log_option
from tui.network_options import add_timeout_options, timeout
from tui.polar.secret import SecretNotRecognised
from tui.settings import ServerNotAllowed

if TYPE_CHECKING:
    import httpx

    from tui.apply.run import Request

OpenLaunch = Callable[[argparse.Namespace, Mapping[str, str]], Launch]
"""How `open` picks the session and its server (`tui.cli.open_launch`): apply does the same."""
_ENV_PREFIX = "env:"
_PROMPT = "-"
"""In place of the secret: ask for it at a prompt that does not echo (no shell history, no `ps`)."""
PIPED_LIMIT = 4096
"""The most of a piped first line read: a secret or a checkout URL is far shorter."""
_FIELDS = textwrap.fill(
    f"FIELD is a tape field name the form edits: {', '.join(FORM_FIELDS)}.", width=80
)
_EPILOG = f"""\
{_FIELDS}
VALUE is read as JSON when it is valid JSON (is_business_customer=true), else as
text (postal_code=01234); an empty VALUE clears the field (discount_code= removes the
code). Country and state take a name or a code (country=Germany, state=CA); product
takes the product's id or its exact name in any case; amount is in currency units with
a dot (amount=12.50). A change to any address field sends the whole address, as the
form does.

It prints each change (old → new), then Polar's new totals and "applied".
--json prints the session as the server stores it afterwards (with --dry-run, as it
is now) on stdout, and the lines above on stderr. Every secret is masked.

exit status: 0 applied (or nothing to change, or a dry run that would send);
1 refused, nothing applied (a local rule, Polar's 422, 403, 404, 410);
2 usage error, or could not reach or could not tell (network, time-out, 5xx, 409,
429). Reads and updates are tried up to 3 times after a network failure, a time-out,
a 5xx, a 409 or a 429, waiting as Polar's Retry-After says when it is 10 s or less;
each retry is announced on stderr.
"""


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser(
        "apply",
        help="change a session without a screen: the form's checks and minimal update",
        description="Change a checkout session from the command line, as the form would.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    command.add_argument(
        "session",
        metavar="SECRET_OR_URL|env:NAME|-",
        help="client secret or checkout URL; env:NAME reads it from a variable, - asks for it "
        "at a prompt that does not show it (or reads a pipe's first line)",
    )
    command.add_argument(
        "--set",
        dest="settings",
        action="append",
        required=True,
        metavar="FIELD=VALUE",
        help="a field's new value (repeat for more fields)",
    )
    command.add_argument(
        "--server",
        help="production, sandbox or a URL (default: $POLAR_CHECKOUT_SERVER, else "
        "the URL's, else production)",
    )
    command.add_argument(
        "--allow-http", action="store_true", help="allow plain http to a non-loopback server"
    )
    command.add_argument(
        "--dry-run", action="store_true", help="check and print the update body; send nothing"
    )
    command.add_argument(
        "--json", dest="as_json", action="store_true", help="print the stored session as JSON"
    )
    add_timeout_options(command, stream=False)
    add_log_option(command)


def run(
    args: argparse.Namespace,
    open_launch: OpenLaunch,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
) -> int:
    """The subcommand; `transport` lets tests stand in for Polar."""
    from tui.apply.run import Printer, apply

    try:
        request = _request(args, open_launch, os.environ)
    except (UsageError, SecretNotRecognised, ServerNotAllowed, LogNotWritable) as error:
        print(f"polar-checkout apply: {error}", file=sys.stderr)
        return 2
    request_timeout = timeout(args)
    printer = Printer(request.secret, stdout=sys.stdout, stderr=sys.stderr, as_json=args.as_json)
    return asyncio.run(apply(request, printer, transport=transport, timeout=request_timeout))


def _request(
    args: argparse.Namespace, open_launch: OpenLaunch, environ: Mapping[str, str]
) -> Request:
    from tui.apply.run import Request

    text: str = args.session
    if text == _PROMPT:
        text = _prompted(sys.stdin or io.StringIO())
    elif text.startswith(_ENV_PREFIX):
        name = text.removeprefix(_ENV_PREFIX)
        text = environ.get(name, "")
        if not text.strip():
            raise UsageError(f"the environment variable {name!r} is not set or is empty.")
    settings = parse_settings(args.settings)
    # apply writes its totals in the session's own locale: it has no --locale to pass on.
    chosen = argparse.Namespace(**{**vars(args), "session": text, "locale": None})
    launch = open_launch(chosen, environ)
    if launch.ref is None:
        raise UsageError("give a client secret (polar_c_...) or a checkout URL.")
    return Request(
        secret=launch.ref.secret,
        server=launch.server,
        settings=settings,
        dry_run=args.dry_run,
        as_json=args.as_json,
        log=launch.request_log,
    )


def _prompted(stdin: TextIO) -> str:
    """The secret typed (or pasted) at a prompt that does not echo it; from a pipe (`pass
    show … | polar-checkout apply -`), its first line."""
    if not stdin.isatty():
        text = stdin.readline(PIPED_LIMIT)
        if not text.strip():
            raise UsageError("'-' read no client secret from the input (its first line).")
        return text
    try:
        text = getpass.getpass("Client secret or checkout URL (not shown): ")
    except (EOFError, KeyboardInterrupt):
        text = ""
    if not text.strip():
        raise UsageError("no client secret was given at the prompt.")
    return text
