"""The command-line options that bound waiting for the network, shared by `open`, `demo` and
`apply`. No Textual import."""

from __future__ import annotations

import argparse
from dataclasses import replace

import httpx

from tui.config import DEFAULT_TIMEOUTS, Timeouts
from tui.polar.watch import DEFAULT_SETTINGS, FollowSettings
from tui.settings import CONNECT_TIMEOUT, READ_TIMEOUT


def add_timeout_options(command: argparse.ArgumentParser, *, stream: bool = True) -> None:
    command.add_argument(
        "--connect-timeout",
        type=float,
        metavar="SECONDS",
        help=f"give up connecting after this long (default: {CONNECT_TIMEOUT:g}, or the settings')",
    )
    command.add_argument(
        "--read-timeout",
        type=float,
        metavar="SECONDS",
        help=f"give up waiting for an answer after this long (default: {READ_TIMEOUT:g}, or the "
        "settings')",
    )
    if stream:
        command.add_argument(
            "--stream-timeout",
            type=float,
            metavar="SECONDS",
            help="reconnect the live stream after this long without data "
            f"(default: {DEFAULT_SETTINGS.read_timeout:g}, or the settings')",
        )


def timeout(args: argparse.Namespace, configured: Timeouts = DEFAULT_TIMEOUTS) -> httpx.Timeout:
    """Each request's bounds: the options', else the settings'."""
    connect = _given(args, "connect_timeout", configured.connect)
    return httpx.Timeout(_given(args, "read_timeout", configured.read), connect=connect)


def follow_settings(
    args: argparse.Namespace, configured: Timeouts = DEFAULT_TIMEOUTS
) -> FollowSettings:
    """How the live stream is followed, with the stream's own time-out: the option's, else
    the settings'."""
    return replace(DEFAULT_SETTINGS, read_timeout=_given(args, "stream_timeout", configured.stream))


def _given(args: argparse.Namespace, option: str, otherwise: float) -> float:
    given = getattr(args, option, None)
    return otherwise if given is None else float(given)
